// Enumeration of every coalition (brute_force.h): a bit per coalition says whether it wins;
// each winning coalition is then checked for the members whose departure makes it lose.
#include "analysis/brute_force.h"

#include <bit>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "analysis/power_internal.h"

namespace concord {
namespace {

using Bits = std::vector<std::uint64_t>;

bool Test(const Bits& bits, std::uint64_t s) { return (bits[s >> 6] >> (s & 63)) & 1; }

Status CheckSize(int players) {
  if (players < 1) return Fail(ErrorCode::kInvalidArgument, "a game needs at least one player");
  if (players > kMaxBruteForcePlayers) {
    return Fail(ErrorCode::kInvalidArgument,
                "enumeration is limited to " + std::to_string(kMaxBruteForcePlayers) +
                    " players; got " + std::to_string(players));
  }
  return {};
}

// Counts from the table of winners: decided[i][s] is the number of coalitions of s players
// other than i that lose without i and win with i (at most 2^29, so 64 bits suffice).
PowerIndices FromWinners(int n, const Bits& wins, bool shapley_shubik) {
  const std::uint64_t all = std::uint64_t{1} << n;
  std::vector<std::uint64_t> decided(static_cast<std::size_t>(n) * n, 0);
  std::uint64_t winning = 0;
  for (std::uint64_t s = 0; s < all; ++s) {
    if (!Test(wins, s)) continue;
    ++winning;
    const int others = std::popcount(s) - 1;
    for (std::uint64_t rest = s; rest != 0; rest &= rest - 1) {
      const int i = std::countr_zero(rest);
      if (!Test(wins, s ^ (std::uint64_t{1} << i))) ++decided[static_cast<std::size_t>(i) * n + others];
    }
  }
  const std::vector<mpz_class> orderings =
      shapley_shubik ? power_internal::OrderingWeights(n) : std::vector<mpz_class>{};
  std::vector<mpz_class> swings(static_cast<std::size_t>(n));
  std::vector<mpz_class> pivots(shapley_shubik ? static_cast<std::size_t>(n) : 0);
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < n; ++k) {
      const std::uint64_t d = decided[static_cast<std::size_t>(i) * n + k];
      if (d == 0) continue;
      const mpz_class count(static_cast<unsigned long>(d));
      swings[i] += count;
      if (shapley_shubik) pivots[i] += count * orderings[k];
    }
  }
  return MakeIndices(n, std::move(swings), std::move(pivots),
                     mpz_class(static_cast<unsigned long>(winning)));
}

}  // namespace

Result<PowerIndices> BruteForcePower(int players, const std::function<bool(std::uint64_t)>& wins,
                                     PowerOptions options) {
  if (Status ok = CheckSize(players); !ok) return ok.error();
  const std::uint64_t all = std::uint64_t{1} << players;
  Bits bits((all + 63) / 64, 0);
  for (std::uint64_t s = 0; s < all; ++s) {
    if (wins(s)) bits[s >> 6] |= std::uint64_t{1} << (s & 63);
  }
  return FromWinners(players, bits, options.shapley_shubik);
}

Result<PowerIndices> BruteForceVectorPower(const VectorGame& game, PowerOptions options) {
  if (Status ok = power_internal::CheckVectorGame(game); !ok) return ok.error();
  if (Status ok = CheckSize(game.players); !ok) return ok.error();
  const int n = game.players;
  // A coalition's weight is the weight of its low half plus that of its high half, each read
  // from a table of 2^(n/2) sums, instead of a sum over its n bits.
  const int low_bits = n / 2;
  const std::uint64_t low_mask = (std::uint64_t{1} << low_bits) - 1;
  std::vector<std::vector<std::int64_t>> low, high;
  for (const GameCriterion& c : game.criteria) {
    std::vector<std::int64_t> lo(std::size_t{1} << low_bits, 0);
    std::vector<std::int64_t> hi(std::size_t{1} << (n - low_bits), 0);
    for (std::uint64_t s = 1; s < lo.size(); ++s) {
      const int i = std::countr_zero(s);
      lo[s] = lo[s & (s - 1)] + c.weights[i];
    }
    for (std::uint64_t s = 1; s < hi.size(); ++s) {
      const int i = std::countr_zero(s);
      hi[s] = hi[s & (s - 1)] + c.weights[low_bits + i];
    }
    low.push_back(std::move(lo));
    high.push_back(std::move(hi));
  }
  const std::uint64_t all = std::uint64_t{1} << n;
  Bits bits((all + 63) / 64, 0);
  for (std::uint64_t s = 0; s < all; ++s) {
    const int members = std::popcount(s);
    bool win = n - members < game.fewer_opponents_than;
    if (!win && members >= game.min_members) {
      win = true;
      for (std::size_t c = 0; c < game.criteria.size() && win; ++c) {
        // Both halves are parts of a total CheckVectorGame bounded: no overflow.
        win = low[c][s & low_mask] + high[c][s >> low_bits] >= game.criteria[c].quota;
      }
    }
    if (win) bits[s >> 6] |= std::uint64_t{1} << (s & 63);
  }
  return FromWinners(n, bits, options.shapley_shubik);
}

Result<PowerIndices> BruteForceWeightedPower(const WeightedGame& game, PowerOptions options) {
  if (game.weights.size() > static_cast<std::size_t>(kMaxBruteForcePlayers)) {
    return Fail(ErrorCode::kInvalidArgument,
                "enumeration is limited to " + std::to_string(kMaxBruteForcePlayers) +
                    " players; got " + std::to_string(game.weights.size()));
  }
  return BruteForceVectorPower(power_internal::AsVectorGame(game), options);
}

}  // namespace concord
