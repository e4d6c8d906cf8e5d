// Loopback load test of several `concord serve` processes over one PostgreSQL database (a
// throwaway cluster of its own, scripts/pg.sh, on a unix socket). Bounded in time and count.
//
//   concord_cluster_load [--pg-script PATH] [--concord PATH] [--seconds S] [--clients N]
//                        [--servers N] [--rounds R] [--writes N] [--spacing-ms MS]
//
// 1. writes: durable positions per second from N clients (default 32) on 1 server, then on S
//    servers (default 3, clients spread evenly), alternating 1,S,1,S,... R rounds (default 3) of
//    S seconds (default 10) each; median, spread, and the S-server figure as a ratio to the
//    1-server one; the appends each server had to retry on a head another one moved (counted by
//    PostgreSQL: pg_stat_statements and its log, when the extension loads).
// 2. live: S servers; writes (default 500, 20 ms apart) through the first, one stream on each
//    server; per stream, the delay from sending a write to its entry's arrival (p50, p99).
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/http_load.h"

namespace {

using namespace concord::bench;

std::string g_concord = CONCORD_BINARY_PATH;
std::string g_pg_script = CONCORD_SOURCE_DIR "/scripts/pg.sh";
std::string g_psql;
std::string g_pg_dir, g_work_dir;

// Destroyed after g_servers (declared first): the servers stop before their database does, also
// when Die() exits early.
struct Cleanup {
  ~Cleanup() {
    // Best effort: nothing to do if either fails.
    if (!g_pg_dir.empty() && std::system(("sh " + g_pg_script + " stop " + g_pg_dir + " >/dev/null 2>&1; rm -rf " + g_pg_dir).c_str())) {}
    if (!g_work_dir.empty() && std::system(("rm -rf " + g_work_dir).c_str())) {}
  }
} g_cleanup;
std::vector<std::unique_ptr<Server>> g_servers;

// A command's output, or nothing if it failed (for what the test can do without).
std::optional<std::string> TryRun(const std::string& cmd) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return std::nullopt;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) return std::nullopt;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string Sql(const std::string& url, const std::string& sql) {
  return RunCommand(g_psql + " -X -Atq -d '" + url + "' -c \"" + sql + "\"");
}

long long SeqOf(const std::string& body) {
  const auto at = body.find("\"seq\":");
  return at == std::string::npos ? 0 : std::atoll(body.c_str() + at + 6);
}

double Median(std::vector<double> v) { return Pct(v, 0.5); }

// (max - min) / median, in per cent.
double Spread(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double m = Median(v);
  return m > 0 ? 100.0 * (v.back() - v.front()) / m : 0;
}

void StartServers(int n, const std::string& url, const std::vector<std::string>& extra) {
  g_servers.clear();
  for (int i = 0; i < n; ++i) g_servers.push_back(std::make_unique<Server>(g_concord, url, extra));
}

// Waits (10 s at most) until every server's head reaches `seq`: the others learn of an append
// through LISTEN/NOTIFY and fold it in.
bool AllAt(long long seq, const std::string& token) {
  const auto until = Clock::now() + std::chrono::seconds(10);
  for (const auto& s : g_servers) {
    Conn c(s->port());
    while (true) {
      if (c.Do(Get("/api/v0/head", token)) == 200 && SeqOf(c.body()) >= seq) break;
      if (Clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  return true;
}

// What PostgreSQL saw of the appends: INSERT executions (a commit, or a head guard that matched
// nothing), guard misses (the head query that follows only them) and unique violations (two
// writers inserting the same seq at once; PostgreSQL logs each).
struct PgCounts {
  long long inserts = 0, guard_misses = 0, unique_violations = 0, head = 0;
};

bool g_statements = false;  // pg_stat_statements loaded

long long LogViolations() {
  std::ifstream in(g_pg_dir + "/server.log");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string log = ss.str();
  long long n = 0;
  for (std::size_t at = 0; (at = log.find("violates unique constraint \"concord_journal_pkey\"", at)) != std::string::npos; ++at) ++n;
  return n;
}

PgCounts Counts(const std::string& url) {
  PgCounts c;
  // Not the servers' head query's text, which counts guard misses.
  c.head = std::atoll(LastLine(Sql(url, "SELECT max(seq) FROM concord_journal")).c_str());
  c.unique_violations = LogViolations();
  if (g_statements) {
    const std::string row = LastLine(Sql(url,
        "SELECT coalesce(sum(calls) FILTER (WHERE query LIKE 'INSERT INTO concord_journal %'), 0) || ' ' ||"
        " coalesce(sum(calls) FILTER (WHERE query LIKE 'SELECT coalesce(max(seq), %) FROM concord_journal'), 0)"
        " FROM pg_stat_statements"));
    std::sscanf(row.c_str(), "%lld %lld", &c.inserts, &c.guard_misses);
  }
  return c;
}

// Answers other than 201 to position writes, by status, from every server's /metrics.
std::map<int, long> FailedWrites() {
  std::map<int, long> by_status;
  const std::string route = "concord_http_requests_total{route=\"/api/v0/drafts/{id}/positions\",method=\"POST\",status=\"";
  for (const auto& s : g_servers) {
    Conn c(s->port());
    if (c.Do(Get("/metrics", "")) != 200) continue;
    for (std::size_t at = 0; (at = c.body().find(route, at)) != std::string::npos; ++at) {
      const int status = std::atoi(c.body().c_str() + at + route.size());
      const auto value = c.body().find("} ", at);
      if (status != 201 && value != std::string::npos) by_status[status] += std::atol(c.body().c_str() + value + 2);
    }
  }
  return by_status;
}

std::string Describe(const std::map<int, long>& by_status) {
  std::string s;
  for (const auto& [status, n] : by_status) s += " " + std::to_string(n) + "x" + std::to_string(status);
  return s;
}

struct Round {
  int servers = 0;
  double per_second = 0, p50 = 0, p99 = 0;
  long errors = 0;
  std::string first_error;
  PgCounts delta;
};

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  int clients = 32, servers = 3, rounds = 3, writes = 500, spacing_ms = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--concord") g_concord = argv[i + 1];
    if (a == "--pg-script") g_pg_script = argv[i + 1];
    if (a == "--seconds") seconds = std::atof(argv[i + 1]);
    if (a == "--clients") clients = std::atoi(argv[i + 1]);
    if (a == "--servers") servers = std::max(2, std::atoi(argv[i + 1]));
    if (a == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
    if (a == "--writes") writes = std::atoi(argv[i + 1]);
    if (a == "--spacing-ms") spacing_ms = std::atoi(argv[i + 1]);
  }
  signal(SIGPIPE, SIG_IGN);
  const char* pg_bin = std::getenv("PG_BIN");
  g_psql = std::string(pg_bin ? pg_bin : "/usr/lib/postgresql/15/bin") + "/psql";
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::printf("machine: %u cores, load average at the start %.2f %.2f %.2f\n", std::thread::hardware_concurrency(),
              load[0], load[1], load[2]);

  // Two folders: the cluster's, which pg.sh hands to the postgres user, and ours (key, tokens).
  char pg_tmpl[] = "/tmp/concord-cluster-pg.XXXXXX";
  char work_tmpl[] = "/tmp/concord-cluster.XXXXXX";
  if (!mkdtemp(pg_tmpl) || !mkdtemp(work_tmpl)) Die("mkdtemp");
  g_pg_dir = pg_tmpl;
  g_work_dir = work_tmpl;
  const std::string url = LastLine(RunCommand("sh " + g_pg_script + " start " + g_pg_dir));
  if (url.rfind("postgresql:", 0) != 0) Die("PostgreSQL did not start: " + url);
  // The retry counts need pg_stat_statements, preloaded: a restart of the cluster. Optional.
  if (TryRun(g_psql + " -X -Atq -d '" + url + "' -c \"ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'\"") &&
      TryRun("sh " + g_pg_script + " stop " + g_pg_dir) && TryRun("sh " + g_pg_script + " start " + g_pg_dir) &&
      TryRun(g_psql + " -X -Atq -d '" + url + "' -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements'")) {
    g_statements = true;
  } else {
    RunCommand("sh " + g_pg_script + " start " + g_pg_dir);  // up again whatever happened
    std::printf("note: pg_stat_statements unavailable: unique violations only in the retry counts\n");
  }
  const std::string key = g_work_dir + "/secretariat.key", tokens = g_work_dir + "/tokens";
  RunCommand(g_concord + " init --store '" + url + "' --key " + key + " >/dev/null");
  auto token = [&](const std::string& role) {
    return LastLine(RunCommand(g_concord + " token create --store '" + url + "' --tokens " + tokens + " --role " + role));
  };
  const std::string sec = token("secretariat"), aud = token("auditor");
  // Per-token rate limits would throttle the load itself.
  const std::vector<std::string> extra = {"--key", key, "--tokens", tokens, "--rate-limit", "0"};

  // A session with every member present, through one server.
  const char* members[] = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"};
  StartServers(1, url, extra);
  {
    Conn setup(g_servers[0]->port());
    if (setup.Do(Post("/api/v0/sessions", sec,
                      R"({"session":"load","body":"CSC","kind":"extraordinary","host":"KAZ","place":"Almaty","format":"video"})")) != 201) {
      Die("convening the session: " + setup.body());
    }
    for (const char* m : members) {
      setup.Do(Post("/api/v0/sessions/load/attendance", sec, std::string(R"({"status":"present","member":")") + m + "\"}"));
    }
  }

  // 1. Writes, alternating 1, S, 1, S, ...: each round on fresh servers and a draft of its own.
  std::printf("writes: %d keep-alive clients, %.0f s per round, durable (PostgreSQL, fsync on)\n", clients, seconds);
  std::vector<Round> done;
  for (int r = 0; r < 2 * rounds; ++r) {
    const int n = r % 2 == 0 ? 1 : servers;
    StartServers(n, url, extra);
    const std::string draft = "w" + std::to_string(r);
    Conn setup(g_servers[0]->port());
    if (setup.Do(Post("/api/v0/sessions/load/drafts", sec,
                      R"({"draft":")" + draft + R"(","title":"Load","kind":"decision","matter":"substantive"})")) != 201) {
      Die("tabling " + draft + ": " + setup.body());
    }
    if (!AllAt(SeqOf(setup.body()), aud)) Die("a server did not see " + draft + " within 10 s");
    if (g_statements) Sql(url, "SELECT pg_stat_statements_reset()");
    const PgCounts before = Counts(url);
    std::vector<Rate> rates(static_cast<std::size_t>(n));
    std::vector<std::thread> threads;
    for (int s = 0; s < n; ++s) {
      // Clients spread evenly: the first servers take the remainder.
      const int mine = clients / n + (s < clients % n ? 1 : 0);
      threads.emplace_back([&, s, mine] {
        rates[static_cast<std::size_t>(s)] = Hammer(
            g_servers[static_cast<std::size_t>(s)]->port(), mine, seconds, 1000000,
            [&](int client, long i) {
              return Post("/api/v0/drafts/" + draft + "/positions", sec,
                          std::string(R"({"member":")") + members[(client + s) % 6] + R"(","position":")" +
                              ((i % 2) ? "support" : "abstain") + "\"}");
            },
            201);
      });
    }
    for (auto& t : threads) t.join();
    const PgCounts after = Counts(url);
    Round round;
    round.servers = n;
    std::vector<double> lat;
    for (Rate& x : rates) {
      round.per_second += x.per_second;
      round.errors += x.errors;
      lat.insert(lat.end(), x.latencies_ms.begin(), x.latencies_ms.end());
    }
    for (const Rate& x : rates) {
      if (!x.first_error.empty()) round.first_error = x.first_error.substr(0, 300);
    }
    round.p50 = Pct(lat, 0.5);
    round.p99 = Pct(lat, 0.99);
    round.delta.inserts = after.inserts - before.inserts;
    round.delta.guard_misses = after.guard_misses - before.guard_misses;
    round.delta.unique_violations = after.unique_violations - before.unique_violations;
    round.delta.head = after.head - before.head;
    std::printf("  round %d, %d server%s: %7.0f positions/s  p50 %6.2f ms  p99 %7.2f ms  errors %ld%s\n", r / 2 + 1, n,
                n == 1 ? " " : "s", round.per_second, round.p50, round.p99, round.errors, Describe(FailedWrites()).c_str());
    if (!round.first_error.empty()) std::printf("    e.g. %s\n", round.first_error.c_str());
    done.push_back(round);
    g_servers.clear();
  }

  std::vector<double> one, many, pair_ratio;
  for (std::size_t i = 0; i + 1 < done.size(); i += 2) {
    one.push_back(done[i].per_second);
    many.push_back(done[i + 1].per_second);
    pair_ratio.push_back(done[i + 1].per_second / done[i].per_second);
  }
  std::printf("\n| servers | positions/s (median of %d) | spread | runs | ratio to 1 server |\n|---|---|---|---|---|\n", rounds);
  auto runs = [](const std::vector<double>& v) {
    std::string s;
    for (double x : v) s += (s.empty() ? "" : ", ") + std::to_string(static_cast<long>(x));
    return s;
  };
  std::printf("| 1 | %.0f | %.0f %% | %s | 1.00 |\n", Median(one), Spread(one), runs(one).c_str());
  std::printf("| %d | %.0f | %.0f %% | %s | %.2f (per round %.2f..%.2f) |\n", servers, Median(many), Spread(many),
              runs(many).c_str(), Median(many) / Median(one), *std::min_element(pair_ratio.begin(), pair_ratio.end()),
              *std::max_element(pair_ratio.begin(), pair_ratio.end()));

  // Commits and retries per configuration, all rounds together.
  std::printf("\n| servers | entries | commits | entries per commit | retried appends (guard missed + unique violation) | retries per commit |\n"
              "|---|---|---|---|---|---|\n");
  for (int n : {1, servers}) {
    PgCounts sum;
    for (const Round& x : done) {
      if (x.servers != n) continue;
      sum.inserts += x.delta.inserts;
      sum.guard_misses += x.delta.guard_misses;
      sum.unique_violations += x.delta.unique_violations;
      sum.head += x.delta.head;
    }
    const long long retries = sum.guard_misses + sum.unique_violations;
    if (g_statements) {
      const long long commits = sum.inserts - sum.guard_misses;
      std::printf("| %d | %lld | %lld | %.1f | %lld (%lld + %lld) | %.2f |\n", n, sum.head, commits,
                  commits > 0 ? static_cast<double>(sum.head) / static_cast<double>(commits) : 0, retries,
                  sum.guard_misses, sum.unique_violations,
                  commits > 0 ? static_cast<double>(retries) / static_cast<double>(commits) : 0);
    } else {
      std::printf("| %d | %lld | ? | ? | >= %lld (unique violations) | ? |\n", n, sum.head, sum.unique_violations);
    }
  }

  // 2. Live delivery across servers: writes through the first, a stream on each.
  StartServers(servers, url, extra);
  Conn writer(g_servers[0]->port());
  if (writer.Do(Post("/api/v0/sessions/load/drafts", sec,
                     R"({"draft":"live","title":"Live","kind":"decision","matter":"substantive"})")) != 201) {
    Die("tabling the live draft: " + writer.body());
  }
  if (!AllAt(SeqOf(writer.body()), aud)) Die("a server did not see the live draft within 10 s");
  std::vector<int> ports;
  for (const auto& s : g_servers) ports.push_back(s->port());
  std::vector<double> answer_ms;
  long write_errors = 0;
  long i = 0;
  LiveStreams live = MeasureLiveStreams(ports, aud, writes, std::chrono::milliseconds(spacing_ms), [&] {
    const auto t0 = Clock::now();
    const int status = writer.Do(Post("/api/v0/drafts/live/positions", sec,
                                      std::string(R"({"member":"RUS","position":")") + ((i++ % 2) ? "support" : "abstain") + "\"}"));
    answer_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (status != 201) ++write_errors;
    return SeqOf(writer.body());
  });
  std::printf("\nlive: %d writes %d ms apart through server 1 (201 after p50 %.1f ms, p99 %.1f ms; errors %ld), one stream per server\n",
              writes, spacing_ms, Pct(answer_ms, 0.5), Pct(answer_ms, 0.99), write_errors);
  std::printf("\n| stream on | delivered | got the last | from send p50 | p99 | max | from the 201 p50 | p99 |\n|---|---|---|---|---|---|---|---|\n");
  for (std::size_t s = 0; s < live.streams.size(); ++s) {
    StreamDelays& d = live.streams[s];
    std::printf("| server %zu (%s) | %zu/%d | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |\n", s + 1,
                s == 0 ? "the writer's" : "another", d.from_send_ms.size(), writes,
                d.last_seen == live.last_seq ? "yes" : "no", Pct(d.from_send_ms, 0.5), Pct(d.from_send_ms, 0.99),
                Pct(d.from_send_ms, 1.0), Pct(d.from_answer_ms, 0.5), Pct(d.from_answer_ms, 0.99));
  }
  g_servers.clear();
  getloadavg(load, 3);
  std::printf("\nload average at the end %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  return 0;
}
