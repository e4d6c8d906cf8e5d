// Folding a record into State (include/concord/state.h). Check() validates an event against the
// state without touching it; Mutate() then applies it and cannot fail. Keeping the two apart is
// what guarantees that a rejected event changes nothing.
#include <algorithm>
#include <set>

#include "concord/state.h"

namespace concord {
namespace {

// The engine refuses an event under the charter and the record (not a malformed one).
Unexpected Invalid(std::string message) { return Fail(ErrorCode::kRejected, std::move(message)); }

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::optional<Stance> StanceFromName(const std::string& s) {
  if (s == "support") return Stance::kSupport;
  if (s == "object") return Stance::kObject;
  if (s == "abstain") return Stance::kAbstain;
  if (s == "not_interested") return Stance::kNotInterested;
  return std::nullopt;
}


bool Decided(const DecisionState& d) {
  return d.decided || d.outcome.status == DecisionStatus::kReturned ||
         d.outcome.status == DecisionStatus::kWithdrawn;
}

bool AdoptedSoFar(DecisionStatus s) {
  return s == DecisionStatus::kAdopted || s == DecisionStatus::kAdoptedLimited ||
         s == DecisionStatus::kPendingAccession;
}

// The charter version in force at `at`: the last whose effective time is not after it.
std::size_t VersionAt(const State& state, const Timestamp& at) {
  std::size_t v = 0;
  for (std::size_t i = 0; i < state.charters.size(); ++i) {
    if (!Before(at, state.charters[i].effective)) v = i;
  }
  return v;
}

}  // namespace

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

Replayer::Replayer(std::shared_ptr<const Charter> charter, CharterParser parse_charter)
    : parse_charter_(std::move(parse_charter)) {
  for (const auto& [id, m] : charter->members) {
    MemberState ms;
    ms.id = id;
    state_.members[id] = ms;
  }
  state_.charters.push_back(CharterVersion{std::move(charter), Timestamp{INT64_MIN / 2, 0}, ""});
}

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

Result<Outcome> Replayer::Decide(const DecisionState& d, const Timestamp& at) const {
  return EvaluateDraft(state_.CharterOf(d), BallotFor(state_, d, at));
}

Status Replayer::Check(const Event& e) const {
  if (state_.last && Before(e.at, *state_.last)) {
    return Invalid("time goes backwards: " + e.at.ToString() + " is before the previous event (" +
                   state_.last->ToString() + ")");
  }
  const Charter& charter = state_.charters[VersionAt(state_, e.at)].charter.operator*();
  // A member on the day of the event: by the record, else by the charter's since/until dates.
  auto member_in = [&](const std::string& id, const std::string& of) -> Status {
    auto it = state_.members.find(id);
    if (it == state_.members.end()) return Invalid(id + " is not a member" + (of.empty() ? "" : " of " + of));
    if (it->second.status != "member") return Invalid(id + " is " + it->second.status);
    if (!MemberOn(state_, charter, id, e.at.LocalDay())) {
      return Invalid(id + " is not a member" + (of.empty() ? "" : " of " + of) + " on " + FormatDay(e.at.LocalDay()));
    }
    return {};
  };
  auto member = [&](const std::string& id) -> Status { return member_in(id, ""); };
  auto open_session = [&](const std::string& id) -> Result<const SessionState*> {
    auto it = state_.sessions.find(id);
    if (it == state_.sessions.end()) return Invalid("unknown session '" + id + "'");
    if (it->second.closed) return Invalid("session " + id + " is closed");
    return &it->second;
  };
  auto draft = [&](const std::string& id) -> Result<const DecisionState*> {
    auto it = state_.decisions.find(id);
    if (it == state_.decisions.end()) return Invalid("unknown draft '" + id + "'");
    return &it->second;
  };
  auto pending_draft = [&](const std::string& id) -> Result<const DecisionState*> {
    auto d = draft(id);
    if (!d) return d;
    if (Decided(**d)) {
      return Invalid("draft " + id + " is already " + std::string(DecisionStatusName((*d)->outcome.status)));
    }
    return d;
  };
  auto request = [&](const std::string& id) -> Result<const RequestState*> {
    auto it = state_.requests.find(id);
    if (it == state_.requests.end()) return Invalid("unknown request '" + id + "'");
    return &it->second;
  };
  auto in_body = [&](const SessionState& s, const std::string& m) -> Status {
    if (Status st = member_in(m, s.body); !st) return st;
    const Body* body = charter.FindBody(s.body);
    if (body && !body->composition.empty() && !Contains(body->composition, m)) {
      return Invalid(m + " does not sit on " + s.body);
    }
    return {};
  };
  auto measure_allowed = [&](const std::string& m) -> Status {
    const Procedure& p = charter.procedure;
    if (p.defined && !p.measures.empty() && !Contains(p.measures, m)) {
      return Invalid("measure '" + m + "' is not one the procedure allows");
    }
    return {};
  };

  switch (e.type) {
    case EventType::kMemberAdmitted: {
      auto it = state_.members.find(e.member);
      if (it != state_.members.end() && it->second.status == "member" &&
          MemberOn(state_, charter, e.member, e.at.LocalDay())) {
        return Invalid(e.member + " is already a member");
      }
      // Where the charter declares weights, a new member brings its figures with it.
      for (const auto& [w, def] : charter.weights) {
        if (!e.weights.count(w)) {
          return Invalid(e.member + " is admitted without its '" + w + "' weight, which every member carries under this charter");
        }
      }
      for (const auto& [w, value] : e.weights) {
        if (!charter.weights.count(w)) return Invalid("weights: the charter declares no weight '" + w + "'");
      }
      return {};
    }
    case EventType::kMemberSuspended:
      return member(e.member);
    case EventType::kMemberWithdrew: {
      // A suspended member may still withdraw or cease to be a member (Council of Europe
      // Statute, Art. 8: Russia, suspended on 25 Feb 2022, ceased to be a member on 16 Mar 2022).
      auto it = state_.members.find(e.member);
      if (it != state_.members.end() && it->second.status == "suspended") return {};
      return member(e.member);
    }
    case EventType::kMemberReinstated: {
      auto it = state_.members.find(e.member);
      if (it == state_.members.end() || it->second.status != "suspended") return Invalid(e.member + " is not suspended");
      return {};
    }
    case EventType::kParticipationFrozen:
    case EventType::kParticipationResumed: {
      if (Status st = member(e.member); !st) return st;
      const bool frozen = state_.members.at(e.member).participation == "frozen";
      if (frozen == (e.type == EventType::kParticipationFrozen)) {
        return Invalid(e.member + "'s participation is already " + (frozen ? "frozen" : "active"));
      }
      return {};
    }
    case EventType::kSessionConvened: {
      if (state_.sessions.count(e.session)) return Invalid("session '" + e.session + "' already exists");
      if (!charter.FindBody(e.body)) return Invalid("unknown body '" + e.body + "'");
      if (e.kind != "regular" && e.kind != "extraordinary") {
        return Invalid("kind must be regular or extraordinary, not '" + e.kind + "'");
      }
      if (!e.format.empty() && e.format != "in_person" && e.format != "video") {
        return Invalid("format must be in_person or video, not '" + e.format + "'");
      }
      if (!e.host.empty()) {
        if (Status st = member(e.host); !st) return Invalid("host: " + st.error().message);
      }
      if (!e.request.empty()) {
        if (auto r = request(e.request); !r) return r.error();
      }
      return {};
    }
    case EventType::kSessionClosed:
      if (auto s = open_session(e.session); !s) return s.error();
      return {};
    case EventType::kAttendancePresent:
    case EventType::kAttendanceAbsent: {
      auto s = open_session(e.session);
      if (!s) return s.error();
      if (Status st = in_body(**s, e.member); !st) return st;
      auto a = (*s)->attendance.find(e.member);
      if (a != (*s)->attendance.end()) {
        return Invalid(e.member + " is already registered " + (a->second.present ? "present" : "absent") +
                       " at " + e.session);
      }
      return {};
    }
    case EventType::kAbsenceNonObjection: {
      auto it = state_.sessions.find(e.session);
      if (it == state_.sessions.end()) return Invalid("unknown session '" + e.session + "'");
      if (Status st = in_body(it->second, e.member); !st) return st;
      auto a = it->second.attendance.find(e.member);
      if (a != it->second.attendance.end() && a->second.present) {
        return Invalid(e.member + " is present at " + e.session + "; only an absent member declares non-objection");
      }
      for (const auto& d : e.drafts) {
        auto dd = state_.decisions.find(d);
        if (dd != state_.decisions.end() && Decided(dd->second)) return Invalid("draft " + d + " is already decided");
      }
      return {};
    }
    case EventType::kDraftTabled: {
      auto s = open_session(e.session);
      if (!s) return s.error();
      if (state_.decisions.count(e.draft)) return Invalid("draft '" + e.draft + "' already exists");
      if (!Contains(DraftKinds(), e.kind)) return Invalid("unknown draft kind '" + e.kind + "'");
      const Body* body = charter.FindBody((*s)->body);
      if (!body->FindMatter(e.matter)) {
        std::string known;
        for (const auto& [id, m] : body->matters) known += (known.empty() ? "" : ", ") + id;
        return Invalid("body " + body->id + " has no matter '" + e.matter + "' (known: " + known + ")");
      }
      if (!e.request.empty()) {
        auto r = request(e.request);
        if (!r) return r.error();
        if ((*r)->closed) return Invalid("request " + e.request + " is closed");
      }
      if (!e.measure.empty()) {
        if (e.request.empty()) return Invalid("a draft on a measure names its request");
        if (Status st = measure_allowed(e.measure); !st) return st;
      }
      if (e.effective && e.kind != "appointment") return Invalid("only an appointment takes an effective date");
      if (!e.amends.empty()) {
        auto target = pending_draft(e.amends);
        if (!target) return target.error();
        if ((*target)->session != e.session) return Invalid("draft " + e.amends + " is not before session " + e.session);
      }
      if (e.kind == "appointment") {
        if (e.post.empty() || e.person.empty()) return Invalid("an appointment names its post and person");
        if (!charter.posts.count(e.post)) return Invalid("unknown post '" + e.post + "'");
      }
      // Parties to a dispute need not be members of the body, nor of the organization (Ukraine
      // before the Security Council): a party that sits on the body must abstain where the
      // matter says so; the others are named only.
      for (const auto& p : e.parties) {
        if (p.empty()) return Invalid("parties: an empty id");
      }
      return {};
    }
    case EventType::kPositionTaken: {
      auto d = pending_draft(e.draft);
      if (!d) return d.error();
      if (!StanceFromName(e.position)) {
        return Invalid("position must be support, object, abstain or not_interested, not '" + e.position + "'");
      }
      const SessionState& s = state_.sessions.at((*d)->session);
      if (Status st = in_body(s, e.member); !st) return st;
      if (!(*d)->silence_deadline) {
        // Positions are taken in the room; once the session is closed, a member acts on the
        // text by accession or refusal (a silence procedure runs in writing and is exempt).
        if (s.closed) {
          return Invalid("a position on " + e.draft + " after its session " + s.id + " closed (" +
                         s.closed->ToString() + ")");
        }
        auto a = s.attendance.find(e.member);
        if (a == s.attendance.end() || !a->second.present) {
          return Invalid("a position from " + e.member + ", who is " +
                         (a == s.attendance.end() ? "not registered present" : "absent") + " at session " + s.id);
        }
      }
      return {};
    }
    case EventType::kDraftPutToDecision: {
      auto d = pending_draft(e.draft);
      if (!d) return d.error();
      // Amendments are decided before the draft they amend.
      for (const auto& a : (*d)->amendments) {
        if (!Decided(state_.decisions.at(a))) return Invalid("amendment " + a + " to " + e.draft + " is still pending: decide it first");
      }
      auto out = Decide(**d, e.at);
      if (!out) return out.error();
      checked_outcome_ = std::move(*out);  // Mutate uses it: a decision is evaluated once
      return {};
    }
    case EventType::kDecisionRecorded: {
      auto d = draft(e.draft);
      if (!d) return d.error();
      if (!(*d)->decided) return Invalid("decision.recorded for " + e.draft + ", which was not put to decision");
      const std::string derived(DecisionStatusName((*d)->outcome.status));
      if (e.status != derived) {
        return Invalid("decision.recorded says " + e.draft + " is " + e.status + " but the engine derives " + derived);
      }
      for (const auto& [m, s] : e.member_statuses) {
        auto it = (*d)->outcome.members.find(m);
        const std::string mine = it == (*d)->outcome.members.end() ? "(none)" : std::string(MemberStatusName(it->second));
        if (mine != s) {
          return Invalid("decision.recorded says " + m + " is " + s + " on " + e.draft + " but the engine derives " + mine);
        }
      }
      return {};
    }
    case EventType::kSilenceOpened: {
      auto d = pending_draft(e.draft);
      if (!d) return d.error();
      if (!e.deadline) return Invalid("silence.opened needs a deadline");
      if (Before(*e.deadline, e.at)) return Invalid("the silence deadline is before the event");
      return {};
    }
    case EventType::kSilenceBroken: {
      auto d = pending_draft(e.draft);
      if (!d) return d.error();
      if (!(*d)->silence_deadline) return Invalid("no silence procedure is open on " + e.draft);
      if (!Before(e.at, *(*d)->silence_deadline)) return Invalid("silence broken after the deadline");
      return member(e.member);
    }
    case EventType::kDraftReturned:
    case EventType::kDraftWithdrawn: {
      auto d = pending_draft(e.draft);
      if (!d) return d.error();
      return {};
    }
    case EventType::kDraftCirculated: {
      auto d = draft(e.draft);
      if (!d) return d.error();
      return member(e.member);
    }
    case EventType::kConsultationHeld: {
      for (const auto& m : e.members) {
        if (Status st = member(m); !st) return st;
      }
      if (!e.session.empty() && !state_.sessions.count(e.session)) return Invalid("unknown session '" + e.session + "'");
      if (!e.request.empty()) {
        auto r = request(e.request);
        if (!r) return r.error();
        if ((*r)->closed) return Invalid("request " + e.request + " is closed");
      }
      return {};
    }
    case EventType::kDocumentTransmitted:
    case EventType::kAccessionDeposited:
    case EventType::kAccessionRefused: {
      auto d = draft(e.decision);
      if (!d) return d.error();
      if (!(*d)->decided || !AdoptedSoFar((*d)->outcome.status)) {
        return Invalid("decision " + e.decision + " is " + std::string(DecisionStatusName((*d)->outcome.status)) +
                       "; only an adopted text is transmitted or acceded to");
      }
      auto it = (*d)->outcome.members.find(e.member);
      if (it == (*d)->outcome.members.end()) return Invalid(e.member + " had no part in " + e.decision);
      const MemberStatus ms = it->second;
      const bool open_to_act = ms == MemberStatus::kPending || ms == MemberStatus::kNonObjection ||
                               ms == MemberStatus::kAbsent;
      if (e.type == EventType::kDocumentTransmitted) {
        if (!open_to_act && ms != MemberStatus::kRefused) {
          return Invalid(e.member + " is " + std::string(MemberStatusName(ms)) + " on " + e.decision +
                         "; texts are transmitted to members that did not sign");
        }
        return {};
      }
      if (!open_to_act && !(e.type == EventType::kAccessionDeposited && ms == MemberStatus::kRefused)) {
        return Invalid("an accession act by " + e.member + ", who is " + std::string(MemberStatusName(ms)) +
                       " on " + e.decision);
      }
      if (e.type == EventType::kAccessionRefused && !e.objects) return Invalid("accession.refused needs 'objects'");
      return {};
    }
    case EventType::kRequestSubmitted: {
      if (state_.requests.count(e.request)) return Invalid("request '" + e.request + "' already exists");
      if (Status st = member(e.member); !st) return st;
      const Procedure& p = charter.procedure;
      if (p.defined && !p.triggers.empty() && !Contains(p.triggers, e.legal_basis)) {
        return Invalid("legal basis '" + e.legal_basis + "' is not a trigger of the procedure");
      }
      for (const auto& m : e.measures_sought) {
        if (Status st = measure_allowed(m); !st) return st;
      }
      return {};
    }
    case EventType::kMeasureOffered:
    case EventType::kMeasureAccepted:
    case EventType::kMeasureDeclined:
    case EventType::kMeasureDeployed:
    case EventType::kMeasureWithdrawalStarted:
    case EventType::kMeasureCompleted:
    case EventType::kMeasureRefused: {
      auto r = request(e.request);
      if (!r) return r.error();
      if ((*r)->closed) return Invalid("request " + e.request + " is closed");
      if (Status st = measure_allowed(e.measure); !st) return st;
      auto it = (*r)->measures.find(e.measure);
      const MeasureState* ms = it == (*r)->measures.end() ? nullptr : &it->second;
      const bool offered = ms && ms->offered.has_value();
      switch (e.type) {
        case EventType::kMeasureOffered:
          if (offered) return Invalid("measure " + e.measure + " was already offered");
          if (!e.decision.empty()) {
            auto d = draft(e.decision);
            if (!d) return d.error();
            if (!(*d)->decided || !AdoptedSoFar((*d)->outcome.status)) {
              return Invalid("decision " + e.decision + " is " + std::string(DecisionStatusName((*d)->outcome.status)));
            }
          }
          return {};
        case EventType::kMeasureAccepted:
        case EventType::kMeasureDeclined:
          if (e.member != (*r)->member) {
            return Invalid("an answer from " + e.member + ", but the request is " + (*r)->member + "'s");
          }
          if (!offered) return Invalid("measure " + e.measure + " was never offered");
          if (ms->answered) return Invalid("measure " + e.measure + " was already " + ms->status);
          return {};
        case EventType::kMeasureDeployed: {
          if (!offered) return Invalid("deployment of " + e.measure + ", which was never offered");
          if (ms->status == "declined") return Invalid("deployment of " + e.measure + ", which " + (*r)->member + " declined");
          if (ms->deployed) return Invalid("measure " + e.measure + " is already deployed");
          if (Contains(charter.procedure.consent_required, e.measure) && ms->status != "accepted") {
            return Invalid("deployment of " + e.measure + " before " + (*r)->member + " accepted it");
          }
          return {};
        }
        case EventType::kMeasureRefused:
          // The organization decides not to provide a measure: only one not offered yet.
          if (offered) return Invalid("measure " + e.measure + " was offered; it cannot be refused");
          if (ms && ms->refused) return Invalid("measure " + e.measure + " was already refused");
          if (!e.decision.empty()) {
            if (auto d = draft(e.decision); !d) return d.error();
          }
          return {};
        case EventType::kMeasureWithdrawalStarted:
        case EventType::kMeasureCompleted:
          if (!ms || !ms->deployed) return Invalid("measure " + e.measure + " was never deployed");
          if (ms->completed) return Invalid("measure " + e.measure + " is already completed");
          return {};
        default:
          return {};
      }
    }
    case EventType::kRequestClosed: {
      auto r = request(e.request);
      if (!r) return r.error();
      if ((*r)->closed) return Invalid("request " + e.request + " is already closed");
      return {};
    }
    case EventType::kPostActing:
      if (!charter.posts.count(e.post)) return Invalid("unknown post '" + e.post + "'");
      return {};
    case EventType::kAcceptanceDeposited: {
      auto d = draft(e.decision);
      if (!d) return d.error();
      const MatterRules* matter = MatterOf(state_, **d);
      if (!matter || !matter->entry_into_force.defined) {
        return Invalid("decision " + e.decision + " does not enter into force by acceptances");
      }
      if (!(*d)->decided || !AdoptedSoFar((*d)->outcome.status)) {
        return Invalid("decision " + e.decision + " is " + std::string(DecisionStatusName((*d)->outcome.status)));
      }
      if ((*d)->in_force) return Invalid("decision " + e.decision + " is already in force");
      if (Status st = member_in(e.member, (*d)->body); !st) return st;
      for (const auto& [m, at] : (*d)->acceptances) {
        if (m == e.member) return Invalid(e.member + " already accepted " + e.decision);
      }
      return {};
    }
    case EventType::kMemberVoteSuspended:
    case EventType::kMemberVoteRestored: {
      if (Status st = member(e.member); !st) return st;
      const bool suspended = state_.members.at(e.member).vote_suspended;
      if (suspended == (e.type == EventType::kMemberVoteSuspended)) {
        return Invalid(e.member + "'s vote is " + (suspended ? "already suspended" : "not suspended"));
      }
      return {};
    }
    case EventType::kDraftMatterChanged: {
      // A procedural decision fixes the majority a draft needs (UN General Assembly, rule 85:
      // "an important question"), before the draft is put to decision.
      auto d = pending_draft(e.draft);
      if (!d) return d.error();
      const Body* body = state_.CharterOf(**d).FindBody((*d)->body);
      if (!body || !body->FindMatter(e.matter)) return Invalid("body " + (*d)->body + " has no matter '" + e.matter + "'");
      if (!e.decision.empty()) {
        auto by = draft(e.decision);
        if (!by) return by.error();
        if (!(*by)->decided || !AdoptedSoFar((*by)->outcome.status)) {
          return Invalid("decision " + e.decision + " is " + std::string(DecisionStatusName((*by)->outcome.status)));
        }
      }
      return {};
    }
    case EventType::kChairAssigned: {
      const Body* body = charter.FindBody(e.body);
      if (!body) return Invalid("unknown body '" + e.body + "'");
      if (!body->composition.empty() && !Contains(body->composition, e.member)) {
        return Invalid(e.member + " does not sit on " + e.body);
      }
      if (Status st = member_in(e.member, e.body); !st) return st;
      if (e.until && !Before(e.at, *e.until)) return Invalid("until " + e.until->ToString() + " is not after the assignment");
      return {};
    }
    case EventType::kPostVacated: {
      auto it = state_.posts.find(e.post);
      if (it == state_.posts.end() || it->second.vacated || it->second.holder.empty()) {
        return Invalid("post '" + e.post + "' is not held");
      }
      if (e.reason != "term_end" && e.reason != "recall" && e.reason != "resignation") {
        return Invalid("reason must be term_end, recall or resignation, not '" + e.reason + "'");
      }
      return {};
    }
    case EventType::kCharterAmended: {
      if (!parse_charter_) return Invalid("charter amendments cannot be read here");
      auto c = parse_charter_(e.charter_text);
      if (!c) return Invalid("the amended charter is invalid: " + c.error().message);
      if (e.effective && Before(*e.effective, e.at)) return Invalid("an amendment cannot take effect in the past");
      return {};
    }
    case EventType::kJournalCreated:
    case EventType::kKeyRegistered:
    case EventType::kKeyRevoked:
      return {};
  }
  return Invalid("unhandled event type");
}

void Replayer::Resolve(DecisionState& d) {
  if (!d.outcome.rules_passed) return;
  const Charter& charter = state_.CharterOf(d);
  const MatterRules* matter = charter.FindBody(d.body)->FindMatter(d.matter);
  d.outcome.status = StatusAfterAccession(*matter, d.outcome.members);
  d.outcome.provisional = d.outcome.status == DecisionStatus::kPendingAccession && matter->provisional;
  if (d.kind == "appointment" && !d.post.empty()) {
    auto it = state_.posts.find(d.post);
    if (it != state_.posts.end() && it->second.decision == d.id) {
      PostState& post = state_.posts[d.post];
      post.provisional = d.outcome.status == DecisionStatus::kPendingAccession;
      if (d.outcome.status == DecisionStatus::kNotAdopted) post.vacated = d.decided_at;
    }
  }
}

void Replayer::SetMemberStatus(const Event& e, const char* status, const char* participation) {
  MemberState& m = state_.members[e.member];
  if (status) m.status = status;
  if (participation) m.participation = participation;
  m.changed = e.at;
  m.reason = e.reason;
}

void Replayer::Mutate(const Event& e) {
  auto add_step = [&](RequestState& r, std::string kind, std::string detail, std::string ref) {
    r.steps.push_back(RequestStep{std::move(kind), std::move(detail), std::move(ref), e.at});
  };
  switch (e.type) {
    case EventType::kMemberAdmitted: {
      MemberState& m = state_.members[e.member];
      m.id = e.member;
      m.status = "member";
      m.changed = e.at;
      m.admitted = e.at;
      // The charter in force from now on knows the new member, with its name and weights, so
      // that bodies, bases and weighted majorities count it.
      const Charter& current = *state_.charters.back().charter;
      auto known = current.members.find(e.member);
      if (known == current.members.end() || !e.weights.empty() || !e.name.empty()) {
        auto next = std::make_shared<Charter>(current);
        Member& def = next->members[e.member];
        def.id = e.member;
        if (!e.name.empty() || def.name.empty()) def.name = e.name.empty() ? e.member : e.name;
        def.since = e.at.LocalDay();
        def.until.reset();
        for (const auto& [w, value] : e.weights) def.weights[w] = value;
        state_.charters.push_back(CharterVersion{std::move(next), e.at, ""});
      }
      break;
    }
    // Each change of status or participation keeps its date and the reason given, for the record.
    case EventType::kMemberSuspended: SetMemberStatus(e, "suspended", nullptr); break;
    case EventType::kMemberReinstated: SetMemberStatus(e, "member", nullptr); break;
    case EventType::kMemberWithdrew: SetMemberStatus(e, "withdrawn", nullptr); break;
    case EventType::kParticipationFrozen: SetMemberStatus(e, nullptr, "frozen"); break;
    case EventType::kParticipationResumed: SetMemberStatus(e, nullptr, "active"); break;
    case EventType::kSessionConvened: {
      SessionState s;
      s.id = e.session; s.body = e.body; s.kind = e.kind; s.host = e.host; s.place = e.place;
      s.format = e.format; s.request = e.request; s.convened = e.at;
      state_.sessions[e.session] = s;
      if (s.kind == "regular") {
        const std::pair<std::string, std::int64_t> key{s.body, s.convened.utc_seconds};
        auto index = [&](PersistentMap<std::pair<std::string, std::int64_t>, std::string>& sessions) {
          const auto* same_second = sessions.last_not_after(key);
          if (!same_second || same_second->first != key || s.id < same_second->second) sessions[key] = s.id;
        };
        index(state_.regular_sessions);
        if (!s.host.empty()) index(state_.hosted_regular_sessions);
      }
      if (!e.request.empty()) add_step(state_.requests[e.request], "session", e.body, e.session);
      break;
    }
    case EventType::kSessionClosed: state_.sessions[e.session].closed = e.at; break;
    case EventType::kAttendancePresent:
      state_.sessions[e.session].attendance[e.member] = Presence{true, e.representative, e.level, ""};
      break;
    case EventType::kAttendanceAbsent:
      state_.sessions[e.session].attendance[e.member] = Presence{false, "", "", e.reason};
      break;
    case EventType::kAbsenceNonObjection: {
      SessionState& s = state_.sessions[e.session];
      if (!s.attendance.count(e.member)) s.attendance[e.member] = Presence{false, "", "", e.reason};
      auto& drafts = s.non_objection[e.member];
      if (e.drafts.empty()) drafts.clear();
      else drafts.insert(drafts.end(), e.drafts.begin(), e.drafts.end());
      break;
    }
    case EventType::kDraftTabled: {
      DecisionState d;
      const SessionState& s = state_.sessions.at(e.session);
      d.id = e.draft; d.session = e.session; d.body = s.body; d.kind = e.kind; d.matter = e.matter;
      d.title = e.title; d.request = e.request; d.measure = e.measure; d.post = e.post;
      d.person = e.person; d.term_years = e.term_years; d.parties = e.parties; d.tabled = e.at;
      d.effective = e.effective;
      d.amends = e.amends;
      if (!e.amends.empty()) state_.decisions[e.amends].amendments.push_back(e.draft);
      d.charter_version = VersionAt(state_, e.at);
      state_.decisions[e.draft] = d;
      state_.sessions[e.session].drafts.push_back(e.draft);
      break;
    }
    case EventType::kPositionTaken: {
      Vote v;
      v.member = e.member;
      v.stance = *StanceFromName(e.position);
      v.reservation = !e.reservation.empty();
      state_.decisions[e.draft].positions[e.member] = v;
      break;
    }
    case EventType::kDraftPutToDecision: {
      DecisionState& d = state_.decisions[e.draft];
      d.outcome = std::move(*checked_outcome_);
      checked_outcome_.reset();
      d.decided = true;
      d.decided_at = e.at;
      if (d.kind == "appointment" && AdoptedSoFar(d.outcome.status)) {
        const PostDef& def = state_.CharterOf(d).posts.at(d.post);
        // The term counts from the effective date (the CSTO's Secretaries General, appointed in
        // November to serve from 1 January); until then the previous holder stays in office.
        const Timestamp start = d.effective && Before(e.at, *d.effective) ? *d.effective : e.at;
        PostState p;
        p.post = d.post; p.holder = d.person; p.decision = d.id; p.since = start;
        if (auto old = state_.posts.find(d.post); old != state_.posts.end() && Before(e.at, start)) {
          PostState before = PostOn(old->second, e.at);
          before.previous.reset();
          p.previous = std::make_shared<const PostState>(std::move(before));
        }
        const int years = d.term_years.value_or(def.term_years);
        if (years > 0) {
          int y; unsigned m, dd;
          CivilFromDays(start.LocalDay(), y, m, dd);
          // A term from 29 February ends on 28 February.
          p.term_end = DaysFromCivil(y + years, m, m == 2 && dd == 29 ? 28u : dd);
        }
        p.provisional = d.outcome.status == DecisionStatus::kPendingAccession;
        state_.posts[d.post] = p;
      }
      if (!d.request.empty()) {
        RequestState& r = state_.requests[d.request];
        add_step(r, AdoptedSoFar(d.outcome.status) ? "decision" : "not_adopted", d.measure, d.id);
      }
      Event rec;
      rec.type = EventType::kDecisionRecorded;
      rec.at = e.at;
      rec.by = "secretariat";
      rec.draft = d.id;
      rec.status = std::string(DecisionStatusName(d.outcome.status));
      rec.provisional = d.outcome.provisional;
      for (const auto& [m, s] : d.outcome.members) {
        rec.member_statuses.emplace_hint(rec.member_statuses.end(), m, MemberStatusName(s));
      }
      derived_ = rec;
      break;
    }
    case EventType::kDecisionRecorded: state_.decisions[e.draft].recorded = true; break;
    case EventType::kSilenceOpened: state_.decisions[e.draft].silence_deadline = e.deadline; break;
    case EventType::kSilenceBroken: state_.decisions[e.draft].silence_broken.emplace_back(e.member, e.at); break;
    case EventType::kDraftReturned:
    case EventType::kDraftWithdrawn: {
      DecisionState& d = state_.decisions[e.draft];
      d.outcome.status = e.type == EventType::kDraftReturned ? DecisionStatus::kReturned : DecisionStatus::kWithdrawn;
      d.reason = e.reason;
      d.decided_at = e.at;
      if (!d.request.empty()) add_step(state_.requests[d.request], "returned", d.measure, d.id);
      break;
    }
    case EventType::kDraftCirculated:
      break;
    case EventType::kConsultationHeld:
      // Consultations held on a request complete its consultation stage.
      if (!e.request.empty()) add_step(state_.requests[e.request], "consultation", e.format, e.session);
      break;
    case EventType::kDocumentTransmitted:
    case EventType::kAccessionDeposited:
    case EventType::kAccessionRefused: {
      DecisionState& d = state_.decisions[e.decision];
      Act act;
      act.member = e.member; act.at = e.at; act.via = e.via; act.reservation = e.reservation;
      act.objects = e.objects.value_or(false);
      if (e.type == EventType::kDocumentTransmitted) {
        act.type = "transmitted";
      } else if (e.type == EventType::kAccessionDeposited) {
        act.type = "acceded";
        d.outcome.members[e.member] = e.reservation.empty() ? MemberStatus::kAcceded : MemberStatus::kAccededWithReservation;
      } else {
        act.type = "refused";
        d.outcome.members[e.member] = act.objects ? MemberStatus::kRefusedObjects : MemberStatus::kRefused;
      }
      d.acts.push_back(act);
      if (e.type != EventType::kDocumentTransmitted) Resolve(d);
      break;
    }
    case EventType::kRequestSubmitted: {
      RequestState r;
      r.id = e.request; r.member = e.member; r.legal_basis = e.legal_basis; r.against = e.against;
      r.summary = e.summary; r.submitted = e.at;
      r.charter_version = VersionAt(state_, e.at);
      for (const auto& m : e.measures_sought) {
        MeasureState ms;
        ms.measure = m;
        ms.sought = true;
        r.measures[m] = ms;
        r.measure_order.push_back(m);
      }
      r.steps.push_back(RequestStep{"submitted", e.legal_basis, e.request, e.at});
      state_.requests[e.request] = r;
      break;
    }
    case EventType::kMeasureOffered:
    case EventType::kMeasureAccepted:
    case EventType::kMeasureDeclined:
    case EventType::kMeasureDeployed:
    case EventType::kMeasureWithdrawalStarted:
    case EventType::kMeasureCompleted:
    case EventType::kMeasureRefused: {
      RequestState& r = state_.requests[e.request];
      if (!r.measures.count(e.measure)) {
        r.measures[e.measure].measure = e.measure;
        r.measure_order.push_back(e.measure);
      }
      MeasureState& ms = r.measures[e.measure];
      std::string kind;
      switch (e.type) {
        case EventType::kMeasureOffered: ms.offered = e.at; ms.status = "offered"; ms.decision = e.decision; kind = "offered"; break;
        case EventType::kMeasureAccepted: ms.answered = e.at; ms.status = "accepted"; ms.condition = e.condition; kind = "accepted"; break;
        case EventType::kMeasureDeclined: ms.answered = e.at; ms.status = "declined"; ms.condition = e.condition; kind = "declined"; break;
        case EventType::kMeasureDeployed: ms.deployed = e.at; ms.status = "deployed"; kind = "deployed"; break;
        case EventType::kMeasureWithdrawalStarted: ms.withdrawal = e.at; kind = "withdrawal_started"; break;
        case EventType::kMeasureRefused:
          ms.refused = e.at; ms.status = "refused"; ms.decision = e.decision; ms.reason = e.reason; kind = "refused";
          break;
        default: ms.completed = e.at; ms.status = "completed"; kind = "completed"; break;
      }
      add_step(r, kind, e.measure, e.decision);
      break;
    }
    case EventType::kRequestClosed: {
      RequestState& r = state_.requests[e.request];
      r.closed = e.at;
      r.outcome = e.outcome;
      add_step(r, "closed", e.outcome, "");
      break;
    }
    case EventType::kAcceptanceDeposited: {
      DecisionState& d = state_.decisions[e.decision];
      d.acceptances.emplace_back(e.member, e.at);
      const MatterRules::EntryIntoForce& f = MatterOf(state_, d)->entry_into_force;  // checked in Check
      const Acceptances a = CountAcceptances(state_, d, e.at);
      const bool members_met = a.of_members > 0 && MeetsFraction(a.members, a.of_members, f.members, Comparison::kAtLeast);
      const bool weight_met = f.weight.empty() ||
                              (a.of_weight > 0 && MeetsFraction(a.weight, a.of_weight, f.weight_fraction, Comparison::kAtLeast));
      if (members_met && weight_met) d.in_force = e.at;
      break;
    }
    case EventType::kPostActing: {
      PostState& p = state_.posts[e.post];
      p.post = e.post;
      p.acting = e.person;
      p.acting_since = e.at;
      break;
    }
    case EventType::kMemberVoteSuspended: state_.members[e.member].vote_suspended = true; break;
    case EventType::kMemberVoteRestored: state_.members[e.member].vote_suspended = false; break;
    case EventType::kDraftMatterChanged: state_.decisions[e.draft].matter = e.matter; break;
    case EventType::kChairAssigned:
      state_.chair_assignments.push_back(ChairAssignment{e.body, e.member, e.reason, e.at, e.until});
      break;
    case EventType::kPostVacated: {
      PostState& p = state_.posts[e.post];
      p.vacated = e.at;
      p.vacated_reason = e.reason;
      break;
    }
    case EventType::kCharterAmended: {
      auto c = parse_charter_(e.charter_text);
      state_.charters.push_back(CharterVersion{*c, e.effective.value_or(e.at), e.decision});
      break;
    }
    case EventType::kJournalCreated:
    case EventType::kKeyRegistered:
    case EventType::kKeyRevoked:
      break;
  }
  state_.last = e.at;
  ++state_.events;
}

Status Replayer::Apply(const Event& event) {
  derived_.reset();
  if (Status st = Check(event); !st) return st;
  Mutate(event);
  return {};
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
  const Body* body = charter.FindBody(body_id);
  if (!body) return "";
  // A chair the body assigned itself (chair.assigned) holds until its `until`, else until the
  // body's next regular session.
  const ChairAssignment* assigned = nullptr;
  for (const auto& a : state.chair_assignments) {
    if (a.body == body_id && !Before(as_of, a.from)) assigned = &a;
  }
  if (assigned) {
    bool over = assigned->until && !Before(as_of, *assigned->until);
    if (!assigned->until) {  // over once a regular session of the body convened after it
      const auto* last = state.regular_sessions.last_not_after(std::make_pair(body_id, as_of.utc_seconds));
      if (last && last->first.first == body_id && assigned->from.utc_seconds < last->first.second) over = true;
    }
    if (!over) return assigned->member;
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
    case ChairRule::kFollows: return c.follows == body_id ? "" : ChairOn(state, c.follows, as_of);
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
      const auto* last = state.hosted_regular_sessions.last_not_after(std::make_pair(body_id, as_of.utc_seconds));
      if (last && last->first.first == body_id) latest = &state.sessions.at(last->second);
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
