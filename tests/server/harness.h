// Integration harness: a real `concord serve` process on 127.0.0.1 with an ephemeral port, and a
// small HTTP/1.1 client over raw sockets (with a Server-Sent Events reader).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "support/loopback.h"
#include "support/run.h"

namespace concord::test {

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline int Connect(int port) {
  return concord::test::ConnectLoopback(port);
}

inline bool SendAll(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads with a deadline; returns false on timeout or error, and sets `eof` at the end.
inline bool ReadSome(int fd, std::string& buf, int timeout_ms, bool& eof) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char tmp[65536];
  const ssize_t n = ::read(fd, tmp, sizeof tmp);
  if (n <= 0) {
    eof = true;
    return n == 0;
  }
  buf.append(tmp, static_cast<std::size_t>(n));
  return true;
}

inline std::string Request(const std::string& method, const std::string& target, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers, bool close = true) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST") {
    req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  if (close) req += "Connection: close\r\n";
  return req + "\r\n" + body;
}

// Parses the status line and headers at the start of `raw`; returns the offset of the body.
inline std::size_t ParseHead(const std::string& raw, Reply& r) {
  const std::size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return std::string::npos;
  r.status = std::stoi(raw.substr(9, 3));
  std::size_t pos = raw.find("\r\n") + 2;
  while (pos < end) {
    const std::size_t eol = raw.find("\r\n", pos);
    const std::string line = raw.substr(pos, eol - pos);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string v = line.substr(colon + 1);
      while (!v.empty() && v.front() == ' ') v.erase(0, 1);
      r.headers[Lower(line.substr(0, colon))] = v;
    }
    pos = eol + 2;
  }
  return end + 4;
}

// Sends `bytes` on a connection of its own and reads the answer until the server closes (30 s at
// most); status 0 if the server did not answer.
inline Reply Exchange(int port, const std::string& bytes) {
  Reply r;
  const int fd = Connect(port);
  if (fd < 0) return r;
  // A server may answer (413) before the whole body is sent: read the answer either way.
  SendAll(fd, bytes);
  std::string raw;
  bool eof = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!eof && std::chrono::steady_clock::now() < deadline) ReadSome(fd, raw, 1000, eof);
  ::close(fd);
  const std::size_t body_at = ParseHead(raw, r);
  if (body_at != std::string::npos) r.body = raw.substr(body_at);
  return r;
}

// One request on its own connection (Connection: close).
inline Reply Http(int port, const std::string& method, const std::string& target, const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  return Exchange(port, Request(method, target, body, headers));
}

inline std::vector<std::pair<std::string, std::string>> Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

// A JSON answer's object ({} if the body is not a JSON object), and a problem's detail.
inline boost::json::object Obj(const Reply& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object()) return {};
  return v.as_object();
}
inline std::string Detail(const Reply& r) {
  boost::json::object o = Obj(r);
  return o.contains("detail") ? std::string(o.at("detail").as_string()) : "";
}

// A live stream: reads "id:" and "data:" of each event as they come.
class SseClient {
 public:
  struct Event {
    long long id = 0;
    std::string data;
  };

  SseClient(int port, const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers) {
    fd_ = Connect(port);
    if (fd_ < 0) return;
    SendAll(fd_, Request("GET", target, "", headers, false));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    bool eof = false;
    while (buf_.find("\r\n\r\n") == std::string::npos && !eof && std::chrono::steady_clock::now() < deadline) {
      ReadSome(fd_, buf_, 200, eof);
    }
    const std::size_t body_at = ParseHead(buf_, head_);
    if (body_at != std::string::npos) buf_.erase(0, body_at);
  }
  ~SseClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  const Reply& head() const { return head_; }

  // Waits up to `timeout_ms` for `n` events (fewer on timeout).
  std::vector<Event> Next(std::size_t n, int timeout_ms) {
    std::vector<Event> out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (out.size() < n) {
      std::size_t end;
      while (out.size() < n && (end = buf_.find("\n\n")) != std::string::npos) {
        const std::string block = buf_.substr(0, end);
        buf_.erase(0, end + 2);
        Event e;
        std::size_t pos = 0;
        bool any = false;
        while (pos < block.size()) {
          std::size_t eol = block.find('\n', pos);
          if (eol == std::string::npos) eol = block.size();
          const std::string line = block.substr(pos, eol - pos);
          if (line.rfind("id: ", 0) == 0) e.id = std::stoll(line.substr(4)), any = true;
          if (line.rfind("data: ", 0) == 0) e.data = line.substr(6);
          pos = eol + 1;
        }
        if (any) out.push_back(std::move(e));
      }
      if (out.size() >= n) break;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      bool eof = false;
      ReadSome(fd_, buf_, static_cast<int>(left.count()), eof);
      if (eof) {
        closed_ = true;
        break;
      }
    }
    return out;
  }
  // Whether the server closed the stream (seen by Next).
  bool closed() const { return closed_; }

  // Reads (and drops) whatever comes until the server closes the stream: true if it did within
  // `timeout_ms`.
  bool ClosedWithin(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    bool eof = false;
    while (!eof) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      buf_.clear();
      ReadSome(fd_, buf_, static_cast<int>(left.count()), eof);
    }
    return true;
  }

 private:
  int fd_ = -1;
  Reply head_;
  std::string buf_;
  bool closed_ = false;
};

// A journal in a fresh directory: `concord init` (the CSTO charter), optionally the shipped record.
struct Journal {
  std::string dir, db, store;
  explicit Journal(bool with_record) {
    dir = TempDir();
    db = dir + "/concord.db";
    store = "sqlite:" + db;
    RunResult init = RunConcord({"init", "--store", store});
    if (init.exit_code != 0) throw std::runtime_error("init failed: " + init.err);
    if (with_record) {
      RunResult imp = RunConcord({"import", "--store", store, "embedded"});
      if (imp.exit_code != 0) throw std::runtime_error("import failed: " + imp.err);
    }
  }
  // `concord token create`: the token is alone on the last line of the output.
  std::string Token(const std::string& role) const {
    RunResult r = RunConcord({"token", "create", "--store", store, "--role", role});
    if (r.exit_code != 0) throw std::runtime_error("token create failed: " + r.err);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  }
};

// `concord serve` on 127.0.0.1:0, its stderr (the request log) in a file.
class ServerProcess {
 public:
  // `fd_limit` > 0: the server runs with at most that many open descriptors.
  explicit ServerProcess(const std::string& store, std::vector<std::string> extra = {}, int fd_limit = 0) {
    log_path_ = TempDir() + "/server.log";
    int out_pipe[2];
    if (pipe(out_pipe) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out_pipe[1], 1);
      const int log = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(log, 2);
      ::close(out_pipe[0]);
      if (fd_limit > 0) {
        const rlimit limit{static_cast<rlim_t>(fd_limit), static_cast<rlim_t>(fd_limit)};
        setrlimit(RLIMIT_NOFILE, &limit);
      }
      std::vector<std::string> args = {CONCORD_BINARY, "serve", "--store", store, "--listen", "127.0.0.1:0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    ::close(out_pipe[1]);
    out_fd_ = out_pipe[0];
    // The port is on the "listening on http://127.0.0.1:PORT" line.
    std::string out;
    bool eof = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!eof && std::chrono::steady_clock::now() < deadline) {
      ReadSome(out_fd_, out, 200, eof);
      const std::size_t at = out.find("listening on http://127.0.0.1:");
      if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
        port_ = std::stoi(out.substr(at + 30));
        break;
      }
    }
    stdout_ = out;
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& stdout_text() const { return stdout_; }
  std::string Log() const { return ReadFile(log_path_); }

  // Sends SIGTERM and waits; the exit code (128 + signal if killed).
  int Terminate(int timeout_s = 20) {
    ::kill(pid_, SIGTERM);
    return Wait(timeout_s);
  }
  int Wait(int timeout_s) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      const pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      usleep(10000);
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  bool exited_ = false;
  std::string log_path_;
  std::string stdout_;
};

}  // namespace concord::test
