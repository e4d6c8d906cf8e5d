// The words of a derivation, kept as data: each step of an explanation is a list of statements,
// each a code with its figures (counts, bases, thresholds, weights, member lists), rendered in
// English or Russian from one table (src/core/wording.cc).
//
//   std::vector<Statement> s = {{"in_favour", {{"yes", "5"}, {"of", "6"}, {"unit", "@members"}}},
//                               {"needed_at_least", {{"what", "2/3"}}}};
//   Render(s, "en");   // "5 of 6 members in favour; at least 2/3 needed"
//   Render(s, "ru");   // "за — 5 из 6 (все члены); требуется не менее 2/3"
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace concord {

struct Statement {
  std::string code;                                       // a row of the wording table
  std::vector<std::pair<std::string, std::string>> args;  // figure name -> value; "@term" is a
                                                          // word of the table (e.g. "@members")
};

// The languages the table speaks; a check's detail can be rendered in each.
inline constexpr std::string_view kLanguages[] = {"en", "ru"};
bool Speaks(std::string_view lang);

// The statements in `lang` ("en" if the table does not speak it), joined by "; " (a statement
// whose words begin with ": " or " (" attaches to the one before).
std::string Render(const std::vector<Statement>& statements, std::string_view lang);

// One phrase of the table in `lang`, with its {placeholders} filled from `args`; used for the
// words of explanations around the derivation ("Derivation", "binding on", ...).
std::string Phrase(std::string_view code, std::string_view lang,
                   const std::vector<std::pair<std::string, std::string>>& args = {});

// A code of the record in words: the row "GROUP.CODE" of the table (e.g. Term("measure",
// "collective_forces", "ru") -> "коллективные силы"); a code the table lacks, with its
// underscores as spaces.
std::string Term(std::string_view group, std::string_view code, std::string_view lang);

}  // namespace concord
