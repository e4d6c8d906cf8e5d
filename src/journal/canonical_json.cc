#include "journal/canonical_json.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace concord {
namespace {

namespace json = boost::json;

// Decodes one UTF-8 code point at text[i], advancing i. Returns -1 on malformed input
// (overlong forms, surrogates, values above U+10FFFF, truncation).
std::int32_t DecodeUtf8(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int extra;
  std::int32_t cp;
  std::int32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (i + static_cast<std::size_t>(extra) >= text.size()) return -1;
  for (int k = 1; k <= extra; ++k) {
    unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += extra + 1;
  return cp;
}

// The UTF-16 code units of a code point: {unit, 0} or {high surrogate, low surrogate}.
std::pair<std::uint32_t, std::uint32_t> Utf16Units(std::int32_t cp) {
  if (cp < 0x10000) return {static_cast<std::uint32_t>(cp), 0};
  std::uint32_t v = static_cast<std::uint32_t>(cp) - 0x10000;
  return {0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)};
}

// Orders two valid UTF-8 strings by their UTF-16 code units, as RFC 8785 section 3.2.3 asks.
bool Utf16Less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    std::int32_t ca = DecodeUtf8(a, i);
    std::int32_t cb = DecodeUtf8(b, j);
    if (ca == cb) continue;
    auto ua = Utf16Units(ca);
    auto ub = Utf16Units(cb);
    if (ua.first != ub.first) return ua.first < ub.first;
    // Same high surrogate: the low one decides (a BMP unit never equals a surrogate).
    return ua.second < ub.second;
  }
  return i == a.size() && j < b.size();
}

// Failure details, gathered as the error unwinds: the path is only built when one occurs.
struct Trouble {
  std::string what;
  std::vector<std::string> segments;  // innermost first
};

bool Fail(std::string_view what, Trouble& t) {
  t.what = std::string(what);
  return false;
}

Status ToStatus(Trouble& t) {
  std::string path = "$";
  for (auto it = t.segments.rbegin(); it != t.segments.rend(); ++it) path += *it;
  return concord::Fail(ErrorCode::kInvalidArgument, "canonical JSON: " + t.what + " at " + path);
}

bool AppendString(std::string_view text, std::string& out, Trouble& t) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t start = i;
      if (DecodeUtf8(text, i) < 0) return Fail("invalid UTF-8 in string", t);
      out.append(text.substr(start, i - start));
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
  return true;
}

bool AppendValue(const json::value& value, std::string& out, Trouble& t);

bool AppendObject(const json::object& object, std::string& out, Trouble& t) {
  std::vector<const json::key_value_pair*> members;
  members.reserve(object.size());
  for (const json::key_value_pair& member : object) {
    std::size_t i = 0;
    std::string_view key = member.key();
    while (i < key.size()) {
      if (DecodeUtf8(key, i) < 0) return Fail("invalid UTF-8 in key", t);
    }
    members.push_back(&member);
  }
  std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
    return Utf16Less(a->key(), b->key());
  });
  out.push_back('{');
  for (std::size_t k = 0; k < members.size(); ++k) {
    if (k > 0) out.push_back(',');
    bool ok = AppendString(members[k]->key(), out, t);
    if (ok) {
      out.push_back(':');
      ok = AppendValue(members[k]->value(), out, t);
    }
    if (!ok) {
      t.segments.push_back("." + std::string(members[k]->key()));
      return false;
    }
  }
  out.push_back('}');
  return true;
}

bool AppendValue(const json::value& value, std::string& out, Trouble& t) {
  switch (value.kind()) {
    case json::kind::null: out += "null"; return true;
    case json::kind::bool_: out += value.get_bool() ? "true" : "false"; return true;
    case json::kind::int64: {
      std::int64_t n = value.get_int64();
      if (n > kMaxCanonicalInteger || n < -kMaxCanonicalInteger) {
        return Fail("integer outside +-(2^53-1)", t);
      }
      out += std::to_string(n);
      return true;
    }
    case json::kind::uint64: {
      std::uint64_t n = value.get_uint64();
      if (n > static_cast<std::uint64_t>(kMaxCanonicalInteger)) {
        return Fail("integer outside +-(2^53-1)", t);
      }
      out += std::to_string(n);
      return true;
    }
    case json::kind::double_:
      return Fail("non-integer number (only integers are allowed)", t);
    case json::kind::string: return AppendString(value.get_string(), out, t);
    case json::kind::array: {
      const json::array& array = value.get_array();
      out.push_back('[');
      for (std::size_t k = 0; k < array.size(); ++k) {
        if (k > 0) out.push_back(',');
        if (!AppendValue(array[k], out, t)) {
          t.segments.push_back("[" + std::to_string(k) + "]");
          return false;
        }
      }
      out.push_back(']');
      return true;
    }
    case json::kind::object: return AppendObject(value.get_object(), out, t);
  }
  return Fail("unknown JSON kind", t);
}

}  // namespace

Status AppendCanonicalJson(const json::value& value, std::string& out) {
  Trouble t;
  return AppendValue(value, out, t) ? Status() : ToStatus(t);
}

Result<std::string> CanonicalJson(const json::value& value) {
  std::string out;
  Status s = AppendCanonicalJson(value, out);
  if (!s) return s.error();
  return out;
}

Result<std::string> CanonicalJson(const json::object& object) {
  std::string out;
  Trouble t;
  if (!AppendObject(object, out, t)) return ToStatus(t).error();
  return out;
}

Status AppendCanonicalString(std::string_view text, std::string& out) {
  Trouble t;
  return AppendString(text, out, t) ? Status() : ToStatus(t);
}

Result<json::value> ParseCanonicalJson(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) {
    return concord::Fail(ErrorCode::kInvalidArgument, "not valid JSON: " + ec.message());
  }
  std::string canonical;
  Status s = AppendCanonicalJson(value, canonical);
  if (!s) return s.error();
  if (canonical != text) {
    std::size_t at = 0;
    while (at < canonical.size() && at < text.size() && canonical[at] == text[at]) ++at;
    return concord::Fail(ErrorCode::kInvalidArgument,
                         "not in canonical form (RFC 8785): first difference at byte " +
                             std::to_string(at));
  }
  return value;
}

}  // namespace concord
