#include "journal/key_registry.h"

#include <boost/json.hpp>

#include "journal/canonical_json.h"
#include "journal/member_acts.h"

namespace concord {

namespace json = boost::json;

namespace {

constexpr std::string_view kJournalCreated = "journal.created";
constexpr std::string_view kKeyRegistered = "key.registered";
constexpr std::string_view kKeyRevoked = "key.revoked";
constexpr std::string_view kCheckpoint = "journal.checkpoint";

std::string_view StringField(const json::object& obj, std::string_view name) {
  const json::value* v = obj.if_contains(json::string_view(name.data(), name.size()));
  if (v == nullptr || !v->is_string()) return {};
  return v->get_string();
}

Unexpected Denied(std::string reason) {
  return Fail(ErrorCode::kPermissionDenied, std::move(reason));
}
Unexpected Malformed(std::string reason) {
  return Fail(ErrorCode::kInvalidArgument, std::move(reason));
}

// Checks a {"holder","id","public"} key description; returns the public key.
Result<PublicKey> ParseKeyObject(const json::object& event, std::string_view type) {
  const json::value* key = event.if_contains("key");
  if (key == nullptr || !key->is_object()) {
    return Malformed(std::string(type) + ": field \"key\" must be an object");
  }
  const json::object& k = key->get_object();
  std::string_view id = StringField(k, "id");
  std::string_view holder = StringField(k, "holder");
  Result<PublicKey> pk = PublicKey::FromHex(StringField(k, "public"));
  if (!pk) return Malformed(std::string(type) + ": key.public: " + pk.error().message);
  if (holder.empty()) return Malformed(std::string(type) + ": key.holder must be a non-empty string");
  if (k.size() != 3) {
    return Malformed(std::string(type) + ": key must have exactly holder, id, public");
  }
  if (id != pk->Id()) {
    return Malformed(std::string(type) + ": key.id \"" + std::string(id) +
                     "\" is not the id of key.public (" + pk->Id() + ")");
  }
  return pk;
}

}  // namespace

const KeyRecord* KeyRegistry::Find(std::string_view id) const {
  auto it = keys_.find(id);
  return it == keys_.end() ? nullptr : &it->second;
}

std::vector<KeyRecord> KeyRegistry::Keys() const {
  std::vector<KeyRecord> out;
  out.reserve(order_.size());
  for (const std::string& id : order_) out.push_back(keys_.at(id));
  return out;
}

Result<PublicKey> KeyRegistry::Authorize(const json::object& event, std::string_view key_id,
                                         std::int64_t seq) const {
  std::string_view type = StringField(event, "type");
  if (seq == 1 || type == kJournalCreated) {
    if (seq != 1) return Malformed("journal.created may only be the first entry");
    if (type != kJournalCreated) return Malformed("the first entry must be journal.created");
    if (!event.contains("charter") || !event.at("charter").is_string()) {
      return Malformed("journal.created: field \"charter\" must be a string (the charter text)");
    }
    Result<PublicKey> pk = ParseKeyObject(event, type);
    if (!pk) return pk.error();
    if (StringField(event.at("key").get_object(), "holder") != kSecretariatHolder) {
      return Malformed("journal.created: key.holder must be \"secretariat\"");
    }
    if (pk->Id() != key_id) {
      return Denied("journal.created must be signed by the key it creates (" + pk->Id() +
                    "), not by " + std::string(key_id));
    }
    return pk;
  }

  const KeyRecord* signer = Find(key_id);
  if (signer == nullptr) return Denied("unknown key " + std::string(key_id));
  if (!signer->live()) {
    return Denied("key " + std::string(key_id) + " was revoked at seq " +
                  std::to_string(signer->revoked_seq));
  }
  bool by_secretariat = signer->holder == kSecretariatHolder;

  if (type == kKeyRegistered || type == kKeyRevoked || type == kCheckpoint) {
    if (!by_secretariat) {
      return Denied(std::string(type) + " must be signed by a secretariat key, not by key " +
                    std::string(key_id) + " of " + signer->holder);
    }
    if (type == kCheckpoint) {
      // Binds the chain so far under a signature: without it, the hashes alone would let a
      // forger without keys delete or reorder entries and re-chain the rest.
      const json::value* prev = event.if_contains("prev");
      if (prev == nullptr || !prev->is_string()) {
        return Malformed("journal.checkpoint: field \"prev\" must be the previous entry's hash");
      }
      const json::value* own = event.if_contains("seq");
      if (own == nullptr || !own->is_int64() || own->as_int64() != seq) {
        return Malformed("journal.checkpoint: field \"seq\" must be its own place in the journal (" +
                         std::to_string(seq) + ")");
      }
    } else if (type == kKeyRegistered) {
      Result<PublicKey> pk = ParseKeyObject(event, type);
      if (!pk) return pk.error();
      if (Find(pk->Id()) != nullptr) {
        return Malformed("key.registered: key " + pk->Id() + " is already registered");
      }
    } else {
      std::string_view target_id = StringField(event, "key_id");
      const KeyRecord* target = Find(target_id);
      if (target == nullptr) {
        return Malformed("key.revoked: unknown key \"" + std::string(target_id) + "\"");
      }
      if (!target->live()) {
        return Malformed("key.revoked: key " + target->id + " was already revoked at seq " +
                         std::to_string(target->revoked_seq));
      }
      if (target->holder == kSecretariatHolder && live_secretariat_keys_ <= 1) {
        return Malformed("key.revoked: cannot revoke the last live secretariat key " +
                         target->id);
      }
    }
    return signer->public_key;
  }

  if (by_secretariat) return signer->public_key;
  std::string_view by = StringField(event, "by");
  if (by != signer->holder) {
    return Denied("key " + std::string(key_id) + " of " + signer->holder +
                  " may not sign an event by " +
                  (by.empty() ? std::string("no one (missing \"by\")") : std::string(by)));
  }
  // The same rule as the server's for a delegation: only a member's own acts.
  if (Status own = CheckMemberAct(signer->holder, type, StringField(event, "member")); !own) {
    return Denied("key " + std::string(key_id) + " of " + signer->holder + ": " + own.error().message);
  }
  return signer->public_key;
}

void KeyRegistry::Apply(const json::object& event, std::int64_t seq) {
  std::string_view type = StringField(event, "type");
  if (type == kJournalCreated || type == kKeyRegistered) {
    const json::object& k = event.at("key").get_object();
    KeyRecord record;
    record.id = std::string(StringField(k, "id"));
    record.public_key = *PublicKey::FromHex(StringField(k, "public"));
    record.holder = std::string(StringField(k, "holder"));
    record.registered_seq = seq;
    if (record.holder == kSecretariatHolder) ++live_secretariat_keys_;
    order_.push_back(record.id);
    std::string id = record.id;
    keys_.emplace(std::move(id), std::move(record));
  } else if (type == kKeyRevoked) {
    auto it = keys_.find(StringField(event, "key_id"));
    if (it == keys_.end()) return;
    it->second.revoked_seq = seq;
    if (it->second.holder == kSecretariatHolder) --live_secretariat_keys_;
  }
}

namespace {

json::object KeyObject(const PublicKey& key, std::string_view holder) {
  return json::object{{"id", key.Id()}, {"public", key.Hex()},
                      {"holder", json::string_view(holder.data(), holder.size())}};
}

json::string_view Sv(std::string_view s) { return json::string_view(s.data(), s.size()); }

}  // namespace

Result<std::string> MakeJournalCreatedEvent(std::string_view at, std::string_view charter,
                                            const PublicKey& secretariat_key) {
  json::object event{{"type", Sv(kJournalCreated)},
                     {"at", Sv(at)},
                     {"charter", Sv(charter)},
                     {"key", KeyObject(secretariat_key, kSecretariatHolder)}};
  return CanonicalJson(event);
}

Result<std::string> MakeKeyRegisteredEvent(std::string_view at, const PublicKey& key,
                                           std::string_view holder) {
  json::object event{{"type", Sv(kKeyRegistered)}, {"at", Sv(at)},
                     {"key", KeyObject(key, holder)}};
  return CanonicalJson(event);
}

Result<std::string> MakeKeyRevokedEvent(std::string_view at, std::string_view key_id) {
  json::object event{{"type", Sv(kKeyRevoked)}, {"at", Sv(at)}, {"key_id", Sv(key_id)}};
  return CanonicalJson(event);
}

Result<std::string> MakeCheckpointEvent(std::string_view at, std::int64_t seq, std::string_view prev) {
  json::object event{{"type", Sv(kCheckpoint)}, {"at", Sv(at)}, {"seq", seq}, {"prev", Sv(prev)}};
  return CanonicalJson(event);
}

}  // namespace concord
