// RFC 8785 (JSON Canonicalization Scheme) serialization of JSON values.
//
// The journal hashes and signs canonical bytes, so that any implementation can recompute them
// (docs/journal-format.md). concord events carry no fractional numbers, so only integers in the
// I-JSON safe range (|n| <= 2^53 - 1) are accepted; for those RFC 8785's number form is plain
// decimal. Doubles are rejected rather than risk an ECMAScript formatting mismatch.
//
//   Result<std::string> bytes = CanonicalJson(boost::json::parse(R"({"b":1,"a":"x"})"));
//   // *bytes == R"({"a":"x","b":1})"
#pragma once

#include <boost/json/fwd.hpp>  // forward declarations only
#include <cstdint>
#include <string>
#include <string_view>

#include "concord/result.h"

namespace concord {

// The largest integer magnitude accepted in canonical JSON (2^53 - 1).
inline constexpr std::int64_t kMaxCanonicalInteger = 9007199254740991;

// The canonical bytes of `value`. Fails with kInvalidArgument when the value holds a
// non-integer number, an integer outside +-(2^53 - 1), or a string that is not valid UTF-8;
// the message names the JSON path of the offending value (e.g. "$.event.votes[2]").
Result<std::string> CanonicalJson(const boost::json::value& value);
Result<std::string> CanonicalJson(const boost::json::object& object);

// Appends the canonical form of `value` to `out` (on failure `out` holds a partial write).
Status AppendCanonicalJson(const boost::json::value& value, std::string& out);

// Appends `text` as a canonical JSON string literal, quotes included. Fails on invalid UTF-8.
Status AppendCanonicalString(std::string_view text, std::string& out);

// Parses `text` as JSON and checks that it is already in canonical form, byte for byte.
// Returns the parsed value, or kInvalidArgument saying why the text is not canonical.
Result<boost::json::value> ParseCanonicalJson(std::string_view text);

}  // namespace concord
