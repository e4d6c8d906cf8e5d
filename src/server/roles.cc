// The role table (roles.h).
#include "server/roles.h"

#include <algorithm>
#include <initializer_list>

#include "concord/charter.h"
#include "concord/event.h"
#include "journal/member_acts.h"

namespace concord {
namespace {

struct RoleRights {
  RoleKind kind;
  std::initializer_list<Right> rights;
};

// THE table of rights. Route rights are declared next to each route in api.cc.
const RoleRights kRoleRights[] = {
    {RoleKind::kSecretariat, {Right::kPublicRead, Right::kJournalRead, Right::kVerify, Right::kWrite}},
    {RoleKind::kDelegation, {Right::kPublicRead, Right::kJournalRead, Right::kWrite}},
    {RoleKind::kObserver, {Right::kPublicRead}},
    {RoleKind::kAuditor, {Right::kPublicRead, Right::kJournalRead, Right::kVerify}},
};

}  // namespace

std::string Role::Name() const {
  switch (kind) {
    case RoleKind::kSecretariat: return "secretariat";
    case RoleKind::kDelegation: return "delegation:" + member;
    case RoleKind::kObserver: return "observer";
    case RoleKind::kAuditor: return "auditor";
  }
  return "observer";
}

Result<Role> ParseRole(std::string_view text) {
  if (text == "secretariat") return Role{RoleKind::kSecretariat, ""};
  if (text == "observer") return Role{RoleKind::kObserver, ""};
  if (text == "auditor") return Role{RoleKind::kAuditor, ""};
  constexpr std::string_view kPrefix = "delegation:";
  if (text.substr(0, kPrefix.size()) == kPrefix) {
    std::string member(text.substr(kPrefix.size()));
    if (MemberIdProblem(member).empty()) return Role{RoleKind::kDelegation, std::move(member)};
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown role '" + std::string(text) +
                  "' (expected secretariat, delegation:MEMBER, observer or auditor)");
}

bool Allows(const Role& role, Right right) {
  for (const auto& row : kRoleRights) {
    if (row.kind == role.kind) {
      return std::find(row.rights.begin(), row.rights.end(), right) != row.rights.end();
    }
  }
  return false;
}

const std::vector<Right>& AllRights() {
  static const std::vector<Right> kAll = {Right::kPublicRead, Right::kJournalRead, Right::kVerify, Right::kWrite};
  return kAll;
}

std::string_view RightId(Right right) {
  switch (right) {
    case Right::kPublicRead: return "public_read";
    case Right::kJournalRead: return "journal_read";
    case Right::kVerify: return "verify";
    case Right::kWrite: return "write";
  }
  return "?";
}

std::string_view RightName(Right right) {
  switch (right) {
    case Right::kPublicRead: return "read the public record";
    case Right::kJournalRead: return "read the journal";
    case Right::kVerify: return "verify the journal";
    case Right::kWrite: return "record events";
  }
  return "act";
}

std::vector<std::string_view> RecordableEventTypes(const Role& role) {
  if (!Allows(role, Right::kWrite)) return {};
  if (role.kind == RoleKind::kDelegation) return MemberEventTypes();
  std::vector<std::string_view> all;
  for (int i = 0;; ++i) {
    const auto type = static_cast<EventType>(i);
    if (type == EventType::kDecisionRecorded) continue;  // derived by the engine
    if (type == EventType::kJournalCreated) break;       // the journal's own events come last
    all.push_back(EventTypeName(type));
  }
  return all;
}

Status CheckWrite(const Role& role, std::string_view type, std::string_view member) {
  if (!Allows(role, Right::kWrite)) {
    return Fail(ErrorCode::kPermissionDenied, "the " + role.Name() + " role may not record events");
  }
  if (role.kind != RoleKind::kDelegation) return {};
  return CheckMemberAct(role.member, type, member);
}

}  // namespace concord
