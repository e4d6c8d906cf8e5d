// The key registry a journal builds as it goes: which keys exist, whose they are, which are
// revoked. Keys live in the journal itself (journal.created, key.registered, key.revoked).
//
// Who may sign what (docs/journal-format.md):
// - entry 1 is `journal.created`, signed by the secretariat key it introduces;
// - `key.registered` / `key.revoked` / `journal.checkpoint` are signed by a live secretariat key
//   (a checkpoint's "prev" repeats its entry's prev, binding the chain so far under a signature);
// - a live secretariat key may sign any other event: the secretariat records the proceedings
//   (and may act for a member only with that member's own key when the server holds it);
// - a live member key may sign only events whose `by` is that member.
#pragma once

#include <boost/json/fwd.hpp>  // forward declarations only
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "concord/result.h"
#include "journal/crypto.h"

namespace concord {

inline constexpr std::string_view kSecretariatHolder = "secretariat";

struct KeyRecord {
  std::string id;
  PublicKey public_key;
  std::string holder;              // "secretariat" or a member id
  std::int64_t registered_seq = 0;
  std::int64_t revoked_seq = 0;    // 0 while live
  bool live() const { return revoked_seq == 0; }
};

class KeyRegistry {
 public:
  const KeyRecord* Find(std::string_view id) const;
  // Every key ever registered, in registration order.
  std::vector<KeyRecord> Keys() const;

  // Decides whether the key `key_id` may sign `event` as entry `seq`, given the keys so far.
  // On success returns the public key to check the signature with. Errors: kPermissionDenied
  // for a key that is unknown, revoked or not allowed to act for the event's `by`;
  // kInvalidArgument for a malformed key event. Messages are the reasons `verify` prints.
  Result<PublicKey> Authorize(const boost::json::object& event, std::string_view key_id,
                              std::int64_t seq) const;

  // Records the effect of an event that Authorize accepted (key events; others are no-ops).
  void Apply(const boost::json::object& event, std::int64_t seq);

 private:
  std::map<std::string, KeyRecord, std::less<>> keys_;
  std::vector<std::string> order_;
  int live_secretariat_keys_ = 0;
};

// Builds the first event of a journal: {"at","charter","key":{"holder","id","public"},"type"}.
// `at` is an RFC 3339 timestamp, `charter` the charter's TOML text.
// (Returned as canonical JSON so this header stays free of Boost.)
Result<std::string> MakeJournalCreatedEvent(std::string_view at, std::string_view charter,
                                            const PublicKey& secretariat_key);
// {"at","key":{"holder","id","public"},"type":"key.registered"}
Result<std::string> MakeKeyRegisteredEvent(std::string_view at, const PublicKey& key,
                                           std::string_view holder);
// {"at","key_id","type":"key.revoked"}
Result<std::string> MakeKeyRevokedEvent(std::string_view at, std::string_view key_id);
// {"at","prev","seq","type":"journal.checkpoint"}: `seq` is the checkpoint's own place in the
// journal and `prev` the hash of the entry before it, so its signature covers both.
Result<std::string> MakeCheckpointEvent(std::string_view at, std::int64_t seq, std::string_view prev);

}  // namespace concord
