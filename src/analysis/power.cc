// The dynamic programs behind WeightedGamePower and VectorGamePower (docs/analysis.md).
//
// Every game handled here has the form
//   wins(S) = (|S| >= m and w(S) >= q) or (n - |S| < b)
// with one weight vector w (all zeros when the game has none). For each player i everything
// follows from A_i(s, a): the number of coalitions of s players other than i weighing less
// than a. The program builds P[s][a], the same count over all players, once; A_i comes out of
// it by the identity c = c_i + x^{w_i} y c_i (a coalition holds i or not), unrolled:
//   A_i(s, a) = sum_j (-1)^j P[s-j][a - j w_i]
// a sum of at most s + 1 table reads. Only weights below T = min(q, total - q + 1) are
// tabled: when the quota is above half the total, coalitions are counted through their
// complements, which weigh less than total - q + 1.
//
// Counts never exceed 2^n, so each lives in ceil((n+1)/64) machine words added with carries;
// sums that go negative on the way wrap modulo 2^(64 words) and come back exact, since every
// final value is a count below that modulus.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "analysis/brute_force.h"
#include "analysis/power.h"
#include "analysis/power_internal.h"

namespace concord {
namespace power_internal {

Status CheckVectorGame(const VectorGame& game) {
  if (game.players < 1) return Fail(ErrorCode::kInvalidArgument, "a game needs at least one player");
  if (game.players > kMaxPlayers) {
    return Fail(ErrorCode::kInvalidArgument,
                "at most " + std::to_string(kMaxPlayers) + " players are supported; got " +
                    std::to_string(game.players));
  }
  if (game.min_members < 0) return Fail(ErrorCode::kInvalidArgument, "min_members is negative");
  if (game.fewer_opponents_than < 0) {
    return Fail(ErrorCode::kInvalidArgument, "fewer_opponents_than is negative");
  }
  for (std::size_t c = 0; c < game.criteria.size(); ++c) {
    const GameCriterion& crit = game.criteria[c];
    const std::string name = "criterion " + std::to_string(c + 1);
    if (crit.weights.size() != static_cast<std::size_t>(game.players)) {
      return Fail(ErrorCode::kInvalidArgument,
                  name + " has " + std::to_string(crit.weights.size()) + " weights for " +
                      std::to_string(game.players) + " players");
    }
    if (crit.quota < 0) return Fail(ErrorCode::kInvalidArgument, name + ": the quota is negative");
    std::int64_t total = 0;
    for (std::size_t i = 0; i < crit.weights.size(); ++i) {
      if (crit.weights[i] < 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    name + ": the weight of player " + std::to_string(i + 1) + " is negative");
      }
      if (__builtin_add_overflow(total, crit.weights[i], &total)) {
        return Fail(ErrorCode::kInvalidArgument,
                    name + ": the total weight exceeds 2^63 - 1 (at player " +
                        std::to_string(i + 1) + ")");
      }
    }
  }
  return {};
}

VectorGame AsVectorGame(const WeightedGame& game) {
  VectorGame v;
  v.players = static_cast<int>(game.weights.size());  // the caller checked the size
  v.criteria.push_back(GameCriterion{game.weights, game.quota});
  return v;
}

std::vector<mpz_class> OrderingWeights(int players) {
  std::vector<mpz_class> factorial(static_cast<std::size_t>(players) + 1);
  factorial[0] = 1;
  for (int k = 1; k <= players; ++k) factorial[k] = factorial[k - 1] * k;
  std::vector<mpz_class> out(static_cast<std::size_t>(players));
  for (int s = 0; s < players; ++s) out[s] = factorial[s] * factorial[players - 1 - s];
  return out;
}

}  // namespace power_internal

namespace {

using power_internal::CheckVectorGame;
using power_internal::OrderingWeights;

constexpr std::size_t kMaxTableBytes = std::size_t{1} << 30;

// A count of L machine words, least significant first; arithmetic wraps modulo 2^(64 L).
template <int L>
inline void AddTo(std::uint64_t* __restrict d, const std::uint64_t* __restrict s) {
  if constexpr (L == 1) {
    d[0] += s[0];
  } else {
    std::uint64_t carry = 0;
    for (int j = 0; j < L; ++j) {
      const std::uint64_t t = s[j] + carry;
      carry = t < carry;
      d[j] += t;
      carry += d[j] < t;
    }
  }
}

template <int L>
inline void SubFrom(std::uint64_t* __restrict d, const std::uint64_t* __restrict s) {
  if constexpr (L == 1) {
    d[0] -= s[0];
  } else {
    std::uint64_t borrow = 0;
    for (int j = 0; j < L; ++j) {
      const std::uint64_t t = s[j] + borrow;
      borrow = t < borrow;
      borrow += d[j] < t;
      d[j] -= t;
    }
  }
}

mpz_class ToMpz(const std::uint64_t* words, int count) {
  mpz_class z;
  mpz_import(z.get_mpz_t(), static_cast<std::size_t>(count), -1, sizeof(std::uint64_t), 0, 0, words);
  return z;
}

// The normalised game: wins(S) = (|S| >= m and w(S) >= q) or (n - |S| < b).
struct SizeWeightGame {
  int n = 0;
  std::vector<std::int64_t> w;
  std::int64_t total = 0;
  std::int64_t q = 0;
  int m = 0;
  int b = 0;
};

// Where the table stops and which side of the quota it counts.
struct Plan {
  bool dual = false;      // count complements: coalitions weighing less than q* = total - q + 1
  std::int64_t cut = 0;   // T: q, or q*; never negative
};

Plan MakePlan(const SizeWeightGame& g) {
  const std::int64_t q_dual = g.total - g.q + 1;  // no overflow: 0 <= q, total
  Plan p;
  p.dual = q_dual < g.q;
  p.cut = std::max<std::int64_t>(0, p.dual ? q_dual : g.q);
  return p;
}

// Bytes of a table of `rows` rows of cut + 1 counts of `words` words, or nothing on overflow.
bool TableBytes(std::int64_t rows, std::int64_t cut, int words, std::size_t* bytes) {
  std::size_t entries = 0;
  std::size_t b = 0;
  if (__builtin_mul_overflow(static_cast<std::size_t>(rows), static_cast<std::size_t>(cut) + 1, &entries)) return false;
  if (__builtin_mul_overflow(entries, static_cast<std::size_t>(words) * 8, &b)) return false;
  *bytes = b;
  return true;
}

Unexpected TooLarge(std::size_t bytes, bool overflowed) {
  std::string size = overflowed ? "more than 2^64 bytes" : std::to_string(bytes >> 20) + " MiB";
  return Fail(ErrorCode::kInvalidArgument,
              "the exact computation would need " + size + " of counts (limit " +
                  std::to_string(kMaxTableBytes >> 20) +
                  " MiB): the weights are too large or too fine; divide them by a common "
                  "factor if they have one");
}

// Prefix counts P[r][x] (coalitions of size r, or of any size when rows == 1, weighing < x)
// for x = 0..cut.
template <int L>
class Table {
 public:
  Table(int rows, std::int64_t cut)
      : rows_(rows), stride_(static_cast<std::size_t>(cut) + 1),
        data_(static_cast<std::size_t>(rows) * stride_ * L, 0) {}

  std::uint64_t* Row(int r) { return data_.data() + static_cast<std::size_t>(r) * stride_ * L; }
  const std::uint64_t* At(int r, std::int64_t x) const {
    return data_.data() + (static_cast<std::size_t>(r) * stride_ + static_cast<std::size_t>(x)) * L;
  }
  int rows() const { return rows_; }
  std::int64_t cut() const { return static_cast<std::int64_t>(stride_) - 1; }

  // Counts c[k] (k < cut) of each row become prefix counts P[x] = sum_{k<x} c[k].
  void ToPrefix() {
    for (int r = 0; r < rows_; ++r) {
      std::uint64_t* row = Row(r);
      std::uint64_t run[L] = {};
      for (std::size_t x = 0; x < stride_; ++x) {
        std::uint64_t v[L];
        std::memcpy(v, row + x * L, sizeof v);
        std::memcpy(row + x * L, run, sizeof run);
        AddTo<L>(run, v);
      }
    }
  }

 private:
  int rows_;
  std::size_t stride_;
  std::vector<std::uint64_t> data_;
};

// Counts by size and weight below the cut. Row s holds coalitions of s players; rows past
// the largest size that can weigh less than the cut are all zero and not stored.
template <int L>
Table<L> BuildBySize(const SizeWeightGame& g, std::int64_t cut, int rows) {
  Table<L> t(rows, cut);
  if (cut == 0) return t;
  // lo[s]..hi[s]: the weights a coalition of size s of the players so far can have (below cut).
  std::vector<std::int64_t> lo(rows, std::numeric_limits<std::int64_t>::max());
  std::vector<std::int64_t> hi(rows, -1);
  t.Row(0)[0] = 1;
  lo[0] = hi[0] = 0;
  int done = 0;
  for (std::int64_t w : g.w) {
    for (int s = std::min(done + 1, rows - 1); s >= 1; --s) {
      if (hi[s - 1] < lo[s - 1] || lo[s - 1] > cut - 1 - w) continue;
      const std::int64_t from = lo[s - 1] + w;
      const std::int64_t to = std::min(cut - 1, hi[s - 1] + w);
      std::uint64_t* __restrict dst = t.Row(s);
      const std::uint64_t* __restrict src = t.Row(s - 1);
      if constexpr (L == 1) {
        for (std::int64_t k = from; k <= to; ++k) dst[k] += src[k - w];
      } else {
        for (std::int64_t k = from; k <= to; ++k) AddTo<L>(dst + k * L, src + (k - w) * L);
      }
      lo[s] = std::min(lo[s], from);
      hi[s] = std::max(hi[s], to);
    }
    ++done;
  }
  t.ToPrefix();
  return t;
}

// Counts by weight alone (coalitions of any size) below the cut: the Banzhaf-only program.
template <int L>
Table<L> BuildByWeight(const SizeWeightGame& g, std::int64_t cut) {
  Table<L> t(1, cut);
  if (cut == 0) return t;
  std::uint64_t* c = t.Row(0);
  c[0] = 1;
  std::int64_t hi = 0;
  for (std::int64_t w : g.w) {
    if (w == 0) {  // doubles every count
      for (std::int64_t k = 0; k <= hi; ++k) {
        std::uint64_t copy[L];
        std::memcpy(copy, c + k * L, sizeof copy);
        AddTo<L>(c + k * L, copy);
      }
      continue;
    }
    if (w > cut - 1) continue;
    const std::int64_t to = std::min(cut - 1, hi + w);
    for (std::int64_t k = to; k >= w; --k) AddTo<L>(c + k * L, c + (k - w) * L);
    hi = to;
  }
  t.ToPrefix();
  return t;
}

// A_i(s, a) for player weight w: coalitions of s players other than i weighing less than a.
template <int L>
mpz_class BelowWithout(const Table<L>& t, std::int64_t w, int s, std::int64_t a) {
  std::uint64_t acc[L] = {};
  std::int64_t x = a;
  for (int j = 0; j <= s && x > 0; ++j, x -= w) {
    const int r = s - j;
    if (r >= t.rows()) continue;
    if (j % 2 == 0) {
      AddTo<L>(acc, t.At(r, x));
    } else {
      SubFrom<L>(acc, t.At(r, x));
    }
  }
  return ToMpz(acc, L);
}

// The same over coalitions of any size (w > 0).
template <int L>
mpz_class BelowWithoutAnySize(const Table<L>& t, std::int64_t w, std::int64_t a) {
  std::uint64_t acc[L] = {};
  bool add = true;
  for (std::int64_t x = a; x > 0; x -= w, add = !add) {
    if (add) {
      AddTo<L>(acc, t.At(0, x));
    } else {
      SubFrom<L>(acc, t.At(0, x));
    }
  }
  return ToMpz(acc, L);
}

mpz_class PowerOfTwo(int k) {
  mpz_class z = 1;
  z <<= static_cast<mp_bitcnt_t>(k);
  return z;
}

// Banzhaf only, for pure weighted games (m = 0, b = 0): O(n T) word additions.
template <int L>
Result<PowerIndices> WeightedBanzhaf(const SizeWeightGame& g) {
  const Plan plan = MakePlan(g);
  std::size_t bytes = 0;
  const bool fits = TableBytes(1, plan.cut, L, &bytes);
  if (!fits || bytes > kMaxTableBytes) return TooLarge(bytes, !fits);
  const Table<L> t = BuildByWeight<L>(g, plan.cut);
  const std::int64_t q_dual = g.total - g.q + 1;
  // The swings of i: coalitions without i weighing in [q - w_i, q), or, counted through
  // complements, in [q* - w_i, q*): A_i(top) - A_i(top - w_i) either way.
  const std::int64_t top = plan.dual ? q_dual : g.q;
  std::vector<mpz_class> swings(static_cast<std::size_t>(g.n));
  for (int i = 0; i < g.n; ++i) {
    const std::int64_t w = g.w[i];
    if (w == 0 || top <= 0) continue;  // a weight of 0 never turns a losing coalition
    swings[i] = BelowWithoutAnySize<L>(t, w, top) - BelowWithoutAnySize<L>(t, w, top - w);
  }
  mpz_class winning;
  const mpz_class all = PowerOfTwo(g.n);
  if (plan.dual) {  // winners are the coalitions whose complements weigh less than q*
    winning = q_dual > 0 ? ToMpz(t.At(0, plan.cut), L) : mpz_class(0);
  } else {
    winning = all - (g.q > 0 ? ToMpz(t.At(0, plan.cut), L) : mpz_class(0));
  }
  return MakeIndices(g.n, std::move(swings), {}, std::move(winning));
}

// Banzhaf and Shapley-Shubik of any size-weight game: O(n^2 T) word additions to build.
template <int L>
Result<PowerIndices> SizeWeightPower(const SizeWeightGame& g, bool shapley_shubik) {
  const Plan plan = MakePlan(g);
  const int n = g.n;
  // Rows: sizes 0..n, but only those whose lightest coalition weighs less than the cut.
  std::vector<std::int64_t> sorted = g.w;
  std::sort(sorted.begin(), sorted.end());
  int rows = 1;
  std::int64_t lightest = 0;
  while (rows <= n && plan.cut > 0 && sorted[rows - 1] <= plan.cut - 1 - lightest) {
    lightest += sorted[rows - 1];
    ++rows;
  }
  std::size_t bytes = 0;
  const bool fits = TableBytes(rows, plan.cut, L, &bytes);
  if (!fits || bytes > kMaxTableBytes) return TooLarge(bytes, !fits);
  const Table<L> t = BuildBySize<L>(g, plan.cut, rows);
  const std::int64_t q_dual = g.total - g.q + 1;

  std::vector<mpz_class> choose_rest(static_cast<std::size_t>(n));  // C(n-1, s)
  for (int s = 0; s < n; ++s) mpz_bin_uiui(choose_rest[s].get_mpz_t(), n - 1, s);

  // A_i(s, a) for a = q and a = q - w_i, directly or through the complements.
  auto below = [&](std::int64_t w, int s, bool at_quota) -> mpz_class {
    if (!plan.dual) {
      const std::int64_t a = at_quota ? g.q : g.q - w;
      return a > 0 ? BelowWithout<L>(t, w, s, a) : mpz_class(0);
    }
    const std::int64_t a = at_quota ? q_dual - w : q_dual;
    const mpz_class heavy = a > 0 ? BelowWithout<L>(t, w, n - 1 - s, a) : mpz_class(0);
    return choose_rest[s] - heavy;
  };

  const std::vector<mpz_class> orderings = shapley_shubik ? OrderingWeights(n) : std::vector<mpz_class>{};
  std::vector<mpz_class> swings(static_cast<std::size_t>(n));
  std::vector<mpz_class> pivots(shapley_shubik ? static_cast<std::size_t>(n) : 0);
  for (int i = 0; i < n; ++i) {
    const std::int64_t w = g.w[i];
    for (int s = 0; s < n; ++s) {
      // Coalitions S of s players other than i: how many win without i, how many with i.
      mpz_class without = 0;
      if (n - s < g.b) {
        without = choose_rest[s];
      } else if (s >= g.m) {
        without = choose_rest[s] - below(w, s, true);
      }
      mpz_class with = 0;
      if (n - s - 1 < g.b) {
        with = choose_rest[s];
      } else if (s + 1 >= g.m) {
        with = choose_rest[s] - below(w, s, false);
      }
      const mpz_class decided = with - without;
      if (sgn(decided) == 0) continue;
      swings[i] += decided;
      if (shapley_shubik) pivots[i] += decided * orderings[s];
    }
  }

  mpz_class winning = 0;
  for (int s = 0; s <= n; ++s) {
    mpz_class all_of_size;
    mpz_bin_uiui(all_of_size.get_mpz_t(), n, s);
    if (n - s < g.b) {
      winning += all_of_size;
    } else if (s >= g.m) {
      mpz_class light = 0;  // coalitions of size s weighing less than q
      if (!plan.dual) {
        if (g.q > 0 && s < t.rows()) light = ToMpz(t.At(s, plan.cut), L);
      } else {
        mpz_class heavy = 0;
        if (q_dual > 0 && n - s < t.rows()) heavy = ToMpz(t.At(n - s, plan.cut), L);
        light = all_of_size - heavy;
      }
      winning += all_of_size - light;
    }
  }
  return MakeIndices(n, std::move(swings), std::move(pivots), std::move(winning));
}

template <template <int> class F, class... Args>
auto ByWords(int words, Args&&... args) {
  switch (words) {
    case 1: return F<1>::Run(std::forward<Args>(args)...);
    case 2: return F<2>::Run(std::forward<Args>(args)...);
    case 3: return F<3>::Run(std::forward<Args>(args)...);
    case 4: return F<4>::Run(std::forward<Args>(args)...);
    case 5: return F<5>::Run(std::forward<Args>(args)...);
    case 6: return F<6>::Run(std::forward<Args>(args)...);
    case 7: return F<7>::Run(std::forward<Args>(args)...);
    default: return F<8>::Run(std::forward<Args>(args)...);
  }
}

template <int L>
struct RunWeightedBanzhaf {
  static Result<PowerIndices> Run(const SizeWeightGame& g) { return WeightedBanzhaf<L>(g); }
};
template <int L>
struct RunSizeWeight {
  static Result<PowerIndices> Run(const SizeWeightGame& g, bool ss) { return SizeWeightPower<L>(g, ss); }
};

// Words per count: every count is at most 2^n, which needs n + 1 bits.
int WordsFor(int players) { return players / 64 + 1; }

}  // namespace

PowerIndices MakeIndices(int players, std::vector<mpz_class> swings, std::vector<mpz_class> pivots,
                         mpz_class winning) {
  PowerIndices p;
  p.players = players;
  const mpz_class half = PowerOfTwo(players - 1);
  mpz_class total_swings = 0;
  for (const mpz_class& s : swings) total_swings += s;
  for (const mpz_class& s : swings) {
    mpq_class absolute(s, half);
    absolute.canonicalize();
    p.banzhaf_absolute.push_back(absolute);
    mpq_class normal = 0;
    if (sgn(total_swings) != 0) {
      normal = mpq_class(s, total_swings);
      normal.canonicalize();
    }
    p.banzhaf.push_back(normal);
  }
  if (!pivots.empty()) {
    mpz_class orderings;
    mpz_fac_ui(orderings.get_mpz_t(), static_cast<unsigned long>(players));
    for (const mpz_class& v : pivots) {
      mpq_class share(v, orderings);
      share.canonicalize();
      p.shapley_shubik.push_back(share);
    }
  }
  p.decisiveness = mpq_class(winning, PowerOfTwo(players));
  p.decisiveness.canonicalize();
  p.swings = std::move(swings);
  p.pivots = std::move(pivots);
  p.winning = std::move(winning);
  return p;
}

std::vector<double> ToDoubles(const std::vector<mpq_class>& fractions) {
  std::vector<double> out;
  out.reserve(fractions.size());
  for (const mpq_class& f : fractions) out.push_back(f.get_d());
  return out;
}

bool VectorGameWins(const VectorGame& game, std::uint64_t coalition) {
  const int members = std::popcount(coalition);
  if (game.players - members < game.fewer_opponents_than) return true;
  if (members < game.min_members) return false;
  for (const GameCriterion& c : game.criteria) {
    std::int64_t sum = 0;  // at most the criterion's total, which CheckVectorGame bounds
    for (int i = 0; i < game.players; ++i) {
      if ((coalition >> i) & 1) sum += c.weights[i];
    }
    if (sum < c.quota) return false;
  }
  return true;
}

Result<PowerIndices> WeightedGamePower(const WeightedGame& game, PowerOptions options) {
  if (game.weights.size() > static_cast<std::size_t>(power_internal::kMaxPlayers)) {
    return Fail(ErrorCode::kInvalidArgument,
                "at most " + std::to_string(power_internal::kMaxPlayers) +
                    " players are supported; got " + std::to_string(game.weights.size()));
  }
  return VectorGamePower(power_internal::AsVectorGame(game), options);
}

Result<PowerIndices> VectorGamePower(const VectorGame& game, PowerOptions options) {
  if (Status ok = CheckVectorGame(game); !ok) return ok.error();
  SizeWeightGame g;
  g.n = game.players;
  g.m = game.min_members;
  g.b = game.fewer_opponents_than;
  const GameCriterion* weighted = nullptr;
  int weighted_count = 0;
  for (const GameCriterion& c : game.criteria) {
    if (c.quota == 0) continue;  // always met
    const std::int64_t first = c.weights[0];
    const bool uniform = std::all_of(c.weights.begin(), c.weights.end(),
                                     [first](std::int64_t w) { return w == first; });
    if (uniform) {
      // A head count: at least ceil(quota / weight) members (none suffice when the weight is 0).
      const std::int64_t need = first == 0 ? g.n + 1 : (c.quota + first - 1) / first;
      g.m = static_cast<int>(std::max<std::int64_t>(g.m, std::min<std::int64_t>(need, g.n + 1)));
      continue;
    }
    weighted = &c;
    ++weighted_count;
  }
  if (weighted_count > 1) {
    if (g.n > 25) {
      return Fail(ErrorCode::kInvalidArgument,
                  "two or more criteria with unequal weights are computed by enumeration, which "
                  "is limited to 25 players; this game has " + std::to_string(g.n));
    }
    return BruteForceVectorPower(game, options);
  }
  g.m = std::min(g.m, g.n + 1);
  if (weighted != nullptr) {
    g.w = weighted->weights;
    g.q = weighted->quota;
    for (std::int64_t w : g.w) g.total += w;  // checked above
  } else {
    g.w.assign(static_cast<std::size_t>(g.n), 0);
  }
  const int words = WordsFor(g.n);
  if (!options.shapley_shubik && g.m == 0 && g.b == 0) {
    return ByWords<RunWeightedBanzhaf>(words, g);
  }
  return ByWords<RunSizeWeight>(words, g, options.shapley_shubik);
}

}  // namespace concord
