// Which strings may name a member (charter.h).
#include <algorithm>

#include "concord/charter.h"

namespace concord {
namespace {

bool AsciiAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string MemberIdProblem(std::string_view id) {
  const bool plain = !id.empty() && AsciiAlnum(id.front()) &&
                     std::all_of(id.begin(), id.end(), [](char c) { return AsciiAlnum(c) || c == '_' || c == '-' || c == '.'; });
  const std::string quoted = "'" + std::string(id) + "'";
  if (!plain) return "member id " + quoted + " must be ASCII letters, digits, '_', '-' or '.', starting with a letter or digit";
  if (id == "secretariat" || id == "chair") return "member id " + quoted + " is reserved: the journal uses it for someone else";
  return "";
}

}  // namespace concord
