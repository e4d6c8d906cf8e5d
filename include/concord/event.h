// Event: one line of a history (docs/journal-format.md), decoded.
//
// One flat value type for every event type: the fields an event type does not use stay empty.
// Decoding (src/codec/event_json.h) checks that each type's required fields are present, so the
// core can rely on them; the core checks everything that depends on the record (state.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/time.h"

namespace concord {

enum class EventType {
  kMemberAdmitted, kMemberSuspended, kMemberReinstated, kMemberWithdrew,
  kParticipationFrozen, kParticipationResumed,
  kSessionConvened, kSessionClosed,
  kAttendancePresent, kAttendanceAbsent, kAbsenceNonObjection,
  kDraftTabled, kDraftCirculated, kConsultationHeld,
  kPositionTaken, kDraftPutToDecision, kDecisionRecorded,
  kSilenceOpened, kSilenceBroken,
  kDraftReturned, kDraftWithdrawn,
  kDocumentTransmitted, kAccessionDeposited, kAccessionRefused,
  kRequestSubmitted, kMeasureOffered, kMeasureAccepted, kMeasureDeclined, kMeasureDeployed,
  kMeasureWithdrawalStarted, kMeasureCompleted, kMeasureRefused, kRequestClosed,
  kPostVacated, kChairAssigned,
  kMemberVoteSuspended, kMemberVoteRestored, kDraftMatterChanged, kPostActing, kAcceptanceDeposited,
  kCharterAmended,
  // The journal's own events (docs/journal-format.md): the core accepts and ignores them.
  kJournalCreated, kKeyRegistered, kKeyRevoked,
};

// "session.convened" <-> EventType::kSessionConvened. Unknown names yield nullopt.
std::optional<EventType> EventTypeFromName(std::string_view name);
std::string_view EventTypeName(EventType type);

struct Event {
  EventType type = EventType::kSessionConvened;
  Timestamp at;
  std::string by;

  std::string member, name;
  std::string session, body, kind, host, place, format, request, representative, level, reason;
  std::string draft, title, matter, measure, post, person, position, reservation;
  std::string amends;  // draft.tabled: the draft this one amends
  std::string decision, status, via, legal_basis, against, summary, outcome, condition;
  std::string charter_text;  // charter.amended: the whole new charter
  std::optional<Timestamp> effective;  // charter.amended; draft.tabled (an appointment)
  std::optional<Timestamp> deadline;   // silence.opened
  std::optional<Timestamp> until;      // chair.assigned
  std::optional<bool> objects;         // accession.refused
  std::optional<bool> provisional;     // decision.recorded
  std::optional<int> term_years;       // draft.tabled (appointments)
  std::vector<std::string> drafts, members, measures_sought, parties;
  std::map<std::string, std::string> member_statuses;  // decision.recorded "members"
  std::map<std::string, std::int64_t> weights;          // member.admitted: weight id -> figure
};

}  // namespace concord
