// Exact a priori voting power of simple games: Banzhaf swings and index, the Penrose-Banzhaf
// absolute measure, the Shapley-Shubik index and the game's decisiveness, as exact integers
// and fractions (GMP), never floating point until the caller asks (docs/analysis.md).
//
//   WeightedGame eec{{4, 4, 4, 2, 2, 1}, 12};            // [12; 4,4,4,2,2,1]
//   Result<PowerIndices> p = WeightedGamePower(eec);
//   if (!p) return p.error();
//   p->shapley_shubik[0];                                 // 7/30 (France)
//   p->banzhaf[5];                                        // 0 (Luxembourg)
//
//   VectorGame qmv = ...;  // 15 of 27 members and 65 % of the population, or fewer than 4 against
//   Result<PowerIndices> eu = VectorGamePower(qmv);
//
// Algorithms: counts of coalitions by weight (and by size, for Shapley-Shubik and head counts)
// built once for all players by dynamic programming, then each player taken out of the counts
// in closed form; pseudo-polynomial in the smaller of the quota and its complement. Counts are
// kept in fixed words of 64 bits, as many as the number of players needs, and become GMP
// integers only at the end.
#pragma once

#include <gmpxx.h>

#include <cstdint>
#include <vector>

#include "concord/result.h"

namespace concord {

// [quota; w_1, ..., w_n]: a coalition wins iff the sum of its members' weights is at least the
// quota. Weights and quota are non-negative; their total must fit in an int64.
struct WeightedGame {
  std::vector<std::int64_t> weights;
  std::int64_t quota = 0;
};

// One requirement of a vector-weighted game: the coalition's weight is at least quota.
struct GameCriterion {
  std::vector<std::int64_t> weights;  // one per player, non-negative
  std::int64_t quota = 0;             // non-negative; 0 is always met
};

// A coalition wins iff it has at least min_members members and meets every criterion, or, when
// fewer_opponents_than > 0, when fewer than that many players are outside it (the EU Council's
// "a blocking minority needs at least four members": fewer_opponents_than = 4).
//
// Criteria whose weights are all equal are head counts and cost nothing. One criterion with
// unequal weights is computed exactly by dynamic programming for any number of players; two or
// more are enumerated (at most 25 players), because their joint table would be the product of
// their totals.
struct VectorGame {
  int players = 0;
  std::vector<GameCriterion> criteria;
  int min_members = 0;
  int fewer_opponents_than = 0;
};

struct PowerIndices {
  int players = 0;
  // Coalitions S not holding i that lose while S + i wins.
  std::vector<mpz_class> swings;
  // Orderings of all players in which i is the one whose arrival makes the coalition win.
  std::vector<mpz_class> pivots;
  mpz_class winning;  // winning coalitions, out of 2^n
  // swings_i / (sum of all swings); all 0 when nobody ever swings (quota 0 or above the total).
  std::vector<mpq_class> banzhaf;
  // swings_i / 2^(n-1): the probability that i decides, every coalition equally likely.
  std::vector<mpq_class> banzhaf_absolute;
  // pivots_i / n!; empty when PowerOptions::shapley_shubik is false.
  std::vector<mpq_class> shapley_shubik;
  mpq_class decisiveness;  // winning / 2^n
};

struct PowerOptions {
  // Shapley-Shubik needs counts by size and weight: about n times the time and memory of the
  // Banzhaf figures alone.
  bool shapley_shubik = true;
};

// The exact indices of [quota; weights]. Refuses (kInvalidArgument) negative weights or quota,
// a total above int64, no players, more than 511 players, or a table over 1 GiB.
Result<PowerIndices> WeightedGamePower(const WeightedGame& game, PowerOptions options = {});

// The exact indices of a vector-weighted game (see VectorGame for what is computed how).
Result<PowerIndices> VectorGamePower(const VectorGame& game, PowerOptions options = {});

// Whether a coalition (bit i = player i) wins the vector game, for games of at most 64 players:
// the reference the property tests and the benchmark enumerate against.
bool VectorGameWins(const VectorGame& game, std::uint64_t coalition);

// Each fraction as the nearest double (for display; the fractions are the result).
std::vector<double> ToDoubles(const std::vector<mpq_class>& fractions);

// The indices from raw counts: swings, pivots (may be empty) and winning coalitions of an
// n-player game. Shared by the dynamic programs and the enumerator.
PowerIndices MakeIndices(int players, std::vector<mpz_class> swings,
                         std::vector<mpz_class> pivots, mpz_class winning);

}  // namespace concord
