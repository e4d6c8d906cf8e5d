// The wording table: statements rendered in English and Russian, plural forms, decimal commas,
// attached statements, terms, and the fallbacks for what the table does not know.
#include "concord/wording.h"

#include <gtest/gtest.h>

namespace concord {
namespace {

TEST(Wording, RendersTheSameStatementsInEnglishAndRussian) {
  const std::vector<Statement> s = {{"in_favour_share", {{"yes", "5"}, {"of", "9"}, {"unit", "@members_present"}, {"pct", "55.6 %"}}},
                                    {"needed_at_least", {{"what", "2/3"}}}};
  EXPECT_EQ(Render(s, "en"), "5 of 9 members present in favour (55.6 %); at least 2/3 needed");
  EXPECT_EQ(Render(s, "ru"), "за — 5 из 9 (присутствующие; 55,6 %); требуется не менее 2/3");
  EXPECT_EQ(Render(s, "fr"), Render(s, "en"));  // a language the table does not speak
}

TEST(Wording, RussianPluralsFollowTheNumber) {
  auto members = [](const char* n) { return Render({{"no_objection", {{"n", n}}}}, "ru"); };
  EXPECT_EQ(members("1"), "официальных возражений нет; участвуют 1 член");
  EXPECT_EQ(members("3"), "официальных возражений нет; участвуют 3 члена");
  EXPECT_EQ(members("5"), "официальных возражений нет; участвуют 5 членов");
  EXPECT_EQ(members("11"), "официальных возражений нет; участвуют 11 членов");
  EXPECT_EQ(members("21"), "официальных возражений нет; участвуют 21 член");
  EXPECT_EQ(members("22"), "официальных возражений нет; участвуют 22 члена");
  EXPECT_EQ(Render({{"no_objection", {{"n", "1"}}}}, "en"), "no official objection among 1 member taking part");
  EXPECT_EQ(Render({{"no_objection", {{"n", "2"}}}}, "en"), "no official objection among 2 members taking part");
}

TEST(Wording, StatementsAttachOrJoin) {
  const std::vector<Statement> s = {{"quorum_not_met", {}}, {"present", {{"n", "5"}, {"of", "6"}}},
                                    {"absent", {{"list", "ARM"}}}, {"proceeds_ad_referendum", {}}};
  EXPECT_EQ(Render(s, "en"), "quorum not met: 5 of 6 members present; absent: ARM; the matter proceeds ad referendum");
  EXPECT_EQ(Render({{"not_in_favour_n", {{"n", "0"}}}, {"blocking_minority_needs", {{"needed", "4"}}}, {"no_blocking_minority", {}}}, "en"),
            "0 members not in favour; a blocking minority needs 4 members: no blocking minority");
}

TEST(Wording, TermsAndFallbacks) {
  EXPECT_EQ(Term("measure", "collective_forces", "ru"), "коллективные силы");
  EXPECT_EQ(Term("measure", "collective_forces", "en"), "collective forces");
  EXPECT_EQ(Term("measure", "air_patrols", "ru"), "air patrols");  // unknown: the code in words
  EXPECT_EQ(Term("status", "adopted_limited", "ru"), "принято в ограниченном формате");
  EXPECT_EQ(Render({{"no_such_code", {}}}, "en"), "no_such_code");
  EXPECT_EQ(Phrase("objected", "en", {}), "objected: {list}");  // a missing figure stays visible
  EXPECT_TRUE(Speaks("ru"));
  EXPECT_FALSE(Speaks("de"));
}

}  // namespace
}  // namespace concord
