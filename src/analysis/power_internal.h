// Shared by power.cc and brute_force.cc: checking a game's numbers before any arithmetic on
// them, and the factorials and powers of two the indices are fractions of.
#pragma once

#include <gmpxx.h>

#include <cstdint>
#include <vector>

#include "analysis/power.h"
#include "concord/result.h"

namespace concord::power_internal {

inline constexpr int kMaxPlayers = 511;  // 8 words of 64 bits hold every count

// Players in range, weights and quotas non-negative, each criterion's total within int64.
Status CheckVectorGame(const VectorGame& game);

// The weighted game as a vector game of one criterion.
VectorGame AsVectorGame(const WeightedGame& game);

// s! (n-1-s)! for s = 0..n-1: the number of orderings in which a given player arrives right
// after a given coalition of s others.
std::vector<mpz_class> OrderingWeights(int players);

}  // namespace concord::power_internal
