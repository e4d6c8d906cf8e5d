// Journal entries: an event, signed by a key, chained to the entry before it.
//
// One entry is one line of canonical JSON (docs/journal-format.md, "The signed journal"):
//
//   {"event":{...},"hash":"<64 hex>","key":"<16 hex>","prev":"<64 hex>","seq":N,"sig":"<128 hex>"}
//
// The signature covers the canonical bytes of {"event":E,"key":K} only, so a delegation can
// sign offline before it knows where its event will land; the hash covers everything but
// itself and chains the entry to `prev`.
//
//   Result<SignedEvent> signed_event = SignEvent(event, key);   // anywhere, any time
//   Entry entry = ChainEntry(head.seq + 1, head.hash, *signed_event);  // by the one writer
//   store.Append(head.seq, {entry.line ...});
#pragma once

#include <boost/json/fwd.hpp>  // forward declarations only
#include <cstdint>
#include <string>
#include <string_view>

#include "concord/result.h"
#include "journal/crypto.h"

namespace concord {

// `prev` of the first entry: 64 zeros.
inline constexpr std::string_view kGenesisPrev =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Where a journal ends: the last entry's seq and hash ({0, kGenesisPrev} when empty).
struct JournalHead {
  std::int64_t seq = 0;
  std::string hash{kGenesisPrev};
  friend bool operator==(const JournalHead&, const JournalHead&) = default;
};

// An event signed by a key, not yet placed in the chain.
struct SignedEvent {
  std::string event_json;  // canonical bytes of the event object
  std::string key_id;      // 16 lowercase hex chars
  std::string sig;         // 128 lowercase hex chars: the Ed25519 signature of SigningPayload
};

// The bytes a signature covers: the canonical form of {"event":EVENT,"key":KEY_ID}.
// `event_json` must already be canonical and `key_id` lowercase hex.
std::string SigningPayload(std::string_view event_json, std::string_view key_id);

// Canonicalizes and signs `event`; kInvalidArgument if it cannot be canonicalized.
Result<SignedEvent> SignEvent(const boost::json::object& event, const SigningKey& key);
// Signs an event given as canonical JSON bytes (not re-checked).
SignedEvent SignCanonicalEvent(std::string event_json, const SigningKey& key);
// Checks the signature of `signed_event` against `key`.
bool CheckSignature(const SignedEvent& signed_event, const PublicKey& key);
// Checks the shape of a signed event received from elsewhere: canonical event object, key id
// of 16 lowercase hex chars, signature of 128. Returns the parsed event's canonical check
// result only (the caller re-parses where it needs the object).
Status CheckSignedEventShape(const SignedEvent& signed_event);

struct Entry {
  std::int64_t seq = 0;
  std::string prev;
  std::string event_json;
  std::string key_id;
  std::string sig;
  std::string hash;  // SHA-256 hex of HashPayload
  std::string line;  // canonical JSON of the whole entry: what stores keep and exports print
};

// The bytes an entry's hash covers: canonical {"event","key","prev","seq","sig"}.
std::string HashPayload(std::int64_t seq, std::string_view prev, std::string_view event_json,
                        std::string_view key_id, std::string_view sig);

// Places a signed event at `seq` after the entry whose hash is `prev`.
Entry ChainEntry(std::int64_t seq, std::string_view prev, const SignedEvent& signed_event);

// Parses one stored line into its fields, checking canonical form, the exact field set and
// each field's type and spelling (not the hash, the chain or the signature). The error is
// kCorruption with the reason, e.g. "entry: field \"sig\" must be 128 lowercase hex chars".
Result<Entry> ParseEntryLine(std::string_view line);

// True when `text` is `size` lowercase hex chars.
bool IsLowerHex(std::string_view text, std::size_t size);

}  // namespace concord
