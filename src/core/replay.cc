// Folding a record into State (include/concord/state.h). Check() validates an event against the
// state without touching it; Mutate() then applies it and cannot fail. Keeping the two apart is
// what guarantees that a rejected event changes nothing.
#include <algorithm>
#include <set>

#include "concord/state.h"
#include "state_queries.h"

namespace concord {
namespace {

// The engine refuses an event under the charter and the record (not a malformed one).
Unexpected Invalid(std::string message) { return Fail(ErrorCode::kRejected, std::move(message)); }

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
      if (std::string problem = MemberIdProblem(e.member); !problem.empty()) return Invalid(problem);
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

}  // namespace concord
