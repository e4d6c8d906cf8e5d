// State: what a record adds up to, and the Replayer that folds events into it.
//
// Replayer::Apply checks an event against the state and the charter in force before it changes
// anything: a rejected event leaves the state exactly as it was, so a caller can report it and
// stop (a history) or refuse it (a server command). Queries that depend on a date (who chairs,
// which limits are overdue) take it as an argument.
//
//   Replayer replayer(charter, parse_charter);
//   for (const Event& e : events) {
//     if (Status s = replayer.Apply(e); !s) return s.error();   // "... is absent from ..."
//   }
//   const State& state = replayer.state();
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "concord/charter.h"
#include "concord/engine.h"
#include "concord/event.h"
#include "concord/persistent_map.h"
#include "concord/result.h"

namespace concord {

struct CharterVersion {
  std::shared_ptr<const Charter> charter;
  Timestamp effective;
  std::string decision;  // the decision that amended the charter, if any
};

struct MemberState {
  std::string id;
  std::string status = "member";         // member | suspended | withdrawn
  std::string participation = "active";  // active | frozen
  std::optional<Timestamp> changed;      // the last change of status or participation
  std::string reason;                    // the reason given for that change, if any
  std::optional<Timestamp> admitted;     // member.admitted in the record (else the charter's dates)
  bool vote_suspended = false;           // member.vote_suspended (UN Charter Art. 19)
};

struct Presence {
  bool present = false;
  std::string representative, level, reason;
};

struct SessionState {
  std::string id, body, kind, host, place, format, request;
  Timestamp convened;
  std::optional<Timestamp> closed;
  std::map<std::string, Presence> attendance;
  // Absent members that declared non-objection -> the drafts it covers (empty: all drafts).
  std::map<std::string, std::vector<std::string>> non_objection;
  std::vector<std::string> drafts;
};

// A later act on a decision by one member.
struct Act {
  std::string type;  // transmitted | acceded | refused
  std::string member;
  Timestamp at;
  std::string via, reservation;
  bool objects = false;
};

struct DecisionState {
  std::string id, session, body, kind, matter, title, request, measure, post, person;
  std::optional<int> term_years;
  std::vector<std::string> parties;
  std::optional<Timestamp> effective;  // an appointment taking effect on a later date
  std::vector<std::pair<std::string, Timestamp>> acceptances;  // entry into force by acceptances
  std::optional<Timestamp> in_force;     // when the acceptances reached the thresholds
  std::string amends;                    // the draft this amendment amends
  std::vector<std::string> amendments;   // amendments tabled to this draft, in order
  Timestamp tabled;
  std::size_t charter_version = 0;
  std::map<std::string, Vote> positions;  // member -> stance as taken (attendance filled later)
  bool decided = false;
  std::optional<Timestamp> decided_at;
  Outcome outcome;  // status kPending until decided (or returned/withdrawn)
  std::string reason;  // returned / withdrawn
  std::optional<Timestamp> silence_deadline;
  std::vector<std::pair<std::string, Timestamp>> silence_broken;
  std::vector<Act> acts;
  bool recorded = false;  // a decision.recorded event was seen
};

struct MeasureState {
  std::string measure;
  bool sought = false;
  std::string status = "sought";  // sought | offered | accepted | declined | deployed | completed |
                                  // refused (the organization decided not to provide it)
  std::string decision, condition, reason;  // reason: why it was refused
  std::optional<Timestamp> offered, answered, deployed, withdrawal, completed, refused;
};

// One step of a request's record, in order.
struct RequestStep {
  std::string kind;    // submitted | session | decision | offered | accepted | declined |
                       // deployed | withdrawal_started | completed | closed | returned
  std::string detail;  // body, measure or draft the step concerns
  std::string ref;     // session or draft id
  Timestamp at;
};

struct RequestState {
  std::string id, member, legal_basis, against, summary, outcome;
  Timestamp submitted;
  std::optional<Timestamp> closed;
  std::map<std::string, MeasureState> measures;
  std::vector<std::string> measure_order;  // sought first, then in order of offer
  std::vector<RequestStep> steps;
  std::size_t charter_version = 0;
};

struct PostState {
  std::string post, holder, decision;
  std::optional<Timestamp> since;  // when the holder took (or takes) office: the appointment's
                                   // effective date, else the decision
  std::optional<Day> term_end;
  bool provisional = false;
  std::optional<Timestamp> vacated;
  std::string vacated_reason;
  std::string acting;              // post.acting: who acts in the post, since `acting_since`
  std::optional<Timestamp> acting_since;
  // An appointment taking effect later leaves the previous holder in office until then.
  std::shared_ptr<const PostState> previous;
};

// The post as it stood on `as_of`: the previous holder's until an appointment takes effect.
const PostState& PostOn(const PostState& post, const Timestamp& as_of);

// A chair a body decided on itself, overriding its rule (chair.assigned): Russia chairing the
// Collective Security Council in June 2009 in Belarus's absence.
struct ChairAssignment {
  std::string body, member, reason;
  Timestamp from;
  std::optional<Timestamp> until;  // none: until the body's next regular session
};

// The record so far. Its maps share structure between copies (persistent_map.h), so a copy
// (the snapshot a ledger publishes after each commit) costs O(1), not the size of the record.
struct State {
  std::vector<CharterVersion> charters;
  PersistentMap<std::string, MemberState> members;
  PersistentMap<std::string, SessionState> sessions;
  PersistentMap<std::string, DecisionState> decisions;
  PersistentMap<std::string, RequestState> requests;
  PersistentMap<std::string, PostState> posts;
  std::vector<ChairAssignment> chair_assignments;  // in the order recorded
  // Regular sessions by (body, convened in UTC seconds) -> session id (the least id of those
  // convened in the same second), all and those with a host: who chairs is found in O(log n)
  // instead of by a walk through every session.
  PersistentMap<std::pair<std::string, std::int64_t>, std::string> regular_sessions, hosted_regular_sessions;
  std::optional<Timestamp> last;  // time of the last event applied
  std::size_t events = 0;

  const Charter& CurrentCharter() const { return *charters.back().charter; }
  const Charter& CharterOf(const DecisionState& d) const { return *charters[d.charter_version].charter; }
};

// Parses a charter text (TOML) for charter.amended; injected so that the core stays free of I/O
// and of the TOML library.
using CharterParser = std::function<Result<std::shared_ptr<const Charter>>(const std::string& text)>;

class Replayer {
 public:
  Replayer(std::shared_ptr<const Charter> charter, CharterParser parse_charter);
  // Continues from a state reached earlier (e.g. the last durable one, after a failed commit).
  Replayer(State state, CharterParser parse_charter)
      : state_(std::move(state)), parse_charter_(std::move(parse_charter)) {}

  // Applies one event, or returns kInvalidArgument with the reason and changes nothing.
  Status Apply(const Event& event);

  // After a draft.put_to_decision: the decision.recorded event the engine derived, for a
  // journal to append. Empty after any other event.
  const std::optional<Event>& derived() const { return derived_; }

  const State& state() const { return state_; }

 private:
  Status Check(const Event& e) const;
  void Mutate(const Event& e);
  void SetMemberStatus(const Event& e, const char* status, const char* participation);
  Result<Outcome> Decide(const DecisionState& d, const Timestamp& at) const;
  void Resolve(DecisionState& d);

  State state_;
  CharterParser parse_charter_;
  std::optional<Event> derived_;
  // The outcome Check() derived for a draft.put_to_decision, handed to Mutate().
  mutable std::optional<Outcome> checked_outcome_;
};

// Who chairs `body` on `as_of` (empty if nobody), per the charter's chair rule and the record.
std::string ChairOn(const State& state, const std::string& body, const Timestamp& as_of);

// Whether the quorum of the session's body (its first matter with a quorum, or the matter named)
// was met by the attendance registered.
bool QuorumMet(const State& state, const SessionState& session);

// A request's stages as of a date: each step of the record with the charter stage it completes
// (limit, overdue), then each charter stage not yet reached (overdue once its limit has passed).
struct StageView {
  std::string stage;  // step kind, or the charter stage id for stages not reached
  std::string detail;
  std::optional<Timestamp> at;
  std::optional<std::int64_t> days_from_request;
  std::optional<std::int64_t> hours_from_request;
  std::string charter_stage;
  std::optional<std::int64_t> limit_days, limit_hours;
  bool overdue = false;
  bool reached = true;  // false: a charter stage the record has not reached (yet)
};
std::vector<StageView> RequestStages(const State& state, const RequestState& request,
                                     const Timestamp& as_of);

// The request's status on the record: open, answered (a measure was offered) or closed.
std::string RequestStatus(const RequestState& request);

// Whether `id` is a member on `day`: by the record (admitted, suspended, withdrew), else by the
// charter's since/until dates.
bool MemberOn(const State& state, const Charter& charter, const std::string& id, Day day);

// The matter rules a decision is judged under (its charter version, body and matter), or null.
const MatterRules* MatterOf(const State& state, const DecisionState& decision);

// Whether an adopted decision that enters into force by acceptances is not yet in force (it
// then binds nobody).
bool AwaitingEntryIntoForce(const State& state, const DecisionState& decision);

// How far the acceptances of a decision have come: members and weight that accepted, of all.
struct Acceptances {
  std::int64_t members = 0, of_members = 0, weight = 0, of_weight = 0;
};
Acceptances CountAcceptances(const State& state, const DecisionState& decision, const Timestamp& at);

// The kinds of draft a history may table ("decision", "declaration", "budget", ...).
const std::vector<std::string>& DraftKinds();

// Members whose stance on `decision` counts, with attendance filled from the session.
Ballot BallotFor(const State& state, const DecisionState& decision, const Timestamp& at);

}  // namespace concord
