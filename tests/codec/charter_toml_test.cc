// The TOML charter loader: every shipped charter loads with the values the engine needs, and
// every kind of mistake is reported with its exact "PATH:LINE:COL: error: MESSAGE".
#include "codec/charter_toml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace concord {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(CONCORD_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Charter MustLoad(const std::string& relative) {
  Result<Charter> c = LoadCharterFile(std::string(CONCORD_SOURCE_DIR) + "/" + relative);
  if (!c) ADD_FAILURE() << c.error().message;
  return c ? *c : Charter{};
}

// The formatted diagnostics for a text, as "t.toml:L:C: error: ...".
std::vector<std::string> Errors(std::string_view text, std::string_view path = "t.toml") {
  CharterParse p = ParseCharter(text, path);
  std::vector<std::string> out;
  for (const Diagnostic& d : p.errors) out.push_back(FormatDiagnostic(d));
  EXPECT_EQ(p.charter.has_value(), out.empty());
  return out;
}

// A valid minimal charter; tests append or replace pieces of it. Line numbers matter:
// the prefix is 14 lines long, so appended text starts on line 15.
constexpr std::string_view kPrefix =
    "[charter]\n"                     // 1
    "id = \"t\"\n"                    // 2
    "name = \"Test\"\n"               // 3
    "[clauses.c1]\n"                  // 4
    "citation = \"Art. 1\"\n"         // 5
    "text = \"One.\"\n"               // 6
    "[members.AAA]\n"                 // 7
    "name = \"A\"\n"                  // 8
    "[members.BBB]\n"                 // 9
    "name = \"B\"\n"                  // 10
    "[members.CCC]\n"                 // 11
    "name = \"C\"\n"                  // 12
    "[rules.cons]\n"                  // 13
    "kind = \"consensus\"\n";         // 14
constexpr std::string_view kBody =
    "clause = \"c1\"\n"               // 15
    "[bodies.B]\n"                    // 16
    "name = \"Body\"\n"               // 17
    "[bodies.B.matters.m]\n"          // 18
    "rule = \"cons\"\n";              // 19

std::string With(std::string_view extra) {
  return std::string(kPrefix) + std::string(kBody) + std::string(extra);
}

TEST(CharterToml, MinimalCharterLoads) {
  CharterParse p = ParseCharter(With(""), "t.toml");
  ASSERT_TRUE(p.charter) << (p.errors.empty() ? "" : FormatDiagnostic(p.errors[0]));
  EXPECT_EQ(p.charter->id, "t");
  EXPECT_EQ(p.charter->members.size(), 3u);
  const Body* b = p.charter->FindBody("B");
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(b->composition.empty());  // "all" by default
  const MatterRules* m = b->FindMatter("m");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->rule, "cons");
  EXPECT_EQ(m->quorum.kind, QuorumKind::kNone);
  EXPECT_EQ(m->without_quorum, WithoutQuorum::kNoDecision);
  EXPECT_EQ(m->absence, AbsencePolicy::kNotCounted);
  EXPECT_FALSE(p.charter->procedure.defined);
}

TEST(CharterToml, FormatDiagnostic) {
  EXPECT_EQ(FormatDiagnostic(Diagnostic{"a/b.toml", 3, 14, "unknown key 'x' in [charter]"}),
            "a/b.toml:3:14: error: unknown key 'x' in [charter]");
}

// ---- the shipped charters ------------------------------------------------------------------

TEST(ShippedCharters, Csto) {
  Charter c = MustLoad("charters/csto.toml");
  EXPECT_EQ(c.id, "csto");
  std::vector<std::string> members;
  for (const auto& [id, m] : c.members) members.push_back(id);
  EXPECT_EQ(members, (std::vector<std::string>{"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}));
  EXPECT_EQ(c.members["ARM"].since, 8875);  // 1994-04-20
  for (const char* id : {"CSC", "CFM", "CDM", "CSSC", "PC"}) {
    const Body* b = c.FindBody(id);
    ASSERT_NE(b, nullptr) << id;
    for (const char* matter : {"substantive", "procedural"}) {
      const MatterRules* m = b->FindMatter(matter);
      ASSERT_NE(m, nullptr) << id << " " << matter;
      EXPECT_EQ(m->quorum.kind, QuorumKind::kAll);
      EXPECT_TRUE(m->quorum.non_objection_counts);
      EXPECT_EQ(m->without_quorum, WithoutQuorum::kAdReferendum);
      EXPECT_TRUE(m->provisional);
      EXPECT_EQ(m->absence, AbsencePolicy::kPendingAccession);
      EXPECT_TRUE(m->non_objection_limited);
      EXPECT_TRUE(m->refusal_with_objection_defeats);
    }
    if (std::string(id) != "CSC") {
      EXPECT_EQ(b->chair.rule, ChairRule::kFollows);
      EXPECT_EQ(b->chair.follows, "CSC");
    }
  }
  const Body& csc = c.bodies["CSC"];
  EXPECT_EQ(csc.chair.rule, ChairRule::kHostRotation);
  EXPECT_EQ(csc.chair.order, (std::vector<std::string>{"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}));
  EXPECT_EQ(csc.chair.anchor_year, 2022);
  EXPECT_EQ(csc.chair.anchor_member, "ARM");
  const Criterion& consensus = c.rules.at(csc.matters.at("substantive").rule);
  EXPECT_EQ(consensus.kind, CriterionKind::kConsensus);
  EXPECT_EQ(consensus.objections_allowed, 0);
  EXPECT_EQ(c.FindClause(consensus.clause)->citation, "CSTO Charter, Art. 12");
  const Criterion& procedural = c.rules.at(csc.matters.at("procedural").rule);
  EXPECT_EQ(procedural.kind, CriterionKind::kMajority);
  EXPECT_EQ(c.posts.at("secretary_general").term_years, 3);
  EXPECT_EQ(c.posts.at("chief_of_joint_staff").body, "CSC");
  ASSERT_TRUE(c.procedure.defined);
  EXPECT_EQ(c.procedure.measures.size(), 6u);
  EXPECT_EQ(c.procedure.triggers, (std::vector<std::string>{"cst-art4", "cst-art2"}));
  EXPECT_EQ(c.procedure.stages[2].bodies, (std::vector<std::string>{"CSC", "CSSC", "CFM", "PC"}));
  for (const StageDef& s : c.procedure.stages) {
    EXPECT_FALSE(s.limit_hours || s.limit_days) << s.id << ": the real limits are not public";
  }
  EXPECT_FALSE(c.procedure.note.empty());
}

// The test variant keeps the real stages (adding invented limits) and may add invented stages.
TEST(ShippedCharters, CstoCrisisLimitsKeepsTheRealStages) {
  Charter real = MustLoad("charters/csto.toml");
  Charter test = MustLoad("tests/golden/charters/csto-crisis-limits.toml");
  EXPECT_EQ(test.id, "csto-crisis-limits");
  EXPECT_EQ(test.members.size(), real.members.size());
  EXPECT_EQ(test.bodies.size(), real.bodies.size());
  ASSERT_GE(test.procedure.stages.size(), real.procedure.stages.size());
  for (std::size_t i = 0; i < real.procedure.stages.size(); ++i) {
    EXPECT_EQ(test.procedure.stages[i].id, real.procedure.stages[i].id);
    EXPECT_EQ(test.procedure.stages[i].on, real.procedure.stages[i].on);
  }
  EXPECT_EQ(test.procedure.stages[0].limit_hours, 24);
  EXPECT_EQ(test.procedure.stages[3].limit_days, 5);
}

TEST(ShippedCharters, UnSecurityCouncil) {
  Charter c = MustLoad("charters/un-security-council.toml");
  EXPECT_EQ(c.members.size(), 40u);  // the permanent five and the elected members of 2020-2027
  const Body* sc = c.FindBody("SC");
  ASSERT_NE(sc, nullptr);
  const MatterRules* sub = sc->FindMatter("substantive");
  ASSERT_NE(sub, nullptr);
  EXPECT_TRUE(sub->parties_abstain);
  const Criterion& all = c.rules.at(sub->rule);
  ASSERT_EQ(all.kind, CriterionKind::kAll);
  ASSERT_EQ(all.of.size(), 2u);
  EXPECT_EQ(c.rules.at(all.of[0]).count, 9);
  EXPECT_EQ(c.rules.at(all.of[0]).base, MajorityBase::kMembers);
  EXPECT_EQ(c.rules.at(all.of[1]).holders,
            (std::vector<std::string>{"CHN", "FRA", "GBR", "RUS", "USA"}));
  EXPECT_EQ(c.rules.at(sc->FindMatter("procedural")->rule).count, 9);
  EXPECT_EQ(sc->chair.rule, ChairRule::kAlphabetical);
  EXPECT_EQ(sc->chair.period_months, 1);
  EXPECT_EQ(sc->chair.anchor_member, "TUN");
  EXPECT_EQ(c.members.at("DNK").until, 20818);  // 2026-12-31
}

TEST(ShippedCharters, EuCouncil) {
  Charter c = MustLoad("charters/eu-council.toml");
  ASSERT_EQ(c.members.size(), 27u);
  std::int64_t total = 0;
  for (const auto& [id, m] : c.members) total += m.weights.at("population");
  EXPECT_EQ(total, 451028881);  // the Council's 2025 total
  const Body* council = c.FindBody("COUNCIL");
  ASSERT_NE(council, nullptr);
  for (const char* m : {"qmv", "rqmv", "unanimity", "simple_majority", "procedural"}) {
    EXPECT_NE(council->FindMatter(m), nullptr) << m;
  }
  const Criterion& qmv = c.rules.at(council->FindMatter("qmv")->rule);
  ASSERT_EQ(qmv.kind, CriterionKind::kAll);
  const Criterion& members55 = c.rules.at(qmv.of[0]);
  EXPECT_EQ(members55.base, MajorityBase::kEntitled);
  EXPECT_EQ(members55.threshold->num, 55);
  const Criterion& either = c.rules.at(qmv.of[1]);
  ASSERT_EQ(either.kind, CriterionKind::kAny);
  const Criterion& blocking = c.rules.at(either.of[1]);
  ASSERT_EQ(blocking.kind, CriterionKind::kFewerNotInFavour);
  ASSERT_TRUE(blocking.blocking_weight);

  // With all 27 taking part, the computed blocking minority must be TEU 16(4)'s four members:
  // the fewest states holding more than 35 % of the population, plus one.
  std::vector<std::int64_t> pop;
  for (const auto& [id, m] : c.members) pop.push_back(m.weights.at("population"));
  std::sort(pop.rbegin(), pop.rend());
  std::int64_t sum = 0;
  int needed = 0;
  while (sum * blocking.blocking_weight->den <= total * blocking.blocking_weight->num) {
    sum += pop[static_cast<std::size_t>(needed++)];
  }
  EXPECT_EQ(needed + 1, 4);

  const Criterion& cfsp = c.rules.at(council->FindMatter("cfsp_unanimity")->rule);
  ASSERT_TRUE(cfsp.constructive_members && cfsp.constructive_weight);
  EXPECT_EQ(cfsp.constructive_weight_id, "population");
  EXPECT_EQ(council->FindMatter("qmv")->quorum.count, 14);
  EXPECT_EQ(council->chair.period_months, 6);
}

TEST(ShippedCharters, NatoNac) {
  Charter c = MustLoad("charters/nato-nac.toml");
  EXPECT_EQ(c.members.size(), 32u);
  EXPECT_EQ(c.members.at("SWE").since, 19789);  // 2024-03-07
  EXPECT_EQ(c.members.at("FIN").since, 19451);  // 2023-04-04
  const Body* nac = c.FindBody("NAC");
  ASSERT_NE(nac, nullptr);
  EXPECT_EQ(c.rules.at(nac->FindMatter("consensus")->rule).kind, CriterionKind::kConsensus);
  EXPECT_EQ(c.rules.at(nac->FindMatter("silence")->rule).kind, CriterionKind::kSilence);
}

TEST(ShippedCharters, TestCharters) {
  Charter board = MustLoad("tests/golden/charters/board.toml");
  const Criterion& maj = board.rules.at("board-majority");
  EXPECT_EQ(maj.base, MajorityBase::kPresent);
  EXPECT_EQ(maj.comparison, Comparison::kMoreThan);
  EXPECT_TRUE(maj.casting_vote);
  EXPECT_EQ(board.bodies.at("BOARD").matters.at("ordinary").quorum.count, 3);
  EXPECT_EQ(board.bodies.at("BOARD").chair.member, "ada");

  Charter agm = MustLoad("tests/golden/charters/shareholders.toml");
  EXPECT_EQ(agm.rules.at("special").weight, "shares");
  EXPECT_EQ(agm.members.at("fund-a").weights.at("shares"), 400000);
  const Quorum& q = agm.bodies.at("AGM").matters.at("ordinary").quorum;
  EXPECT_EQ(q.kind, QuorumKind::kWeight);
  EXPECT_EQ(q.fraction.num, 1);
  EXPECT_EQ(q.fraction.den, 3);
}

// ---- files and syntax ----------------------------------------------------------------------

TEST(CharterErrors, MissingFileIsUnavailable) {
  Result<Charter> c = LoadCharterFile("/nonexistent/charter.toml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(c.error().message, "cannot read /nonexistent/charter.toml: No such file or directory");
}

TEST(CharterErrors, InvalidFileIsInvalidArgumentWithEveryDiagnostic) {
  const std::string path = std::string(CONCORD_SOURCE_DIR) + "/tests/golden/charters/bad-several.toml";
  Result<Charter> c = LoadCharterFile(path);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(std::count(c.error().message.begin(), c.error().message.end(), '\n'), 7);
  EXPECT_EQ(c.error().message.rfind(path + ":5:1: error: unknown key 'edition' in [charter]", 0), 0u);
}

TEST(CharterErrors, Syntax) {
  EXPECT_EQ(Errors(ReadSource("tests/golden/charters/bad-syntax.toml"), "bad-syntax.toml"),
            (std::vector<std::string>{"bad-syntax.toml:3:8: error: Error while parsing key-value "
                                      "pair: expected value, saw '\\n'"}));
  EXPECT_EQ(Errors("[charter]\nid = \"a\"\nid = \"b\"\n"),
            (std::vector<std::string>{
                "t.toml:3:6: error: Error while parsing key-value pair: cannot redefine "
                "existing string 'id'"}));
}

TEST(CharterErrors, SeveralErrorsReportedTogetherInOrder) {
  EXPECT_EQ(
      Errors(ReadSource("tests/golden/charters/bad-several.toml"), "bad-several.toml"),
      (std::vector<std::string>{
          "bad-several.toml:5:1: error: unknown key 'edition' in [charter]",
          "bad-several.toml:14:9: error: 'since' 2020-01-01 is after 'until' 2019-12-31 in "
          "[members.AAA]",
          "bad-several.toml:20:8: error: unknown value 'concensus' for 'kind' in [rules.cons] "
          "(expected one of: consensus, unanimity, majority, fewer_not_in_favour, veto, silence, "
          "all, any)",
          "bad-several.toml:25:10: error: unknown clause 'c9' in 'clause' of [rules.maj]",
          "bad-several.toml:26:13: error: 'threshold' [3, 2] in [rules.maj] is more than the "
          "whole",
          "bad-several.toml:30:23: error: unknown member 'CCC' in 'composition' of [bodies.B1]",
          "bad-several.toml:30:30: error: duplicate member 'AAA' in 'composition' of [bodies.B1]",
          "bad-several.toml:34:1: error: unknown key 'quorom' in "
          "[bodies.B1.matters.substantive]"}));
}

// ---- unknown keys and wrong types ------------------------------------------------------------

TEST(CharterErrors, UnknownKeys) {
  EXPECT_EQ(Errors(With("quorom = { kind = \"all\" }\n[extra]\nx = 1\n")),
            (std::vector<std::string>{
                "t.toml:20:1: error: unknown key 'quorom' in [bodies.B.matters.m]",
                "t.toml:21:2: error: unknown key 'extra' in the document"}));
}

TEST(CharterErrors, KeyOfAnotherKind) {
  EXPECT_EQ(Errors(std::string(kPrefix) + "holders = [\"AAA\"]\n" + std::string(kBody)),
            (std::vector<std::string>{
                "t.toml:15:1: error: key 'holders' does not apply to kind 'consensus' in "
                "[rules.cons]"}));
  EXPECT_EQ(Errors(With("quorum = { kind = \"all\", count = 2 }\n")),
            (std::vector<std::string>{
                "t.toml:20:26: error: key 'count' does not apply to quorum kind 'all' in "
                "[bodies.B.matters.m.quorum]"}));
}

TEST(CharterErrors, WrongTypes) {
  EXPECT_EQ(Errors(std::string(kPrefix) + "objections_allowed = \"one\"\n" + std::string(kBody) +
                   "provisional = 1\n[members.DDD]\nname = \"D\"\nsince = \"2020-01-01\"\n"),
            (std::vector<std::string>{
                "t.toml:15:22: error: 'objections_allowed' in [rules.cons] must be an integer, "
                "not a string",
                "t.toml:21:15: error: 'provisional' in [bodies.B.matters.m] must be a boolean, "
                "not an integer",
                "t.toml:24:9: error: 'since' in [members.DDD] must be a date (YYYY-MM-DD, "
                "unquoted), not a string"}));
}

TEST(CharterErrors, MissingRequiredKeys) {
  EXPECT_EQ(Errors("[charter]\nid = \"t\"\n[clauses.c1]\ncitation = \"x\"\n[members.A]\n"
                   "[rules.r]\nclause = \"c1\"\n[bodies.B]\nname = \"B\"\n[bodies.B.matters.m]\n"),
            (std::vector<std::string>{
                "t.toml:1:1: error: missing required key 'name' in [charter]",
                "t.toml:3:1: error: missing required key 'text' in [clauses.c1]",
                "t.toml:5:1: error: missing required key 'name' in [members.A]",
                "t.toml:6:1: error: missing required key 'kind' in [rules.r]",
                "t.toml:10:1: error: missing required key 'rule' in [bodies.B.matters.m]"}));
}

// Errors at the same place keep the order in which the sections are read.
TEST(CharterErrors, MissingSections) {
  EXPECT_EQ(Errors("[charter]\nid = \"t\"\nname = \"T\"\n"),
            (std::vector<std::string>{
                "t.toml:1:1: error: missing required key 'clauses' in the document",
                "t.toml:1:1: error: missing required key 'members' in the document",
                "t.toml:1:1: error: missing required key 'rules' in the document",
                "t.toml:1:1: error: missing required key 'bodies' in the document"}));
}

TEST(CharterErrors, UnknownEnumValues) {
  EXPECT_EQ(Errors(With("absence = \"sometimes\"\nwithout_quorum = \"adref\"\n")),
            (std::vector<std::string>{
                "t.toml:20:11: error: unknown value 'sometimes' for 'absence' in "
                "[bodies.B.matters.m] (expected one of: not_counted, blocking, pending_accession)",
                "t.toml:21:18: error: unknown value 'adref' for 'without_quorum' in "
                "[bodies.B.matters.m] (expected one of: no_decision, ad_referendum)"}));
}

// ---- references ------------------------------------------------------------------------------

TEST(CharterErrors, UnknownReferences) {
  EXPECT_EQ(Errors(With("[rules.v]\nkind = \"veto\"\nclause = \"c1\"\nholders = [\"AAA\", \"ZZZ\"]\n"
                        "[rules.both]\nkind = \"all\"\nclause = \"c2\"\nof = [\"cons\", \"nope\"]\n"
                        "[rules.w]\nkind = \"majority\"\nclause = \"c1\"\ncount = 2\n"
                        "weight = \"pop\"\n"
                        "[bodies.P]\nname = \"P\"\nchair = { rule = \"follows\", follows = \"Q\" }\n"
                        "[bodies.P.matters.m]\nrule = \"cons2\"\n"
                        "[posts.sg]\nname = \"SG\"\nbody = \"X\"\n")),
            (std::vector<std::string>{
                "t.toml:23:19: error: unknown member 'ZZZ' in 'holders' of [rules.v]",
                "t.toml:26:10: error: unknown clause 'c2' in 'clause' of [rules.both]",
                "t.toml:27:15: error: unknown rule 'nope' in 'of' of [rules.both]",
                "t.toml:32:10: error: unknown weight 'pop' in 'weight' of [rules.w]",
                "t.toml:35:39: error: unknown body 'Q' in 'follows' of [bodies.P.chair]",
                "t.toml:37:8: error: unknown rule 'cons2' in 'rule' of [bodies.P.matters.m]",
                "t.toml:40:8: error: unknown body 'X' in 'body' of [posts.sg]"}));
}

TEST(CharterErrors, ProcedureReferences) {
  EXPECT_EQ(Errors(With("[procedure]\ntriggers = [\"art-4\"]\nmeasures = [\"talks\", \"talks\"]\n"
                        "consent_required = [\"troops\"]\n[[procedure.stages]]\nid = \"s\"\n"
                        "on = \"decided\"\nmeasure = \"troops\"\nbody = \"Z\"\n"
                        "limit_hours = 0\n")),
            (std::vector<std::string>{
                "t.toml:21:13: error: unknown clause 'art-4' in 'triggers' of [procedure]",
                "t.toml:22:22: error: duplicate measure 'talks' in 'measures' of [procedure]",
                "t.toml:23:21: error: unknown measure 'troops' in 'consent_required' of "
                "[procedure]",
                "t.toml:26:6: error: unknown value 'decided' for 'on' in [[procedure.stages]] #1 "
                "(expected one of: registered, session, decision, offered, answered, deployed, "
                "completed, closed, consultation, refused)",
                "t.toml:27:11: error: unknown measure 'troops' in 'measure' of "
                "[[procedure.stages]] #1",
                "t.toml:28:8: error: unknown body 'Z' in 'body' of [[procedure.stages]] #1",
                "t.toml:29:15: error: 'limit_hours' in [[procedure.stages]] #1 must be positive, "
                "not 0"}));
}

TEST(CharterErrors, Weights) {
  EXPECT_EQ(Errors(With("[weights.pop]\nsource = \"census\"\n[members.DDD]\nname = \"D\"\n"
                        "weights = { pop = -5, shares = 3 }\n")),
            (std::vector<std::string>{
                "t.toml:7:1: error: missing weight 'pop' in [members.AAA]; every member carries "
                "each declared weight",
                "t.toml:9:1: error: missing weight 'pop' in [members.BBB]; every member carries "
                "each declared weight",
                "t.toml:11:1: error: missing weight 'pop' in [members.CCC]; every member carries "
                "each declared weight",
                "t.toml:22:1: error: missing weight 'pop' in [members.DDD]; every member carries "
                "each declared weight",
                "t.toml:24:19: error: weight 'pop' in [members.DDD] must not be negative",
                "t.toml:24:23: error: unknown weight 'shares' in 'weights' of [members.DDD]"}));
}

// Adversarial finding: weights whose total passed 2^63 wrapped round ("adopted, 300.0 %",
// binding on the objectors). A charter whose weights total more than kMaxWeightTotal is refused.
TEST(CharterErrors, WeightsWhoseTotalWouldOverflowAreRefused) {
  auto charter = [](std::int64_t a, std::int64_t b) {
    return "[charter]\nid = \"t\"\nname = \"Test\"\n"          // 1-3
           "[clauses.c1]\ncitation = \"Art. 1\"\ntext = \"One.\"\n"  // 4-6
           "[weights.pop]\nsource = \"census\"\n"                      // 7-8
           "[members.AAA]\nname = \"A\"\nweights = { pop = " + std::to_string(a) + " }\n"  // 9-11
           "[members.BBB]\nname = \"B\"\nweights = { pop = " + std::to_string(b) + " }\n"  // 12-14
           "[rules.cons]\nkind = \"consensus\"\nclause = \"c1\"\n"
           "[bodies.B]\nname = \"Body\"\n[bodies.B.matters.m]\nrule = \"cons\"\n";
  };
  EXPECT_TRUE(Errors(charter(kMaxWeightTotal / 2, kMaxWeightTotal / 2)).empty());
  EXPECT_EQ(Errors(charter(INT64_MAX / 2, INT64_MAX / 2 + 10)),
            (std::vector<std::string>{"t.toml:9:1: error: weight 'pop' of AAA brings its total over 9007199254740992, "
                                      "the most a charter may declare"}));
}

// Adversarial finding: member ids "secretariat", "chair", "" and Unicode look-alikes were
// accepted, so a member could pass for the secretariat or for another member.
TEST(CharterErrors, MemberIdsArePlainAndNotReserved) {
  const std::vector<std::string> errors =
      Errors(With("[members.secretariat]\nname = \"S\"\n[members.\"\"]\nname = \"E\"\n"
                  "[members.\"\u0410RM\"]\nname = \"Cyrillic A\"\n"));
  ASSERT_EQ(errors.size(), 3u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("member id 'secretariat' is reserved"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("member id '' must be ASCII letters"), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("must be ASCII letters"), std::string::npos) << errors[2];
}

// ---- impossible thresholds -------------------------------------------------------------------

TEST(CharterErrors, ImpossibleFractions) {
  EXPECT_EQ(Errors(With("[rules.a]\nkind = \"majority\"\nclause = \"c1\"\nthreshold = [1, 0]\n"
                        "[rules.b]\nkind = \"majority\"\nclause = \"c1\"\nthreshold = [-1, 2]\n"
                        "[rules.c]\nkind = \"majority\"\nclause = \"c1\"\nthreshold = [2]\n")),
            (std::vector<std::string>{
                "t.toml:23:13: error: 'threshold' [1, 0] in [rules.a] needs a positive "
                "denominator",
                "t.toml:27:13: error: 'threshold' [-1, 2] in [rules.b] has a negative numerator",
                "t.toml:31:13: error: 'threshold' in [rules.c] must be [numerator, denominator], "
                "e.g. [2, 3]"}));
}

TEST(CharterErrors, ImpossibleCounts) {
  // Three members: a count of 4 can never be reached, a count of 0 means nothing.
  EXPECT_EQ(Errors(std::string(kPrefix) + std::string(kBody) +
                   "quorum = { kind = \"count\", count = 4 }\n"
                   "[bodies.B.matters.n]\nrule = \"four\"\n"
                   "[rules.four]\nkind = \"majority\"\nclause = \"c1\"\ncount = 4\n"
                   "[rules.zero]\nkind = \"fewer_not_in_favour\"\nclause = \"c1\"\ncount = 0\n"),
            (std::vector<std::string>{
                "t.toml:20:36: error: quorum count 4 in [bodies.B.matters.m.quorum] exceeds the "
                "3 members of body 'B'",
                "t.toml:26:9: error: count 4 in [rules.four] exceeds the 3 members of body 'B'",
                "t.toml:30:9: error: 'count' in [rules.zero] must be positive, not 0"}));
}

TEST(CharterErrors, CountAgainstTheSmallestBodyUsingTheRule) {
  EXPECT_EQ(Errors(With("[rules.three]\nkind = \"majority\"\nclause = \"c1\"\ncount = 3\n"
                        "[rules.top]\nkind = \"any\"\nclause = \"c1\"\nof = [\"three\"]\n"
                        "[bodies.S]\nname = \"Small\"\ncomposition = [\"AAA\", \"BBB\"]\n"
                        "[bodies.S.matters.m]\nrule = \"top\"\n")),
            (std::vector<std::string>{
                "t.toml:23:9: error: count 3 in [rules.three] exceeds the 2 members of body "
                "'S'"}));
}

TEST(CharterErrors, MajorityNeedsExactlyOneOfThresholdAndCount) {
  EXPECT_EQ(Errors(With("[rules.both]\nkind = \"majority\"\nclause = \"c1\"\n"
                        "threshold = [1, 2]\ncount = 2\n"
                        "[rules.neither]\nkind = \"majority\"\nclause = \"c1\"\n")),
            (std::vector<std::string>{
                "t.toml:24:1: error: a majority takes 'threshold' or 'count', not both, in "
                "[rules.both]",
                "t.toml:25:1: error: a majority needs 'threshold' or 'count' in "
                "[rules.neither]"}));
}

TEST(CharterErrors, FewerNotInFavourNeedsCountOrWeightShare) {
  EXPECT_EQ(Errors(With("[rules.bm]\nkind = \"fewer_not_in_favour\"\nclause = \"c1\"\n"
                        "blocking_weight = [35, 100]\n")),
            (std::vector<std::string>{
                "t.toml:23:1: error: 'blocking_weight' needs 'weight' (whose share blocks) in "
                "[rules.bm]"}));
}

// ---- structure -------------------------------------------------------------------------------

TEST(CharterErrors, BodyWithoutMatters) {
  EXPECT_EQ(Errors(With("[bodies.E]\nname = \"Empty\"\n[bodies.F]\nname = \"F\"\nmatters = {}\n")),
            (std::vector<std::string>{
                "t.toml:20:1: error: body 'E' has no matters",
                "t.toml:24:11: error: body 'F' has no matters"}));
}

TEST(CharterErrors, RuleCycle) {
  EXPECT_EQ(Errors(With("[rules.a]\nkind = \"all\"\nclause = \"c1\"\nof = [\"cons\", \"b\"]\n"
                        "[rules.b]\nkind = \"any\"\nclause = \"c1\"\nof = [\"a\"]\n"
                        "[rules.self]\nkind = \"any\"\nclause = \"c1\"\nof = [\"self\"]\n")),
            (std::vector<std::string>{
                "t.toml:27:7: error: rule cycle through all/any: a -> b -> a",
                "t.toml:31:7: error: rule cycle through all/any: self -> self"}));
}

// Adversarial finding: a chain of 50,000 all/any rules overflowed the stack of the cycle check
// (check, init, replay and import crashed), and a chain deeper than the engine evaluates was
// accepted. Now the walk is iterative and the chain is refused at its place.
std::string RuleChain(int length) {
  std::string extra;
  for (int i = 0; i < length; ++i) {
    extra += "[rules.r" + std::to_string(i) + "]\nkind = \"all\"\nclause = \"c1\"\nof = [\"" +
             (i + 1 < length ? "r" + std::to_string(i + 1) : std::string("cons")) + "\"]\n";
  }
  return With(extra);
}

TEST(CharterErrors, ALongRuleChainIsRefusedNotACrash) {
  // As deep as fits in the largest charter accepted (the crash needed 20,000 under ASan).
  const std::string chain = RuleChain(18000);
  ASSERT_LE(chain.size(), kMaxCharterBytes);
  const std::vector<std::string> errors = Errors(chain);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "t.toml:20:1: error: rule 'r0' nests 18000 levels of all/any; the engine evaluates at most 32");
  EXPECT_NE(errors[1].find("nests 33 levels of all/any"), std::string::npos) << errors[1];
}

TEST(CharterErrors, AChainTheEngineCanEvaluateIsAccepted) {
  EXPECT_TRUE(Errors(RuleChain(kMaxRuleNesting)).empty());
  EXPECT_FALSE(Errors(RuleChain(kMaxRuleNesting + 1)).empty());
}

TEST(CharterErrors, Chairs) {
  EXPECT_EQ(
      Errors(With("chair = { rule = \"host_rotation\", order = [\"AAA\", \"BBB\"], anchor_year = 2020, "
                  "anchor_member = \"CCC\" }\n"
                  "[bodies.X]\nname = \"X\"\nchair = { rule = \"follows\", follows = \"Y\" }\n"
                  "[bodies.X.matters.m]\nrule = \"cons\"\n"
                  "[bodies.Y]\nname = \"Y\"\nchair = { rule = \"follows\", follows = \"X\" }\n"
                  "[bodies.Y.matters.m]\nrule = \"cons\"\n"
                  "[bodies.Z]\nname = \"Z\"\nchair = { rule = \"rotation\", order = [\"AAA\"], "
                  "period_months = 0 }\n[bodies.Z.matters.m]\nrule = \"cons\"\n")),
      (std::vector<std::string>{
          "t.toml:20:1: error: unknown key 'chair' in [bodies.B.matters.m]",
          "t.toml:23:39: error: chair cycle: X -> Y -> X",
          "t.toml:28:39: error: chair cycle: Y -> X -> Y",
          "t.toml:33:9: error: missing required key 'anchor' in [bodies.Z.chair]",
          "t.toml:33:63: error: 'period_months' in [bodies.Z.chair] must be positive, not 0"}));
}

TEST(CharterErrors, HostRotationAnchorMustBeInOrder) {
  EXPECT_EQ(Errors(std::string(kPrefix) + std::string(kBody) +
                   "[bodies.B.chair]\nrule = \"host_rotation\"\norder = [\"AAA\", \"BBB\"]\n"
                   "anchor_year = 2020\nanchor_member = \"CCC\"\n"),
            (std::vector<std::string>{
                "t.toml:24:17: error: 'anchor_member' 'CCC' is not in 'order' of "
                "[bodies.B.chair]"}));
}

TEST(CharterErrors, ConstructiveAbstentionWeightNeedsItsFraction) {
  EXPECT_EQ(Errors(With("[rules.u]\nkind = \"unanimity\"\nclause = \"c1\"\nabstention = \"blocks\"\n"
                        "constructive_abstention = { members = [1, 3], weight = \"w\" }\n"
                        "[weights.w]\nsource = \"s\"\n")),
            (std::vector<std::string>{
                "t.toml:7:1: error: missing weight 'w' in [members.AAA]; every member carries "
                "each declared weight",
                "t.toml:9:1: error: missing weight 'w' in [members.BBB]; every member carries "
                "each declared weight",
                "t.toml:11:1: error: missing weight 'w' in [members.CCC]; every member carries "
                "each declared weight",
                "t.toml:24:27: error: 'weight' and 'weight_fraction' go together in "
                "[rules.u.constructive_abstention]"}));
}

}  // namespace
}  // namespace concord

namespace concord {
namespace {

TEST(CharterNames, OtherLanguagesOfMembersBodiesAndPosts) {
  CharterParse p = ParseCharter(With("[posts.sg]\nname = \"Secretary\"\nbody = \"B\"\nnames = { ru = \"Секретарь\" }\n"
                                     "[members.DDD]\nname = \"D\"\nnames = { ru = \"Д\", fr = \"Dé\" }\n"),
                                "t.toml");
  ASSERT_TRUE(p.charter) << (p.errors.empty() ? "" : FormatDiagnostic(p.errors[0]));
  EXPECT_EQ(p.charter->members.at("DDD").names, (Names{{"fr", "Dé"}, {"ru", "Д"}}));
  EXPECT_TRUE(p.charter->members.at("AAA").names.empty());
  EXPECT_EQ(p.charter->posts.at("sg").names.at("ru"), "Секретарь");
  const Charter csto = MustLoad("charters/csto.toml");
  EXPECT_EQ(csto.names.at("ru"), "Организация Договора о коллективной безопасности");
  for (const auto& [id, m] : csto.members) EXPECT_FALSE(m.names.at("ru").empty()) << id;
  for (const auto& [id, b] : csto.bodies) EXPECT_FALSE(b.names.at("ru").empty()) << id;
  for (const auto& [id, post] : csto.posts) EXPECT_FALSE(post.names.at("ru").empty()) << id;
}

// Limits: a charter larger than any real one is refused as a whole, before parsing.
TEST(CharterLimits, AnOversizedCharterIsRefusedBeforeParsing) {
  const std::string text = "# " + std::string(kMaxCharterBytes, '-') + "\n";
  CharterParse p = ParseCharter(text, "big.toml");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(p.errors[0]),
            "big.toml:1:1: error: the charter is " + std::to_string(text.size()) + " bytes, over the limit of 1048576");
}

TEST(CharterNames, ABadLanguageOrNameIsLocated) {
  EXPECT_EQ(Errors(With("[members.DDD]\nname = \"D\"\nnames = { russian = \"Д\", ru = 3 }\n")),
            (std::vector<std::string>{
                "t.toml:22:11: error: 'names' in [members.DDD]: 'russian' is not a two-letter language code (e.g. \"ru\")",
                "t.toml:22:31: error: 'names' in [members.DDD]: the ru text must be a non-empty string"}));
}

}  // namespace
}  // namespace concord

namespace concord {
namespace {

TEST(CharterClauses, UnverifiedClauseNeedsANoteAndMattersCiteSeparateClauses) {
  EXPECT_EQ(Errors(With("[clauses.u]\ncitation = \"Rules\"\ntext = \"T\"\nverified = false\n")),
            (std::vector<std::string>{"t.toml:23:12: error: a clause marked 'verified = false' needs a 'note' saying what "
                                      "was not checked, in [clauses.u]"}));
  const Charter csto = MustLoad("charters/csto.toml");
  EXPECT_FALSE(csto.clauses.at("rop-quorum").verified);
  EXPECT_FALSE(csto.clauses.at("rop-quorum").note.empty());
  EXPECT_TRUE(csto.clauses.at("limited-format").verified);
  const MatterRules& m = csto.bodies.at("CSC").matters.at("substantive");
  EXPECT_EQ(m.AbsenceClause(), "rop-quorum");     // Minsk 2023: ad referendum for want of a quorum
  EXPECT_EQ(m.NonObjectionClause(), "limited-format");  // Astana 2024: a declared non-objection
}

}  // namespace
}  // namespace concord
