// The open data exports through the API, against the real `concord serve` on the shipped record:
// GET /api/v0/export?format=popolo|ical|csv and GET /api/v0/decisions/{id}?format=akn answer the
// bytes `concord export` writes, with their content types, and name the parameter at fault.
#include <gtest/gtest.h>

#include "harness.h"

namespace concord::test {
namespace {

class ExportApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    journal_ = new Journal(true);
    obs_ = journal_->Token("observer");
    server_ = new ServerProcess(journal_->store);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete journal_;
  }
  void SetUp() override { ASSERT_GT(server_->port(), 0) << server_->stdout_text() << server_->Log(); }

  static Reply Get(const std::string& target, bool with_token = true) {
    return Http(server_->port(), "GET", target, "",
                with_token ? Bearer(obs_) : std::vector<std::pair<std::string, std::string>>{});
  }
  // What the CLI writes for the same record and date.
  static std::string Cli(std::vector<std::string> args) {
    args.insert(args.begin(), "export");
    args.insert(args.end(), {"--as-of", "2024-12-01", "embedded"});
    RunResult r = RunConcord(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  static Journal* journal_;
  static ServerProcess* server_;
  static std::string obs_;
};
Journal* ExportApi::journal_ = nullptr;
ServerProcess* ExportApi::server_ = nullptr;
std::string ExportApi::obs_;

TEST_F(ExportApi, PopoloIsTheCliBytesAsJson) {
  Reply r = Get("/api/v0/export?format=popolo&as_of=2024-12-01");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.body, Cli({"--format", "popolo"}));
}

TEST_F(ExportApi, ICalendarIsTheCliBytesAndTakesTheTokenInTheQuery) {
  Reply r = Get("/api/v0/export?format=ical&as_of=2024-12-01");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(r.body, Cli({"--format", "ical"}));
  // A calendar subscription cannot send a header.
  Reply linked = Get("/api/v0/export?format=ical&as_of=2024-12-01&access_token=" + obs_, false);
  EXPECT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(Get("/api/v0/export?format=ical", false).status, 401);
}

TEST_F(ExportApi, CsvTables) {
  for (const char* table : {"decisions", "accessions", "requests"}) {
    Reply r = Get(std::string("/api/v0/export?format=csv&table=") + table + "&as_of=2024-12-01");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.Header("content-disposition"), std::string("attachment; filename=\"") + table + ".csv\"");
    EXPECT_EQ(r.body, Cli({"--format", "csv", "--table", table})) << table;
  }
}

// The accession matrix's own CSV route and the export's table are one encoder.
TEST_F(ExportApi, AccessionMatrixRouteAgrees) {
  Reply own = Get("/api/v0/accessions?format=csv&as_of=2024-12-01");
  Reply exported = Get("/api/v0/export?format=csv&table=accessions&as_of=2024-12-01");
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.body, exported.body);
}

TEST_F(ExportApi, AkomaNtosoOnADecision) {
  Reply r = Get("/api/v0/decisions/minsk-2023-budget?format=akn&as_of=2024-12-01");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/akn+xml");
  EXPECT_EQ(r.body, Cli({"--format", "akn", "--decision", "minsk-2023-budget"}));
  EXPECT_EQ(r.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso", 0), 0u);
  // JSON stays the default.
  Reply json_reply = Get("/api/v0/decisions/minsk-2023-budget?as_of=2024-12-01");
  EXPECT_EQ(json_reply.Header("content-type"), "application/json");
  EXPECT_EQ(Get("/api/v0/decisions/nothing?format=akn").status, 404);
  Reply bad = Get("/api/v0/decisions/minsk-2023-budget?format=xml");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Obj(bad).at("field"), "format");
}

TEST_F(ExportApi, ErrorsNameTheParameter) {
  struct Case {
    std::string target, field;
  };
  for (const Case& c : std::vector<Case>{{"/api/v0/export", "format"},
                                         {"/api/v0/export?format=akn", "format"},
                                         {"/api/v0/export?format=csv", "table"},
                                         {"/api/v0/export?format=csv&table=votes", "table"},
                                         {"/api/v0/export?format=popolo&table=decisions", "table"},
                                         {"/api/v0/export?format=ical&as_of=someday", "as_of"}}) {
    Reply r = Get(c.target);
    EXPECT_EQ(r.status, 400) << c.target << " " << r.body;
    EXPECT_EQ(std::string(Obj(r).at("field").as_string()), c.field) << c.target << " " << r.body;
  }
}

}  // namespace
}  // namespace concord::test
