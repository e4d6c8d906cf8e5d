// The HTTP API without the transport: routing, authentication, the role table, problem details,
// idempotent writes, and the JSON of every route. http_server.cc feeds it requests; tests call
// it directly.
//
//   Api api(&ledger, tokens, metrics);
//   Api::Routed routed = api.Route(request.method, request.target);   // matched once
//   if (routed.kind == RouteKind::kBlocking) { ...run off the I/O thread... }
//   HttpResponse r = api.Handle(request, routed);                      // any route but the stream
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "server/http_types.h"
#include "server/metrics.h"
#include "server/roles.h"
#include "server/token_limits.h"
#include "server/tokens.h"

namespace concord {

class Ledger;
struct State;

enum class RouteKind {
  kInline,    // answered on the I/O thread (reads)
  kBlocking,  // waits for a durable append: run on the blocking pool
  kStream,    // turns the connection into a Server-Sent Events stream
};

struct RouteInfo {
  std::string method;
  std::string pattern;  // "/api/v0/decisions/{id}"
  RouteKind kind = RouteKind::kInline;
  std::optional<Right> right;  // nullopt: no token needed
};

struct ApiOptions {
  std::size_t idempotency_capacity = 100000;  // remembered answers (oldest forgotten first)
  std::string web_root;  // serve the web application from this folder (development); "": embedded
  TokenLimitOptions limits;  // per token: request rate, open live streams
};

class Api {
 public:
  using Clock = std::function<std::string()>;  // "now" as RFC 3339

  // `ledger` may be null (unit tests of routing): data routes then answer 503.
  Api(Ledger* ledger, TokenStore& tokens, Metrics& metrics, Clock clock = UtcNow, ApiOptions options = {});
  ~Api();

  // Every route, in the order they are matched. The OpenAPI test walks this list.
  static const std::vector<RouteInfo>& Routes();

  // A request's route, matched once: how the transport runs it, and what Handle and OpenStream
  // take back instead of matching again. An unmatched request carries its 404 or 405.
  struct Routed {
    RouteKind kind = RouteKind::kInline;
    int route = -1;                             // index in Routes(), or -1 with `problem` set
    std::map<std::string, std::string> params;  // the query's and the path's parameters
    std::optional<HttpResponse> problem;
  };
  Routed Route(std::string_view method, std::string_view target) const;
  HttpResponse Handle(const HttpRequest& request, const Routed& routed);
  // Route, then Handle (tests; the transport routes first to choose the thread).
  HttpResponse Handle(const HttpRequest& request);

  struct StreamGrant {
    std::int64_t from_seq = 1;  // the first entry to send
    std::string role;
    bool heads_only = false;  // /updates: each entry's seq, type and time, not the entry itself
    std::string token_id;     // whose stream: counted against its limit until StreamClosed
  };
  // Authorizes GET /api/v0/stream (or /updates) and finds where it starts (Last-Event-ID + 1, else ?from=N,
  // else the next entry to be appended). A problem response when refused.
  std::variant<HttpResponse, StreamGrant> OpenStream(const HttpRequest& request, const Routed& routed);

  // A granted stream ended (or was never started): its token may open another.
  void StreamClosed(const std::string& token_id);
  // Whether a stream's token is still live; the transport closes those of revoked tokens,
  // checking again whenever TokensGeneration() moves.
  bool TokenLive(const std::string& token_id);
  std::uint64_t TokensGeneration();

  // While draining (SIGTERM), /readyz answers 503 and new writes are refused with 503.
  void SetDraining();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Splits "a=1&b=x%20y" into decoded pairs (the last value of a repeated name wins).
std::map<std::string, std::string> ParseQuery(std::string_view query);

}  // namespace concord
