// Roles and rights: who may do what, from ONE table (kRoleRights in roles.cc).
//
//   secretariat       everything: public reads, journal, verify, any write
//   delegation:M      public reads, journal, writes of its own member M only
//   observer          public reads (members, bodies, sessions, drafts, decisions, requests, posts)
//   auditor           public reads, journal and live stream, verify
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "concord/result.h"

namespace concord {

enum class RoleKind { kSecretariat, kDelegation, kObserver, kAuditor };

struct Role {
  RoleKind kind = RoleKind::kObserver;
  std::string member;  // for a delegation

  // "secretariat", "delegation:ARM", "observer", "auditor".
  std::string Name() const;
  friend bool operator==(const Role&, const Role&) = default;
};

// Parses a role name; kInvalidArgument with the accepted forms otherwise.
Result<Role> ParseRole(std::string_view text);

enum class Right {
  kPublicRead,   // the public record: state, members, bodies, sessions, decisions, ...
  kJournalRead,  // journal entries and the live stream
  kVerify,       // run the verifier over the journal
  kWrite,        // append events (a delegation only for its own member: CheckWrite)
};

bool Allows(const Role& role, Right right);
std::string_view RightName(Right right);        // "record events": for messages
std::string_view RightId(Right right);          // "write": for clients
const std::vector<Right>& AllRights();
// The event types a role may record (for a delegation, only for its own member; none for
// observers and auditors). The journal's own events and decision.recorded are never among them.
std::vector<std::string_view> RecordableEventTypes(const Role& role);


// Whether `role` may append an event of `type` whose acting member is `member` (the event's
// `member` field; empty when the type has none). kPermissionDenied with the reason otherwise.
Status CheckWrite(const Role& role, std::string_view type, std::string_view member);

}  // namespace concord
