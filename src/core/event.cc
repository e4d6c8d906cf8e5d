// Event type names (include/concord/event.h): the strings of docs/journal-format.md.
#include <array>
#include <utility>

#include "concord/event.h"

namespace concord {
namespace {

constexpr std::array<std::pair<EventType, std::string_view>, 44> kNames = {{
    {EventType::kMemberAdmitted, "member.admitted"},
    {EventType::kMemberSuspended, "member.suspended"},
    {EventType::kMemberReinstated, "member.reinstated"},
    {EventType::kMemberWithdrew, "member.withdrew"},
    {EventType::kParticipationFrozen, "participation.frozen"},
    {EventType::kParticipationResumed, "participation.resumed"},
    {EventType::kSessionConvened, "session.convened"},
    {EventType::kSessionClosed, "session.closed"},
    {EventType::kAttendancePresent, "attendance.present"},
    {EventType::kAttendanceAbsent, "attendance.absent"},
    {EventType::kAbsenceNonObjection, "absence.non_objection"},
    {EventType::kDraftTabled, "draft.tabled"},
    {EventType::kDraftCirculated, "draft.circulated"},
    {EventType::kConsultationHeld, "consultation.held"},
    {EventType::kPositionTaken, "position.taken"},
    {EventType::kDraftPutToDecision, "draft.put_to_decision"},
    {EventType::kDecisionRecorded, "decision.recorded"},
    {EventType::kSilenceOpened, "silence.opened"},
    {EventType::kSilenceBroken, "silence.broken"},
    {EventType::kDraftReturned, "draft.returned"},
    {EventType::kDraftWithdrawn, "draft.withdrawn"},
    {EventType::kDocumentTransmitted, "document.transmitted"},
    {EventType::kAccessionDeposited, "accession.deposited"},
    {EventType::kAccessionRefused, "accession.refused"},
    {EventType::kRequestSubmitted, "request.submitted"},
    {EventType::kMeasureOffered, "measure.offered"},
    {EventType::kMeasureAccepted, "measure.accepted"},
    {EventType::kMeasureDeclined, "measure.declined"},
    {EventType::kMeasureDeployed, "measure.deployed"},
    {EventType::kMeasureWithdrawalStarted, "measure.withdrawal_started"},
    {EventType::kMeasureCompleted, "measure.completed"},
    {EventType::kMeasureRefused, "measure.refused"},
    {EventType::kChairAssigned, "chair.assigned"},
    {EventType::kMemberVoteSuspended, "member.vote_suspended"},
    {EventType::kMemberVoteRestored, "member.vote_restored"},
    {EventType::kDraftMatterChanged, "draft.matter_changed"},
    {EventType::kPostActing, "post.acting"},
    {EventType::kAcceptanceDeposited, "acceptance.deposited"},
    {EventType::kRequestClosed, "request.closed"},
    {EventType::kPostVacated, "post.vacated"},
    {EventType::kCharterAmended, "charter.amended"},
    {EventType::kJournalCreated, "journal.created"},
    {EventType::kKeyRegistered, "key.registered"},
    {EventType::kKeyRevoked, "key.revoked"},
}};

}  // namespace

std::optional<EventType> EventTypeFromName(std::string_view name) {
  for (const auto& [type, n] : kNames) {
    if (n == name) return type;
  }
  return std::nullopt;
}

std::string_view EventTypeName(EventType type) {
  for (const auto& [t, n] : kNames) {
    if (t == type) return n;
  }
  return "?";
}

}  // namespace concord
