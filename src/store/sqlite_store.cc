// The SQLite store: one table, seq as INTEGER PRIMARY KEY (a second entry at a seq cannot
// exist, so no fork), WAL with synchronous=FULL so a commit is on disk when Append returns.
#include <sqlite3.h>

#include <mutex>
#include <utility>

#include "store/event_store.h"

namespace concord {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS journal ("
    " seq INTEGER PRIMARY KEY CHECK (seq > 0),"
    " hash TEXT NOT NULL,"
    " line TEXT NOT NULL)";

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore final : public EventStore {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)), url_("sqlite:" + path_) {}
  ~SqliteStore() override {
    append_.reset();
    begin_.reset();
    commit_.reset();
    max_seq_.reset();
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }

  Status Open(StoreOpen mode) {
    const int create = mode == StoreOpen::kCreate ? SQLITE_OPEN_CREATE : 0;
    int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | create | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc == SQLITE_CANTOPEN && mode == StoreOpen::kExisting) {
      return Fail(ErrorCode::kNotFound, url_ + ": no such journal (concord init creates one)");
    }
    if (rc != SQLITE_OK) return Error(rc, "cannot open");
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", kSchema}) {
      if (Status s = Exec(sql, "cannot set up"); !s) return s;
    }
    // Every statement of an append is prepared once: a lone writer's commit should cost the
    // disk's sync and little besides.
    for (auto [statement, sql] : {std::pair{&append_, "INSERT INTO journal (seq, hash, line) VALUES (?1, ?2, ?3)"},
                                  std::pair{&begin_, "BEGIN IMMEDIATE"}, std::pair{&commit_, "COMMIT"},
                                  std::pair{&max_seq_, "SELECT coalesce(max(seq), 0) FROM journal"}}) {
      *statement = std::make_unique<Statement>();
      rc = sqlite3_prepare_v2(db_, sql, -1, (*statement)->out(), nullptr);
      if (rc != SQLITE_OK) return Error(rc, "cannot prepare");
    }
    return {};
  }

  Result<JournalHead> Head() override {
    std::lock_guard lock(mu_);
    Statement st;
    int rc = sqlite3_prepare_v2(db_, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", -1,
                                st.out(), nullptr);
    if (rc != SQLITE_OK) return Error(rc, "cannot read the head").error();
    rc = sqlite3_step(st.get());
    if (rc == SQLITE_DONE) return JournalHead{};
    if (rc != SQLITE_ROW) return Error(rc, "cannot read the head").error();
    return JournalHead{sqlite3_column_int64(st.get(), 0),
                       reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 1))};
  }

  Status Append(std::int64_t expected_head_seq, std::span<const StoredEntry> entries) override {
    if (Status s = CheckAppendNumbering(expected_head_seq, entries); !s) return s;
    std::lock_guard lock(mu_);
    // IMMEDIATE takes the write lock now, so the head read below cannot go stale.
    if (Status s = Run(*begin_, "cannot begin an append"); !s) return s;
    Status result = AppendLocked(expected_head_seq, entries);
    if (result) result = Run(*commit_, "cannot commit");
    if (!result) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return result;
  }

  Result<std::vector<StoredEntry>> Read(std::int64_t from_seq, std::int64_t limit) override {
    std::lock_guard lock(mu_);
    Statement st;
    int rc = sqlite3_prepare_v2(
        db_, "SELECT seq, hash, line FROM journal WHERE seq >= ?1 ORDER BY seq LIMIT ?2", -1,
        st.out(), nullptr);
    if (rc != SQLITE_OK) return Error(rc, "cannot read").error();
    sqlite3_bind_int64(st.get(), 1, from_seq);
    sqlite3_bind_int64(st.get(), 2, limit);
    std::vector<StoredEntry> out;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      out.push_back({sqlite3_column_int64(st.get(), 0),
                     reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 1)),
                     std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 2)),
                                 sqlite3_column_bytes(st.get(), 2))});
    }
    if (rc != SQLITE_DONE) return Error(rc, "cannot read").error();
    return out;
  }

  const std::string& url() const override { return url_; }

 private:
  Status AppendLocked(std::int64_t expected_head_seq, std::span<const StoredEntry> entries) {
    sqlite3_stmt* max_seq = max_seq_->get();
    int rc = sqlite3_step(max_seq);
    if (rc != SQLITE_ROW) {
      sqlite3_reset(max_seq);
      return Error(rc, "cannot read the head");
    }
    const std::int64_t head = sqlite3_column_int64(max_seq, 0);
    sqlite3_reset(max_seq);
    if (head != expected_head_seq) {
      return Fail(ErrorCode::kConflict, "append: expected head seq " +
                                            std::to_string(expected_head_seq) +
                                            ", store is at " + std::to_string(head));
    }
    sqlite3_stmt* ins = append_->get();
    for (const StoredEntry& e : entries) {
      sqlite3_reset(ins);
      sqlite3_bind_int64(ins, 1, e.seq);
      sqlite3_bind_text(ins, 2, e.hash.data(), static_cast<int>(e.hash.size()), SQLITE_STATIC);
      sqlite3_bind_text(ins, 3, e.line.data(), static_cast<int>(e.line.size()), SQLITE_STATIC);
      rc = sqlite3_step(ins);
      if (rc != SQLITE_DONE) {
        Status s = Error(rc, "cannot insert seq " + std::to_string(e.seq));
        sqlite3_reset(ins);
        return s;
      }
    }
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    return {};
  }

  // Runs a prepared statement that returns no rows.
  Status Run(Statement& statement, const std::string& what) {
    const int rc = sqlite3_step(statement.get());
    sqlite3_reset(statement.get());
    return rc == SQLITE_DONE ? Status() : Error(rc, what);
  }

  Status Exec(const char* sql, const std::string& what) {
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status() : Error(rc, what);
  }

  // Maps an SQLite failure to a clear kUnavailable (or kConflict for a taken seq).
  Status Error(int rc, const std::string& what) {
    std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    std::string prefix = url_ + ": " + what + ": ";
    switch (rc & 0xFF) {
      case SQLITE_FULL:
        return Fail(ErrorCode::kUnavailable, prefix + "disk full (" + detail + ")");
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Fail(ErrorCode::kUnavailable, prefix + "database is locked by another process");
      case SQLITE_CONSTRAINT:
        return Fail(ErrorCode::kConflict, prefix + "seq already taken (" + detail + ")");
      case SQLITE_NOTADB:
      case SQLITE_CORRUPT:
        return Fail(ErrorCode::kCorruption, prefix + "not a concord journal or a damaged one (" + detail + ")");
      case SQLITE_IOERR:
        return Fail(ErrorCode::kUnavailable, prefix + "I/O error (" + detail + ")");
      default:
        return Fail(ErrorCode::kUnavailable, prefix + detail);
    }
  }

  std::mutex mu_;
  std::string path_;
  std::string url_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statement> append_, begin_, commit_, max_seq_;
};

}  // namespace

Result<std::unique_ptr<EventStore>> OpenSqliteStore(std::string_view path, StoreOpen mode) {
  auto store = std::make_unique<SqliteStore>(std::string(path));
  if (Status s = store->Open(mode); !s) return s.error();
  return std::unique_ptr<EventStore>(std::move(store));
}

}  // namespace concord
