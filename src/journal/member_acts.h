// What a member may record on its own behalf: one rule for the server's role table (a
// delegation's token, server/roles.cc) and for the journal's key registry (a member's key
// signing an event), so that what the API refuses a delegation, its key cannot sign either.
//
//   CheckMemberAct("ARM", "position.taken", "RUS");  // kPermissionDenied: ARM acts only for ARM
#pragma once

#include <string_view>
#include <vector>

#include "concord/result.h"

namespace concord {

// The event types a member records itself; every other is the secretariat's.
const std::vector<std::string_view>& MemberEventTypes();

// kPermissionDenied unless `type` is one of MemberEventTypes() and the event's `member` is
// `actor` itself.
Status CheckMemberAct(std::string_view actor, std::string_view type, std::string_view member);

}  // namespace concord
