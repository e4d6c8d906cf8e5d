// `concord whatif` through the real binary on the shipped CSTO record: the Minsk summit of 2023,
// held without Armenia, replayed with each thing Armenia could have done (golden), the search's
// invariants, and the errors of its command line.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "support/run.h"

namespace concord::test {
namespace {

namespace json = boost::json;

const std::vector<std::string> kMinskDrafts = {"minsk-2023-budget", "minsk-2023-chief-of-staff", "minsk-2023-crisis",
                                               "minsk-2023-declaration", "minsk-2023-forces", "minsk-2023-press"};

json::object WhatIfJson(const std::string& draft, std::vector<std::string> extra) {
  std::vector<std::string> args = {"whatif", "embedded", draft, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = RunConcord(args);
  if (r.exit_code != 0) throw std::runtime_error(draft + ": " + r.err);
  return json::parse(r.out).as_object();
}

// For each Minsk draft: as recorded, and had Armenia acceded, refused, refused objecting, or come
// and objected. One line per draft and scenario: the status and whom it binds.
TEST(WhatIf, TheMinskDraftsHadArmeniaActedGolden) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> scenarios = {
      {"as recorded", {}},
      {"ARM accedes", {"--accedes", "ARM"}},
      {"ARM refuses", {"--refuses", "ARM"}},
      {"ARM refuses objecting", {"--refuses-objecting", "ARM"}},
      {"ARM present, objects", {"--position", "ARM=object"}},
  };
  std::string table;
  for (const auto& draft : kMinskDrafts) {
    for (const auto& [name, args] : scenarios) {
      const json::object o = WhatIfJson(draft, args);
      const json::object& changed = o.at("changed").as_object();
      std::string binding;
      for (const auto& m : changed.at("binding_on").as_array()) binding += (binding.empty() ? "" : ",") + std::string(m.as_string());
      table += draft + " | " + name + " | " + std::string(changed.at("status").as_string()) + " | binding on " +
               (binding.empty() ? "nobody" : binding) + "\n";
    }
  }
  EXPECT_EQ(CompareGolden("whatif/minsk-armenia.txt", table), "");
}

TEST(WhatIf, TheMinskDeclarationExplainedGolden) {
  RunResult r = RunConcord({"whatif", "embedded", "minsk-2023-declaration"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CompareGolden("whatif/minsk-declaration.txt", r.out), "");
}

// Every set reported flips the outcome, holds changes to distinct members, and contains no other
// reported set; the pivotal changes are exactly the sets of one change.
TEST(WhatIf, MinimalSetsAreMinimalAndFlip) {
  for (const auto& draft : kMinskDrafts) {
    const json::object o = WhatIfJson(draft, {"--max-changes", "3"});
    const std::string from(o.at("changed").as_object().at("status").as_string());
    std::vector<std::set<std::string>> sets;
    std::size_t singles = 0;
    for (const auto& v : o.at("minimal_sets").as_array()) {
      const json::object& s = v.as_object();
      EXPECT_NE(std::string(s.at("status").as_string()), from) << draft;
      std::set<std::string> changes, members;
      for (const auto& c : s.at("changes").as_array()) {
        const std::string text(c.as_string());
        changes.insert(text);
        EXPECT_TRUE(members.insert(text.substr(0, text.find('='))).second) << draft << ": two changes to one member";
      }
      singles += changes.size() == 1;
      sets.push_back(changes);
    }
    for (std::size_t i = 0; i < sets.size(); ++i) {
      for (std::size_t j = 0; j < sets.size(); ++j) {
        if (i == j) continue;
        EXPECT_FALSE(std::includes(sets[i].begin(), sets[i].end(), sets[j].begin(), sets[j].end()))
            << draft << ": a reported set contains another";
      }
    }
    EXPECT_EQ(o.at("pivotal").as_array().size(), singles) << draft;
  }
}

TEST(WhatIf, BadQuestionsSayWhatIsWrong) {
  RunResult unknown = RunConcord({"whatif", "embedded", "no-such-draft"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "whatif: no draft or decision 'no-such-draft'\n");
  RunResult position = RunConcord({"whatif", "embedded", "minsk-2023-budget", "--position", "ARM=maybe"});
  EXPECT_EQ(position.exit_code, 2);
  EXPECT_NE(position.err.find("unknown change 'maybe'"), std::string::npos) << position.err;
  RunResult member = RunConcord({"whatif", "embedded", "minsk-2023-budget", "--present", "FRA"});
  EXPECT_EQ(member.exit_code, 1);
  EXPECT_EQ(member.err, "whatif: FRA=present: FRA does not sit in CSC on that day\n");
}

}  // namespace
}  // namespace concord::test
