// The baseline every durable write is compared with: one journal-sized row per SQLite commit
// (WAL, synchronous=FULL), as a writer without group commit would do. Shared by concord_bench
// (BM_RawSqliteInsert) and the performance report.
//
//   RawSqliteTable table("/tmp/raw.db");
//   while (...) table.InsertOne();   // false if the insert failed
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace concord::bench {

class RawSqliteTable {
 public:
  explicit RawSqliteTable(std::string path, std::size_t row_bytes = 420)
      : path_(std::move(path)), line_(row_bytes, 'x'), hash_(64, 'a') {
    std::filesystem::remove(path_);
    sqlite3_open(path_.c_str(), &db_);
    sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                      "CREATE TABLE t (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, line TEXT NOT NULL)",
                 nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db_, "INSERT INTO t VALUES (?1, ?2, ?3)", -1, &insert_, nullptr);
  }
  ~RawSqliteTable() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  RawSqliteTable(const RawSqliteTable&) = delete;
  RawSqliteTable& operator=(const RawSqliteTable&) = delete;

  // One row, one durable commit (autocommit).
  bool InsertOne() {
    sqlite3_bind_int64(insert_, 1, ++seq_);
    sqlite3_bind_text(insert_, 2, hash_.data(), 64, SQLITE_STATIC);
    sqlite3_bind_text(insert_, 3, line_.data(), static_cast<int>(line_.size()), SQLITE_STATIC);
    const bool ok = sqlite3_step(insert_) == SQLITE_DONE;
    sqlite3_reset(insert_);
    return ok;
  }
  std::size_t row_bytes() const { return line_.size(); }

 private:
  std::string path_, line_, hash_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::int64_t seq_ = 0;
};

}  // namespace concord::bench
