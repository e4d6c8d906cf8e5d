// What-if: a draft's outcome under changes to who attended, what positions were taken and what
// the absent did afterwards (accession, refusal), evaluated by the engine itself from the
// charter; the members whose one change alone would flip the outcome (pivotal), and the
// smallest sets of changes that would (minimal by inclusion, up to a bound).
//
//   WhatIfQuery q;
//   q.changes = {*ParseChange("ARM=present"), *ParseChange("ARM=object")};
//   Result<WhatIfAnswer> a = WhatIf(state, "minsk-2023-budget", as_of, q);
//   a->changed.status;    // the outcome had Armenia come and objected: not adopted
//   a->pivotal;           // each single change (from the base) that gives another status
//   a->minimal_sets;      // e.g. {ARM=accedes} -> adopted
//
// For a decided draft the base is its ballot at the decision with the acts recorded since; for
// a draft under discussion, its ballot as of `as_of` (what putting it to decision now would give).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/engine.h"
#include "concord/result.h"
#include "concord/state.h"

namespace concord {

// One member's changed part. Attendance and position are the ballot's; accession and refusal
// are acts after the decision (they matter only for a member whose status is pending).
struct Change {
  enum class Kind { kAttendance, kStance, kAccedes, kRefuses, kRefusesObjecting };
  std::string member;
  Kind kind = Kind::kAttendance;
  Attendance attendance = Attendance::kPresent;
  Stance stance = Stance::kNone;

  // "ARM=present", "ARM=object", "ARM=accedes", ...: the form ParseChange reads.
  std::string Text() const;
};

// "M=present|absent|non_objection|support|object|abstain|not_interested|accedes|refuses|
// refuses_objecting". kInvalidArgument naming what is wrong.
Result<Change> ParseChange(std::string_view text);

// The changes of a what-if as a command line or a query string gives them: comma-separated
// member lists per kind of change, and "M=stance" pairs for positions. Empty fields change
// nothing.
struct ChangeLists {
  std::string present, absent, non_objection;       // M,...
  std::string positions;                            // M=support|object|abstain|not_interested,...
  std::string accedes, refuses, refuses_objecting;  // M,...
};

// The lists as changes (attendance, then positions, then acts). kInvalidArgument names the list
// at fault by `names` (e.g. "--present" or "present"), in the order of ChangeLists's fields.
Result<std::vector<Change>> ParseChanges(const ChangeLists& lists, const std::array<std::string_view, 7>& names);

struct WhatIfQuery {
  std::vector<Change> changes;   // applied together, in order (a later one for the same member wins)
  int max_changes = 2;           // the largest set of changes searched for flips (at most 4)
  std::size_t max_sets = 64;     // at most this many minimal sets reported
};

struct Scenario {
  std::vector<Change> changes;
  DecisionStatus status = DecisionStatus::kPending;
};

struct WhatIfAnswer {
  std::string draft;
  bool decided = false;
  DecisionStatus recorded = DecisionStatus::kPending;  // as the record stands
  Outcome base;     // the record's ballot (and acts) evaluated
  Outcome changed;  // with the query's changes
  // From the changed scenario: each single change to one member that gives another status.
  std::vector<Scenario> pivotal;
  // From the changed scenario: sets of changes, each to a different member, that give another
  // status, none containing a smaller such set; smallest first.
  std::vector<Scenario> minimal_sets;
  bool truncated = false;  // more sets than max_sets
};

Result<WhatIfAnswer> WhatIf(const State& state, const std::string& draft, const Timestamp& as_of,
                            const WhatIfQuery& query);

}  // namespace concord
