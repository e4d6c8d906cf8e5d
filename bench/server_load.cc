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

#include "support/loopback.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string g_concord = CONCORD_BINARY_PATH;

std::string Run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) {
    std::fprintf(stderr, "failed: %s\n%s", cmd.c_str(), out.c_str());
    std::exit(1);
  }
  return out;
}

std::string LastLine(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s.substr(s.rfind('\n') + 1);
}

int Connect(int port) {
  return concord::test::ConnectLoopback(port);
}

// A keep-alive connection doing one request at a time.
class Conn {
 public:
  explicit Conn(int port) : port_(port), fd_(Connect(port)) {}
  ~Conn() {
    if (fd_ >= 0) ::close(fd_);
  }
  // Returns the status (0 on failure).
  int Do(const std::string& request) {
    if (fd_ < 0) fd_ = Connect(port_);
    if (fd_ < 0) return 0;
    std::size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return Reset();
      sent += static_cast<std::size_t>(n);
    }
    while (true) {
      const std::size_t end = buf_.find("\r\n\r\n");
      if (end != std::string::npos) {
        const int status = std::atoi(buf_.c_str() + 9);
        std::size_t length = 0;
        const char* cl = strcasestr(buf_.c_str(), "content-length:");
        if (cl && cl < buf_.c_str() + end) length = std::strtoul(cl + 15, nullptr, 10);
        if (buf_.size() >= end + 4 + length) {
          body_ = buf_.substr(end + 4, length);
          buf_.erase(0, end + 4 + length);
          return status;
        }
      }
      char tmp[65536];
      const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) return Reset();
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }
  const std::string& body() const { return body_; }

 private:
  int Reset() {
    ::close(fd_);
    fd_ = -1;
    buf_.clear();
    return 0;
  }
  int port_;
  int fd_;
  std::string buf_, body_;
};

std::string Get(const std::string& target, const std::string& token) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
         (token.empty() ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
}

std::string Post(const std::string& target, const std::string& token, const std::string& body) {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

double Pct(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct Rate {
  double per_second = 0;
  std::vector<double> latencies_ms;
  long errors = 0;
};

// `clients` threads each repeat `request` on one keep-alive connection for `seconds` (at most
// `max_each` requests each).
Rate Hammer(int port, int clients, double seconds, long max_each, const std::function<std::string(int, long)>& request,
            int want_status) {
  std::mutex mu;
  Rate rate;
  std::atomic<long> done{0};
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Conn conn(port);
      std::vector<double> lat;
      long errors = 0;
      for (long i = 0; i < max_each && Clock::now() < until; ++i) {
        const auto t0 = Clock::now();
        const int status = conn.Do(request(c, i));
        lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (status != want_status) ++errors;
        done.fetch_add(1);
      }
      std::lock_guard lock(mu);
      rate.latencies_ms.insert(rate.latencies_ms.end(), lat.begin(), lat.end());
      rate.errors += errors;
    });
  }
  for (auto& t : threads) t.join();
  rate.per_second = static_cast<double>(done.load()) / std::chrono::duration<double>(Clock::now() - start).count();
  return rate;
}

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

  int out_pipe[2];
  if (pipe(out_pipe) != 0) return 1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    execl(g_concord.c_str(), g_concord.c_str(), "serve", "--store", store.c_str(), "--listen", "127.0.0.1:0",
          "--no-log", static_cast<char*>(nullptr));
    _exit(127);
  }
  ::close(out_pipe[1]);
  std::string line;
  char c;
  while (::read(out_pipe[0], &c, 1) == 1 && c != '\n') line += c;
  const int port = std::atoi(line.c_str() + line.rfind(':') + 1);
  if (port <= 0) {
    std::fprintf(stderr, "server did not start: %s\n", line.c_str());
    return 1;
  }
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
  const int epfd = epoll_create1(EPOLL_CLOEXEC);
  std::vector<int> fds;
  const std::string stream_req = Get("/api/v0/stream", aud);
  for (int i = 0; i < streams; ++i) {
    const int fd = Connect(port);
    if (fd < 0) break;
    ::send(fd, stream_req.data(), stream_req.size(), MSG_NOSIGNAL);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<uint32_t>(fds.size());
    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
    fds.push_back(fd);
  }
  std::printf("live: %zu streams open\n", fds.size());
  std::vector<std::string> bufs(fds.size());
  std::vector<long long> last_seen(fds.size(), 0);
  std::mutex tmu;
  std::unordered_map<long long, Clock::time_point> sent_at;  // seq -> when its POST was sent
  std::vector<std::pair<long long, Clock::time_point>> arrivals;
  arrivals.reserve(fds.size() * 24);
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    epoll_event evs[512];
    while (!stop) {
      const int n = epoll_wait(epfd, evs, 512, 50);
      const auto now = Clock::now();
      for (int k = 0; k < n; ++k) {
        const uint32_t i = evs[k].data.u32;
        char tmp[16384];
        ssize_t r;
        while ((r = ::recv(fds[i], tmp, sizeof tmp, 0)) > 0) bufs[i].append(tmp, static_cast<std::size_t>(r));
        std::size_t pos;
        while ((pos = bufs[i].find("\nid: ")) != std::string::npos) {
          const long long seq = std::atoll(bufs[i].c_str() + pos + 5);
          bufs[i].erase(0, pos + 5);
          if (seq > last_seen[i]) {
            last_seen[i] = seq;
            arrivals.emplace_back(seq, now);
          }
        }
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));  // let every stream subscribe
  const int appends = 20;
  Conn writer(port);
  long long first_seq = 0, last_seq = 0;
  for (int i = 0; i < appends; ++i) {
    const auto t0 = Clock::now();
    writer.Do(Post("/api/v0/drafts/load-d/positions", sec,
                   std::string(R"({"member":"RUS","position":")") + ((i % 2) ? "support" : "abstain") + "\"}"));
    const long long seq = std::atoll(writer.body().c_str() + writer.body().find("\"seq\":") + 6);
    {
      std::lock_guard lock(tmu);
      sent_at[seq] = t0;
    }
    if (!first_seq) first_seq = seq;
    last_seq = seq;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  stop = true;
  reader.join();
  std::vector<double> delays;
  std::size_t complete = 0;
  for (const auto& [seq, at] : arrivals) {
    auto it = sent_at.find(seq);
    if (it != sent_at.end()) delays.push_back(std::chrono::duration<double, std::milli>(at - it->second).count());
  }
  for (std::size_t i = 0; i < fds.size(); ++i) complete += last_seen[i] == last_seq ? 1 : 0;
  std::printf("  %d appends, %zu deliveries (expected %zu), %zu/%zu streams got the last entry\n", appends,
              delays.size(), fds.size() * static_cast<std::size_t>(appends), complete, fds.size());
  std::printf("  append-to-delivery: p50 %.1f ms  p99 %.1f ms  max %.1f ms (target p99 < 1000 ms)\n", Pct(delays, 0.5),
              Pct(delays, 0.99), Pct(delays, 1.0));
  (void)first_seq;
  for (int fd : fds) ::close(fd);
  ::close(epfd);

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  std::printf("server exit after SIGTERM: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return 0;
}
