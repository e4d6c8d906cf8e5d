// What-if (whatif.h): the engine re-run on a changed ballot.
#include "analysis/whatif.h"

#include <algorithm>
#include <map>
#include <set>

namespace concord {
namespace {

struct ChangeName {
  std::string_view text;
  Change::Kind kind;
  Attendance attendance;
  Stance stance;
};

// Every change a member's part can undergo, by the word that names it: one table for parsing
// and printing.
constexpr ChangeName kChangeNames[] = {
    {"present", Change::Kind::kAttendance, Attendance::kPresent, Stance::kNone},
    {"absent", Change::Kind::kAttendance, Attendance::kAbsent, Stance::kNone},
    {"non_objection", Change::Kind::kAttendance, Attendance::kNonObjection, Stance::kNone},
    {"support", Change::Kind::kStance, Attendance::kPresent, Stance::kSupport},
    {"object", Change::Kind::kStance, Attendance::kPresent, Stance::kObject},
    {"abstain", Change::Kind::kStance, Attendance::kPresent, Stance::kAbstain},
    {"not_interested", Change::Kind::kStance, Attendance::kPresent, Stance::kNotInterested},
    {"accedes", Change::Kind::kAccedes, Attendance::kPresent, Stance::kNone},
    {"refuses", Change::Kind::kRefuses, Attendance::kPresent, Stance::kNone},
    {"refuses_objecting", Change::Kind::kRefusesObjecting, Attendance::kPresent, Stance::kNone},
};

Change Make(const std::string& member, std::string_view word) {
  for (const auto& n : kChangeNames) {
    if (n.text == word) return Change{member, n.kind, n.attendance, n.stance};
  }
  return Change{member};
}

// The searches evaluate at most this many ballots (a bound on the work a request can ask for).
constexpr std::size_t kMaxEvaluations = 200000;
constexpr int kMaxChangesBound = 4;

class Evaluator {
 public:
  Evaluator(const State& state, const DecisionState& d, const Timestamp& at)
      : d_(d), charter_(state.CharterOf(d)), base_ballot_(BallotFor(state, d, at)) {
    matter_ = charter_.FindBody(d.body)->FindMatter(d.matter);
  }

  bool HasMember(const std::string& m) const {
    return std::any_of(base_ballot_.votes.begin(), base_ballot_.votes.end(), [&](const Vote& v) { return v.member == m; });
  }
  const Ballot& ballot() const { return base_ballot_; }

  Result<Outcome> Evaluate(const std::vector<Change>& changes) {
    ++evaluations_;
    Ballot ballot = base_ballot_;
    for (const Change& c : changes) {
      for (Vote& v : ballot.votes) {
        if (v.member != c.member) continue;
        if (c.kind == Change::Kind::kAttendance) {
          v.attendance = c.attendance;
          if (c.attendance != Attendance::kPresent) v.stance = Stance::kNone;
        } else if (c.kind == Change::Kind::kStance) {
          v.attendance = Attendance::kPresent;  // a position is taken in the room
          v.stance = c.stance;
        }
      }
    }
    Result<Outcome> o = EvaluateDraft(charter_, ballot);
    if (!o || !d_.decided || !o->rules_passed) return o;
    // After the decision: the acts recorded since, then the changed ones, for members pending.
    std::map<std::string, MemberStatus> acts;
    for (const Act& a : d_.acts) {
      if (a.type == "acceded") acts[a.member] = a.reservation.empty() ? MemberStatus::kAcceded : MemberStatus::kAccededWithReservation;
      if (a.type == "refused") acts[a.member] = a.objects ? MemberStatus::kRefusedObjects : MemberStatus::kRefused;
    }
    for (const Change& c : changes) {
      if (c.kind == Change::Kind::kAccedes) acts[c.member] = MemberStatus::kAcceded;
      if (c.kind == Change::Kind::kRefuses) acts[c.member] = MemberStatus::kRefused;
      if (c.kind == Change::Kind::kRefusesObjecting) acts[c.member] = MemberStatus::kRefusedObjects;
    }
    bool any = false;
    for (const auto& [m, s] : acts) {
      auto it = o->members.find(m);
      if (it != o->members.end() && it->second == MemberStatus::kPending) {
        it->second = s;
        any = true;
      }
    }
    if (any) {
      o->status = StatusAfterAccession(*matter_, o->members);
      o->provisional = o->status == DecisionStatus::kPendingAccession && matter_->provisional;
    }
    return o;
  }

  std::size_t evaluations() const { return evaluations_; }

 private:
  const DecisionState& d_;
  const Charter& charter_;
  const MatterRules* matter_ = nullptr;
  Ballot base_ballot_;
  std::size_t evaluations_ = 0;
};

// The single-member alternatives to a scenario: each other attendance, presence with each
// position, each other position, and (decided, pending) accession or refusal.
std::vector<std::vector<Change>> Alternatives(const Ballot& ballot, const std::vector<Change>& applied,
                                              const Outcome& outcome, bool decided) {
  std::vector<std::vector<Change>> out;
  for (const Vote& base : ballot.votes) {
    const std::string& m = base.member;
    Attendance attendance = base.attendance;
    Stance stance = base.stance;
    for (const Change& c : applied) {
      if (c.member != m) continue;
      if (c.kind == Change::Kind::kAttendance) attendance = c.attendance;
      if (c.kind == Change::Kind::kStance) attendance = Attendance::kPresent, stance = c.stance;
    }
    for (const char* a : {"present", "absent", "non_objection"}) {
      const Change c = Make(m, a);
      if (c.attendance != attendance) out.push_back({c});
    }
    for (const char* s : {"support", "object", "abstain", "not_interested"}) {
      const Change c = Make(m, s);
      if (attendance != Attendance::kPresent || c.stance != stance) out.push_back({c});
    }
    if (decided) {
      auto it = outcome.members.find(m);
      if (it != outcome.members.end() && it->second == MemberStatus::kPending) {
        for (const char* act : {"accedes", "refuses", "refuses_objecting"}) out.push_back({Make(m, act)});
      }
    }
  }
  return out;
}

}  // namespace

std::string Change::Text() const {
  for (const auto& n : kChangeNames) {
    if (n.kind != kind) continue;
    if (kind == Kind::kAttendance && n.attendance != attendance) continue;
    if (kind == Kind::kStance && n.stance != stance) continue;
    return member + "=" + std::string(n.text);
  }
  return member + "=?";
}

Result<Change> ParseChange(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return Fail(ErrorCode::kInvalidArgument, "'" + std::string(text) + "': expected MEMBER=CHANGE");
  }
  const std::string member(text.substr(0, eq));
  const std::string_view word = text.substr(eq + 1);
  for (const auto& n : kChangeNames) {
    if (n.text == word) return Make(member, word);
  }
  std::string known;
  for (const auto& n : kChangeNames) known += (known.empty() ? "" : ", ") + std::string(n.text);
  return Fail(ErrorCode::kInvalidArgument, "'" + std::string(text) + "': unknown change '" + std::string(word) +
                                               "' (expected one of: " + known + ")");
}

Result<std::vector<Change>> ParseChanges(const ChangeLists& lists, const std::array<std::string_view, 7>& names) {
  std::vector<Change> out;
  auto items = [](const std::string& text) {
    std::vector<std::string> parts;
    for (std::size_t pos = 0; !text.empty() && pos <= text.size();) {
      std::size_t end = text.find(',', pos);
      if (end == std::string::npos) end = text.size();
      parts.push_back(text.substr(pos, end - pos));
      pos = end + 1;
    }
    return parts;
  };
  auto members = [&](const std::string& list, std::string_view word, std::string_view name) -> Status {
    for (const auto& m : items(list)) {
      Result<Change> c = ParseChange(m + "=" + std::string(word));
      if (!c || m.empty()) return Fail(ErrorCode::kInvalidArgument, std::string(name) + ": expected MEMBER,..., got '" + list + "'");
      out.push_back(*c);
    }
    return {};
  };
  if (Status s = members(lists.present, "present", names[0]); !s) return s.error();
  if (Status s = members(lists.absent, "absent", names[1]); !s) return s.error();
  if (Status s = members(lists.non_objection, "non_objection", names[2]); !s) return s.error();
  for (const auto& p : items(lists.positions)) {
    Result<Change> c = ParseChange(p);
    if (!c) return Fail(ErrorCode::kInvalidArgument, std::string(names[3]) + ": " + c.error().message);
    if (c->kind != Change::Kind::kStance) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(names[3]) + ": '" + p + "': expected MEMBER=support|object|abstain|not_interested");
    }
    out.push_back(*c);
  }
  if (Status s = members(lists.accedes, "accedes", names[4]); !s) return s.error();
  if (Status s = members(lists.refuses, "refuses", names[5]); !s) return s.error();
  if (Status s = members(lists.refuses_objecting, "refuses_objecting", names[6]); !s) return s.error();
  return out;
}

Result<WhatIfAnswer> WhatIf(const State& state, const std::string& draft, const Timestamp& as_of, const WhatIfQuery& query) {
  const auto it = state.decisions.find(draft);
  if (it == state.decisions.end()) return Fail(ErrorCode::kNotFound, "no draft or decision '" + draft + "'");
  const DecisionState& d = it->second;
  if (d.outcome.status == DecisionStatus::kReturned || d.outcome.status == DecisionStatus::kWithdrawn) {
    return Fail(ErrorCode::kInvalidArgument, "draft " + draft + " was " + std::string(DecisionStatusName(d.outcome.status)) +
                                                 ": nothing was decided on it");
  }
  if (query.max_changes < 1 || query.max_changes > kMaxChangesBound) {
    return Fail(ErrorCode::kInvalidArgument, "max_changes: expected 1 to " + std::to_string(kMaxChangesBound));
  }
  const Timestamp at = d.decided && d.decided_at ? *d.decided_at : as_of;
  Evaluator eval(state, d, at);
  for (const Change& c : query.changes) {
    if (!eval.HasMember(c.member)) {
      return Fail(ErrorCode::kInvalidArgument, c.Text() + ": " + c.member + " does not sit in " + d.body + " on that day");
    }
    const bool act = c.kind == Change::Kind::kAccedes || c.kind == Change::Kind::kRefuses || c.kind == Change::Kind::kRefusesObjecting;
    if (act && !d.decided) return Fail(ErrorCode::kInvalidArgument, c.Text() + ": draft " + draft + " is not decided yet");
  }
  WhatIfAnswer answer;
  answer.draft = draft;
  answer.decided = d.decided;
  answer.recorded = d.outcome.status;
  Result<Outcome> base = eval.Evaluate({});
  if (!base) return base.error();
  answer.base = std::move(*base);
  Result<Outcome> changed = eval.Evaluate(query.changes);
  if (!changed) return changed.error();
  answer.changed = std::move(*changed);

  // Sets of alternatives from distinct members, smallest first; a set counts when it flips the
  // changed scenario's status and holds no smaller set that does.
  const std::vector<std::vector<Change>> alts = Alternatives(eval.ballot(), query.changes, answer.changed, d.decided);
  std::vector<std::set<std::size_t>> flipping;  // indices into alts
  std::vector<std::size_t> pick;
  const DecisionStatus from = answer.changed.status;
  for (int size = 1; size <= query.max_changes; ++size) {
    // Combinations of `size` indices into alts, in order, each member at most once (iterative:
    // `pick` is the stack).
    pick.assign(1, 0);
    while (!pick.empty()) {
      if (pick.back() >= alts.size()) {
        pick.pop_back();
        if (!pick.empty()) ++pick.back();
        continue;
      }
      const std::string& member = alts[pick.back()].front().member;
      bool clash = false;
      for (std::size_t i = 0; i + 1 < pick.size(); ++i) clash = clash || alts[pick[i]].front().member == member;
      if (clash) {
        ++pick.back();
        continue;
      }
      if (static_cast<int>(pick.size()) < size) {
        pick.push_back(pick.back() + 1);
        continue;
      }
      const std::set<std::size_t> chosen(pick.begin(), pick.end());
      const bool holds_smaller = std::any_of(flipping.begin(), flipping.end(), [&](const std::set<std::size_t>& f) {
        return std::includes(chosen.begin(), chosen.end(), f.begin(), f.end());
      });
      if (!holds_smaller) {
        if (eval.evaluations() >= kMaxEvaluations || answer.minimal_sets.size() >= query.max_sets) {
          answer.truncated = true;
          pick.clear();
          size = query.max_changes;
          break;
        }
        std::vector<Change> changes = query.changes;
        std::vector<Change> added;
        for (std::size_t i : pick) {
          for (const Change& c : alts[i]) {
            changes.push_back(c);
            added.push_back(c);
          }
        }
        Result<Outcome> o = eval.Evaluate(changes);
        if (o && o->status != from) {
          flipping.push_back(chosen);
          Scenario s{added, o->status};
          if (size == 1) answer.pivotal.push_back(s);
          answer.minimal_sets.push_back(std::move(s));
        }
      }
      ++pick.back();
    }
  }
  return answer;
}

}  // namespace concord
