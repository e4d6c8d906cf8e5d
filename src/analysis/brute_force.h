// Power indices by enumerating every coalition: the oracle the dynamic programs are tested
// against, and the baseline of the benchmark. Exponential (n 2^n steps at worst), so limited to
// kMaxBruteForcePlayers; any monotone simple game can be given as a predicate.
//
//   // The UN Security Council: 9 of 15, the five permanent members (bits 0-4) among them.
//   Result<PowerIndices> p = BruteForcePower(15, [](std::uint64_t s) {
//     return (s & 0x1F) == 0x1F && std::popcount(s) >= 9;
//   });
//   p->shapley_shubik[0];  // 421/2145
#pragma once

#include <cstdint>
#include <functional>

#include "analysis/power.h"
#include "concord/result.h"

namespace concord {

inline constexpr int kMaxBruteForcePlayers = 30;

// wins(coalition), bit i = player i, must be monotone: every superset of a winning coalition
// wins (otherwise swings and pivots lose their meaning). Called once per coalition.
Result<PowerIndices> BruteForcePower(int players,
                                     const std::function<bool(std::uint64_t)>& wins,
                                     PowerOptions options = {});

// The same for a vector-weighted or weighted game, with coalition weights summed from two
// half-tables rather than bit by bit (so the EU-27's 2^27 coalitions take seconds, not minutes).
Result<PowerIndices> BruteForceVectorPower(const VectorGame& game, PowerOptions options = {});
Result<PowerIndices> BruteForceWeightedPower(const WeightedGame& game, PowerOptions options = {});

}  // namespace concord
