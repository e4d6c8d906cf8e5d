#include "ledger/journal_fold.h"

#include <boost/json.hpp>

#include "codec/charter_toml.h"
#include "codec/event_json.h"

namespace concord {
namespace json = boost::json;
namespace {

std::string_view TypeOf(const json::object& event) {
  const json::value* t = event.if_contains("type");
  return t && t->is_string() ? std::string_view(t->as_string()) : std::string_view();
}

}  // namespace

bool IsJournalEvent(std::string_view type) {
  return type.rfind("journal.", 0) == 0 || type.rfind("key.", 0) == 0;
}

std::optional<Timestamp> RecordTimeOf(const json::object& event) {
  if (IsJournalEvent(TypeOf(event))) return std::nullopt;
  const json::value* at = event.if_contains("at");
  if (!at || !at->is_string()) return std::nullopt;
  auto t = ParseTimestamp(std::string_view(at->as_string()));
  if (!t) return std::nullopt;
  return *t;
}

Status JournalFold::Apply(const json::object& event, std::int64_t seq) {
  derived_.reset();
  if (seq == 1 || !engine_) {
    if (seq != 1 || TypeOf(event) != "journal.created") return Fail(ErrorCode::kCorruption, "entry 1 is not journal.created");
    const json::value* c = event.if_contains("charter");
    if (!c || !c->is_string()) return Fail(ErrorCode::kCorruption, "journal.created holds no charter text");
    charter_text_ = std::string(c->as_string());
    auto charter = ParseCharterText(charter_text_, "journal.created");
    if (!charter) return Fail(ErrorCode::kCorruption, "the journal's charter is invalid: " + charter.error().message);
    engine_.emplace(*charter, CharterTomlParser());
    return {};
  }
  if (TypeOf(event) == "key.registered") {
    // The key registry checks who may register a key; whose key it may be is the record's: the
    // secretariat's or a member's, never a stranger's (which `verify` used to accept).
    const json::value* key = event.if_contains("key");
    const json::value* holder = key && key->is_object() ? key->as_object().if_contains("holder") : nullptr;
    const std::string who = holder && holder->is_string() ? std::string(holder->as_string()) : "";
    if (who != "secretariat" && !engine_->state().members.contains(who)) {
      return Fail(ErrorCode::kRejected, "key.registered: holder '" + who + "' is neither the secretariat nor a member");
    }
  }
  if (IsJournalEvent(TypeOf(event))) return {};
  auto decoded = DecodeEventObject(event);
  if (!decoded) return decoded.error();
  if (Status st = engine_->Apply(*decoded); !st) return st;
  derived_ = engine_->derived();
  return {};
}

void JournalFold::Restart(State state) { engine_.emplace(std::move(state), CharterTomlParser()); }

}  // namespace concord
