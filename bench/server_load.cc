// Loopback load test of `concord serve` (issue 6). Bounded in time and count; 127.0.0.1 only.
//
//   concord_server_load [--concord PATH] [--seconds S] [--streams N]
//
// 1. reads:  GET a decision with its derivation vs GET /healthz, same server, same run
// 2. writes: durable positions from 64 concurrent clients (p50, p99)
// 3. live:   N SSE clients (default 10,000) each receive every new entry; append-to-delivery p99
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "support/http_load.h"

namespace {

using namespace concord::bench;

std::string g_concord = CONCORD_BINARY_PATH;

std::string Run(const std::string& cmd) { return RunCommand(cmd); }

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  int streams = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--concord") g_concord = argv[i + 1];
    if (a == "--seconds") seconds = std::atof(argv[i + 1]);
    if (a == "--streams") streams = std::atoi(argv[i + 1]);
  }
  signal(SIGPIPE, SIG_IGN);
  // Many live streams need many descriptors, here and in the server (inherited).
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  if (static_cast<long>(rl.rlim_cur) < 2L * streams + 200) {
    streams = static_cast<int>((rl.rlim_cur - 200) / 2);
    std::printf("note: descriptor limit %ld: %d streams\n", static_cast<long>(rl.rlim_cur), streams);
  }

  char tmpl[] = "/tmp/concord-load-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string store = "sqlite:" + dir + "/c.db";
  Run(g_concord + " init --store " + store + " >/dev/null");
  Run(g_concord + " import --store " + store + " embedded >/dev/null");
  const std::string sec = LastLine(Run(g_concord + " token create --store " + store + " --role secretariat"));
  const std::string obs = LastLine(Run(g_concord + " token create --store " + store + " --role observer"));
  const std::string aud = LastLine(Run(g_concord + " token create --store " + store + " --role auditor"));

  Server server(g_concord, store);
  const int port = server.port();
  const pid_t pid = server.pid();
  std::printf("server on 127.0.0.1:%d (pid %d), journal in %s\n", port, pid, dir.c_str());

  // 1. Reads.
  const int readers = 32;
  const long max_reads = 2000000;
  auto hello = Hammer(port, readers, seconds, max_reads, [](int, long) { return Get("/healthz", ""); }, 200);
  auto decision = Hammer(port, readers, seconds, max_reads,
                         [&](int, long) { return Get("/api/v0/decisions/minsk-2023-budget", obs); }, 200);
  std::printf("reads (%d keep-alive clients, %.0f s each):\n", readers, seconds);
  std::printf("  /healthz                           %9.0f req/s  p99 %.2f ms  errors %ld\n", hello.per_second,
              Pct(hello.latencies_ms, 0.99), hello.errors);
  std::printf("  /api/v0/decisions/minsk-2023-budget %8.0f req/s  p99 %.2f ms  errors %ld\n", decision.per_second,
              Pct(decision.latencies_ms, 0.99), decision.errors);
  std::printf("  ratio decision/hello: %.0f %% (target >= 50 %%)\n", 100.0 * decision.per_second / hello.per_second);

  // 2. Writes: a session with every member present and one draft; positions from 64 clients.
  Conn setup(port);
  setup.Do(Post("/api/v0/sessions", sec,
                R"({"session":"load","body":"CSC","kind":"extraordinary","host":"KAZ","place":"Almaty","format":"video"})"));
  const char* members[] = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"};
  for (const char* m : members) {
    setup.Do(Post("/api/v0/sessions/load/attendance", sec, std::string(R"({"status":"present","member":")") + m + "\"}"));
  }
  if (setup.Do(Post("/api/v0/sessions/load/drafts", sec, R"({"draft":"load-d","title":"Load","kind":"decision","matter":"substantive"})")) != 201) {
    std::fprintf(stderr, "setup failed: %s\n", setup.body().c_str());
  }
  const int writers = 64;
  auto writes = Hammer(port, writers, seconds, 100000,
                       [&](int client, long i) {
                         const char* stance = (i % 2) ? "support" : "abstain";
                         return Post("/api/v0/drafts/load-d/positions", sec,
                                     std::string(R"({"member":")") + members[client % 6] + R"(","position":")" + stance + "\"}");
                       },
                       201);
  std::printf("writes (%d concurrent clients, durable, SQLite WAL FULL):\n", writers);
  std::printf("  %.0f positions/s  p50 %.2f ms  p99 %.2f ms  errors %ld (target >= 10000/s)\n", writes.per_second,
              Pct(writes.latencies_ms, 0.50), Pct(writes.latencies_ms, 0.99), writes.errors);
  {
    Conn m(port);
    m.Do(Get("/metrics", ""));
    const std::string& body = m.body();
    const std::string count_key = "concord_group_commit_entries_count ", sum_key = "concord_group_commit_entries_sum ";
    const auto count_at = body.find(count_key);
    const auto sum_at = body.find(sum_key);
    if (count_at != std::string::npos && sum_at != std::string::npos) {
      const double sum = std::atof(body.c_str() + sum_at + sum_key.size());
      const double count = std::atof(body.c_str() + count_at + count_key.size());
      std::printf("  group commits: %.0f, mean %.1f entries each\n", count, count > 0 ? sum / count : 0);
    }
  }

  // 3. Live: N streams, then appends spaced out; each stream records when each entry arrives.
  Conn writer(port);
  int i = 0;
  LiveResult live = MeasureLive(port, aud, streams, 20, [&] {
    writer.Do(Post("/api/v0/drafts/load-d/positions", sec,
                   std::string(R"({"member":"RUS","position":")") + ((i++ % 2) ? "support" : "abstain") + "\"}"));
    const auto at = writer.body().find("\"seq\":");
    return at == std::string::npos ? 0LL : std::atoll(writer.body().c_str() + at + 6);
  });
  std::printf("live: %zu streams open\n", live.streams);
  std::printf("  20 appends, %zu deliveries (expected %zu), %zu/%zu streams got the last entry\n", live.deliveries,
              live.streams * 20, live.complete, live.streams);
  std::printf("  append-to-delivery: p50 %.1f ms  p99 %.1f ms  max %.1f ms (target p99 < 1000 ms)\n",
              Pct(live.delay_ms, 0.5), Pct(live.delay_ms, 0.99), Pct(live.delay_ms, 1.0));

  std::printf("server exit after SIGTERM: %d\n", server.Stop());
  return 0;
}
