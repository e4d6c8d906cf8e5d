// A charter's rule as a simple game: the translation into a vector-weighted game agrees with the
// rule tree evaluated coalition by coalition, on every body and matter of the shipped charters,
// and the indices match published values.
#include "analysis/rule_game.h"

#include <gtest/gtest.h>

#include <random>

#include "analysis/brute_force.h"
#include "codec/charter_toml.h"

namespace concord {
namespace {

const Charter& Shipped(const std::string& name) {
  static std::map<std::string, Charter> loaded;
  auto it = loaded.find(name);
  if (it == loaded.end()) {
    Result<Charter> c = LoadCharterFile(std::string(CONCORD_SOURCE_DIR) + "/charters/" + name + ".toml");
    if (!c) throw std::runtime_error(c.error().message);
    it = loaded.emplace(name, std::move(*c)).first;
  }
  return it->second;
}

mpq_class Q(long num, long den) {
  mpq_class q(num, den);
  q.canonicalize();
  return q;
}

Day On(const char* date) { return *ParseDay(date); }

// Every coalition of a small body, or many random ones of a large body: the vector game and the
// rule tree say the same.
void ExpectSameGame(const RuleGame& g) {
  ASSERT_TRUE(g.vector) << g.body << "/" << g.matter;
  const int n = static_cast<int>(g.members.size());
  if (n <= 16) {
    for (std::uint64_t s = 0; s < (std::uint64_t{1} << n); ++s) {
      ASSERT_EQ(VectorGameWins(*g.vector, s), RuleGameWins(g, s)) << g.body << "/" << g.matter << " coalition " << s;
    }
    return;
  }
  std::mt19937_64 rng(11);
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t s = rng() & ((std::uint64_t{1} << n) - 1);
    ASSERT_EQ(VectorGameWins(*g.vector, s), RuleGameWins(g, s)) << g.body << "/" << g.matter << " coalition " << s;
  }
}

TEST(RuleGame, EveryShippedVotingRuleIsAVectorGameThatAgreesWithTheRule) {
  int checked = 0;
  for (const char* name : {"csto", "eu-council", "nato-nac", "un-security-council"}) {
    const Charter& c = Shipped(name);
    for (const auto& [body_id, body] : c.bodies) {
      for (const auto& [matter_id, matter] : body.matters) {
        Result<RuleGame> g = GameOfRule(c, body_id, matter_id, On("2024-06-01"));
        if (!g && g.error().code == ErrorCode::kInvalidArgument) continue;  // a silence procedure
        ASSERT_TRUE(g) << name << " " << body_id << "/" << matter_id << ": " << g.error().message;
        ExpectSameGame(*g);
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 15);
}

// Published: in the Security Council a permanent member's Shapley-Shubik index is 421/2145 and an
// elected member's 4/2145 (9 votes of 15 with the five permanent members' concurrence).
TEST(RuleGame, TheSecurityCouncilFromItsCharter) {
  Result<RuleGame> g = GameOfRule(Shipped("un-security-council"), "SC", "substantive", On("2024-06-01"));
  ASSERT_TRUE(g) << g.error().message;
  ASSERT_EQ(g->members.size(), 15u);
  Result<PowerIndices> p = PowerOfRuleGame(*g);
  ASSERT_TRUE(p);
  for (std::size_t i = 0; i < g->members.size(); ++i) {
    const std::string& m = g->members[i];
    const bool permanent = m == "CHN" || m == "FRA" || m == "GBR" || m == "RUS" || m == "USA";
    EXPECT_EQ(p->shapley_shubik[i], permanent ? Q(421, 2145) : Q(4, 2145)) << m;
    EXPECT_EQ(p->swings[i], permanent ? 848 : 84) << m;
  }
  // The same by enumerating the rule tree itself.
  Result<PowerIndices> brute = BruteForcePower(15, [&](std::uint64_t s) { return RuleGameWins(*g, s); });
  ASSERT_TRUE(brute);
  EXPECT_EQ(brute->shapley_shubik, p->shapley_shubik);
  EXPECT_EQ(brute->swings, p->swings);
}

// The CSTO decides by consensus: every member can block alone, and all weigh the same.
TEST(RuleGame, ConsensusGivesEveryMemberTheSamePowerAndAVeto) {
  Result<RuleGame> g = GameOfRule(Shipped("csto"), "CSC", "substantive", On("2023-11-23"));
  ASSERT_TRUE(g) << g.error().message;
  ASSERT_EQ(g->members.size(), 6u);
  Result<PowerIndices> p = PowerOfRuleGame(*g);
  ASSERT_TRUE(p);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(p->shapley_shubik[i], Q(1, 6));
    EXPECT_EQ(p->swings[i], p->winning);  // in every winning coalition: a veto
  }
  EXPECT_EQ(p->decisiveness, Q(1, 64));
}

// The EU's qualified majority: 55 % of the members and 65 % of the population, unless fewer than
// four members are against; its translation keeps the blocking-minority clause.
TEST(RuleGame, TheEuQualifiedMajorityKeepsItsBlockingMinorityClause) {
  Result<RuleGame> g = GameOfRule(Shipped("eu-council"), "COUNCIL", "qmv", On("2024-06-01"));
  ASSERT_TRUE(g) << g.error().message;
  ASSERT_TRUE(g->vector);
  EXPECT_EQ(g->members.size(), 27u);
  EXPECT_EQ(g->vector->min_members, 15);
  EXPECT_EQ(g->vector->fewer_opponents_than, 4);
}

TEST(RuleGame, UnknownBodiesAndMattersAreNamed) {
  const Charter& c = Shipped("csto");
  EXPECT_EQ(GameOfRule(c, "XX", "substantive").error().message, "no body 'XX' in the charter");
  EXPECT_EQ(GameOfRule(c, "CSC", "budget").error().message,
            "body CSC has no matter 'budget' (it has: procedural, substantive)");
}

}  // namespace
}  // namespace concord
