#include "journal/member_acts.h"

#include <algorithm>
#include <string>

namespace concord {

const std::vector<std::string_view>& MemberEventTypes() {
  static const std::vector<std::string_view> kTypes = {
      "attendance.present", "attendance.absent", "absence.non_objection", "position.taken",
      "silence.broken", "accession.deposited", "accession.refused", "request.submitted",
      "measure.accepted", "measure.declined"};
  return kTypes;
}

Status CheckMemberAct(std::string_view actor, std::string_view type, std::string_view member) {
  const auto& types = MemberEventTypes();
  if (std::find(types.begin(), types.end(), type) == types.end()) {
    return Fail(ErrorCode::kPermissionDenied,
                "a delegation may not record " + std::string(type) + " (the secretariat does)");
  }
  if (member != actor) {
    return Fail(ErrorCode::kPermissionDenied,
                "the delegation of " + std::string(actor) + " may act only for " + std::string(actor) + ", not for " +
                    (member.empty() ? std::string("nobody") : std::string(member)));
  }
  return {};
}

}  // namespace concord
