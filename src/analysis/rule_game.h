// A charter's decision rule as a simple game: every member of the body present, each voting yes
// (in the coalition) or no (an objection); the rule decides which coalitions carry a draft. The
// voting power of the body's members under that rule is then the power of the game (power.h).
//
//   Result<RuleGame> g = GameOfRule(charter, "COUNCIL", "qmv");
//   Result<PowerIndices> p = PowerOfRuleGame(*g);        // exact, by the fastest fitting method
//   g->members;                                          // the players, in the order of p
//
// The rule tree is translated into a vector-weighted game (conjunctions of head and weight
// quotas, veto holders as a quota of their own, and the EU's "or fewer than k against") when its
// shape allows, computed by dynamic programming for any size of body; any other shape (an `any`
// of two quotas, say) is evaluated coalition by coalition, for bodies of at most 25 members.
// Silence procedures are not votes and are refused; a casting vote is ignored (see notes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/power.h"
#include "concord/charter.h"
#include "concord/result.h"

namespace concord {

// Bodies up to this size may have rules of any shape (every coalition evaluated).
inline constexpr int kMaxRuleEnumeration = 25;

struct RuleGame {
  std::string body, matter, rule;
  std::vector<std::string> members;   // the body's composition, the players in order
  std::optional<VectorGame> vector;   // the rule as a vector-weighted game, when it is one
  // Whether a coalition (bit i = members[i]) carries the draft: the rule tree evaluated directly
  // (every shape; the reference the vector game is checked against in the tests).
  const Charter* charter = nullptr;
  std::vector<std::string> notes;     // what the yes/no model leaves out (a casting vote, ...)
};

// The game of `body`'s `matter` among the members of the body on `day` (by the charter's since
// and until; nullopt: every member the charter lists). kNotFound for an unknown body or matter,
// kInvalidArgument for a rule that is not a vote (silence) or a body without members that day.
Result<RuleGame> GameOfRule(const Charter& charter, const std::string& body, const std::string& matter,
                            std::optional<Day> day = std::nullopt);

// Whether `coalition` (bit i = members[i] votes yes) carries the draft under the rule.
bool RuleGameWins(const RuleGame& game, std::uint64_t coalition);

// The exact indices: by the vector game's dynamic program when there is one and its table fits;
// else by enumerating every coalition (the vector game's, up to 30 members; the rule tree's, up
// to 25); kInvalidArgument beyond. `method` (if given) says which: "dynamic_programming" or
// "enumeration".
Result<PowerIndices> PowerOfRuleGame(const RuleGame& game, PowerOptions options = {}, std::string* method = nullptr);

}  // namespace concord
