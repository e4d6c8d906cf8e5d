#include "journal/entry.h"

#include <boost/json.hpp>

#include "journal/canonical_json.h"
#include "journal/entry_internal.h"

namespace concord {

namespace json = boost::json;

bool IsLowerHex(std::string_view text, std::size_t size) {
  if (text.size() != size) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string SigningPayload(std::string_view event_json, std::string_view key_id) {
  std::string out;
  out.reserve(event_json.size() + key_id.size() + 20);
  out += "{\"event\":";
  out += event_json;
  out += ",\"key\":\"";
  out += key_id;
  out += "\"}";
  return out;
}

SignedEvent SignCanonicalEvent(std::string event_json, const SigningKey& key) {
  SignedEvent out;
  out.key_id = key.Id();
  out.sig = HexEncode(key.Sign(SigningPayload(event_json, out.key_id)));
  out.event_json = std::move(event_json);
  return out;
}

Result<SignedEvent> SignEvent(const json::object& event, const SigningKey& key) {
  Result<std::string> canonical = CanonicalJson(event);
  if (!canonical) return canonical.error();
  return SignCanonicalEvent(std::move(*canonical), key);
}

bool CheckSignature(const SignedEvent& signed_event, const PublicKey& key) {
  Result<std::string> raw = HexDecode(signed_event.sig);
  if (!raw) return false;
  return VerifySignature(key, SigningPayload(signed_event.event_json, signed_event.key_id), *raw);
}

Status CheckSignedEventShape(const SignedEvent& signed_event) {
  if (!IsLowerHex(signed_event.key_id, 16)) {
    return Fail(ErrorCode::kInvalidArgument, "signed event: key must be 16 lowercase hex chars");
  }
  if (!IsLowerHex(signed_event.sig, 2 * kSignatureSize)) {
    return Fail(ErrorCode::kInvalidArgument, "signed event: sig must be 128 lowercase hex chars");
  }
  Result<json::value> event = ParseCanonicalJson(signed_event.event_json);
  if (!event) return Fail(ErrorCode::kInvalidArgument, "signed event: " + event.error().message);
  if (!event->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "signed event: event must be a JSON object");
  }
  return {};
}

std::string HashPayload(std::int64_t seq, std::string_view prev, std::string_view event_json,
                        std::string_view key_id, std::string_view sig) {
  std::string out;
  out.reserve(event_json.size() + 260);
  out += "{\"event\":";
  out += event_json;
  out += ",\"key\":\"";
  out += key_id;
  out += "\",\"prev\":\"";
  out += prev;
  out += "\",\"seq\":";
  out += std::to_string(seq);
  out += ",\"sig\":\"";
  out += sig;
  out += "\"}";
  return out;
}

namespace {

std::string LineTail(const Entry& e) {
  std::string tail;
  tail.reserve(260);
  tail += ",\"hash\":\"";
  tail += e.hash;
  tail += "\",\"key\":\"";
  tail += e.key_id;
  tail += "\",\"prev\":\"";
  tail += e.prev;
  tail += "\",\"seq\":";
  tail += std::to_string(e.seq);
  tail += ",\"sig\":\"";
  tail += e.sig;
  tail += "\"}";
  return tail;
}

constexpr std::string_view kLineHead = "{\"event\":";

Unexpected Corrupt(std::string reason) {
  return Fail(ErrorCode::kCorruption, std::move(reason));
}

}  // namespace

Entry ChainEntry(std::int64_t seq, std::string_view prev, const SignedEvent& signed_event) {
  Entry e;
  e.seq = seq;
  e.prev = std::string(prev);
  e.event_json = signed_event.event_json;
  e.key_id = signed_event.key_id;
  e.sig = signed_event.sig;
  e.hash = Sha256Hex(HashPayload(seq, prev, e.event_json, e.key_id, e.sig));
  e.line.reserve(e.event_json.size() + 330);
  e.line += kLineHead;
  e.line += e.event_json;
  e.line += LineTail(e);
  return e;
}

Result<Entry> ParseEntryLineInto(std::string_view line, json::object& event_out) {
  Result<json::value> parsed = ParseCanonicalJson(line);
  if (!parsed) return Corrupt("entry: " + parsed.error().message);
  if (!parsed->is_object()) return Corrupt("entry: not a JSON object");
  json::object& obj = parsed->get_object();
  static constexpr std::string_view kFields[] = {"event", "hash", "key", "prev", "seq", "sig"};
  if (obj.size() != std::size(kFields)) {
    return Corrupt("entry: fields must be exactly event, hash, key, prev, seq, sig");
  }
  for (std::string_view f : kFields) {
    if (!obj.contains(json::string_view(f.data(), f.size()))) {
      return Corrupt("entry: fields must be exactly event, hash, key, prev, seq, sig");
    }
  }
  auto hex_field = [&](const char* name, std::size_t size, std::string& out) -> Status {
    const json::value& v = obj.at(name);
    if (!v.is_string() || !IsLowerHex(v.get_string(), size)) {
      return Corrupt(std::string("entry: field \"") + name + "\" must be " +
                     std::to_string(size) + " lowercase hex chars");
    }
    out = std::string(v.get_string());
    return {};
  };
  Entry e;
  // The canonical check already bounds integers by 2^53 - 1.
  const json::value& seq = obj.at("seq");
  if (!seq.is_int64() || seq.get_int64() < 1) {
    return Corrupt("entry: field \"seq\" must be a positive integer");
  }
  e.seq = seq.get_int64();
  if (Status s = hex_field("hash", 64, e.hash); !s) return s.error();
  if (Status s = hex_field("key", 16, e.key_id); !s) return s.error();
  if (Status s = hex_field("prev", 64, e.prev); !s) return s.error();
  if (Status s = hex_field("sig", 2 * kSignatureSize, e.sig); !s) return s.error();
  json::value& event = obj.at("event");
  if (!event.is_object()) return Corrupt("entry: field \"event\" must be a JSON object");
  // The line is canonical and "event" sorts first, so the event's canonical bytes are the
  // slice between the leading {"event": and the fixed tail built from the other fields.
  std::string tail = LineTail(e);
  e.event_json = std::string(line.substr(kLineHead.size(), line.size() - kLineHead.size() -
                                                               tail.size()));
  e.line = std::string(line);
  event_out = std::move(event.get_object());
  return e;
}

Result<Entry> ParseEntryLine(std::string_view line) {
  json::object event;
  return ParseEntryLineInto(line, event);
}

}  // namespace concord
