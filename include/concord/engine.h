// The decision engine: given a charter, the attendance and the positions on one draft, derive
// the outcome and a derivation that cites the charter clause behind every step.
//
// Pure and deterministic: no I/O, no clock; the same Ballot always yields the same Outcome.
//
//   Ballot ballot{.body = "CSC", .matter = "substantive", .votes = {...}};
//   Result<Outcome> outcome = EvaluateDraft(charter, ballot);
//   outcome->status;   // DecisionStatus::kPendingAccession
//   outcome->checks;   // [{rule: "quorum", clause: "rop-quorum", passed: false, detail: ...}, ...]
#pragma once

#include <cstdint>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "concord/charter.h"
#include "concord/result.h"
#include "concord/wording.h"

namespace concord {

enum class Attendance {
  kPresent,
  kAbsent,        // absent without a declaration (or not registered at all)
  kNonObjection,  // absent, declared that it does not object to adoption without it
};

enum class Stance { kNone, kSupport, kObject, kAbstain, kNotInterested };

struct Vote {
  std::string member;
  Attendance attendance = Attendance::kAbsent;
  Stance stance = Stance::kNone;
  bool reservation = false;  // the position carries a reservation or interpretative statement
  bool party = false;        // a party to the dispute the draft concerns
  bool vote_suspended = false;  // present but without a vote (UN Charter Art. 19): not counted
};

// How many levels of all/any rules the engine evaluates; a charter that nests deeper is refused
// by the charter reader, at its place.
inline constexpr int kMaxRuleNesting = 32;

// The largest total a weight (population, shares) may reach over all members: 2^53, exact in a
// double, so that products with thresholds never overflow and shares print exactly.
inline constexpr std::int64_t kMaxWeightTotal = std::int64_t{1} << 53;

struct Ballot {
  std::string body;
  std::string matter;
  std::vector<Vote> votes;  // one per member of the body's composition on the day, sorted by id
  std::string chair;        // the member chairing, for a casting vote ("" if none)
  // Silence procedure: open with a deadline; who broke silence before it.
  bool silence_opened = false;
  bool silence_deadline_passed = false;
  std::vector<std::string> silence_broken_by;
};

enum class DecisionStatus {
  kPending, kAdopted, kAdoptedLimited, kPendingAccession, kNotAdopted, kReturned, kWithdrawn,
};

enum class MemberStatus {
  kSigned, kSignedWithReservation, kAcceded, kAccededWithReservation, kNotInterested,
  kObjected, kAbstained, kPending, kRefused, kRefusedObjects,
  kNonObjection,  // absent with a declared non-objection (limited format): not bound
  kAbsent,        // absent where absence is not counted: not bound
  kInFavour,      // voted in favour (a recorded vote), or supported a draft not adopted
  kNotVoting,     // present without casting a vote, on a matter decided by recorded vote
  kVoteSuspended, // present, its vote suspended (UN Charter Art. 19): not counted
  kObjectionDisregarded,  // a party's objection set aside under consensus minus the State concerned
};

std::string_view DecisionStatusName(DecisionStatus status);
std::string_view MemberStatusName(MemberStatus status);
std::string_view StanceName(Stance stance);  // "support", as in position.taken; "none" if not taken

// One step of a derivation: the rule applied, the clause behind it, the numbers, the verdict.
struct Check {
  std::string rule;      // a criterion id, or "quorum", "absence", "accession"
  std::string clause;    // clause id
  std::string citation;  // the clause's citation, e.g. "CSTO Charter, Art. 12"
  bool passed = false;
  std::string detail;    // e.g. "15 of 27 members in favour (55.6 %); at least 55 % needed"
  std::vector<Statement> statements;  // the same as data: the detail is these, rendered in English
  // A condition not met that does not stop the decision (a quorum missed where the matter
  // proceeds ad referendum): `passed` stays true, and the explanation says what happened.
  bool noted = false;
};

// "passed", "failed" or "noted" (see Check::noted).
std::string_view CheckVerdict(const Check& check);

struct Outcome {
  DecisionStatus status = DecisionStatus::kPending;
  bool provisional = false;
  bool quorum_met = false;
  bool rules_passed = false;
  std::map<std::string, MemberStatus> members;
  std::vector<Check> checks;
};

// Evaluates one draft. kInvalidArgument if the body or matter is not in the charter, or a
// criterion refers to a weight that a member lacks (a charter that passed validation never does).
Result<Outcome> EvaluateDraft(const Charter& charter, const Ballot& ballot);

// The status that follows from each member's status once the rules have passed, after later
// acts (accession, refusal): pending members keep a decision pending accession; a refusal with
// objection defeats it where the matter says so; refusals and declared non-objections without
// a pending member leave it adopted in limited format.
DecisionStatus StatusAfterAccession(const MatterRules& matter,
                                    const std::map<std::string, MemberStatus>& members);

// The members a decision binds: all but the opted-out once adopted in full; otherwise those
// that signed or acceded (for pending_accession only when applied provisionally).
std::vector<std::string> BindingOn(DecisionStatus status, bool provisional,
                                   const std::map<std::string, MemberStatus>& members);

// part/whole >= num/den (or >, per `cmp`), exactly, in 128-bit integers.
bool MeetsFraction(std::int64_t part, std::int64_t whole, const Fraction& f, Comparison cmp);
// "2/3", or "55 %" for a fraction of 100.
std::string FractionText(const Fraction& f);

// "55.6 %" for 15/27: one decimal, rounded half up, computed in integers.
std::string Percent(std::int64_t part, std::int64_t whole);

}  // namespace concord
