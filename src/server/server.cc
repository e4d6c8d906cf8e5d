// Serving one journal over HTTP (server.h).
#include "server/server.h"

#include <ostream>

#include "ledger/ledger.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/metrics.h"
#include "server/tokens.h"

namespace concord {

Status Serve(Ledger& ledger, TokenStore& tokens, const ServeOptions& options, std::ostream& out, std::ostream& err,
             const std::function<void(const std::string& base)>& on_listening) {
  Metrics metrics;
  ApiOptions api_options;
  api_options.web_root = options.web_root;
  api_options.limits = options.limits;
  Api api(&ledger, tokens, metrics, UtcNow, api_options);
  HttpServerOptions http;
  http.listen = options.listen;
  http.io_threads = options.io_threads;
  http.max_body = options.max_body;
  http.log_requests = options.log_requests;
  auto server = HttpServer::Start(api, &ledger, metrics, http);
  if (!server) return server.error();
  const std::string base = "http://" + (*server)->host() + ":" + std::to_string((*server)->port());
  out << "listening on " << base << std::endl;
  if (on_listening) on_listening(base);
  (*server)->Run();
  server->reset();
  err << "{\"event\":\"stopped\",\"head\":" << ledger.View()->head_seq << "}" << std::endl;
  return {};
}

}  // namespace concord
