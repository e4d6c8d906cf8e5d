// Exact voting power (src/analysis): published values, the dynamic programs against
// enumeration on random games, and the edges of the input.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "analysis/brute_force.h"
#include "analysis/eu27.h"
#include "analysis/power.h"

namespace concord {
namespace {

mpq_class Q(long num, long den) {
  mpq_class q(num, den);
  q.canonicalize();
  return q;
}

std::vector<mpq_class> Repeat(const std::vector<std::pair<mpq_class, int>>& runs) {
  std::vector<mpq_class> out;
  for (const auto& [value, times] : runs) out.insert(out.end(), times, value);
  return out;
}

void ExpectSame(const PowerIndices& a, const PowerIndices& b, const std::string& what) {
  EXPECT_EQ(a.players, b.players) << what;
  EXPECT_EQ(a.swings, b.swings) << what;
  EXPECT_EQ(a.pivots, b.pivots) << what;
  EXPECT_EQ(a.winning, b.winning) << what;
  EXPECT_EQ(a.banzhaf, b.banzhaf) << what;
  EXPECT_EQ(a.banzhaf_absolute, b.banzhaf_absolute) << what;
  EXPECT_EQ(a.shapley_shubik, b.shapley_shubik) << what;
  EXPECT_EQ(a.decisiveness, b.decisiveness) << what;
}

std::string Describe(const VectorGame& g) {
  std::string s = "n=" + std::to_string(g.players) + " m=" + std::to_string(g.min_members) +
                  " b=" + std::to_string(g.fewer_opponents_than);
  for (const GameCriterion& c : g.criteria) {
    s += " [" + std::to_string(c.quota) + ";";
    for (std::int64_t w : c.weights) s += " " + std::to_string(w);
    s += "]";
  }
  return s;
}

// The Council of the EEC, 1958-1972: France, Germany, Italy 4 votes, Belgium and the
// Netherlands 2, Luxembourg 1; 12 of 17 needed. Luxembourg is a null player (every other
// weight is even): zero on every index (Games 9(2):29, 2018, "Luxembourg in the Early Days of
// the EEC: Null Player or Not?"). Normalised Banzhaf 5/21 per large state and 1/7 per middle
// one (S. J. Brams in The Britannica Guide to Statistics and Probability, 2011). The
// Shapley-Shubik values 7/30 and 3/20 (14/60 and 9/60, as textbooks give them) were not found
// in a source opened here; the enumeration below (MatchesEnumeration...) and their sum of 1
// back them.
TEST(WeightedGamePower, EecCouncil1958) {
  Result<PowerIndices> p = WeightedGamePower({{4, 4, 4, 2, 2, 1}, 12});
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->banzhaf, Repeat({{Q(5, 21), 3}, {Q(1, 7), 2}, {Q(0, 1), 1}}));
  EXPECT_EQ(p->shapley_shubik, Repeat({{Q(7, 30), 3}, {Q(3, 20), 2}, {Q(0, 1), 1}}));
  EXPECT_EQ(p->swings, (std::vector<mpz_class>{10, 10, 10, 6, 6, 0}));
  EXPECT_EQ(p->banzhaf_absolute, Repeat({{Q(5, 16), 3}, {Q(3, 16), 2}, {Q(0, 1), 1}}));
  // Winning: 14 of the 64 coalitions (7 without Luxembourg, each with or without it).
  EXPECT_EQ(p->decisiveness, Q(14, 64));
  EXPECT_DOUBLE_EQ(ToDoubles(p->shapley_shubik)[0], 7.0 / 30.0);
}

// The UN Security Council since 1965: 9 of 15 including the five permanent members, i.e.
// [39; 7,7,7,7,7,1,...,1]. Shapley-Shubik: 4/2145 per elected member (84 x 6! x 8! of the 15!
// orderings make it pivotal: the 9th vote after all five permanent members), hence 421/2145 per
// permanent member. Banzhaf: 848 swings per permanent and 84 per elected member, absolute
// 53/1024 = 0.0518 and 21/4096 = 0.0051 (the figures Felsenthal & Machover 1998 discuss).
TEST(WeightedGamePower, UnSecurityCouncil) {
  WeightedGame unsc{{7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 39};
  Result<PowerIndices> p = WeightedGamePower(unsc);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->shapley_shubik, Repeat({{Q(421, 2145), 5}, {Q(4, 2145), 10}}));
  for (int i = 0; i < 15; ++i) EXPECT_EQ(p->swings[i], i < 5 ? 848 : 84) << i;
  EXPECT_EQ(p->banzhaf_absolute[0], Q(53, 1024));
  EXPECT_EQ(p->banzhaf_absolute[5], Q(21, 4096));
  EXPECT_EQ(p->banzhaf[0], Q(106, 635));
  EXPECT_NEAR(ToDoubles(p->shapley_shubik)[0], 0.1963, 5e-5);
  EXPECT_NEAR(ToDoubles(p->shapley_shubik)[5], 0.001865, 5e-7);

  // The same game as a rule with vetoes, enumerated: the oracle agrees exactly.
  Result<PowerIndices> rule = BruteForcePower(15, [](std::uint64_t s) {
    return (s & 0x1F) == 0x1F && std::popcount(s) >= 9;
  });
  ASSERT_TRUE(rule) << rule.error().message;
  ExpectSame(*p, *rule, "UNSC as a veto rule");
}

// Random weighted games of up to 10 players: every figure of both programs (Banzhaf alone,
// and with Shapley-Shubik) equals the enumeration's, quotas on both sides of half the total.
TEST(WeightedGamePower, MatchesEnumerationOnRandomGames) {
  std::mt19937_64 rng(1958);
  for (int round = 0; round < 400; ++round) {
    const int n = 1 + static_cast<int>(rng() % 10);
    WeightedGame g;
    std::int64_t total = 0;
    const std::int64_t top = round % 4 == 0 ? 3 : 40;  // small weights make many ties
    for (int i = 0; i < n; ++i) {
      g.weights.push_back(static_cast<std::int64_t>(rng() % (top + 1)));
      total += g.weights.back();
    }
    g.quota = static_cast<std::int64_t>(rng() % (total + 3));
    VectorGame as_vector;
    as_vector.players = n;
    as_vector.criteria.push_back(GameCriterion{g.weights, g.quota});
    const std::string what = Describe(as_vector);
    Result<PowerIndices> exact = WeightedGamePower(g);
    Result<PowerIndices> banzhaf = WeightedGamePower(g, {.shapley_shubik = false});
    Result<PowerIndices> oracle = BruteForceWeightedPower(g);
    Result<PowerIndices> oracle_b = BruteForceWeightedPower(g, {.shapley_shubik = false});
    ASSERT_TRUE(exact && banzhaf && oracle && oracle_b) << what;
    ExpectSame(*exact, *oracle, what);
    ExpectSame(*banzhaf, *oracle_b, what + " (Banzhaf only)");
    if (HasFailure()) return;
  }
}

// Random vector games: one weighted criterion with head counts and a blocking clause (the
// size-weight table), or two weighted criteria (enumeration), against the predicate.
TEST(VectorGamePower, MatchesEnumerationOnRandomGames) {
  std::mt19937_64 rng(2014);
  for (int round = 0; round < 400; ++round) {
    VectorGame g;
    g.players = 1 + static_cast<int>(rng() % 10);
    const int weighted = round % 5 == 4 ? 2 : static_cast<int>(rng() % 2);
    for (int c = 0; c < weighted; ++c) {
      GameCriterion crit;
      std::int64_t total = 0;
      for (int i = 0; i < g.players; ++i) {
        crit.weights.push_back(static_cast<std::int64_t>(rng() % 30));
        total += crit.weights.back();
      }
      crit.quota = static_cast<std::int64_t>(rng() % (total + 3));
      g.criteria.push_back(crit);
    }
    if (rng() % 3 == 0) {  // a head count written as a criterion of equal weights
      g.criteria.push_back(GameCriterion{std::vector<std::int64_t>(g.players, 2),
                                     static_cast<std::int64_t>(rng() % (2 * g.players + 2))});
    }
    g.min_members = static_cast<int>(rng() % (g.players + 2));
    g.fewer_opponents_than = rng() % 2 == 0 ? 0 : static_cast<int>(rng() % (g.players + 2));
    const std::string what = Describe(g);
    Result<PowerIndices> exact = VectorGamePower(g);
    Result<PowerIndices> oracle =
        BruteForcePower(g.players, [&g](std::uint64_t s) { return VectorGameWins(g, s); });
    ASSERT_TRUE(exact && oracle) << what;
    ExpectSame(*exact, *oracle, what);
    Result<PowerIndices> banzhaf = VectorGamePower(g, {.shapley_shubik = false});
    ASSERT_TRUE(banzhaf) << what;
    EXPECT_EQ(banzhaf->swings, oracle->swings) << what;
    EXPECT_TRUE(banzhaf->shapley_shubik.empty()) << what;
    if (HasFailure()) return;
  }
}

// The Council's qualified majority with the 2024 populations: the table and the enumeration of
// all 2^27 coalitions agree, the indices add up to 1, and power follows population.
TEST(VectorGamePower, Eu27QualifiedMajorityMatchesEnumeration) {
  const VectorGame qmv = Eu27QualifiedMajority();
  EXPECT_EQ(qmv.criteria[0].quota, 291987);  // 65 % of 449,210 thousand, rounded up
  Result<PowerIndices> exact = VectorGamePower(qmv);
  ASSERT_TRUE(exact) << exact.error().message;
  Result<PowerIndices> oracle = BruteForceVectorPower(qmv);
  ASSERT_TRUE(oracle) << oracle.error().message;
  ExpectSame(*exact, *oracle, "EU-27");
  mpq_class sum = 0;
  for (const mpq_class& v : exact->shapley_shubik) sum += v;
  EXPECT_EQ(sum, 1);
  sum = 0;
  for (const mpq_class& v : exact->banzhaf) sum += v;
  EXPECT_EQ(sum, 1);
  for (int i = 1; i < 27; ++i) {
    EXPECT_GE(exact->shapley_shubik[i - 1], exact->shapley_shubik[i]) << i;
    EXPECT_GE(exact->swings[i - 1], exact->swings[i]) << i;
  }
  EXPECT_GT(exact->swings[26], 0);  // Malta is no null player
}

TEST(WeightedGamePower, QuotaZeroEveryCoalitionWinsAndNobodyDecides) {
  Result<PowerIndices> p = WeightedGamePower({{3, 2, 1}, 0});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->decisiveness, 1);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(p->swings[i], 0);
    EXPECT_EQ(p->banzhaf[i], 0);
    EXPECT_EQ(p->shapley_shubik[i], 0);
  }
}

TEST(WeightedGamePower, QuotaAboveTotalNothingWins) {
  for (bool ss : {true, false}) {
    Result<PowerIndices> p = WeightedGamePower({{3, 2, 1}, 7}, {.shapley_shubik = ss});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->winning, 0);
    EXPECT_EQ(p->decisiveness, 0);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(p->swings[i], 0);
  }
}

TEST(WeightedGamePower, ZeroWeightsAreNullPlayers) {
  Result<PowerIndices> p = WeightedGamePower({{0, 5, 0, 5, 0}, 6});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->shapley_shubik, Repeat({{Q(0, 1), 1}, {Q(1, 2), 1}, {Q(0, 1), 1}, {Q(1, 2), 1},
                                       {Q(0, 1), 1}}));
  EXPECT_EQ(p->banzhaf_absolute[1], Q(1, 2));  // decides iff the other 5 is in
  EXPECT_EQ(p->decisiveness, Q(1, 4));
}

TEST(WeightedGamePower, OnePlayer) {
  Result<PowerIndices> p = WeightedGamePower({{1}, 1});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->swings[0], 1);
  EXPECT_EQ(p->banzhaf[0], 1);
  EXPECT_EQ(p->banzhaf_absolute[0], 1);
  EXPECT_EQ(p->shapley_shubik[0], 1);
  EXPECT_EQ(p->decisiveness, Q(1, 2));
}

// Symmetric majority games have closed forms: with n players of weight 1 and quota k, each
// swings in C(n-1, k-1) coalitions and the Shapley-Shubik index is 1/n. These sizes need 2,
// 3 and 5 words per count.
TEST(WeightedGamePower, LargeSymmetricGamesAreExact) {
  for (int n : {100, 150, 300}) {
    WeightedGame g{std::vector<std::int64_t>(n, 1), n / 2 + 1};
    for (bool ss : {true, false}) {
      Result<PowerIndices> p = WeightedGamePower(g, {.shapley_shubik = ss});
      ASSERT_TRUE(p) << p.error().message;
      mpz_class expected;
      mpz_bin_uiui(expected.get_mpz_t(), n - 1, n / 2);
      EXPECT_EQ(p->swings[0], expected) << n;
      EXPECT_EQ(p->swings[n - 1], expected) << n;
      if (ss) {
        EXPECT_EQ(p->shapley_shubik[7], Q(1, n)) << n;
      }
    }
  }
}

// A large game with unequal weights keeps its invariants: the indices sum to 1 and a heavier
// player never has less power.
TEST(WeightedGamePower, TwoHundredPlayersSumToOne) {
  WeightedGame g;
  for (int i = 0; i < 200; ++i) g.weights.push_back(1 + (i * 37) % 97);
  std::int64_t total = 0;
  for (std::int64_t w : g.weights) total += w;
  g.quota = total * 2 / 3;
  Result<PowerIndices> p = WeightedGamePower(g);
  ASSERT_TRUE(p) << p.error().message;
  mpq_class ss = 0, bz = 0;
  for (int i = 0; i < 200; ++i) {
    ss += p->shapley_shubik[i];
    bz += p->banzhaf[i];
  }
  EXPECT_EQ(ss, 1);
  EXPECT_EQ(bz, 1);
  Result<PowerIndices> banzhaf_only = WeightedGamePower(g, {.shapley_shubik = false});
  ASSERT_TRUE(banzhaf_only);
  EXPECT_EQ(banzhaf_only->swings, p->swings);
  EXPECT_EQ(banzhaf_only->winning, p->winning);
  for (int i = 0; i < 200; ++i) {
    for (int j = 0; j < 200; ++j) {
      if (g.weights[i] > g.weights[j]) {
        EXPECT_GE(p->swings[i], p->swings[j]);
      }
    }
  }
}

TEST(WeightedGamePower, RefusesBadInput) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max() / 2 + 1;
  Result<PowerIndices> overflow = WeightedGamePower({{big, big}, 5});
  ASSERT_FALSE(overflow);
  EXPECT_EQ(overflow.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(overflow.error().message.find("exceeds 2^63 - 1"), std::string::npos)
      << overflow.error().message;

  EXPECT_FALSE(WeightedGamePower({{1, -1}, 1}));
  EXPECT_FALSE(WeightedGamePower({{1, 1}, -1}));
  EXPECT_FALSE(WeightedGamePower({{}, 0}));
  EXPECT_FALSE(WeightedGamePower({std::vector<std::int64_t>(512, 1), 10}));

  // Weights too large to table: refused with the size it would take, not attempted.
  Result<PowerIndices> huge = WeightedGamePower({{std::int64_t{1} << 40, (std::int64_t{1} << 40) + 1, 3}, std::int64_t{1} << 40});
  ASSERT_FALSE(huge);
  EXPECT_NE(huge.error().message.find("MiB"), std::string::npos) << huge.error().message;

  VectorGame mismatch;
  mismatch.players = 3;
  mismatch.criteria.push_back(GameCriterion{{1, 2}, 2});
  EXPECT_FALSE(VectorGamePower(mismatch));

  EXPECT_FALSE(BruteForcePower(31, [](std::uint64_t) { return true; }));
}

}  // namespace
}  // namespace concord
