// Test storage for the store contract tests: a fresh, empty journal per test on each backend.
// PostgreSQL runs only when CONCORD_TEST_PG_URL is set (scripts/pg.sh start DIR prints one);
// each test gets its own schema through libpq's `options=-csearch_path=...`.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/event_store.h"

namespace concord::testing {

enum class Backend { kMemory, kSqlite, kPostgres };

inline std::string BackendName(Backend b) {
  switch (b) {
    case Backend::kMemory: return "Memory";
    case Backend::kSqlite: return "Sqlite";
    case Backend::kPostgres: return "Postgres";
  }
  return "?";
}

inline const char* PgUrlFromEnv() {
  const char* url = std::getenv("CONCORD_TEST_PG_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

// Forwards to a shared store, so "opening" a memory store twice gives two handles on one journal.
class SharedHandle final : public EventStore {
 public:
  explicit SharedHandle(std::shared_ptr<EventStore> s) : s_(std::move(s)) {}
  Result<JournalHead> Head() override { return s_->Head(); }
  Status Append(std::int64_t e, std::span<const StoredEntry> entries) override {
    return s_->Append(e, entries);
  }
  Result<std::vector<StoredEntry>> Read(std::int64_t f, std::int64_t l) override {
    return s_->Read(f, l);
  }
  const std::string& url() const override { return s_->url(); }

 private:
  std::shared_ptr<EventStore> s_;
};

// One fresh journal on one backend; Open() may be called many times (separate connections).
class TestStorage {
 public:
  // Skips the test (returns false) when the backend is not available.
  bool Prepare(Backend backend, const std::string& name) {
    backend_ = backend;
    if (backend == Backend::kMemory) {
      memory_ = std::shared_ptr<EventStore>(NewMemoryStore());
      url_ = "memory:";
      return true;
    }
    if (backend == Backend::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("concord-store-" + std::to_string(::getpid()) + "-" + name);
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "journal.db").string();
      return true;
    }
    const char* base = PgUrlFromEnv();
    if (base == nullptr) return false;
    std::string schema = "t_" + name;
    for (char& c : schema) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
    PGconn* conn = PQconnectdb(base);
    EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    std::string sql = "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema;
    PQclear(PQexec(conn, "SET client_min_messages = warning"));
    PGresult* r = PQexec(conn, sql.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(conn);
    PQclear(r);
    PQfinish(conn);
    std::string b = base;
    url_ = b + (b.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
    return true;
  }

  ~TestStorage() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<EventStore> Open() {
    if (backend_ == Backend::kMemory) return std::make_unique<SharedHandle>(memory_);
    Result<std::unique_ptr<EventStore>> store = OpenStore(url_);
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  const std::string& url() const { return url_; }
  Backend backend() const { return backend_; }

 private:
  Backend backend_ = Backend::kMemory;
  std::shared_ptr<EventStore> memory_;
  std::filesystem::path dir_;
  std::string url_;
};

}  // namespace concord::testing
