#include "store/event_store.h"

namespace concord {

Status CheckAppendNumbering(std::int64_t expected_head_seq, std::span<const StoredEntry> entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::int64_t want = expected_head_seq + 1 + static_cast<std::int64_t>(i);
    if (entries[i].seq != want) {
      return Fail(ErrorCode::kInvalidArgument, "append: entry " + std::to_string(i) +
                                                   " has seq " + std::to_string(entries[i].seq) +
                                                   ", expected " + std::to_string(want));
    }
  }
  return {};
}

Result<std::unique_ptr<EventStore>> OpenStore(std::string_view url, StoreOpen mode) {
  if (url == "memory:") return NewMemoryStore();
  if (url.starts_with("sqlite:")) {
    std::string_view path = url.substr(7);
    if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "store URL sqlite: needs a path");
    return OpenSqliteStore(path, mode);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresStore(url);
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown store URL \"" + std::string(url) +
                  "\" (expected sqlite:PATH, postgresql://... or memory:)");
}

}  // namespace concord
