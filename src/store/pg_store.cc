// The PostgreSQL store (libpq). seq is the primary key, so two writers that both read the same
// head cannot both insert: the loser gets a unique violation, reported as kConflict. A lost
// connection is re-established on the next call; failures are kUnavailable.
#include <libpq-fe.h>
#include <poll.h>

#include <memory>
#include <mutex>

#include "store/event_store.h"

namespace concord {
namespace {

// The table, and a trigger that notifies channel concord_journal after every insert (delivered
// at commit), so that every server on the database learns of appends whoever made them.
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS concord_journal ("
    " seq BIGINT PRIMARY KEY CHECK (seq > 0),"
    " hash TEXT NOT NULL,"
    " line TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS concord_requests ("
    " key TEXT PRIMARY KEY,"
    " fingerprint TEXT NOT NULL,"
    " seq BIGINT NOT NULL,"
    " hash TEXT NOT NULL,"
    " follow_up_seq BIGINT NOT NULL);"
    "CREATE OR REPLACE FUNCTION concord_journal_notify() RETURNS trigger LANGUAGE plpgsql AS"
    " $$ BEGIN PERFORM pg_notify('concord_journal', ''); RETURN NULL; END $$;"
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'concord_journal_appended'"
    "                AND tgrelid = 'concord_journal'::regclass) THEN"
    "  CREATE TRIGGER concord_journal_appended AFTER INSERT ON concord_journal"
    "  FOR EACH STATEMENT EXECUTE FUNCTION concord_journal_notify();"
    " END IF; END $$";

// LISTEN concord_journal on a connection of its own.
class PostgresAppendWatch final : public AppendWatch {
 public:
  explicit PostgresAppendWatch(std::string url) : url_(std::move(url)) {}
  ~PostgresAppendWatch() override {
    if (conn_ != nullptr) PQfinish(conn_);
  }

  Result<bool> Wait(std::chrono::milliseconds timeout) override {
    bool reconnected = false;
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      if (conn_ != nullptr) PQfinish(conn_);
      conn_ = PQconnectdb(url_.c_str());
      if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        return Fail(ErrorCode::kUnavailable, "postgresql: cannot listen for appends (is the server running?)");
      }
      PGresult* r = PQexec(conn_, "LISTEN concord_journal");
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      if (!ok) return Fail(ErrorCode::kUnavailable, "postgresql: LISTEN concord_journal failed");
      reconnected = true;  // appends while the watch was away went unheard
    }
    if (TakeNotifications() || reconnected) return true;
    pollfd p{PQsocket(conn_), POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready < 0) return false;
    if (PQconsumeInput(conn_) == 0) {
      PQfinish(conn_);
      conn_ = nullptr;
      return Fail(ErrorCode::kUnavailable, "postgresql: the append watch lost its connection");
    }
    return TakeNotifications();
  }

 private:
  bool TakeNotifications() {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }

  std::string url_;
  PGconn* conn_ = nullptr;
};

// Rows per INSERT: 3 parameters each, well under libpq's 65535-parameter limit.
constexpr std::size_t kRowsPerInsert = 2000;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresStore final : public EventStore {
 public:
  explicit PostgresStore(std::string url) : url_(std::move(url)) {}
  ~PostgresStore() override {
    if (conn_ != nullptr) PQfinish(conn_);
  }

  Status Open() {
    std::lock_guard lock(mu_);
    return Connect();
  }

  Result<JournalHead> Head() override {
    std::lock_guard lock(mu_);
    Result<PgResult> r = Query("SELECT seq, hash FROM concord_journal ORDER BY seq DESC LIMIT 1",
                               {}, "cannot read the head", /*retry=*/true);
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return JournalHead{};
    return JournalHead{std::stoll(PQgetvalue(r->get(), 0, 0)), PQgetvalue(r->get(), 0, 1)};
  }

  Status Append(std::int64_t expected_head_seq, std::span<const StoredEntry> entries) override {
    if (Status s = CheckAppendNumbering(expected_head_seq, entries); !s) return s;
    if (entries.empty()) {
      Result<JournalHead> head = Head();
      if (!head) return head.error();
      return head->seq == expected_head_seq ? Status() : ConflictError(expected_head_seq, head->seq);
    }
    std::lock_guard lock(mu_);
    if (entries.size() <= kRowsPerInsert) {
      // One autocommit statement: atomic, one round trip.
      return InsertChunk(expected_head_seq, entries);
    }
    if (Result<PgResult> r = Query("BEGIN", {}, "cannot begin an append", true); !r) {
      return r.error();
    }
    Status s;
    for (std::size_t i = 0; i < entries.size() && s; i += kRowsPerInsert) {
      std::span<const StoredEntry> chunk =
          entries.subspan(i, std::min(kRowsPerInsert, entries.size() - i));
      s = InsertChunk(chunk.front().seq - 1, chunk);
    }
    if (s) {
      Result<PgResult> r = Query("COMMIT", {}, "cannot commit", false);
      if (!r) s = r.error();
    }
    if (!s && conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK) {
      PgResult(PQexec(conn_, "ROLLBACK"));
    }
    return s;
  }

  // The entries and the requests they answer in one transaction: both durable, or neither.
  Status AppendWithRequests(std::int64_t expected_head_seq, std::span<const StoredEntry> entries,
                            std::span<const RequestRecord> requests) override {
    if (requests.empty()) return Append(expected_head_seq, entries);
    if (Status s = CheckAppendNumbering(expected_head_seq, entries); !s) return s;
    std::lock_guard lock(mu_);
    if (Result<PgResult> r = Query("BEGIN", {}, "cannot begin an append", true); !r) return r.error();
    Status s;
    for (std::size_t i = 0; i < entries.size() && s; i += kRowsPerInsert) {
      std::span<const StoredEntry> chunk = entries.subspan(i, std::min(kRowsPerInsert, entries.size() - i));
      s = InsertChunk(chunk.front().seq - 1, chunk);
    }
    for (std::size_t i = 0; i < requests.size() && s; ++i) {
      const RequestRecord& q = requests[i];
      // A key recorded before stays as it was: two servers receiving one key at the same moment
      // is the one case the servers' own checks before writing cannot rule out.
      Result<PgResult> r = Query(
          "INSERT INTO concord_requests (key, fingerprint, seq, hash, follow_up_seq) VALUES ($1, $2, $3::bigint, $4, $5::bigint)"
          " ON CONFLICT (key) DO NOTHING",
          {q.key, q.fingerprint, std::to_string(q.seq), q.hash, std::to_string(q.follow_up_seq)}, "cannot record a request",
          false);
      if (!r) s = r.error();
    }
    if (s) {
      Result<PgResult> r = Query("COMMIT", {}, "cannot commit", false);
      if (!r) s = r.error();
    }
    if (!s && conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK) PgResult(PQexec(conn_, "ROLLBACK"));
    return s;
  }

  bool KeepsRequests() const override { return true; }

  Result<std::optional<RequestRecord>> FindRequest(const std::string& key) override {
    std::lock_guard lock(mu_);
    Result<PgResult> r = Query("SELECT fingerprint, seq, hash, follow_up_seq FROM concord_requests WHERE key = $1", {key},
                               "cannot read a request", true);
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return std::optional<RequestRecord>();
    return std::optional<RequestRecord>(RequestRecord{key, PQgetvalue(r->get(), 0, 0), std::stoll(PQgetvalue(r->get(), 0, 1)),
                                                      PQgetvalue(r->get(), 0, 2), std::stoll(PQgetvalue(r->get(), 0, 3))});
  }

  Result<std::vector<StoredEntry>> Read(std::int64_t from_seq, std::int64_t limit) override {
    std::lock_guard lock(mu_);
    Result<PgResult> r = Query(
        "SELECT seq, hash, line FROM concord_journal WHERE seq >= $1 ORDER BY seq LIMIT $2",
        {std::to_string(from_seq), std::to_string(limit)}, "cannot read", true);
    if (!r) return r.error();
    std::vector<StoredEntry> out;
    int n = PQntuples(r->get());
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
      out.push_back({std::stoll(PQgetvalue(r->get(), i, 0)), PQgetvalue(r->get(), i, 1),
                     std::string(PQgetvalue(r->get(), i, 2), PQgetlength(r->get(), i, 2))});
    }
    return out;
  }

  const std::string& url() const override { return url_; }

  Result<std::unique_ptr<AppendWatch>> Watch() override {
    return std::unique_ptr<AppendWatch>(std::make_unique<PostgresAppendWatch>(url_));
  }

 private:
  static Status ConflictError(std::int64_t expected, std::int64_t head) {
    return Fail(ErrorCode::kConflict, "append: expected head seq " + std::to_string(expected) +
                                          ", store is at " + std::to_string(head));
  }

  // Inserts the chunk only if the table's head is `expected`; a concurrent insert of the same
  // seq makes this fail with a unique violation instead.
  Status InsertChunk(std::int64_t expected, std::span<const StoredEntry> chunk) {
    std::string sql =
        "INSERT INTO concord_journal (seq, hash, line) SELECT v.seq, v.hash, v.line FROM (VALUES ";
    std::vector<std::string> params;
    params.reserve(chunk.size() * 3 + 1);
    params.push_back(std::to_string(expected));
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      std::size_t p = 2 + 3 * i;
      if (i > 0) sql += ',';
      sql += "($" + std::to_string(p) + "::bigint,$" + std::to_string(p + 1) + "::text,$" +
             std::to_string(p + 2) + "::text)";
      params.push_back(std::to_string(chunk[i].seq));
      params.push_back(chunk[i].hash);
      params.push_back(chunk[i].line);
    }
    sql += ") AS v(seq, hash, line) "
           "WHERE (SELECT coalesce(max(seq), 0) FROM concord_journal) = $1::bigint";
    Result<PgResult> r = Query(sql, params, "cannot append", false);
    if (!r) return r.error();
    if (std::string_view(PQcmdTuples(r->get())) != std::to_string(chunk.size())) {
      // The head guard matched nothing: someone else appended first.
      Result<PgResult> h = Query("SELECT coalesce(max(seq), 0) FROM concord_journal", {},
                                 "cannot read the head", false);
      std::int64_t head = h ? std::stoll(PQgetvalue(h->get(), 0, 0)) : -1;
      return ConflictError(expected, head);
    }
    return {};
  }

  Status Connect() {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = PQconnectdb(url_.c_str());
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      return Fail(ErrorCode::kUnavailable,
                  "postgresql: cannot connect: " + LastError() + " (is the server running?)");
    }
    PgResult(PQexec(conn_, "SET client_min_messages = warning"));
    // A streaming replica is read-only: it has the table from its primary, and creates nothing.
    PgResult recovery(PQexec(conn_, "SELECT pg_is_in_recovery()"));
    if (PQresultStatus(recovery.get()) == PGRES_TUPLES_OK && PQntuples(recovery.get()) == 1 &&
        std::string_view(PQgetvalue(recovery.get(), 0, 0)) == "t") {
      return {};
    }
    for (int attempt = 0;; ++attempt) {
      PgResult r(PQexec(conn_, kSchema));
      if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) break;
      // Two stores creating the table at once race on the catalog; the loser retries.
      if (attempt == 3) {
        return Fail(ErrorCode::kUnavailable,
                    "postgresql: cannot create table concord_journal: " + LastError());
      }
    }
    return {};
  }

  std::string LastError() const {
    std::string msg = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return msg;
  }

  // Runs one statement. Reconnects first if the connection is down; with `retry`, a statement
  // that fails because the connection broke is sent once more on a new connection (for reads
  // only: a write lost in flight may have committed).
  Result<PgResult> Query(const std::string& sql, const std::vector<std::string>& params,
                         const std::string& what, bool retry) {
    for (int attempt = 0;; ++attempt) {
      if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        if (Status s = Connect(); !s) return s.error();
      }
      std::vector<const char*> values;
      values.reserve(params.size());
      for (const std::string& p : params) values.push_back(p.c_str());
      PgResult r(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                              values.data(), nullptr, nullptr, 0));
      ExecStatusType status = PQresultStatus(r.get());
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
      if (PQstatus(conn_) != CONNECTION_OK) {
        if (retry && attempt == 0) continue;
        return Fail(ErrorCode::kUnavailable,
                    "postgresql: " + what + ": connection to the server was lost (" + LastError() +
                        ")");
      }
      const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
      std::string code = state != nullptr ? state : "";
      std::string detail = LastError();
      if (code == "23505") {
        return Fail(ErrorCode::kConflict, "postgresql: " + what + ": seq already taken (" +
                                              detail + ")");
      }
      if (code == "53100") {
        return Fail(ErrorCode::kUnavailable, "postgresql: " + what + ": disk full (" + detail + ")");
      }
      return Fail(ErrorCode::kUnavailable, "postgresql: " + what + ": " + detail);
    }
  }

  std::mutex mu_;
  std::string url_;
  PGconn* conn_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<EventStore>> OpenPostgresStore(std::string_view url) {
  auto store = std::make_unique<PostgresStore>(std::string(url));
  if (Status s = store->Open(); !s) return s.error();
  return std::unique_ptr<EventStore>(std::move(store));
}

}  // namespace concord
