// Crash test: a child process appends through the writer from several threads and reports
// every acknowledged entry through a pipe; the parent SIGKILLs it at a random moment, then
// checks that every acknowledged entry is stored, unchanged, and that the journal verifies.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <thread>

#include "journal/key_registry.h"
#include "journal/verifier.h"
#include "store/journal_writer.h"
#include "store_backends.h"

namespace concord {
namespace {

namespace json = boost::json;
using testing::Backend;
using testing::TestStorage;

// The child: never returns. Exit code 3 means a setup failure (reported by the parent).
[[noreturn]] void AppendUntilKilled(const std::string& url, int ack_fd) {
  SigningKey server = *SigningKey::FromSeed(std::string(32, 's'));
  Result<std::unique_ptr<EventStore>> store = OpenStore(url);
  if (!store) _exit(3);
  Result<std::unique_ptr<JournalWriter>> writer = JournalWriter::Open(**store, server, nullptr);
  if (!writer) _exit(3);
  JournalWriter& w = **writer;
  auto ack = [&](const Result<Appended>& r) {
    if (!r) return;
    char buf[128];
    int n = std::snprintf(buf, sizeof buf, "%lld %s\n", static_cast<long long>(r->seq), r->hash.c_str());
    // Writes under PIPE_BUF bytes are atomic, so threads do not interleave lines.
    if (write(ack_fd, buf, n) != n) _exit(4);
  };
  if (w.head().seq == 0) {
    ack(w.Append(json::parse(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "name = \"crash\"\n",
                                                      server.public_key()))
                     .as_object()));
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0;; ++i) {
        ack(w.Append(json::object{{"type", "position.taken"}, {"by", "ARM"}, {"member", "ARM"},
                                  {"draft", "d" + std::to_string(t) + "-" + std::to_string(i)},
                                  {"position", "support"}}));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  _exit(0);
}

void RunCrashRounds(Backend backend, int rounds) {
  TestStorage storage;
  std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  if (!storage.Prepare(backend, "c_" + name)) GTEST_SKIP() << "CONCORD_TEST_PG_URL is not set";
  { ASSERT_NE(storage.Open(), nullptr); }  // creates the table before any child races for it
  std::mt19937 rng(12345);
  std::map<std::int64_t, std::string> acked;
  for (int round = 0; round < rounds; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      AppendUntilKilled(storage.url(), fds[1]);
    }
    close(fds[1]);
    // Kill only once the child has acknowledged something (opening a long journal on a loaded
    // machine can take longer than any fixed delay), then at a random point after that.
    std::string acks;
    char buf[4096];
    pollfd pfd{fds[0], POLLIN, 0};
    if (poll(&pfd, 1, 30000) > 0) {
      const ssize_t n = read(fds[0], buf, sizeof buf);
      if (n > 0) acks.append(buf, static_cast<std::size_t>(n));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 200));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) acks.append(buf, n);
    close(fds[0]);
    std::size_t before = acked.size();
    long long seq;
    char hash[65];
    for (const char* p = acks.c_str(); std::sscanf(p, "%lld %64s", &seq, hash) == 2;) {
      acked[seq] = hash;
      p = std::strchr(p, '\n');
      if (p == nullptr) break;
      ++p;
    }
    EXPECT_GT(acked.size(), before) << "round " << round << ": the child acknowledged nothing";

    std::unique_ptr<EventStore> store = storage.Open();
    ASSERT_NE(store, nullptr);
    Result<std::vector<StoredEntry>> all = store->Read(1, 1 << 30);
    ASSERT_TRUE(all) << all.error().message;
    std::vector<std::string> lines;
    std::map<std::int64_t, std::string> stored;
    for (const StoredEntry& e : *all) {
      lines.push_back(e.line);
      stored[e.seq] = e.hash;
    }
    for (const auto& [s, h] : acked) {
      ASSERT_EQ(stored.count(s), 1u) << "round " << round << ": acknowledged seq " << s << " lost";
      ASSERT_EQ(stored[s], h) << "round " << round << ": acknowledged seq " << s << " changed";
    }
    VerifyReport report = VerifyJournal(lines);
    ASSERT_TRUE(report.ok()) << "round " << round << ": seq " << report.failure->seq << ": "
                             << report.failure->reason;
    EXPECT_EQ(report.entries, static_cast<std::int64_t>(lines.size()));
  }
}

TEST(CrashTest, SqliteKilledMidAppendLosesNothingAcknowledged) {
  RunCrashRounds(Backend::kSqlite, 12);
}

TEST(CrashTest, PostgresKilledMidAppendLosesNothingAcknowledged) {
  RunCrashRounds(Backend::kPostgres, 12);
}

}  // namespace
}  // namespace concord
