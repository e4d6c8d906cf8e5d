// Journal throughput, with the raw limits measured in the same run so ratios can be read off:
//   BM_RawSqliteInsert / BM_RawPostgresInsert   one durable insert per commit, entry-sized rows
//   BM_Ed25519Sign                              bare signing
//   BM_WriterSqlite/T, BM_WriterPostgres/T      signed durable appends through the group-commit
//                                               writer with T submitting threads (1, 64)
//   BM_VerifyJournal vs BM_BareParallelVerify   full verification vs bare Ed25519 verification
//                                               of the same signatures on every core
// PostgreSQL runs when CONCORD_BENCH_PG_URL is set (scripts/pg.sh start DIR prints one).
// Compare the items_per_second counters.
#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "journal/key_registry.h"
#include "support/raw_sqlite.h"
#include "journal/verifier.h"
#include "store/event_store.h"
#include "store/journal_writer.h"

namespace concord {
namespace {

namespace json = boost::json;

SigningKey ServerKey() { return *SigningKey::FromSeed(std::string(32, 's')); }

json::object SampleEvent(int n) {
  return json::object{{"type", "position.taken"}, {"at", "2023-11-23T11:00:00+03:00"},
                      {"by", "ARM"}, {"member", "ARM"}, {"draft", "csc-2023-" + std::to_string(n)},
                      {"position", "support"}};
}

// A real entry line, so raw inserts write rows of the size the writer writes.
std::string SampleLine() {
  return ChainEntry(1000, kGenesisPrev, *SignEvent(SampleEvent(1000), ServerKey())).line;
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("concord-bench-" + std::to_string(getpid()) + "-" + name))
      .string();
}

const char* PgUrl() {
  const char* url = std::getenv("CONCORD_BENCH_PG_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

void ResetPg(const char* url) {
  PGconn* c = PQconnectdb(url);
  PQclear(PQexec(c, "SET client_min_messages = warning"));
  PQclear(PQexec(c, "DROP TABLE IF EXISTS concord_journal; DROP TABLE IF EXISTS bench_raw"));
  PQfinish(c);
}

void BM_RawSqliteInsert(benchmark::State& state) {
  bench::RawSqliteTable table(TempPath("raw.db"), SampleLine().size());
  for (auto _ : state) {
    if (!table.InsertOne()) state.SkipWithError("insert failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["row_bytes"] = static_cast<double>(table.row_bytes());
}
BENCHMARK(BM_RawSqliteInsert)->UseRealTime()->MinTime(2.0);

void BM_RawPostgresInsert(benchmark::State& state) {
  const char* url = PgUrl();
  if (url == nullptr) {
    state.SkipWithError("CONCORD_BENCH_PG_URL not set");
    for (auto _ : state) {}
    return;
  }
  ResetPg(url);
  PGconn* c = PQconnectdb(url);
  PQclear(PQexec(c, "CREATE TABLE bench_raw (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL, line TEXT NOT NULL)"));
  std::string line = SampleLine();
  std::string hash(64, 'a');
  std::int64_t seq = 0;
  for (auto _ : state) {
    std::string s = std::to_string(++seq);
    const char* values[] = {s.c_str(), hash.c_str(), line.c_str()};
    PGresult* r = PQexecParams(c, "INSERT INTO bench_raw VALUES ($1, $2, $3)", 3, nullptr, values,
                               nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) state.SkipWithError(PQerrorMessage(c));
    PQclear(r);
  }
  PQfinish(c);
  ResetPg(url);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawPostgresInsert)->UseRealTime()->MinTime(2.0);

void BM_Ed25519Sign(benchmark::State& state) {
  SigningKey key = ServerKey();
  std::string payload = SigningPayload(SignEvent(SampleEvent(1), key)->event_json, key.Id());
  for (auto _ : state) benchmark::DoNotOptimize(key.Sign(payload));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Sign)->UseRealTime();

// Appends `per_thread` events from each of `threads` threads per iteration.
void RunWriter(benchmark::State& state, const std::string& url) {
  Result<std::unique_ptr<EventStore>> store = OpenStore(url);
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    for (auto _ : state) {}
    return;
  }
  SigningKey key = ServerKey();
  auto writer = *JournalWriter::Open(**store, key, nullptr);
  if (writer->head().seq == 0) {
    (void)writer->Append(json::parse(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", key.public_key())).as_object());
  }
  const int threads = static_cast<int>(state.range(0));
  const int per_thread = threads == 1 ? 50 : 20;
  for (auto _ : state) {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (int i = 0; i < per_thread; ++i) {
          if (!writer->Append(SampleEvent(t * 100000 + i))) std::abort();
        }
      });
    }
    for (std::thread& t : pool) t.join();
  }
  state.SetItemsProcessed(state.iterations() * threads * per_thread);
}

void BM_WriterSqlite(benchmark::State& state) {
  std::string path = TempPath("writer.db");
  std::filesystem::remove(path);
  RunWriter(state, "sqlite:" + path);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}
BENCHMARK(BM_WriterSqlite)->Arg(1)->Arg(64)->UseRealTime()->MinTime(2.0);

void BM_WriterPostgres(benchmark::State& state) {
  const char* url = PgUrl();
  if (url == nullptr) {
    state.SkipWithError("CONCORD_BENCH_PG_URL not set");
    for (auto _ : state) {}
    return;
  }
  ResetPg(url);
  RunWriter(state, url);
  ResetPg(url);
}
BENCHMARK(BM_WriterPostgres)->Arg(1)->Arg(64)->UseRealTime()->MinTime(2.0);

// A journal of secretariat-signed entries, built once.
const std::vector<std::string>& SampleJournal() {
  static const std::vector<std::string> lines = [] {
    SigningKey key = ServerKey();
    std::vector<std::string> out;
    JournalHead head;
    auto add = [&](const SignedEvent& se) {
      Entry e = ChainEntry(head.seq + 1, head.hash, se);
      head = {e.seq, e.hash};
      out.push_back(e.line);
    };
    add(SignCanonicalEvent(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", key.public_key()), key));
    for (int i = 0; i < 4095; ++i) add(*SignEvent(SampleEvent(i), key));
    return out;
  }();
  return lines;
}

void BM_VerifyJournal(benchmark::State& state) {
  const std::vector<std::string>& lines = SampleJournal();
  for (auto _ : state) {
    VerifyReport report = VerifyJournal(lines);
    if (!report.ok()) state.SkipWithError(report.failure->reason.c_str());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(lines.size()));
  state.counters["threads"] = std::thread::hardware_concurrency();
}
BENCHMARK(BM_VerifyJournal)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_BareParallelVerify(benchmark::State& state) {
  const std::vector<std::string>& lines = SampleJournal();
  struct Sig { std::string payload, sig; };
  std::vector<Sig> sigs;
  for (const std::string& line : lines) {
    Entry e = *ParseEntryLine(line);
    sigs.push_back({SigningPayload(e.event_json, e.key_id), *HexDecode(e.sig)});
  }
  PublicKey pk = ServerKey().public_key();
  for (auto _ : state) {
    std::atomic<int> bad{0};
    ParallelFor(sigs.size(), 0, [&](std::size_t i) {
      if (!VerifySignature(pk, sigs[i].payload, sigs[i].sig)) bad++;
    });
    if (bad) state.SkipWithError("bad signature");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sigs.size()));
}
BENCHMARK(BM_BareParallelVerify)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace concord
