// `concord serve` (server.h).
#include "server/server.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/exit_codes.h"
#include "ledger/ledger.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/metrics.h"
#include "server/serve_internal.h"
#include "server/tokens.h"

namespace concord {

namespace {

// The same default as `concord init` (src/cli/journal_commands.cc).
std::string DefaultKeyFile(const std::string& store_url) {
  if (store_url.rfind("sqlite:", 0) == 0) return store_url.substr(7) + ".key";
  return "concord-secretariat.key";
}

}  // namespace

Result<SigningKey> ReadKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kUnavailable, "cannot read key file " + path);
  std::string text;
  in >> text;
  auto key = SigningKey::FromSeedHex(text);
  if (!key) return Fail(ErrorCode::kInvalidArgument, path + ": " + key.error().message);
  return key;
}

int ReportError(const Error& e, std::ostream& err) {
  err << "error: " << e.message << "\n";
  return static_cast<int>(ExitCodeFor(e.code));
}

int Serve(Ledger& ledger, TokenStore& tokens, const ServeOptions& options, std::ostream& out, std::ostream& err,
          const std::function<void(const std::string& base)>& on_listening) {
  Metrics metrics;
  ApiOptions api_options;
  api_options.web_root = options.web_root;
  Api api(&ledger, tokens, metrics, UtcNow, api_options);
  HttpServerOptions http;
  http.listen = options.listen;
  http.io_threads = options.io_threads;
  http.max_body = options.max_body;
  http.log_requests = options.log_requests;
  auto server = HttpServer::Start(api, &ledger, metrics, http);
  if (!server) return ReportError(server.error(), err);
  const std::string base = "http://" + (*server)->host() + ":" + std::to_string((*server)->port());
  out << "listening on " << base << std::endl;
  if (on_listening) on_listening(base);
  (*server)->Run();
  server->reset();
  err << "{\"event\":\"stopped\",\"head\":" << ledger.View()->head_seq << "}" << std::endl;
  return 0;
}

int RunServer(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  const std::string key_path = options.key.empty() ? DefaultKeyFile(options.store) : options.key;
  auto key = ReadKeyFile(key_path);
  if (!key) return ReportError(key.error(), err);
  auto tokens_path = TokensPathFor(options.store, options.tokens);
  if (!tokens_path) return ReportError(tokens_path.error(), err);
  auto ledger = Ledger::Open(options.store, *key);
  if (!ledger) return ReportError(ledger.error(), err);
  TokenStore tokens(*tokens_path);
  const int code = Serve(**ledger, tokens, options, out, err);
  ledger->reset();  // drains the writer: everything acknowledged is durable
  return code;
}

}  // namespace concord
