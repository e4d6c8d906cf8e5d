// The server's own view of an HTTP exchange: plain structs, so that routing, roles and errors
// (api.h) are tested without sockets and Boost.Beast stays inside http_server.cc.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace concord {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, as received: "/api/v0/decisions?as_of=2023-11-23"
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string request_id;  // assigned by the transport (or taken from X-Request-Id)

  // The value of a header (name in lower case), or an empty view.
  std::string_view Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return {};
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  // Filled by Api::Handle for the log line and the metrics.
  std::string route;  // the route pattern that answered, e.g. "/api/v0/decisions/{id}"
  std::string role;   // the caller's role, or "" before authentication
};

}  // namespace concord
