// EventStore: where journal entry lines live. One interface, three implementations: memory
// (unit tests), SQLite (`sqlite:PATH`, the embedded default) and PostgreSQL
// (`postgresql://...`). The store keeps lines verbatim; chaining and signing are the journal's.
//
//   Result<std::unique_ptr<EventStore>> store = OpenStore("sqlite:concord.db");
//   Result<JournalHead> head = (*store)->Head();
//   Status s = (*store)->Append(head->seq, entries);  // kConflict if someone appended first
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "concord/result.h"
#include "journal/entry.h"

namespace concord {

struct StoredEntry {
  std::int64_t seq = 0;
  std::string hash;  // the entry's hash (also inside `line`), kept apart for Head()
  std::string line;  // canonical JSON of the entry
  friend bool operator==(const StoredEntry&, const StoredEntry&) = default;
};

// A write's Idempotency-Key, kept in the same transaction as the write's entries by a store
// several servers share: a retry is then answered, not applied again, whichever server receives
// it, and even after the server that wrote it crashed before answering.
struct RequestRecord {
  std::string key;          // the caller's scope and key
  std::string fingerprint;  // of the request (method, target, body): a reused key is refused
  std::int64_t seq = 0;     // the write's entry
  std::string hash;
  std::int64_t follow_up_seq = 0;  // what it entailed (a put's record), or 0
};

// Wakes a reader when anyone appends to a store several servers share (PostgreSQL's
// LISTEN/NOTIFY), so that each server folds in and streams what the others wrote.
class AppendWatch {
 public:
  virtual ~AppendWatch() = default;
  // Waits up to `timeout`: true when an append happened (or the watch reconnected, after which
  // appends may have been missed), false on timeout; kUnavailable while the store is away.
  virtual Result<bool> Wait(std::chrono::milliseconds timeout) = 0;
};

class EventStore {
 public:
  virtual ~EventStore() = default;

  // The last entry's seq and hash; {0, kGenesisPrev} for an empty store.
  virtual Result<JournalHead> Head() = 0;

  // Appends `entries` (seq expected_head_seq + 1, + 2, ...) atomically: all are durable when it
  // returns, or none is stored. kConflict when the store's head is no longer
  // `expected_head_seq` (another writer won; the store never forks); kInvalidArgument when the
  // entries are not numbered consecutively from expected_head_seq + 1; kUnavailable when the
  // storage fails (disk full, database down): then nothing of this call is stored, except that
  // a connection lost during commit leaves the outcome unknown (check Head()).
  virtual Status Append(std::int64_t expected_head_seq, std::span<const StoredEntry> entries) = 0;

  // Up to `limit` entries with seq >= from_seq, in order.
  virtual Result<std::vector<StoredEntry>> Read(std::int64_t from_seq, std::int64_t limit) = 0;

  // The URL it was opened with, for messages.
  virtual const std::string& url() const = 0;

  // Append, with the requests the entries answer recorded in the same transaction (stores that
  // keep requests; the others ignore them). A key recorded before is left as it was.
  virtual Status AppendWithRequests(std::int64_t expected_head_seq, std::span<const StoredEntry> entries,
                                    std::span<const RequestRecord> requests) {
    (void)requests;
    return Append(expected_head_seq, entries);
  }
  // Whether requests are kept (AppendWithRequests, FindRequest).
  virtual bool KeepsRequests() const { return false; }
  // The request recorded under `key`, if any.
  virtual Result<std::optional<RequestRecord>> FindRequest(const std::string& key) {
    (void)key;
    return std::optional<RequestRecord>();
  }

  // For a store several servers may write (PostgreSQL): a watch on appends by anyone, on a
  // connection of its own. Null for a store one process owns (memory, SQLite).
  virtual Result<std::unique_ptr<AppendWatch>> Watch() { return std::unique_ptr<AppendWatch>(); }
};

// Opens a store by URL scheme: "memory:" (a fresh empty store), "sqlite:PATH" (created if
// missing), "postgresql://..." or "postgres://..." (a libpq URL; the table is created if
// missing). kInvalidArgument for an unknown scheme, kUnavailable when the store cannot be
// opened (with the reason).
// kCreate makes an SQLite file that does not exist yet (init, restore); kExisting refuses to
// (kNotFound): read-only commands and the server create nothing.
enum class StoreOpen { kCreate, kExisting };
Result<std::unique_ptr<EventStore>> OpenStore(std::string_view url, StoreOpen mode = StoreOpen::kCreate);

std::unique_ptr<EventStore> NewMemoryStore();
Result<std::unique_ptr<EventStore>> OpenSqliteStore(std::string_view path, StoreOpen mode = StoreOpen::kCreate);
Result<std::unique_ptr<EventStore>> OpenPostgresStore(std::string_view url);

// The argument check every implementation shares: entries numbered from expected + 1.
Status CheckAppendNumbering(std::int64_t expected_head_seq, std::span<const StoredEntry> entries);

// An Entry as the store keeps it.
inline StoredEntry ToStored(const Entry& entry) { return {entry.seq, entry.hash, entry.line}; }

}  // namespace concord
