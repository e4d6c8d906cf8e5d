// The shipped CSTO record through the real binary: golden state after each history and on chosen
// dates, explanations, and the exact messages for bad input (docs/journal-format.md).
#include <gtest/gtest.h>

#include "support/run.h"

namespace concord::test {
namespace {

const std::string kCharter = Source("charters/csto.toml");

std::string History(const std::string& name) { return Source("histories/" + name + ".jsonl"); }

void ExpectGolden(const std::string& golden, const std::vector<std::string>& args) {
  RunResult r = RunConcord(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden(golden, r.out), "");
}

class HistoryGolden : public testing::TestWithParam<std::string> {};

TEST_P(HistoryGolden, FullStateMatchesGolden) {
  ExpectGolden("histories/" + GetParam() + ".state.json",
               {"replay", "--charter", kCharter, "--format", "json", History(GetParam())});
}

INSTANTIATE_TEST_SUITE_P(Shipped, HistoryGolden,
                         testing::Values("csto-2022-kazakhstan", "csto-2022-armenia", "csto-2022-yerevan",
                                         "csto-2023-minsk", "csto-2024-astana"),
                         [](const auto& p) {
                           std::string n = p.param;
                           for (char& c : n) if (c == '-') c = '_';
                           return n;
                         });

TEST(ReplayGolden, WholeRecordMergedMatchesGolden) {
  ExpectGolden("histories/all.state.json", {"replay", "--format", "json", "embedded"});
}

TEST(ReplayGolden, MinskOnFirstDecemberIsPendingAccession) {
  RunResult r = RunConcord({"replay", "--charter", kCharter, "--format", "json", "--as-of", "2023-12-01",
                            History("csto-2023-minsk")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("histories/minsk-2023-12-01.state.json", r.out), "");
  // The facts the golden file must hold, asserted directly as well.
  EXPECT_NE(r.out.find("\"id\": \"minsk-2023-budget\""), std::string::npos);
  EXPECT_EQ(r.out.find("\"status\": \"adopted_limited\""), std::string::npos);
  EXPECT_NE(r.out.find("\"status\": \"pending_accession\""), std::string::npos);
  EXPECT_NE(r.out.find("\"ARM\": \"pending\""), std::string::npos);
}

TEST(ReplayGolden, BudgetOnFirstJuneIsAdoptedLimitedWithArmeniaRefused) {
  RunResult r = RunConcord({"explain", "--charter", kCharter, "--format", "json", "--as-of", "2024-06-01",
                            History("csto-2023-minsk"), "minsk-2023-budget"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("histories/minsk-2023-budget-2024-06-01.json", r.out), "");
  EXPECT_NE(r.out.find("\"status\": \"adopted_limited\""), std::string::npos);
  EXPECT_NE(r.out.find("\"binding_on\": [\"BLR\",\"KAZ\",\"KGZ\",\"RUS\",\"TJK\"]"), std::string::npos);
  EXPECT_NE(r.out.find("\"ARM\": \"refused\""), std::string::npos);
}

TEST(ExplainGolden, BudgetExplanationCitesTheClauses) {
  ExpectGolden("histories/minsk-2023-budget.explain.txt",
               {"explain", "--charter", kCharter, History("csto-2023-minsk"), "minsk-2023-budget"});
}

// The same explanations in Russian, the CSTO's working language: the engine's statements, the
// charter's Russian citations and texts, every word of the chronology.
TEST(ExplainGolden, BudgetExplanationInRussian) {
  RunResult r = RunConcord({"explain", "--lang", "ru", "--charter", kCharter, History("csto-2023-minsk"), "minsk-2023-budget"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("histories/minsk-2023-budget.explain.ru.txt", r.out), "");
  EXPECT_NE(r.out.find("1. кворум — отмечено: кворума нет: присутствуют или заявили, что не возражают, 5 из 6 членов"),
            std::string::npos);
  EXPECT_NE(r.out.find("[charter-art12: Устав ОДКБ, ст. 12]"), std::string::npos);
  EXPECT_NE(r.out.find("ARM: отказался присоединиться (без возражений)"), std::string::npos);
}

TEST(ExplainGolden, ArmeniaRequestChronologyInRussian) {
  RunResult r = RunConcord({"explain", "--lang", "ru", "--charter", kCharter, History("csto-2022-armenia"), "arm-2022-09"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("histories/arm-2022-09.explain.ru.txt", r.out), "");
  EXPECT_NE(r.out.find("Запрошено, но не предложено: коллективные силы, политическая оценка"), std::string::npos);
  EXPECT_NE(r.out.find("на основании: Договор о коллективной безопасности, ст. 4"), std::string::npos);
  EXPECT_EQ(RunConcord({"explain", "--lang", "de", "embedded", "arm-2022-09"}).exit_code, 2);
}

TEST(ExplainGolden, KazakhstanRequestChronology) {
  RunResult r = RunConcord({"explain", "--charter", kCharter, History("csto-2022-kazakhstan"), "kaz-2022-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("histories/kaz-2022-01.explain.txt", r.out), "");
  EXPECT_NE(r.out.find("day 1 (2022-01-06"), std::string::npos);
  EXPECT_NE(r.out.find("day 14 (2022-01-19"), std::string::npos);
}

TEST(ExplainGolden, ArmeniaRequestChronology) {
  RunResult r = RunConcord({"explain", "--charter", kCharter, History("csto-2022-armenia"), "arm-2022-09"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("histories/arm-2022-09.explain.txt", r.out), "");
  EXPECT_NE(r.out.find("Sought but never offered: collective forces, political assessment"), std::string::npos);
  EXPECT_NE(r.out.find("Offered and declined: observation mission, military technical assistance"), std::string::npos);
  EXPECT_NE(r.out.find("condition: a political assessment"), std::string::npos);
}

TEST(ExplainGolden, OverdueStagesOnTheLimitsCharter) {
  RunResult r = RunConcord({"explain", "--charter", Source("tests/golden/charters/csto-crisis-limits.toml"),
                            History("csto-2022-armenia"), "arm-2022-09"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("histories/arm-2022-09.limits.explain.txt", r.out), "");
  EXPECT_NE(r.out.find("OVERDUE"), std::string::npos);
}

// A request under Art. 2 (consultations), with consultations held on it and a measure the
// organization decided not to provide: every step in words, refused rather than "never offered",
// and in JSON the charter's stages not reached told apart from the record's steps.
TEST(ExplainRequest, ConsultationsAndARefusedMeasureInWords) {
  const std::string path = TempDir() + "/art2.jsonl";
  WriteFile(path,
            R"({"type":"request.submitted","at":"2024-03-01T09:00:00+03:00","request":"r","member":"KGZ","legal_basis":"cst-art2","measures_sought":["consultations","collective_forces"]})" "\n"
            R"({"type":"consultation.held","at":"2024-03-02T09:00:00+03:00","members":["KGZ","RUS","KAZ"],"format":"video","request":"r"})" "\n"
            R"({"type":"measure.refused","at":"2024-03-05T09:00:00+03:00","request":"r","measure":"collective_forces","reason":"no armed attack"})" "\n"
            R"({"type":"request.closed","at":"2024-03-10T09:00:00+03:00","request":"r","outcome":"removed_from_agenda_at_requester_request"})" "\n");
  RunResult text = RunConcord({"explain", "--charter", kCharter, path, "r"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("day 1 (2024-03-02, 24 h): consultations held (video)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("day 4 (2024-03-05, 96 h): collective forces refused by the organization (no armed attack)"),
            std::string::npos) << text.out;
  EXPECT_NE(text.out.find("request closed: removed from agenda at requester request"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("not reached: the procedure's stage 'session'"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("session of the not reached"), std::string::npos);
  EXPECT_NE(text.out.find("Sought but never offered: consultations\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Refused by the organization: collective forces\n"), std::string::npos) << text.out;
  RunResult json = RunConcord({"explain", "--format", "json", "--charter", kCharter, path, "r"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"stage\": \"consultation\",\n      \"reached\": true"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"stage\": \"session\",\n      \"reached\": false"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"status\": \"refused\""), std::string::npos);
}

// The explanation of a draft lists its amendments adopted and rejected.
TEST(ExplainDecision, ListsTheAmendments) {
  const std::string path = TempDir() + "/amend.jsonl";
  std::string lines = R"({"type":"session.convened","at":"2024-06-01T10:00:00+03:00","session":"s","body":"CSC","kind":"extraordinary"})" "\n";
  for (const char* m : {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}) {
    lines += std::string(R"({"type":"attendance.present","at":"2024-06-01T10:00:00+03:00","session":"s","member":")") + m + "\"}\n";
  }
  lines += R"({"type":"draft.tabled","at":"2024-06-01T10:01:00+03:00","session":"s","draft":"d","title":"Statement","kind":"statement","matter":"substantive"})" "\n"
           R"({"type":"draft.tabled","at":"2024-06-01T10:02:00+03:00","session":"s","draft":"a1","title":"Amendment 1","kind":"statement","matter":"substantive","amends":"d"})" "\n"
           R"({"type":"draft.tabled","at":"2024-06-01T10:03:00+03:00","session":"s","draft":"a2","title":"Amendment 2","kind":"statement","matter":"substantive","amends":"d"})" "\n"
           R"({"type":"draft.put_to_decision","at":"2024-06-01T10:04:00+03:00","draft":"a1"})" "\n"
           R"({"type":"position.taken","at":"2024-06-01T10:05:00+03:00","draft":"a2","member":"KAZ","position":"object"})" "\n"
           R"({"type":"draft.put_to_decision","at":"2024-06-01T10:06:00+03:00","draft":"a2"})" "\n"
           R"({"type":"draft.put_to_decision","at":"2024-06-01T10:07:00+03:00","draft":"d"})" "\n";
  WriteFile(path, lines);
  RunResult text = RunConcord({"explain", "--charter", kCharter, path, "d"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("  amendments adopted: a1; rejected: a2\n"), std::string::npos) << text.out;
  RunResult ru = RunConcord({"explain", "--lang", "ru", "--charter", kCharter, path, "a1"});
  EXPECT_NE(ru.out.find("  поправка к проекту d\n"), std::string::npos) << ru.out;
}

// Bad histories: each rejected with PATH:LINE and the reason, exit code 1.
struct BadCase {
  std::string name;
  std::string lines;
  std::string message;
};

// Test names and failure messages show the case's name, not its bytes.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadHistory : public testing::TestWithParam<BadCase> {};

const std::string kConvene =
    R"({"type":"session.convened","at":"2023-11-23T10:00:00+03:00","session":"s","body":"CSC","kind":"regular","host":"BLR","place":"Minsk","format":"in_person"})"
    "\n";

TEST_P(BadHistory, IsRejectedWithLineAndReason) {
  const std::string dir = TempDir();
  const std::string path = dir + "/bad.jsonl";
  WriteFile(path, GetParam().lines);
  RunResult r = RunConcord({"replay", "--charter", kCharter, path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, path + ":" + GetParam().message + "\n");
  EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Messages, BadHistory,
    testing::Values(
        BadCase{"MalformedJson", "# a comment\n{\"type\": \"session.closed\",, }\n",
                "2: error: malformed JSON at column 27: syntax error"},
        BadCase{"UnknownType", R"({"type":"session.opened","at":"2023-11-23T10:00:00+03:00"})" "\n",
                "1: error: unknown event type 'session.opened'"},
        BadCase{"MissingField", R"({"type":"attendance.present","at":"2023-11-23T10:00:00+03:00","member":"ARM"})" "\n",
                "1: error: missing field 'session' for attendance.present"},
        BadCase{"WrongTimeFormat", R"({"type":"session.closed","at":"23.11.2023","session":"s"})" "\n",
                "1: error: field 'at': '23.11.2023' is not an RFC 3339 timestamp with offset (too short; expected e.g. 2023-11-23T11:00:00+03:00)"},
        BadCase{"MissingOffset", R"({"type":"session.closed","at":"2023-11-23T10:00:00","session":"s"})" "\n",
                "1: error: field 'at': '2023-11-23T10:00:00' is not an RFC 3339 timestamp with offset (missing offset (Z or +HH:MM))"},
        BadCase{"PositionFromNonMember", kConvene +
                R"({"type":"draft.tabled","at":"2023-11-23T10:01:00+03:00","session":"s","draft":"d","title":"t","kind":"decision","matter":"substantive"})" "\n"
                R"({"type":"position.taken","at":"2023-11-23T10:02:00+03:00","draft":"d","member":"UZB","position":"support"})" "\n",
                "3: error: UZB is not a member of CSC"},
        BadCase{"NotYetAMemberOnTheDay",
                R"({"type":"session.convened","at":"1993-05-01T10:00:00+03:00","session":"s","body":"CSC","kind":"extraordinary"})" "\n"
                R"({"type":"attendance.present","at":"1993-05-01T10:00:00+03:00","session":"s","member":"ARM"})" "\n",
                "2: error: ARM is not a member of CSC on 1993-05-01"},
        BadCase{"AdmittedWithoutTheChartersWeights",  // the CSTO charter declares none: any weight is unknown
                R"({"type":"member.admitted","at":"2024-01-01T00:00:00Z","member":"SRB","weights":{"population":6600000}})" "\n",
                "1: error: weights: the charter declares no weight 'population'"},
        BadCase{"RefusingAMeasureOffered",
                R"({"type":"request.submitted","at":"2022-09-13T09:00:00+04:00","request":"r","member":"ARM","legal_basis":"cst-art4","measures_sought":["collective_forces"]})" "\n"
                R"({"type":"measure.offered","at":"2022-09-14T09:00:00+04:00","request":"r","measure":"collective_forces"})" "\n"
                R"({"type":"measure.refused","at":"2022-09-15T09:00:00+04:00","request":"r","measure":"collective_forces"})" "\n",
                "3: error: measure collective_forces was offered; it cannot be refused"},
        BadCase{"PositionFromAbsentMember", kConvene +
                R"({"type":"attendance.absent","at":"2023-11-23T10:00:00+03:00","session":"s","member":"ARM"})" "\n"
                R"({"type":"draft.tabled","at":"2023-11-23T10:01:00+03:00","session":"s","draft":"d","title":"t","kind":"decision","matter":"substantive"})" "\n"
                R"({"type":"position.taken","at":"2023-11-23T10:02:00+03:00","draft":"d","member":"ARM","position":"support"})" "\n",
                "4: error: a position from ARM, who is absent at session s"},
        BadCase{"DecisionOnUnknownDraft", kConvene +
                R"({"type":"draft.put_to_decision","at":"2023-11-23T10:02:00+03:00","draft":"nope"})" "\n",
                "2: error: unknown draft 'nope'"},
        BadCase{"PresentAndAbsent", kConvene +
                R"({"type":"attendance.present","at":"2023-11-23T10:00:00+03:00","session":"s","member":"RUS"})" "\n"
                R"({"type":"attendance.absent","at":"2023-11-23T10:00:00+03:00","session":"s","member":"RUS"})" "\n",
                "3: error: RUS is already registered present at s"},
        BadCase{"TimeBackwards", kConvene +
                R"({"type":"session.closed","at":"2023-11-22T10:00:00+03:00","session":"s"})" "\n",
                "2: error: time goes backwards: 2023-11-22T10:00:00+03:00 is before the previous event (2023-11-23T10:00:00+03:00)"},
        BadCase{"AccessionBySignatory", kConvene +
                R"({"type":"attendance.present","at":"2023-11-23T10:00:00+03:00","session":"s","member":"RUS"})" "\n"
                R"({"type":"draft.tabled","at":"2023-11-23T10:01:00+03:00","session":"s","draft":"d","title":"t","kind":"decision","matter":"substantive"})" "\n"
                R"({"type":"position.taken","at":"2023-11-23T10:02:00+03:00","draft":"d","member":"RUS","position":"support"})" "\n"
                R"({"type":"draft.put_to_decision","at":"2023-11-23T10:03:00+03:00","draft":"d"})" "\n"
                R"({"type":"accession.deposited","at":"2023-11-24T10:03:00+03:00","decision":"d","member":"RUS"})" "\n",
                "6: error: an accession act by RUS, who is signed on d"},
        BadCase{"MeasureNotAllowed",
                R"({"type":"request.submitted","at":"2022-09-13T09:00:00+04:00","request":"r","member":"ARM","legal_basis":"cst-art4","measures_sought":["air_strikes"]})" "\n",
                "1: error: measure 'air_strikes' is not one the procedure allows"},
        BadCase{"AnswerFromAnotherMember",
                R"({"type":"request.submitted","at":"2022-09-13T09:00:00+04:00","request":"r","member":"ARM","legal_basis":"cst-art4","measures_sought":["collective_forces"]})" "\n"
                R"({"type":"measure.offered","at":"2022-09-14T09:00:00+04:00","request":"r","measure":"observation_mission"})" "\n"
                R"({"type":"measure.declined","at":"2022-09-15T09:00:00+04:00","request":"r","measure":"observation_mission","member":"RUS"})" "\n",
                "3: error: an answer from RUS, but the request is ARM's"},
        BadCase{"DeployDeclined",
                R"({"type":"request.submitted","at":"2022-09-13T09:00:00+04:00","request":"r","member":"ARM","legal_basis":"cst-art4","measures_sought":["collective_forces"]})" "\n"
                R"({"type":"measure.offered","at":"2022-09-14T09:00:00+04:00","request":"r","measure":"observation_mission"})" "\n"
                R"({"type":"measure.declined","at":"2022-09-15T09:00:00+04:00","request":"r","measure":"observation_mission","member":"ARM"})" "\n"
                R"({"type":"measure.deployed","at":"2022-09-16T09:00:00+04:00","request":"r","measure":"observation_mission"})" "\n",
                "4: error: deployment of observation_mission, which ARM declined"},
        BadCase{"DeployNeverOffered",
                R"({"type":"request.submitted","at":"2022-09-13T09:00:00+04:00","request":"r","member":"ARM","legal_basis":"cst-art4","measures_sought":["collective_forces"]})" "\n"
                R"({"type":"measure.deployed","at":"2022-09-16T09:00:00+04:00","request":"r","measure":"collective_forces"})" "\n",
                "2: error: deployment of collective_forces, which was never offered"},
        BadCase{"CompletedBeforeDeployed",
                R"({"type":"request.submitted","at":"2022-09-13T09:00:00+04:00","request":"r","member":"ARM","legal_basis":"cst-art4","measures_sought":["collective_forces"]})" "\n"
                R"({"type":"measure.offered","at":"2022-09-14T09:00:00+04:00","request":"r","measure":"collective_forces"})" "\n"
                R"({"type":"measure.completed","at":"2022-09-16T09:00:00+04:00","request":"r","measure":"collective_forces"})" "\n",
                "3: error: measure collective_forces was never deployed"}),
    [](const auto& p) { return p.param.name; });

TEST(Replay, MissingHistoryFileIsAnEnvironmentError) {
  RunResult r = RunConcord({"replay", "--charter", kCharter, "/nonexistent/history.jsonl"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "/nonexistent/history.jsonl: cannot open file\n");
}

TEST(Replay, UnknownFormatIsAUsageError) {
  RunResult r = RunConcord({"replay", "--format", "xml", "embedded"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Check, ShippedChartersAreValid) {
  for (const char* c : {"csto", "un-security-council", "eu-council", "nato-nac"}) {
    RunResult r = RunConcord({"check", Source(std::string("charters/") + c + ".toml")});
    EXPECT_EQ(r.exit_code, 0) << c << ": " << r.err;
    EXPECT_NE(r.out.find(": ok: "), std::string::npos);
  }
}

TEST(Check, MissingCharterIsExitCodeFour) {
  RunResult r = RunConcord({"check", "/nonexistent.toml"});
  EXPECT_EQ(r.exit_code, 4);
}

}  // namespace
}  // namespace concord::test
