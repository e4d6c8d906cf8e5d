// The decision engine, rule kind by rule kind, at the edges where a rule passes or fails by one
// vote, one inhabitant or one tie. Charters are built in C++ (tests/core/fixtures.h).
#include <gtest/gtest.h>

#include "concord/engine.h"
#include "core/fixtures.h"

namespace concord::test {
namespace {

Outcome Eval(const Charter& charter, const Ballot& ballot) {
  Result<Outcome> out = EvaluateDraft(charter, ballot);
  if (!out) {
    ADD_FAILURE() << out.error().message;
    return Outcome{};
  }
  return *out;
}

// The last check made by `rule` (the combinations come after their children).
Check CheckOf(const Outcome& out, const std::string& rule) {
  for (auto it = out.checks.rbegin(); it != out.checks.rend(); ++it) {
    if (it->rule == rule) return *it;
  }
  ADD_FAILURE() << "no check for rule " << rule;
  return Check{};
}

// "A=signed B=objected ..." in member order.
std::string Members(const Outcome& out) {
  std::string s;
  for (const auto& [m, st] : out.members) s += (s.empty() ? "" : " ") + m + "=" + std::string(MemberStatusName(st));
  return s;
}

std::string Binding(const Outcome& out) {
  std::string s;
  for (const auto& m : BindingOn(out.status, out.provisional, out.members)) s += (s.empty() ? "" : " ") + m;
  return s;
}

const std::vector<std::string> kSix = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"};

// ---- consensus -------------------------------------------------------------------------------

TEST(EngineTest, ConsensusPassesWithoutObjection) {
  Charter c = MakeCharter(kSix, {ConsensusRule()});
  Outcome out = Eval(c, MakeBallot({Yes("ARM"), Yes("BLR"), Yes("KAZ"), Yes("KGZ"), Yes("RUS"), Yes("TJK")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_TRUE(out.rules_passed);
  EXPECT_TRUE(out.quorum_met);
  ASSERT_EQ(out.checks.size(), 1u);  // no quorum rule: only the rule itself
  EXPECT_EQ(out.checks[0].rule, "consensus");
  EXPECT_EQ(out.checks[0].clause, "c");
  EXPECT_EQ(out.checks[0].citation, "Art. 1");
  EXPECT_TRUE(out.checks[0].passed);
  EXPECT_EQ(out.checks[0].detail, "no official objection among 6 members taking part");
  EXPECT_EQ(Binding(out), "ARM BLR KAZ KGZ RUS TJK");
}

TEST(EngineTest, ConsensusFailsOnOneOfficialObjection) {
  Charter c = MakeCharter(kSix, {ConsensusRule()});
  Outcome out = Eval(c, MakeBallot({Yes("ARM"), Yes("BLR"), Yes("KAZ"), No("KGZ"), Yes("RUS"), Yes("TJK")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_FALSE(out.rules_passed);
  EXPECT_EQ(CheckOf(out, "consensus").detail, "objected: KGZ");
  EXPECT_EQ(Members(out),
            "ARM=in_favour BLR=in_favour KAZ=in_favour KGZ=objected RUS=in_favour TJK=in_favour");
  EXPECT_EQ(Binding(out), "");
}

TEST(EngineTest, ConsensusAbstentionDoesNotBlock) {
  Charter c = MakeCharter(kSix, {ConsensusRule()});
  Outcome out = Eval(c, MakeBallot({Abstain("ARM"), Yes("BLR"), Yes("KAZ"), Yes("KGZ"), Yes("RUS"), Abstain("TJK")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "consensus").detail,
            "no official objection among 6 members taking part; abstained (does not block): ARM, TJK");
  EXPECT_EQ(out.members.at("ARM"), MemberStatus::kAbstained);
  // An abstainer under consensus is bound like everyone else: it did not opt out.
  EXPECT_EQ(Binding(out), "ARM BLR KAZ KGZ RUS TJK");
}

TEST(EngineTest, ConsensusPresentWithoutPositionDoesNotBlockAndSigns) {
  Charter c = MakeCharter(kSix, {ConsensusRule()});
  Outcome out = Eval(c, MakeBallot({Silent("ARM"), Yes("BLR"), Yes("KAZ"), Yes("KGZ"), Yes("RUS"), Yes("TJK")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(out.members.at("ARM"), MemberStatus::kSigned);
}

TEST(EngineTest, ConsensusNotInterestedNeitherBlocksNorIsBound) {
  Charter c = MakeCharter(kSix, {ConsensusRule()});
  Outcome out = Eval(c, MakeBallot({OptOut("ARM"), Yes("BLR"), Yes("KAZ"), Yes("KGZ"), Yes("RUS"), Yes("TJK")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "consensus").detail, "no official objection among 5 members taking part");
  EXPECT_EQ(out.members.at("ARM"), MemberStatus::kNotInterested);
  EXPECT_EQ(Binding(out), "BLR KAZ KGZ RUS TJK");
}

TEST(EngineTest, ConsensusMinusOneToleratesOneObjectionNotTwo) {
  Charter c = MakeCharter(kSix, {ConsensusRule(1)});
  Outcome one = Eval(c, MakeBallot({No("ARM"), Yes("BLR"), Yes("KAZ"), Yes("KGZ"), Yes("RUS"), Yes("TJK")}));
  EXPECT_EQ(one.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(one, "consensus").detail, "objected: ARM; up to 1 objection(s) allowed");
  EXPECT_EQ(one.members.at("ARM"), MemberStatus::kObjected);
  Outcome two = Eval(c, MakeBallot({No("ARM"), No("BLR"), Yes("KAZ"), Yes("KGZ"), Yes("RUS"), Yes("TJK")}));
  EXPECT_EQ(two.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(two, "consensus").detail, "objected: ARM, BLR; up to 1 objection(s) allowed");
}

TEST(EngineTest, ConsensusEveryoneAbstainingIsNoObjection) {
  // The clause says only an official objection blocks: a text nobody objects to passes.
  Charter c = MakeCharter({"A", "B", "C"}, {ConsensusRule()});
  Outcome out = Eval(c, MakeBallot({Abstain("A"), Abstain("B"), Abstain("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(Members(out), "A=abstained B=abstained C=abstained");
}

TEST(EngineTest, ConsensusWithNobodyTakingPartDecidesNothing) {
  Charter c = MakeCharter({"A", "B", "C"}, {ConsensusRule()});
  Outcome absent = Eval(c, MakeBallot({Away("A"), Away("B"), Away("C")}));
  EXPECT_EQ(absent.status, DecisionStatus::kNotAdopted);
  EXPECT_FALSE(CheckOf(absent, "consensus").passed);
  EXPECT_EQ(CheckOf(absent, "consensus").detail, "nobody takes part");
  EXPECT_EQ(Binding(absent), "");
  Outcome opted_out = Eval(c, MakeBallot({OptOut("A"), OptOut("B"), OptOut("C")}));
  EXPECT_EQ(opted_out.status, DecisionStatus::kNotAdopted);
}

// ---- unanimity -------------------------------------------------------------------------------

TEST(EngineTest, UnanimityAbstentionAllowed) {
  Charter c = MakeCharter({"A", "B", "C"}, {UnanimityRule(false)});
  Outcome out = Eval(c, MakeBallot({Yes("A"), Abstain("B"), Yes("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "unanimity").detail,
            "2 of 3 taking part in favour; abstained (does not prevent unanimity): B");
}

TEST(EngineTest, UnanimityAbstentionBlocks) {
  Charter c = MakeCharter({"A", "B", "C"}, {UnanimityRule(true)});
  Outcome out = Eval(c, MakeBallot({Yes("A"), Abstain("B"), Yes("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "unanimity").detail, "2 of 3 taking part in favour; not in favour: B");
  EXPECT_EQ(Members(out), "A=in_favour B=abstained C=in_favour");
}

TEST(EngineTest, UnanimityFailsOnOneObjection) {
  Charter c = MakeCharter({"A", "B", "C"}, {UnanimityRule(false)});
  Outcome out = Eval(c, MakeBallot({Yes("A"), Yes("B"), No("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "unanimity").detail, "2 of 3 taking part in favour; not in favour: C");
}

TEST(EngineTest, UnanimityEveryoneAbstainingFails) {
  Charter c = MakeCharter({"A", "B", "C"}, {UnanimityRule(false)});
  Outcome out = Eval(c, MakeBallot({Abstain("A"), Abstain("B"), Abstain("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "unanimity").detail,
            "0 of 3 taking part in favour; abstained (does not prevent unanimity): A, B, C; nobody in favour");
}

// Six members: two abstainers are exactly a third of the members.
Charter ConstructiveCharter(std::int64_t weight_of_abstainers) {
  Criterion u = UnanimityRule(false);
  u.constructive_members = Fraction{1, 3};
  u.constructive_weight = Fraction{1, 3};
  u.constructive_weight_id = "population";
  Charter c = MakeCharter({"A", "B", "C", "D", "E", "F"}, {u});
  // A and B abstain below; together they hold `weight_of_abstainers` of 300.
  const std::int64_t rest = (300 - weight_of_abstainers) / 4;
  SetWeight(c, "population", {{"A", weight_of_abstainers / 2}, {"B", weight_of_abstainers - weight_of_abstainers / 2},
                              {"C", rest}, {"D", rest}, {"E", rest}, {"F", 300 - weight_of_abstainers - 3 * rest}});
  return c;
}

TEST(EngineTest, ConstructiveAbstentionAtExactlyOneThirdOfMembersAndPopulationFails) {
  Charter c = ConstructiveCharter(100);  // 100 of 300: exactly a third
  Outcome out = Eval(c, MakeBallot({Abstain("A"), Abstain("B"), Yes("C"), Yes("D"), Yes("E"), Yes("F")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "unanimity").detail,
            "4 of 6 taking part in favour; abstained (does not prevent unanimity): A, B; abstainers are 2 of 6 "
            "members (1/3 blocks); they hold 33.3 % of population (1/3 blocks)");
}

TEST(EngineTest, ConstructiveAbstentionJustUnderOneThirdOfPopulationPasses) {
  Charter c = ConstructiveCharter(99);  // 99 of 300
  Outcome out = Eval(c, MakeBallot({Abstain("A"), Abstain("B"), Yes("C"), Yes("D"), Yes("E"), Yes("F")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_TRUE(CheckOf(out, "unanimity").passed);
  EXPECT_EQ(out.members.at("A"), MemberStatus::kAbstained);
}

TEST(EngineTest, ConstructiveAbstentionJustUnderOneThirdOfMembersPasses) {
  Charter c = ConstructiveCharter(200);  // A and B hold two thirds of the population...
  // ...but only A abstains: 1 of 6 members, under a third.
  Outcome out = Eval(c, MakeBallot({Abstain("A"), Yes("B"), Yes("C"), Yes("D"), Yes("E"), Yes("F")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "unanimity").detail,
            "5 of 6 taking part in favour; abstained (does not prevent unanimity): A; abstainers are 1 of 6 "
            "members (1/3 blocks); they hold 33.3 % of population (1/3 blocks)");
}

// ---- majority --------------------------------------------------------------------------------

TEST(EngineTest, MajorityFiftyFivePercentOfTwentySevenNeedsFifteen) {
  // 55 % of 27 = 14.85: 15 members pass, 14 fail; compared exactly, never rounded.
  const auto ids = Numbered(27);
  Charter c = MakeCharter(ids, {MajorityRule(MajorityBase::kMembers, {55, 100})});
  Outcome fifteen = Eval(c, MakeBallot(Split(ids, 15, 12, 0)));
  EXPECT_EQ(fifteen.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(fifteen, "majority").detail, "15 of 27 members in favour (55.6 %); at least 55 % needed");
  Outcome fourteen = Eval(c, MakeBallot(Split(ids, 14, 13, 0)));
  EXPECT_EQ(fourteen.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(fourteen, "majority").detail, "14 of 27 members in favour (51.9 %); at least 55 % needed");
}

TEST(EngineTest, MajorityAtExactThresholdPassesWhenAtLeast) {
  const auto ids = Numbered(20);
  Charter c = MakeCharter(ids, {MajorityRule(MajorityBase::kMembers, {55, 100})});
  EXPECT_EQ(Eval(c, MakeBallot(Split(ids, 11, 9, 0))).status, DecisionStatus::kAdopted);  // exactly 55 %
  EXPECT_EQ(Eval(c, MakeBallot(Split(ids, 10, 10, 0))).status, DecisionStatus::kNotAdopted);
}

TEST(EngineTest, MoreThanHalfFailsOnATie) {
  const auto ids = Numbered(4);
  Charter c = MakeCharter(ids, {MajorityRule(MajorityBase::kVoting, {1, 2}, Comparison::kMoreThan)});
  Outcome tie = Eval(c, MakeBallot(Split(ids, 2, 2, 0)));
  EXPECT_EQ(tie.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(tie, "majority").detail, "2 of 4 members voting in favour (50.0 %); more than 1/2 needed");
  EXPECT_EQ(Eval(c, MakeBallot(Split(ids, 3, 1, 0))).status, DecisionStatus::kAdopted);
}

TEST(EngineTest, CastingVoteBreaksATie) {
  const auto ids = Numbered(4);
  Criterion r = MajorityRule(MajorityBase::kVoting, {1, 2}, Comparison::kMoreThan);
  r.casting_vote = true;
  Charter c = MakeCharter(ids, {r});
  Outcome chair_yes = Eval(c, MakeBallot(Split(ids, 2, 2, 0), "M01"));
  EXPECT_EQ(chair_yes.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(chair_yes, "majority").detail,
            "2 of 4 members voting in favour (50.0 %); more than 1/2 needed; tie broken by the chair's casting "
            "vote (M01 in favour)");
  Outcome chair_no = Eval(c, MakeBallot(Split(ids, 2, 2, 0), "M04"));
  EXPECT_EQ(chair_no.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(chair_no, "majority").detail,
            "2 of 4 members voting in favour (50.0 %); more than 1/2 needed; tie broken by the chair's casting "
            "vote (M04 not in favour)");
  // No tie, no casting vote.
  Outcome clear = Eval(c, MakeBallot(Split(ids, 1, 3, 0), "M01"));
  EXPECT_EQ(clear.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(clear, "majority").detail, "1 of 4 members voting in favour (25.0 %); more than 1/2 needed");
}

TEST(EngineTest, CastingVoteWithoutAChairLeavesTheTie) {
  const auto ids = Numbered(4);
  Criterion r = MajorityRule(MajorityBase::kVoting, {1, 2}, Comparison::kMoreThan);
  r.casting_vote = true;
  Charter c = MakeCharter(ids, {r});
  Outcome out = Eval(c, MakeBallot(Split(ids, 2, 2, 0), ""));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "majority").detail,
            "2 of 4 members voting in favour (50.0 %); more than 1/2 needed; a tie, and no chair to break it");
}

TEST(EngineTest, MajorityBasesCountDifferentPeople) {
  // Five members: M01, M02 yes; M03 no; M04 abstains; M05 absent.
  const auto ids = Numbered(5);
  const std::vector<Vote> votes = {Yes("M01"), Yes("M02"), No("M03"), Abstain("M04"), Away("M05")};
  auto run = [&](MajorityBase base) {
    Charter c = MakeCharter(ids, {MajorityRule(base, {1, 2}, Comparison::kMoreThan)});
    return Eval(c, MakeBallot(votes));
  };
  Outcome members = run(MajorityBase::kMembers);
  EXPECT_EQ(members.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(members, "majority").detail, "2 of 5 members in favour (40.0 %); more than 1/2 needed");
  Outcome present = run(MajorityBase::kPresent);
  EXPECT_EQ(present.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(present, "majority").detail, "2 of 4 members present in favour (50.0 %); more than 1/2 needed");
  Outcome voting = run(MajorityBase::kVoting);
  EXPECT_EQ(voting.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(voting, "majority").detail, "2 of 3 members voting in favour (66.7 %); more than 1/2 needed");
  Outcome taking_part = run(MajorityBase::kParticipating);
  EXPECT_EQ(CheckOf(taking_part, "majority").detail,
            "2 of 4 members taking part in favour (50.0 %); more than 1/2 needed");
}

TEST(EngineTest, MajorityOfParticipantsLeavesOutTheNotInterested) {
  const auto ids = Numbered(4);
  const std::vector<Vote> votes = {Yes("M01"), Yes("M02"), No("M03"), OptOut("M04")};
  Charter part = MakeCharter(ids, {MajorityRule(MajorityBase::kParticipating, {1, 2}, Comparison::kMoreThan)});
  Outcome out = Eval(part, MakeBallot(votes));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "majority").detail, "2 of 3 members taking part in favour (66.7 %); more than 1/2 needed");
  EXPECT_EQ(Binding(out), "M01 M02 M03");
  // Present, the opted-out member still counts in the base of those present.
  Charter pres = MakeCharter(ids, {MajorityRule(MajorityBase::kPresent, {1, 2}, Comparison::kMoreThan)});
  EXPECT_EQ(Eval(pres, MakeBallot(votes)).status, DecisionStatus::kNotAdopted);
}

TEST(EngineTest, MajorityCounts) {
  const auto ids = Numbered(15);
  Charter c = MakeCharter(ids, {CountRule(MajorityBase::kMembers, 9)});
  Outcome nine = Eval(c, MakeBallot(Split(ids, 9, 6, 0)));
  EXPECT_EQ(nine.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(nine, "count").detail, "9 of 15 members in favour; at least 9 needed");
  Outcome eight = Eval(c, MakeBallot(Split(ids, 8, 0, 7)));
  EXPECT_EQ(eight.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(eight, "count").detail, "8 of 15 members in favour; at least 9 needed");
  Charter more = MakeCharter(ids, {CountRule(MajorityBase::kMembers, 9, Comparison::kMoreThan)});
  EXPECT_EQ(Eval(more, MakeBallot(Split(ids, 9, 6, 0))).status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(Eval(more, MakeBallot(Split(ids, 10, 5, 0))).status, DecisionStatus::kAdopted);
}

TEST(EngineTest, WeightedMajority) {
  // Shares: A 400, B 300, C 200, D 100. Two thirds of the shares present at least.
  Charter c = MakeCharter({"A", "B", "C", "D"},
                          {MajorityRule(MajorityBase::kPresent, {2, 3}, Comparison::kAtLeast, "shares")});
  SetWeight(c, "shares", {{"A", 400}, {"B", 300}, {"C", 200}, {"D", 100}});
  Outcome out = Eval(c, MakeBallot({Yes("A"), Yes("B"), No("C"), No("D")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);  // 700 of 1000 >= 2/3
  EXPECT_EQ(CheckOf(out, "majority").detail,
            "70.0 % of the shares of the members present in favour; at least 2/3 needed");
  Outcome fail = Eval(c, MakeBallot({Yes("A"), No("B"), Yes("C"), No("D")}));
  EXPECT_EQ(fail.status, DecisionStatus::kNotAdopted);  // 600 of 1000
  // Exactly two thirds: B+D of those present (A absent): 400 of 600.
  Outcome exact = Eval(c, MakeBallot({Away("A"), Yes("B"), No("C"), Yes("D")}));
  EXPECT_EQ(exact.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(exact, "majority").detail,
            "66.7 % of the shares of the members present in favour; at least 2/3 needed");
}

TEST(EngineTest, WeightMissingOnAMemberIsAnError) {
  Charter c = MakeCharter({"A", "B"}, {MajorityRule(MajorityBase::kMembers, {1, 2}, Comparison::kAtLeast, "shares")});
  SetWeight(c, "shares", {{"A", 1}});
  Result<Outcome> out = EvaluateDraft(c, MakeBallot({Yes("A"), Yes("B")}));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(out.error().message, "member B has no weight 'shares'");
}

TEST(EngineTest, MajorityWithNobodyToCountFails) {
  Charter c = MakeCharter({"A", "B"}, {MajorityRule(MajorityBase::kPresent, {1, 2})});
  Outcome out = Eval(c, MakeBallot({Away("A"), Away("B")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "majority").detail,
            "0 of 0 members present in favour (0.0 %); at least 1/2 needed; nobody to count");
}

// ---- fewer not in favour (blocking minority) ---------------------------------------------------

TEST(EngineTest, FewerNotInFavourFixedFour) {
  const auto ids = Numbered(10);
  Criterion r = Rule("bm", CriterionKind::kFewerNotInFavour);
  r.count = 4;
  Charter c = MakeCharter(ids, {r});
  // Abstention counts as not in favour.
  Outcome three = Eval(c, MakeBallot(Split(ids, 7, 2, 1)));
  EXPECT_EQ(three.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(three, "bm").detail,
            "3 members not in favour (M08, M09, M10); a blocking minority needs 4 members: no blocking minority");
  Outcome four = Eval(c, MakeBallot(Split(ids, 6, 2, 2)));
  EXPECT_EQ(four.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(four, "bm").detail,
            "4 members not in favour (M07, M08, M09, M10); a blocking minority needs 4 members: blocking "
            "minority reached");
  Outcome none = Eval(c, MakeBallot(Split(ids, 10, 0, 0)));
  EXPECT_EQ(CheckOf(none, "bm").detail, "0 members not in favour; a blocking minority needs 4 members: no blocking minority");
}

TEST(EngineTest, FewerNotInFavourComputedWhenMembersDoNotTakePart) {
  // Population A 30, B 25, C 20, D 15, E 10. All taking part: A+B (55 %) is the fewest above 35 %,
  // so a blocking minority needs 3. Without A (not interested): B alone holds 25 of 70 (35.7 %),
  // so it needs 2.
  Criterion r = Rule("bm", CriterionKind::kFewerNotInFavour);
  r.weight = "population";
  r.blocking_weight = Fraction{35, 100};
  Charter c = MakeCharter({"A", "B", "C", "D", "E"}, {r});
  SetWeight(c, "population", {{"A", 30}, {"B", 25}, {"C", 20}, {"D", 15}, {"E", 10}});
  Outcome all = Eval(c, MakeBallot({Yes("A"), No("B"), No("C"), Yes("D"), Yes("E")}));
  EXPECT_EQ(all.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(all, "bm").detail,
            "2 members not in favour (B, C); a blocking minority needs 3 members (the fewest holding more than "
            "35 % of the population taking part, plus one): no blocking minority");
  Outcome without_a = Eval(c, MakeBallot({OptOut("A"), No("B"), No("C"), Yes("D"), Yes("E")}));
  EXPECT_EQ(without_a.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(without_a, "bm").detail,
            "2 members not in favour (B, C); a blocking minority needs 2 members (the fewest holding more than "
            "35 % of the population taking part, plus one): blocking minority reached");
}

// ---- veto ------------------------------------------------------------------------------------

Charter SecurityCouncilLike() {
  Criterion nine = CountRule(MajorityBase::kMembers, 9);
  Criterion veto = VetoRule({"P1", "P2", "P3"});
  Criterion both = Combined("substantive", CriterionKind::kAll, {"count", "veto"});
  MatterRules m;
  m.rule = "substantive";
  m.parties_abstain = true;
  return MakeCharter({"E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "P1", "P2", "P3"},
                     {nine, veto, both}, m);
}

std::vector<Vote> AllYesExcept(const Charter& c, std::vector<Vote> changes) {
  std::vector<Vote> out;
  for (const auto& [id, m] : c.members) {
    Vote v = Yes(id);
    for (const auto& ch : changes) {
      if (ch.member == id) v = ch;
    }
    out.push_back(v);
  }
  return out;
}

TEST(EngineTest, VetoHolderAbstentionIsNoVeto) {
  Charter c = SecurityCouncilLike();
  Outcome out = Eval(c, MakeBallot(AllYesExcept(c, {Abstain("P2")})));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "veto").detail, "no veto-holder voted against; abstaining or absent (not a veto): P2");
  EXPECT_EQ(CheckOf(out, "substantive").detail, "all of count, veto: 2 of 2 passed");
}

TEST(EngineTest, VetoHolderAbsenceIsNoVeto) {
  Charter c = SecurityCouncilLike();
  Outcome out = Eval(c, MakeBallot(AllYesExcept(c, {Away("P3")})));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "veto").detail, "no veto-holder voted against; abstaining or absent (not a veto): P3");
  EXPECT_EQ(out.members.at("P3"), MemberStatus::kAbsent);
  EXPECT_EQ(Binding(out).find("P3"), std::string::npos);
}

TEST(EngineTest, VetoHolderNoIsAVeto) {
  Charter c = SecurityCouncilLike();
  Outcome out = Eval(c, MakeBallot(AllYesExcept(c, {No("P1")})));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_TRUE(CheckOf(out, "count").passed);  // 12 of 13 in favour
  EXPECT_EQ(CheckOf(out, "veto").detail, "vetoed by P1");
  EXPECT_EQ(CheckOf(out, "substantive").detail, "all of count, veto: 1 of 2 passed");
  // An elected member's no is not a veto.
  EXPECT_EQ(Eval(c, MakeBallot(AllYesExcept(c, {No("E01"), No("E02")}))).status, DecisionStatus::kAdopted);
}

TEST(EngineTest, PartiesMustAbstain) {
  Charter c = SecurityCouncilLike();
  std::vector<Vote> votes = AllYesExcept(c, {No("P1")});
  for (auto& v : votes) v.party = v.member == "P1";
  Outcome out = Eval(c, MakeBallot(votes));
  // The party's negative vote is counted as the abstention the charter requires: no veto.
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(out.members.at("P1"), MemberStatus::kAbstained);
  EXPECT_EQ(CheckOf(out, "veto").detail, "no veto-holder voted against; abstaining or absent (not a veto): P1");

  // Where the matter does not make parties abstain, the same no is a veto.
  Charter open = c;
  open.bodies.at("B").matters.at("m").parties_abstain = false;
  EXPECT_EQ(Eval(open, MakeBallot(votes)).status, DecisionStatus::kNotAdopted);
}

TEST(EngineTest, PartyVotingYesStillCountsAsAbstaining) {
  Charter c = SecurityCouncilLike();
  // Nine yes needed; eight elected members and a party in favour make only eight.
  std::vector<Vote> votes = AllYesExcept(c, {Abstain("E09"), Abstain("E10"), Abstain("P2"), Abstain("P3")});
  for (auto& v : votes) v.party = v.member == "P1";
  Outcome out = Eval(c, MakeBallot(votes));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "count").detail, "8 of 13 members in favour; at least 9 needed");
}

// ---- silence ---------------------------------------------------------------------------------

Ballot SilenceBallot(bool opened, bool passed, std::vector<std::string> broken) {
  Ballot b = MakeBallot({Yes("A"), Yes("B"), Yes("C")});
  for (auto& v : b.votes) {
    for (const auto& m : broken) {
      if (v.member == m) v.stance = Stance::kObject;
    }
  }
  b.silence_opened = opened;
  b.silence_deadline_passed = passed;
  b.silence_broken_by = std::move(broken);
  return b;
}

TEST(EngineTest, SilenceKeptUntilTheDeadlineAdopts) {
  Charter c = MakeCharter({"A", "B", "C"}, {Rule("silence", CriterionKind::kSilence)});
  Outcome out = Eval(c, SilenceBallot(true, true, {}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(out, "silence").detail, "nobody broke silence before the deadline");
}

TEST(EngineTest, SilenceBrokenFails) {
  Charter c = MakeCharter({"A", "B", "C"}, {Rule("silence", CriterionKind::kSilence)});
  Outcome out = Eval(c, SilenceBallot(true, true, {"A", "C"}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "silence").detail, "silence broken by A, C");
  EXPECT_EQ(Members(out), "A=objected B=in_favour C=objected");
}

TEST(EngineTest, SilenceBeforeTheDeadlineIsNotYetAdopted) {
  Charter c = MakeCharter({"A", "B", "C"}, {Rule("silence", CriterionKind::kSilence)});
  Outcome out = Eval(c, SilenceBallot(true, false, {}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(out, "silence").detail, "the silence deadline has not passed");
  Outcome never = Eval(c, SilenceBallot(false, false, {}));
  EXPECT_EQ(CheckOf(never, "silence").detail, "no silence procedure was opened");
}

// ---- all / any -------------------------------------------------------------------------------

TEST(EngineTest, AllAndAny) {
  Criterion half = MajorityRule(MajorityBase::kMembers, {1, 2}, Comparison::kMoreThan);
  Criterion two = CountRule(MajorityBase::kMembers, 2);
  Criterion all = Combined("both", CriterionKind::kAll, {"majority", "count"});
  Criterion any = Combined("either", CriterionKind::kAny, {"majority", "count"});
  Charter c_all = MakeCharter({"A", "B", "C", "D", "E"}, {all, half, two});
  Charter c_any = MakeCharter({"A", "B", "C", "D", "E"}, {any, half, two});
  const auto votes = MakeBallot({Yes("A"), Yes("B"), No("C"), No("D"), No("E")});  // 2 of 5
  Outcome a = Eval(c_all, votes);
  EXPECT_EQ(a.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(CheckOf(a, "both").detail, "all of majority, count: 1 of 2 passed");
  ASSERT_EQ(a.checks.size(), 3u);  // children first, in order, then the combination
  EXPECT_EQ(a.checks[0].rule, "majority");
  EXPECT_EQ(a.checks[1].rule, "count");
  EXPECT_EQ(a.checks[2].rule, "both");
  Outcome e = Eval(c_any, votes);
  EXPECT_EQ(e.status, DecisionStatus::kAdopted);
  EXPECT_EQ(CheckOf(e, "either").detail, "any of majority, count: 1 of 2 passed");
}

// ---- quorum ----------------------------------------------------------------------------------

Charter WithQuorum(const std::vector<std::string>& ids, Quorum q, WithoutQuorum wq = WithoutQuorum::kNoDecision) {
  MatterRules m;
  m.quorum = q;
  m.without_quorum = wq;
  return MakeCharter(ids, {ConsensusRule()}, m);
}

TEST(EngineTest, QuorumAllMembers) {
  Quorum q;
  q.kind = QuorumKind::kAll;
  Charter c = WithQuorum({"A", "B", "C"}, q);
  Outcome met = Eval(c, MakeBallot({Yes("A"), Yes("B"), Yes("C")}));
  EXPECT_TRUE(met.quorum_met);
  EXPECT_EQ(met.checks[0].rule, "quorum");
  EXPECT_EQ(met.checks[0].clause, "q");
  EXPECT_EQ(met.checks[0].citation, "Art. 2");
  EXPECT_EQ(met.checks[0].detail, "3 of 3 members present; all members needed");
  Outcome missed = Eval(c, MakeBallot({Yes("A"), Yes("B"), Away("C")}));
  EXPECT_FALSE(missed.quorum_met);
  EXPECT_EQ(missed.status, DecisionStatus::kNotAdopted);
  ASSERT_EQ(missed.checks.size(), 2u);  // the rule is never reached
  EXPECT_EQ(missed.checks[0].detail, "2 of 3 members present; all members needed; absent: C");
  EXPECT_EQ(missed.checks[1].detail, "without a quorum this body decides nothing on this matter");
  EXPECT_EQ(Members(missed), "A=in_favour B=in_favour C=absent");
}

TEST(EngineTest, QuorumCount) {
  Quorum q;
  q.kind = QuorumKind::kCount;
  q.count = 3;
  Charter c = WithQuorum({"A", "B", "C", "D"}, q);
  Outcome three = Eval(c, MakeBallot({Yes("A"), Yes("B"), Yes("C"), Away("D")}));
  EXPECT_TRUE(three.quorum_met);
  EXPECT_EQ(three.status, DecisionStatus::kAdopted);
  EXPECT_EQ(three.checks[0].detail, "3 of 4 members present; at least 3 needed");
  EXPECT_EQ(Binding(three), "A B C");  // absent and not counted: not bound
  Outcome two = Eval(c, MakeBallot({Yes("A"), Yes("B"), Away("C"), Away("D")}));
  EXPECT_FALSE(two.quorum_met);
  EXPECT_EQ(two.checks[0].detail, "2 of 4 members present; at least 3 needed; absent: C, D");
}

TEST(EngineTest, QuorumFraction) {
  Quorum q;
  q.kind = QuorumKind::kFraction;
  q.fraction = {2, 3};
  Charter c = WithQuorum({"A", "B", "C"}, q);
  EXPECT_TRUE(Eval(c, MakeBallot({Yes("A"), Yes("B"), Away("C")})).quorum_met);  // exactly 2/3
  Outcome one = Eval(c, MakeBallot({Yes("A"), Away("B"), Away("C")}));
  EXPECT_FALSE(one.quorum_met);
  EXPECT_EQ(one.checks[0].detail, "1 of 3 members present; at least 2/3 needed; absent: B, C");
}

TEST(EngineTest, QuorumWeight) {
  Quorum q;
  q.kind = QuorumKind::kWeight;
  q.weight = "shares";
  q.fraction = {1, 2};
  Charter c = WithQuorum({"A", "B", "C"}, q);
  SetWeight(c, "shares", {{"A", 50}, {"B", 30}, {"C", 20}});
  Outcome half = Eval(c, MakeBallot({Yes("A"), Away("B"), Away("C")}));
  EXPECT_TRUE(half.quorum_met);
  EXPECT_EQ(half.checks[0].detail, "members present hold 50.0 % of the shares; at least 1/2 needed");
  Outcome less = Eval(c, MakeBallot({Away("A"), Yes("B"), Yes("C")}));
  EXPECT_TRUE(less.quorum_met);  // 50 of 100 again
  Outcome short_of = Eval(c, MakeBallot({Away("A"), Yes("B"), Away("C")}));
  EXPECT_FALSE(short_of.quorum_met);
  EXPECT_EQ(short_of.checks[0].detail,
            "members present hold 30.0 % of the shares; at least 1/2 needed; absent: A, C");
}

TEST(EngineTest, QuorumCountsDeclaredNonObjectionOnlyWhenTheCharterSaysSo) {
  Quorum q;
  q.kind = QuorumKind::kAll;
  Charter strict = WithQuorum({"A", "B", "C"}, q);
  const Ballot ballot = MakeBallot({Yes("A"), Yes("B"), NonObjecting("C")});
  Outcome s = Eval(strict, ballot);
  EXPECT_FALSE(s.quorum_met);
  EXPECT_EQ(s.checks[0].detail, "2 of 3 members present; all members needed");
  q.non_objection_counts = true;
  Charter lenient = WithQuorum({"A", "B", "C"}, q);
  Outcome l = Eval(lenient, ballot);
  EXPECT_TRUE(l.quorum_met);
  EXPECT_EQ(l.checks[0].detail, "3 of 3 members present or declaring non-objection; all members needed");
  EXPECT_EQ(l.status, DecisionStatus::kAdoptedLimited);
  EXPECT_EQ(l.members.at("C"), MemberStatus::kNonObjection);
  EXPECT_EQ(Binding(l), "A B");
}

TEST(EngineTest, WithoutQuorumAdReferendumVersusNoDecision) {
  Quorum q;
  q.kind = QuorumKind::kAll;
  const Ballot ballot = MakeBallot({Yes("A"), Yes("B"), Away("C")});
  Outcome none = Eval(WithQuorum({"A", "B", "C"}, q, WithoutQuorum::kNoDecision), ballot);
  EXPECT_EQ(none.status, DecisionStatus::kNotAdopted);
  EXPECT_FALSE(none.rules_passed);

  MatterRules m;
  m.quorum = q;
  m.without_quorum = WithoutQuorum::kAdReferendum;
  m.provisional = true;
  Charter c = MakeCharter({"A", "B", "C"}, {ConsensusRule()}, m);
  Outcome ad_ref = Eval(c, ballot);
  EXPECT_EQ(ad_ref.status, DecisionStatus::kPendingAccession);
  EXPECT_TRUE(ad_ref.provisional);
  EXPECT_FALSE(ad_ref.quorum_met);
  EXPECT_TRUE(ad_ref.rules_passed);
  ASSERT_EQ(ad_ref.checks.size(), 3u);
  // The quorum missed is shown as what it is: noted, and the matter proceeds.
  EXPECT_EQ(ad_ref.checks[0].rule, "quorum");
  EXPECT_TRUE(ad_ref.checks[0].noted);
  EXPECT_TRUE(ad_ref.checks[0].passed);
  EXPECT_EQ(CheckVerdict(ad_ref.checks[0]), "noted");
  EXPECT_TRUE(ad_ref.checks[0].detail.starts_with("quorum not met: 2 of 3 members present"));
  EXPECT_TRUE(ad_ref.checks[0].detail.ends_with("; the matter proceeds ad referendum"));
  EXPECT_EQ(ad_ref.checks[1].rule, "absence");
  EXPECT_EQ(ad_ref.checks[1].clause, "a");
  EXPECT_EQ(ad_ref.checks[1].detail, "adopted ad referendum by those present; pending the accession of C");
  EXPECT_EQ(Members(ad_ref), "A=signed B=signed C=pending");
  EXPECT_EQ(Binding(ad_ref), "A B");

  // A matter may cite one clause for absence (adoption ad referendum) and another for a declared
  // non-objection (limited format); each step cites the clause it applies.
  c.clauses["q"] = TestClause("q", "Rules, quorum", "Without a quorum, ad referendum.");
  c.clauses["l"] = TestClause("l", "Practice, limited format", "Non-objection: limited format.");
  c.bodies.at("B").matters.at("m").absence_clause = "q";
  c.bodies.at("B").matters.at("m").non_objection_clause = "l";
  Outcome cited = Eval(c, ballot);
  EXPECT_EQ(cited.checks[1].clause, "q");
  EXPECT_EQ(cited.checks[1].citation, "Rules, quorum");
  Ballot declared = ballot;
  for (Vote& v : declared.votes) {
    if (v.attendance == Attendance::kAbsent) v.attendance = Attendance::kNonObjection;
  }
  c.bodies.at("B").matters.at("m").non_objection_limited = true;
  c.bodies.at("B").matters.at("m").quorum.non_objection_counts = true;
  Outcome limited = Eval(c, declared);
  ASSERT_EQ(limited.checks[1].rule, "non_objection");
  EXPECT_EQ(limited.checks[1].clause, "l");
  c.bodies.at("B").matters.at("m").non_objection_limited = false;
  c.bodies.at("B").matters.at("m").quorum.non_objection_counts = false;

  // Not applied provisionally: pending accession binds nobody yet.
  c.bodies.at("B").matters.at("m").provisional = false;
  Outcome not_prov = Eval(c, ballot);
  EXPECT_EQ(not_prov.status, DecisionStatus::kPendingAccession);
  EXPECT_FALSE(not_prov.provisional);
  EXPECT_EQ(Binding(not_prov), "");
  // An objection among those present still defeats it.
  Outcome objected = Eval(c, MakeBallot({Yes("A"), No("B"), Away("C")}));
  EXPECT_EQ(objected.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(Members(objected), "A=in_favour B=objected C=absent");
}

// ---- absence policies --------------------------------------------------------------------------

Outcome WithAbsence(AbsencePolicy policy, const Ballot& ballot) {
  MatterRules m;
  m.absence = policy;
  return Eval(MakeCharter({"A", "B", "C"}, {ConsensusRule()}, m), ballot);
}

TEST(EngineTest, AbsenceBlocking) {
  Outcome out = WithAbsence(AbsencePolicy::kBlocking, MakeBallot({Yes("A"), Yes("B"), Away("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  ASSERT_EQ(out.checks.size(), 1u);
  EXPECT_EQ(out.checks[0].rule, "absence");
  EXPECT_FALSE(out.checks[0].passed);
  EXPECT_EQ(out.checks[0].detail, "absence counts as an objection: C absent");
  // Everyone present: absence cannot block.
  EXPECT_EQ(WithAbsence(AbsencePolicy::kBlocking, MakeBallot({Yes("A"), Yes("B"), Yes("C")})).status,
            DecisionStatus::kAdopted);
  // A declared non-objection is not an absence that blocks.
  EXPECT_EQ(WithAbsence(AbsencePolicy::kBlocking, MakeBallot({Yes("A"), Yes("B"), NonObjecting("C")})).status,
            DecisionStatus::kAdoptedLimited);
}

TEST(EngineTest, AbsencePendingAccession) {
  Outcome out = WithAbsence(AbsencePolicy::kPendingAccession, MakeBallot({Yes("A"), Yes("B"), Away("C")}));
  EXPECT_TRUE(out.quorum_met);
  EXPECT_EQ(out.status, DecisionStatus::kPendingAccession);
  EXPECT_FALSE(out.provisional);
  EXPECT_EQ(CheckOf(out, "absence").detail, "adopted ad referendum by those present; pending the accession of C");
  EXPECT_EQ(out.members.at("C"), MemberStatus::kPending);
}

TEST(EngineTest, AbsenceNotCounted) {
  Outcome out = WithAbsence(AbsencePolicy::kNotCounted, MakeBallot({Yes("A"), Yes("B"), Away("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(out.members.at("C"), MemberStatus::kAbsent);
  EXPECT_EQ(Binding(out), "A B");
}

TEST(EngineTest, NobodyPresent) {
  // Ad referendum needs someone to adopt the text.
  MatterRules m;
  m.quorum.kind = QuorumKind::kAll;
  m.without_quorum = WithoutQuorum::kAdReferendum;
  m.absence = AbsencePolicy::kPendingAccession;
  Charter c = MakeCharter({"A", "B", "C"}, {ConsensusRule()}, m);
  Outcome out = Eval(c, MakeBallot({Away("A"), Away("B"), Away("C")}));
  EXPECT_EQ(out.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(Members(out), "A=absent B=absent C=absent");
  EXPECT_EQ(Binding(out), "");
  // A count rule and a majority of those present both fail too.
  Charter count = MakeCharter({"A", "B", "C"}, {CountRule(MajorityBase::kMembers, 1)});
  EXPECT_EQ(Eval(count, MakeBallot({Away("A"), Away("B"), Away("C")})).status, DecisionStatus::kNotAdopted);
}

TEST(EngineTest, EveryoneAbstainingUnderAMajorityFails) {
  const auto ids = Numbered(5);
  for (MajorityBase base : {MajorityBase::kMembers, MajorityBase::kPresent, MajorityBase::kParticipating,
                            MajorityBase::kVoting}) {
    Charter c = MakeCharter(ids, {MajorityRule(base, {1, 2})});
    Outcome out = Eval(c, MakeBallot(Split(ids, 0, 0, 5)));
    EXPECT_EQ(out.status, DecisionStatus::kNotAdopted) << static_cast<int>(base);
  }
}

// ---- errors and determinism -----------------------------------------------------------------

TEST(EngineTest, UnknownBodyOrMatter) {
  Charter c = MakeCharter({"A"}, {ConsensusRule()});
  Ballot b = MakeBallot({Yes("A")});
  b.body = "X";
  Result<Outcome> r = EvaluateDraft(c, b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "unknown body 'X'");
  b.body = "B";
  b.matter = "z";
  r = EvaluateDraft(c, b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "body B has no matter 'z'");
}

TEST(EngineTest, SameBallotSameOutcome) {
  Charter c = SecurityCouncilLike();
  const Ballot b = MakeBallot(AllYesExcept(c, {No("P1"), Abstain("E03")}));
  Outcome x = Eval(c, b), y = Eval(c, b);
  ASSERT_EQ(x.checks.size(), y.checks.size());
  for (std::size_t i = 0; i < x.checks.size(); ++i) {
    EXPECT_EQ(x.checks[i].detail, y.checks[i].detail);
    EXPECT_EQ(x.checks[i].passed, y.checks[i].passed);
  }
  EXPECT_EQ(Members(x), Members(y));
}

TEST(EngineTest, Percent) {
  EXPECT_EQ(Percent(15, 27), "55.6 %");
  EXPECT_EQ(Percent(1, 3), "33.3 %");
  EXPECT_EQ(Percent(2, 3), "66.7 %");
  EXPECT_EQ(Percent(1, 2000), "0.1 %");  // 0.05 rounds half up
  EXPECT_EQ(Percent(0, 5), "0.0 %");
  EXPECT_EQ(Percent(5, 5), "100.0 %");
  EXPECT_EQ(Percent(3, 0), "0.0 %");
  EXPECT_EQ(Percent(451028881, 451028881), "100.0 %");
}

// ---- after the session: accession, refusal, binding ----------------------------------------

TEST(EngineTest, StatusAfterAccession) {
  MatterRules m;
  m.refusal_with_objection_defeats = true;
  using S = MemberStatus;
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kSigned}, {"B", S::kPending}}), DecisionStatus::kPendingAccession);
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kSigned}, {"B", S::kAcceded}}), DecisionStatus::kAdopted);
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kSigned}, {"B", S::kRefused}}), DecisionStatus::kAdoptedLimited);
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kSigned}, {"B", S::kNonObjection}}), DecisionStatus::kAdoptedLimited);
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kSigned}, {"B", S::kRefusedObjects}}), DecisionStatus::kNotAdopted);
  // One refusal with objection defeats it even while another member is pending.
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kRefusedObjects}, {"B", S::kPending}}), DecisionStatus::kNotAdopted);
  // A refusal without objection waits for the pending members.
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kRefused}, {"B", S::kPending}}), DecisionStatus::kPendingAccession);
  m.refusal_with_objection_defeats = false;
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kSigned}, {"B", S::kRefusedObjects}}), DecisionStatus::kAdoptedLimited);
  EXPECT_EQ(StatusAfterAccession(m, {{"A", S::kSigned}, {"B", S::kNotInterested}, {"C", S::kAbsent}}),
            DecisionStatus::kAdopted);
}

TEST(EngineTest, BindingOn) {
  using S = MemberStatus;
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x;
    return s;
  };
  // Adopted in full: everyone but the opted-out and the absent whose absence is not counted.
  const std::map<std::string, MemberStatus> full = {
      {"A", S::kSigned}, {"B", S::kSignedWithReservation}, {"C", S::kAcceded}, {"D", S::kAbstained},
      {"E", S::kNotInterested}, {"F", S::kAbsent}, {"G", S::kObjected}};
  EXPECT_EQ(join(BindingOn(DecisionStatus::kAdopted, false, full)), "ABCDG");
  // Limited format or provisional: the signatories and those that acceded, not the others.
  const std::map<std::string, MemberStatus> ms = {
      {"A", S::kSigned},   {"B", S::kSignedWithReservation}, {"C", S::kAcceded}, {"D", S::kAccededWithReservation},
      {"E", S::kPending},  {"F", S::kRefused},               {"G", S::kNonObjection}, {"H", S::kNotInterested},
      {"I", S::kAbstained}, {"J", S::kRefusedObjects},       {"K", S::kAbsent}};
  EXPECT_EQ(join(BindingOn(DecisionStatus::kAdoptedLimited, false, ms)), "ABCDI");
  EXPECT_EQ(join(BindingOn(DecisionStatus::kPendingAccession, true, ms)), "ABCDI");
  EXPECT_EQ(join(BindingOn(DecisionStatus::kPendingAccession, false, ms)), "");
  EXPECT_EQ(join(BindingOn(DecisionStatus::kNotAdopted, false, ms)), "");
  EXPECT_EQ(join(BindingOn(DecisionStatus::kReturned, true, ms)), "");
}

TEST(EngineTest, Names) {
  EXPECT_EQ(DecisionStatusName(DecisionStatus::kPendingAccession), "pending_accession");
  EXPECT_EQ(DecisionStatusName(DecisionStatus::kAdoptedLimited), "adopted_limited");
  EXPECT_EQ(MemberStatusName(MemberStatus::kRefusedObjects), "refused_objects");
  EXPECT_EQ(MemberStatusName(MemberStatus::kAccededWithReservation), "acceded_with_reservation");
  EXPECT_EQ(MemberStatusName(MemberStatus::kNonObjection), "non_objection");
}

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

// Council of the EU: an absent, unrepresented member still counts among the members, and so
// against a qualified majority; only a member not taking part by right leaves the base.
TEST(VotesAsCounted, TheEntitledBaseCountsAnAbsentMemberButNotAnOptOut) {
  const Fraction three_quarters{3, 4};
  Charter entitled = MakeCharter({"A", "B", "C", "D"}, {MajorityRule(MajorityBase::kEntitled, three_quarters, Comparison::kMoreThan)}, {});
  Charter taking_part = MakeCharter({"A", "B", "C", "D"}, {MajorityRule(MajorityBase::kParticipating, three_quarters, Comparison::kMoreThan)}, {});
  const Ballot d_away = MakeBallot({Yes("A"), Yes("B"), Yes("C"), Away("D")});
  EXPECT_EQ(Eval(entitled, d_away).status, DecisionStatus::kNotAdopted);       // 3 of 4: not more than 3/4
  EXPECT_EQ(Eval(taking_part, d_away).status, DecisionStatus::kAdopted);       // 3 of 3
  EXPECT_EQ(Eval(entitled, d_away).checks.back().detail,
            "3 of 4 members entitled to take part in favour (75.0 %); more than 3/4 needed");
  const Ballot d_opts_out = MakeBallot({Yes("A"), Yes("B"), Yes("C"), OptOut("D")});
  EXPECT_EQ(Eval(entitled, d_opts_out).status, DecisionStatus::kAdopted);      // 3 of the 3 entitled
}

// A matter decided by recorded vote reports each vote as cast; consensus keeps "signed".
TEST(VotesAsCounted, RecordedVotesReportEachVoteAndWhoDidNotVote) {
  Charter vote = MakeCharter({"A", "B", "C", "D", "E"}, {CountRule(MajorityBase::kMembers, 2)}, {});
  Outcome out = Eval(vote, MakeBallot({Yes("A"), Yes("B"), No("C"), Abstain("D"), Silent("E")}));
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(Members(out), "A=in_favour B=in_favour C=objected D=abstained E=not_voting");
  EXPECT_EQ(Binding(out), "A B C D E");
  Charter consensus = MakeCharter({"A", "B"}, {ConsensusRule()}, {});
  EXPECT_EQ(Members(Eval(consensus, MakeBallot({Yes("A"), Silent("B")}))), "A=signed B=signed");
}

TEST(VotesAsCounted, ASuspendedVoteIsNotCounted) {
  Charter vote = MakeCharter({"A", "B", "C"}, {MajorityRule(MajorityBase::kMembers, Fraction{2, 3})}, {});
  Ballot ballot = MakeBallot({Yes("A"), Yes("B"), No("C")});
  ballot.votes[2].vote_suspended = true;  // C in arrears (UN Charter Art. 19)
  Outcome out = Eval(vote, ballot);
  EXPECT_EQ(out.checks.back().detail, "2 of 2 members in favour (100.0 %); at least 2/3 needed");
  EXPECT_EQ(out.members.at("C"), MemberStatus::kVoteSuspended);
}

// CSCE, Prague 1992: consensus without the State concerned.
TEST(VotesAsCounted, ConsensusMinusTheStateConcerned) {
  Criterion rule = ConsensusRule();
  rule.disregard_parties = true;
  Charter c = MakeCharter({"A", "B", "P"}, {rule}, {});
  Ballot ballot = MakeBallot({Yes("A"), Yes("B"), No("P")});
  ballot.votes[2].party = true;
  Outcome out = Eval(c, ballot);
  EXPECT_EQ(out.status, DecisionStatus::kAdopted);
  EXPECT_EQ(out.members.at("P"), MemberStatus::kObjectionDisregarded);
  EXPECT_EQ(out.checks.back().detail,
            "no official objection among 3 members taking part; objection of P disregarded (consensus minus the State concerned)");
  ballot.votes[1].stance = Stance::kObject;  // any other objection still blocks
  EXPECT_EQ(Eval(c, ballot).status, DecisionStatus::kNotAdopted);
}

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

Charter QuorumCharter(Quorum q) {
  MatterRules m;
  m.quorum = q;
  return MakeCharter({"A", "B", "C", "D", "E"}, {ConsensusRule()}, m);
}

// The IMF Board of Governors: a majority of the Governors exercising two-thirds of the votes.
TEST(VotesAsCounted, AQuorumOfHeadsAndWeightTogether) {
  Quorum q;
  q.kind = QuorumKind::kFraction;
  q.fraction = Fraction{1, 2};
  q.and_weight = "votes";
  q.and_weight_fraction = Fraction{2, 3};
  Charter c = QuorumCharter(q);
  SetWeight(c, "votes", {{"A", 50}, {"B", 10}, {"C", 10}, {"D", 15}, {"E", 15}});
  // Three of five Governors holding 70 of 100 votes: both met.
  Outcome met = Eval(c, MakeBallot({Yes("A"), Yes("B"), Yes("C"), Away("D"), Away("E")}));
  EXPECT_TRUE(met.quorum_met);
  EXPECT_EQ(met.checks[0].detail,
            "3 of 5 members present; at least 1/2 needed; members present hold 70.0 % of the votes; at least 2/3 needed");
  // Three of five holding only 35 votes: the heads are there, the weight is not.
  Outcome short_of_weight = Eval(c, MakeBallot({Away("A"), Yes("B"), Yes("C"), Yes("D"), Away("E")}));
  EXPECT_FALSE(short_of_weight.quorum_met);
  EXPECT_EQ(short_of_weight.status, DecisionStatus::kNotAdopted);
  // One Governor with half the votes: the weight falls short, and so do the heads.
  EXPECT_FALSE(Eval(c, MakeBallot({Yes("A"), Away("B"), Away("C"), Away("D"), Away("E")})).quorum_met);
}

}  // namespace
}  // namespace concord::test
