// The HTTP transport: Boost.Beast over Asio, event-driven (a few I/O threads serve every
// connection and live stream; writes that wait for a durable append run on a separate pool).
// All of Beast lives in http_server.cc.
//
//   auto server = HttpServer::Start(api, &ledger, metrics, {.listen = "127.0.0.1:0"});
//   std::cout << "listening on http://127.0.0.1:" << (*server)->port() << "\n";
//   (*server)->Run();   // until SIGTERM/SIGINT or Stop(): stop accepting, finish, return
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "concord/result.h"

namespace concord {

class Api;
class Ledger;
class Metrics;

struct HttpServerOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free port
  int io_threads = 2;
  int blocking_threads = 128;             // writers waiting for their group commit
  std::size_t max_body = 1 << 20;         // bytes; larger bodies get 413
  bool handle_signals = true;             // SIGTERM/SIGINT start a graceful stop
  bool log_requests = true;               // one JSON line per request on stderr
  int drain_seconds = 10;                 // in-flight work gets this long after SIGTERM
};

class HttpServer {
 public:
  // Binds and listens (nothing is served until Run). kUnavailable if the address is taken;
  // kInvalidArgument for a malformed address.
  static Result<std::unique_ptr<HttpServer>> Start(Api& api, Ledger* ledger, Metrics& metrics,
                                                   HttpServerOptions options);
  ~HttpServer();

  std::uint16_t port() const;
  std::string host() const;
  // Serves until a signal or Stop(); returns after in-flight requests finished.
  void Run();
  // Starts a graceful stop from any thread.
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace concord
