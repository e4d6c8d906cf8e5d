// Events <-> JSON (the history format, docs/journal-format.md).
// Boost.JSON stays inside the .cc files: callers see strings and core values only (and, where
// they already hold a parsed object, its forward declaration).
#pragma once

#include <boost/json/fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "concord/event.h"
#include "concord/result.h"

namespace concord {

// Decodes one JSON object into an Event: checks the type, the required fields of that type,
// each field's JSON type, and rejects fields the type does not have. Errors name the field
// (and the column for malformed JSON): "missing field 'session' for attendance.present".
Result<Event> DecodeEvent(std::string_view json_line);
// The same for an object already parsed (a journal entry's "event"), without writing it out and
// parsing it again.
Result<Event> DecodeEventObject(const boost::json::object& object);

// Encodes an Event as a compact JSON object with the fields its type uses, in a fixed order.
std::string EncodeEvent(const Event& event);

// A history file: one event per line; blank lines and lines starting with '#' are skipped.
struct HistoryLine {
  int line = 0;       // 1-based line number in the file
  std::string text;   // the raw JSON text of the line
  Event event;
};

// The longest history line accepted (as an API request body may be at most 1 MiB).
inline constexpr std::size_t kMaxHistoryLineBytes = std::size_t{1} << 20;

// Decodes every line, stopping at the first bad one: kInvalidArgument with the message
// "PATH:LINE: error: MESSAGE".
Result<std::vector<HistoryLine>> ParseHistory(std::string_view text, std::string_view path);

// Merges several histories by time (stable: ties keep file order, earlier files first), dropping
// lines that are byte-identical to a line already taken (histories that share a session repeat
// its lines verbatim so that each file also replays on its own).
std::vector<HistoryLine> MergeHistories(const std::vector<std::vector<HistoryLine>>& histories);

}  // namespace concord
