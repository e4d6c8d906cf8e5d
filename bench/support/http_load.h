// The loopback load client shared by the load tests (server_load.cc, perf_report.cc): running
// `concord` commands, a real `concord serve` child, keep-alive HTTP clients hammering it, and live
// streams timed from append to delivery. 127.0.0.1 only; every loop is bounded in time or count.
//
//   Server server(concord, "sqlite:/tmp/x/c.db");
//   Rate r = Hammer(server.port(), 64, 3.0, 100000, [&](int c, long i) { return Post(...); }, 201);
//   LiveResult live = MeasureLive(server.port(), stream_token, 1000, 20, post_one);
//   LiveStreams per = MeasureLiveStreams({port_a, port_b}, stream_token, 500, 20ms, post_one);
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
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
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "support/loopback.h"

namespace concord::bench {

using Clock = std::chrono::steady_clock;

[[noreturn]] inline void Die(const std::string& why) {
  std::fprintf(stderr, "load: %s\n", why.c_str());
  std::exit(1);
}

// Runs a shell command; its standard output, or exit with its output on failure.
inline std::string RunCommand(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) Die("cannot run " + cmd);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) Die("failed: " + cmd + "\n" + out);
  return out;
}

inline std::string LastLine(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s.substr(s.rfind('\n') + 1);
}

inline double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The p-th quantile (0..1) of `v` (sorted in place); 0 for none.
inline double Pct(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

inline std::string Get(const std::string& target, const std::string& token) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
         (token.empty() ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
}

inline std::string Post(const std::string& target, const std::string& token, const std::string& body) {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A keep-alive connection doing one request at a time.
class Conn {
 public:
  explicit Conn(int port) : port_(port), fd_(test::ConnectLoopback(port)) {}
  ~Conn() {
    if (fd_ >= 0) ::close(fd_);
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Returns the status (0 on failure).
  int Do(const std::string& request) {
    if (fd_ < 0) fd_ = test::ConnectLoopback(port_);
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

struct Rate {
  double per_second = 0;
  std::vector<double> latencies_ms;
  long errors = 0;
  std::string first_error;  // status and body of an answer other than the one wanted
};

// `clients` threads each repeat `request(client, i)` on one keep-alive connection for `seconds`
// (at most `max_each` requests each); a status other than `want_status` counts as an error.
inline Rate Hammer(int port, int clients, double seconds, long max_each,
                   const std::function<std::string(int, long)>& request, int want_status) {
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
        if (status != want_status && ++errors == 1) {
          std::lock_guard lock(mu);
          if (rate.first_error.empty()) rate.first_error = std::to_string(status) + " " + conn.body();
        }
        done.fetch_add(1);
      }
      std::lock_guard lock(mu);
      rate.latencies_ms.insert(rate.latencies_ms.end(), lat.begin(), lat.end());
      rate.errors += errors;
    });
  }
  for (auto& t : threads) t.join();
  rate.per_second = static_cast<double>(done.load()) / Seconds(start);
  return rate;
}

// A `concord serve` child on 127.0.0.1 and a free port, stopped with SIGTERM. `extra` options
// follow the defaults (a PostgreSQL store needs --key and --tokens, a load test --rate-limit 0).
class Server {
 public:
  Server(const std::string& concord, const std::string& store, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {concord, "serve", "--store", store, "--listen", "127.0.0.1:0", "--no-log"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out_pipe[2];
    if (pipe(out_pipe) != 0) Die("pipe");
    const auto t0 = Clock::now();
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out_pipe[1], 1);
      const int null = ::open("/dev/null", O_WRONLY);
      dup2(null, 2);
      execv(concord.c_str(), argv.data());
      _exit(127);
    }
    ::close(out_pipe[1]);
    std::string line;
    char c;
    while (::read(out_pipe[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out_pipe[0]);
    port_ = std::atoi(line.c_str() + line.rfind(':') + 1);
    if (port_ <= 0) Die("server did not start: " + line);
    startup_seconds_ = Seconds(t0);
  }
  ~Server() { Stop(); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // From fork to listening: opening the store and replaying the journal.
  double startup_seconds() const { return startup_seconds_; }
  // The exit status after SIGTERM (-1 if it did not exit normally).
  int Stop() {
    if (pid_ <= 0) return exit_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    exit_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_;
  }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  int exit_ = -1;
  double startup_seconds_ = 0;
};

struct LiveResult {
  std::size_t streams = 0;      // streams opened
  std::size_t complete = 0;     // streams that saw the last entry
  std::size_t deliveries = 0;   // entries delivered, all streams together
  std::vector<double> delay_ms; // append sent -> entry received, per delivery
};

// What one live stream received: each entry's delay from its write being sent and from its
// answer (the 201), and the last seq it saw.
struct StreamDelays {
  std::vector<double> from_send_ms, from_answer_ms;
  long long last_seen = 0;
};

struct LiveStreams {
  std::vector<StreamDelays> streams;  // one per stream opened, in the order of `ports`
  long long last_seq = 0;             // the last write's entry
};

// Opens one live stream (GET /api/v0/stream) on each of `ports` (a port may repeat: several
// streams on one server), then sends `appends` writes `spacing` apart with `append` (which
// returns the new entry's seq) and times each entry's arrival on every stream.
inline LiveStreams MeasureLiveStreams(const std::vector<int>& ports, const std::string& token, int appends,
                                      std::chrono::milliseconds spacing, const std::function<long long()>& append) {
  LiveStreams result;
  const int epfd = epoll_create1(EPOLL_CLOEXEC);
  std::vector<int> fds;
  const std::string stream_req = Get("/api/v0/stream", token);
  for (int port : ports) {
    const int fd = test::ConnectLoopback(port);
    if (fd < 0) break;
    ::send(fd, stream_req.data(), stream_req.size(), MSG_NOSIGNAL);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<uint32_t>(fds.size());
    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
    fds.push_back(fd);
  }
  std::vector<std::string> bufs(fds.size());
  std::vector<long long> last_seen(fds.size(), 0);
  std::mutex mu;
  // seq -> when its write was sent and answered
  std::unordered_map<long long, std::pair<Clock::time_point, Clock::time_point>> sent_at;
  std::vector<std::vector<std::pair<long long, Clock::time_point>>> arrivals(fds.size());
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
            arrivals[i].emplace_back(seq, now);
          }
        }
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(1));  // let every stream subscribe
  for (int i = 0; i < appends; ++i) {
    const auto t0 = Clock::now();
    result.last_seq = append();
    const auto t1 = Clock::now();
    {
      std::lock_guard lock(mu);
      sent_at[result.last_seq] = {t0, t1};
    }
    std::this_thread::sleep_for(spacing);
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  stop = true;
  reader.join();
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  result.streams.resize(fds.size());
  for (std::size_t i = 0; i < fds.size(); ++i) {
    for (const auto& [seq, at] : arrivals[i]) {
      auto it = sent_at.find(seq);
      if (it == sent_at.end()) continue;
      result.streams[i].from_send_ms.push_back(ms(at - it->second.first));
      result.streams[i].from_answer_ms.push_back(ms(at - it->second.second));
    }
    result.streams[i].last_seen = last_seen[i];
  }
  for (int fd : fds) ::close(fd);
  ::close(epfd);
  return result;
}

// `streams` live streams on one server, writes 200 ms apart: every delivery's delay together.
inline LiveResult MeasureLive(int port, const std::string& token, int streams, int appends,
                              const std::function<long long()>& append) {
  LiveStreams run = MeasureLiveStreams(std::vector<int>(static_cast<std::size_t>(std::max(streams, 0)), port), token,
                                       appends, std::chrono::milliseconds(200), append);
  LiveResult result;
  result.streams = run.streams.size();
  for (const StreamDelays& s : run.streams) {
    result.delay_ms.insert(result.delay_ms.end(), s.from_send_ms.begin(), s.from_send_ms.end());
    result.complete += s.last_seen == run.last_seq ? 1 : 0;
  }
  result.deliveries = result.delay_ms.size();
  return result;
}

}  // namespace concord::bench
