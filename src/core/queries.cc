// Queries on a State (include/concord/state.h): who is a member and who chairs on a date, the
// ballot of a draft, quorum, entry into force, a post on a date, a request's stages. The fold that
// builds the state is replay.cc.
#include <algorithm>
#include <set>

#include "concord/state.h"
#include "state_queries.h"

namespace concord {

bool MemberOn(const State& state, const Charter& charter, const std::string& id, Day day) {
  auto it = state.members.find(id);
  if (it == state.members.end() || it->second.status != "member") return false;
  if (it->second.admitted) return day >= it->second.admitted->LocalDay();  // the record decides
  auto c = charter.members.find(id);
  if (c == charter.members.end()) return true;
  return (!c->second.since || day >= *c->second.since) && (!c->second.until || day <= *c->second.until);
}

namespace {

// Members of the body on the day: its composition among those members on that day.
std::vector<std::string> Eligible(const State& state, const Charter& charter, const Body& body, Day day) {
  std::vector<std::string> out;
  if (body.composition.empty()) {
    for (const auto& [id, m] : state.members) {
      if (MemberOn(state, charter, id, day)) out.push_back(id);
    }
  } else {
    for (const auto& id : body.composition) {
      if (MemberOn(state, charter, id, day)) out.push_back(id);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

const std::vector<std::string>& DraftKinds() {
  static const std::vector<std::string> kKinds = {"decision", "protocol_decision", "declaration",
                                                  "regulation", "appointment", "budget", "agreement",
                                                  "statement", "resolution"};
  return kKinds;
}

Ballot BallotFor(const State& state, const DecisionState& d, const Timestamp& at) {
  const Charter& charter = state.CharterOf(d);
  Ballot ballot;
  ballot.body = d.body;
  ballot.matter = d.matter;
  ballot.chair = ChairOn(state, d.body, at);
  const Body* body = charter.FindBody(d.body);
  const SessionState& session = state.sessions.at(d.session);
  std::set<std::string> broke;
  if (d.silence_deadline) {
    ballot.silence_opened = true;
    ballot.silence_deadline_passed = !Before(at, *d.silence_deadline);
    for (const auto& [m, t] : d.silence_broken) {
      if (Before(t, *d.silence_deadline)) {
        broke.insert(m);
        ballot.silence_broken_by.push_back(m);
      }
    }
  }
  for (const auto& m : Eligible(state, charter, *body, at.LocalDay())) {
    Vote v;
    v.member = m;
    v.party = Contains(d.parties, m);
    v.vote_suspended = state.members.at(m).vote_suspended;
    if (auto p = d.positions.find(m); p != d.positions.end()) {
      v.stance = p->second.stance;
      v.reservation = p->second.reservation;
    }
    if (d.silence_deadline) {
      // Under a silence procedure everyone takes part: silence is consent.
      v.attendance = Attendance::kPresent;
      v.stance = broke.count(m) ? Stance::kObject : Stance::kSupport;
    } else if (auto a = session.attendance.find(m); a != session.attendance.end() && a->second.present) {
      v.attendance = Attendance::kPresent;
    } else if (auto n = session.non_objection.find(m);
               n != session.non_objection.end() && (n->second.empty() || Contains(n->second, d.id))) {
      v.attendance = Attendance::kNonObjection;
    } else {
      v.attendance = Attendance::kAbsent;
    }
    ballot.votes.push_back(v);
  }
  return ballot;
}

namespace {

// Periods (of `period_months`) from the one containing `anchor` to the one containing `day`.
std::int64_t PeriodsSince(Day anchor, Day day, int period_months) {
  int y0, y1; unsigned m0, m1, d0, d1;
  CivilFromDays(anchor, y0, m0, d0);
  CivilFromDays(day, y1, m1, d1);
  const std::int64_t months = (y1 - y0) * 12 + (static_cast<int>(m1) - static_cast<int>(m0)) - (d1 < d0 ? 1 : 0);
  return months >= 0 ? months / period_months : -((-months + period_months - 1) / period_months);
}

// Rule 18 of the Security Council: each period the chair passes to the member of that period
// that comes next in the alphabetical order of names (wrapping round), so the chair of any
// period follows from the anchor, stepping period by period through the members of each.
std::string AlphabeticalChair(const State& state, const Charter& charter, const Body& body, const Timestamp& as_of) {
  const ChairSpec& c = body.chair;
  if (!c.anchor || c.anchor_member.empty() || c.period_months <= 0) return "";
  constexpr std::int64_t kMaxSteps = 12 * 400;  // four centuries of monthly presidencies
  const std::int64_t steps = PeriodsSince(*c.anchor, as_of.LocalDay(), c.period_months);
  if (steps > kMaxSteps || steps < -kMaxSteps) return "";
  auto name = [&](const std::string& id) {
    auto it = charter.members.find(id);
    return it == charter.members.end() ? id : it->second.name;
  };
  // The members sitting on the first day of the period `k` periods from the anchor's, by name.
  auto sitting = [&](std::int64_t k) {
    int y; unsigned m, d;
    CivilFromDays(*c.anchor, y, m, d);
    const std::int64_t months = static_cast<std::int64_t>(y) * 12 + (m - 1) + k * c.period_months;
    const Day first = DaysFromCivil(static_cast<int>(months / 12), static_cast<unsigned>(months % 12) + 1, 1);
    std::vector<std::pair<std::string, std::string>> out;  // name, id
    for (const auto& id : Eligible(state, charter, body, first)) out.emplace_back(name(id), id);
    std::sort(out.begin(), out.end());
    return out;
  };
  std::string chair = c.anchor_member;
  for (std::int64_t k = 1; k <= steps; ++k) {
    const auto members = sitting(k);
    if (members.empty()) return "";
    auto next = std::upper_bound(members.begin(), members.end(), std::make_pair(name(chair), std::string("\xff")));
    chair = (next == members.end() ? members.front() : *next).second;
  }
  for (std::int64_t k = -1; k >= steps; --k) {
    const auto members = sitting(k);
    if (members.empty()) return "";
    auto prev = std::lower_bound(members.begin(), members.end(), std::make_pair(name(chair), std::string()));
    chair = (prev == members.begin() ? members.back() : *std::prev(prev)).second;
  }
  return chair;
}

}  // namespace

std::string ChairOn(const State& state, const std::string& body_id, const Timestamp& as_of) {
  const Charter& charter = state.charters[VersionAt(state, as_of)].charter.operator*();
  // A chair the body assigned itself (chair.assigned) holds until its `until`, else until the
  // body's next regular session.
  auto assigned_chair = [&](const std::string& id) -> std::optional<std::string> {
    const ChairAssignment* assigned = nullptr;
    for (const auto& a : state.chair_assignments) {
      if (a.body == id && !Before(as_of, a.from)) assigned = &a;
    }
    if (!assigned) return std::nullopt;
    bool over = assigned->until && !Before(as_of, *assigned->until);
    if (!assigned->until) {  // over once a regular session of the body convened after it
      const auto* last = state.regular_sessions.last_not_after(std::make_pair(id, as_of.utc_seconds));
      if (last && last->first.first == id && assigned->from.utc_seconds < last->first.second) over = true;
    }
    if (over) return std::nullopt;
    return assigned->member;
  };
  // A body whose chair follows another's: walk the chain without recursion (the charter reader
  // refuses cycles; the walk stops after as many steps as there are bodies regardless).
  std::string followed = body_id;
  const Body* body = nullptr;
  for (std::size_t steps = 0;; ++steps) {
    body = charter.FindBody(followed);
    if (!body || steps > charter.bodies.size()) return "";
    if (auto member = assigned_chair(followed)) return *member;
    if (body->chair.rule != ChairRule::kFollows) break;
    if (body->chair.follows == followed) return "";
    followed = body->chair.follows;
  }
  const ChairSpec& c = body->chair;
  auto next_in = [&](const std::string& m, std::int64_t steps) -> std::string {
    if (c.order.empty()) return "";
    auto it = std::find(c.order.begin(), c.order.end(), m);
    if (it == c.order.end()) return "";
    const auto n = static_cast<std::int64_t>(c.order.size());
    const auto i = ((it - c.order.begin()) + steps % n + n) % n;
    return c.order[static_cast<std::size_t>(i)];
  };
  switch (c.rule) {
    case ChairRule::kNone: return "";
    case ChairRule::kFixed: return c.member;
    case ChairRule::kFollows: return "";  // resolved above
    case ChairRule::kRotation: {
      if (!c.anchor || c.order.empty() || c.period_months <= 0) return "";
      return next_in(c.order.front(), PeriodsSince(*c.anchor, as_of.LocalDay(), c.period_months));
    }
    case ChairRule::kAlphabetical:
      return AlphabeticalChair(state, charter, *body, as_of);
    case ChairRule::kHostRotation: {
      // The host of the latest regular session chairs from its opening; at its close the chair
      // passes to the next in the order. Before any regular session, the anchor year decides.
      const SessionState* latest = nullptr;
      const auto* last = state.hosted_regular_sessions.last_not_after(std::make_pair(followed, as_of.utc_seconds));
      if (last && last->first.first == followed) latest = &state.sessions.at(last->second);
      if (latest) {
        if (latest->closed && !Before(as_of, *latest->closed)) return next_in(latest->host, 1);
        return latest->host;
      }
      int y; unsigned m, d;
      CivilFromDays(as_of.LocalDay(), y, m, d);
      return next_in(c.anchor_member, y - c.anchor_year);
    }
  }
  return "";
}

const MatterRules* MatterOf(const State& state, const DecisionState& d) {
  const Body* body = state.CharterOf(d).FindBody(d.body);
  return body ? body->FindMatter(d.matter) : nullptr;
}

bool AwaitingEntryIntoForce(const State& state, const DecisionState& d) {
  const MatterRules* matter = MatterOf(state, d);
  return matter && matter->entry_into_force.defined && d.decided && AdoptedSoFar(d.outcome.status) && !d.in_force;
}

Acceptances CountAcceptances(const State& state, const DecisionState& d, const Timestamp& at) {
  const Charter& charter = state.CharterOf(d);
  const Body* body = charter.FindBody(d.body);
  Acceptances out;
  if (!body) return out;
  const MatterRules* matter = MatterOf(state, d);
  const std::string weight = matter ? matter->entry_into_force.weight : "";
  auto weight_of = [&](const std::string& m) -> std::int64_t {
    if (weight.empty()) return 0;
    auto it = charter.members.find(m);
    if (it == charter.members.end()) return 0;
    auto w = it->second.weights.find(weight);
    return w == it->second.weights.end() ? 0 : w->second;
  };
  for (const auto& m : Eligible(state, charter, *body, at.LocalDay())) {
    ++out.of_members;
    out.of_weight += weight_of(m);
    for (const auto& [who, when] : d.acceptances) {
      if (who == m && !Before(at, when)) {
        ++out.members;
        out.weight += weight_of(m);
      }
    }
  }
  return out;
}

const PostState& PostOn(const PostState& post, const Timestamp& as_of) {
  if (post.previous && post.since && Before(as_of, *post.since)) return *post.previous;
  return post;
}

bool QuorumMet(const State& state, const SessionState& session) {
  // The quorum as the session's first decision saw it, else as the body's first matter defines it.
  for (const auto& id : session.drafts) {
    const DecisionState& d = state.decisions.at(id);
    if (d.decided) return d.outcome.quorum_met;
  }
  const Charter& charter = state.charters[VersionAt(state, session.convened)].charter.operator*();
  const Body* body = charter.FindBody(session.body);
  if (!body || body->matters.empty()) return false;
  const std::string matter = body->matters.begin()->first;
  DecisionState probe;
  probe.id = "";
  probe.session = session.id;
  probe.body = session.body;
  probe.matter = matter;
  probe.charter_version = VersionAt(state, session.convened);
  auto out = EvaluateDraft(charter, BallotFor(state, probe, session.closed.value_or(session.convened)));
  return out && out->quorum_met;
}

std::string RequestStatus(const RequestState& r) {
  if (r.closed) return "closed";
  for (const auto& [id, m] : r.measures) {
    if (m.offered) return "answered";
  }
  return "open";
}

std::vector<StageView> RequestStages(const State& state, const RequestState& r, const Timestamp& as_of) {
  const Charter& charter = *state.charters[r.charter_version].charter;
  const auto& defs = charter.procedure.stages;
  std::vector<bool> reached(defs.size(), false);
  std::vector<StageView> out;
  const Day day0 = r.submitted.LocalDay();
  auto fill_limit = [&](StageView& v, const StageDef& def, const Timestamp& until) {
    v.charter_stage = def.id;
    v.limit_days = def.limit_days;
    v.limit_hours = def.limit_hours;
    const std::int64_t hours = (until.utc_seconds - r.submitted.utc_seconds) / 3600;
    const std::int64_t days = until.LocalDay() - day0;
    if (def.limit_hours && hours > *def.limit_hours) v.overdue = true;
    if (def.limit_days && days > *def.limit_days) v.overdue = true;
  };
  for (const auto& step : r.steps) {
    if (Before(as_of, step.at)) break;
    StageView v;
    v.stage = step.kind;
    v.detail = step.detail.empty() ? step.ref : step.detail;
    v.at = step.at;
    v.days_from_request = step.at.LocalDay() - day0;
    v.hours_from_request = (step.at.utc_seconds - r.submitted.utc_seconds) / 3600;
    for (std::size_t i = 0; i < defs.size(); ++i) {
      const StageDef& def = defs[i];
      if (reached[i]) continue;
      std::string kind = step.kind;
      if (kind == "accepted" || kind == "declined") kind = "answered";
      if (kind == "submitted") kind = "registered";
      if (def.on != kind) continue;
      if (!def.bodies.empty() && kind == "session" && !Contains(def.bodies, step.detail)) continue;
      if (!def.measure.empty() && def.measure != step.detail) continue;
      reached[i] = true;
      fill_limit(v, def, step.at);
      break;
    }
    out.push_back(v);
  }
  // Stages not reached: overdue once their limit has passed, counted to the closing if closed.
  const Timestamp until = r.closed && Before(*r.closed, as_of) ? *r.closed : as_of;
  for (std::size_t i = 0; i < defs.size(); ++i) {
    if (reached[i]) continue;
    StageView v;
    v.stage = defs[i].id;
    v.reached = false;
    fill_limit(v, defs[i], until);
    out.push_back(v);
  }
  return out;
}

}  // namespace concord
