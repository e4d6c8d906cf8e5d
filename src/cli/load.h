// Loading what the commands work on: files (or their embedded copies), charters, histories, and a
// replayed record. Shared by every subcommand and by the server's demo.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "codec/event_json.h"
#include "concord/state.h"

namespace concord {

// The largest file a command reads whole (a history, a journal export): beyond it, split the file.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{1} << 30;

// Reads a file; "embedded:PATH" reads the copy compiled into the binary. kUnavailable if missing,
// kInvalidArgument if larger than `max_bytes`.
Result<std::string> ReadTextFile(const std::string& path, std::size_t max_bytes = kMaxInputFileBytes);

// Loads a charter file (or the embedded CSTO charter when `path` is empty) as a shared value.
Result<std::shared_ptr<const Charter>> LoadCharter(const std::string& path);

// The shipped histories, as "embedded:histories/NAME.jsonl" paths, in file-name order.
std::vector<std::string> ShippedHistories();

struct Record {
  std::unique_ptr<Replayer> replayer;
  std::vector<HistoryLine> lines;  // merged, in the order applied
  Timestamp as_of;                 // the as-of argument, or the last event's time
};

// Parses the histories, merges them by time, and replays every event up to as_of. A bad line
// fails with "PATH:LINE: error: MESSAGE" (kInvalidArgument); nothing after it is applied.
Result<Record> LoadRecord(const ReplayOptions& options);

}  // namespace concord
