// `concord power` through the real binary: a plain weighted game (the EEC Council of 1958), a
// charter's rule (golden outputs), and the errors of its command line.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/run.h"

namespace concord::test {
namespace {

namespace json = boost::json;

// The Council of the six founding members of the EEC, 1958: [12; 4,4,4,2,2,1]. Luxembourg can
// never turn a losing coalition into a winning one; a large state's normalized Banzhaf index is
// 5/21 and its Shapley-Shubik index 7/30.
TEST(Power, TheEecCouncilOf1958) {
  RunResult r = RunConcord({"power", "--weights", "4,4,4,2,2,1", "--quota", "12", "--names", "FR,DE,IT,BE,NL,LU",
                            "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::object o = json::parse(r.out).as_object();
  const json::array& members = o.at("members").as_array();
  ASSERT_EQ(members.size(), 6u);
  const json::object& fr = members[0].as_object();
  const json::object& lu = members[5].as_object();
  EXPECT_EQ(fr.at("id"), "FR");
  EXPECT_EQ(fr.at("banzhaf_exact"), "5/21");
  EXPECT_EQ(fr.at("shapley_shubik_exact"), "7/30");
  EXPECT_EQ(lu.at("id"), "LU");
  EXPECT_EQ(lu.at("banzhaf_exact"), "0");
  EXPECT_EQ(lu.at("shapley_shubik_exact"), "0");
  EXPECT_EQ(lu.at("banzhaf").as_double(), 0.0);
}

TEST(Power, RulesOfTheShippedChartersGolden) {
  struct Case {
    std::string golden;
    std::vector<std::string> args;
  };
  const std::vector<Case> cases = {
      {"power/unsc-substantive.txt", {"power", "--charter", Source("charters/un-security-council.toml"), "--body", "SC",
                                      "--matter", "substantive", "--as-of", "2024-06-01"}},
      {"power/csto-csc-substantive.json", {"power", "--body", "CSC", "--matter", "substantive", "--as-of", "2023-11-23",
                                           "--format", "json"}},
      {"power/eu-council-qmv.txt", {"power", "--charter", Source("charters/eu-council.toml"), "--body", "COUNCIL",
                                    "--matter", "qmv", "--as-of", "2024-06-01"}},
  };
  for (const Case& c : cases) {
    RunResult r = RunConcord(c.args);
    ASSERT_EQ(r.exit_code, 0) << c.golden << ": " << r.err;
    EXPECT_EQ(CompareGolden(c.golden, r.out), "");
  }
}

TEST(Power, BadCommandLinesSayWhatIsWrong) {
  RunResult weights = RunConcord({"power", "--weights", "4,x,1", "--quota", "3"});
  EXPECT_EQ(weights.exit_code, 2);
  EXPECT_EQ(weights.err, "power: --weights: expected non-negative integers separated by commas, got 'x' (item 2)\n");
  RunResult names = RunConcord({"power", "--weights", "4,1", "--quota", "3", "--names", "A"});
  EXPECT_EQ(names.exit_code, 2);
  EXPECT_EQ(names.err, "power: --names: 1 names for 2 weights\n");
  RunResult body = RunConcord({"power", "--body", "CSC", "--matter", "budget"});
  EXPECT_EQ(body.exit_code, 1);
  EXPECT_EQ(body.err, "power: body CSC has no matter 'budget' (it has: procedural, substantive)\n");
  RunResult index = RunConcord({"power", "--weights", "1", "--quota", "1", "--index", "gini"});
  EXPECT_EQ(index.exit_code, 2);
  RunResult overflow = RunConcord({"power", "--weights", "9223372036854775807,1", "--quota", "1"});
  EXPECT_EQ(overflow.exit_code, 1) << overflow.err;
}

}  // namespace
}  // namespace concord::test
