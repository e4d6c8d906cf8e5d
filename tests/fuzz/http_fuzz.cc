// Raw bytes -> Beast's request parser (the server's header and body limits) -> Api::Route and
// Api::Handle (or OpenStream), on a fresh ledger over an in-memory copy of the board journal, so
// that every input starts from the same state and a crash reproduces from its input alone.
// Tokens cannot be guessed, so "Bearer @ROLE" (@secretariat, @delegation:ada, @observer,
// @auditor) stands for a live token of that role. Every JSON answer must be valid JSON.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "board_journal.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/tokens.h"

namespace {

namespace http = boost::beast::http;
using namespace concord;

constexpr std::size_t kHeaderLimit = 16 * 1024;  // as http_server.cc sets it

struct World {
  std::vector<StoredEntry> journal = fuzz::BoardJournal();
  TokenStore tokens{""};
  std::map<std::string, std::string> token_for;  // "@ROLE" -> a live token
  World() {
    for (const char* role : {"secretariat", "delegation:ada", "observer", "auditor"}) {
      auto token = tokens.Create(*ParseRole(role), "2024-01-01T00:00:00Z");
      if (!token) fuzz::Die(token.error().message);
      token_for[std::string("@") + role] = *token;
    }
  }
};

bool ParseRequest(const std::uint8_t* data, std::size_t size, HttpRequest& out) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(HttpServerOptions{}.max_body);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    used += n;
    if (ec == http::error::need_more) {
      ec = {};
      if (n == 0) break;
      continue;
    }
    if (ec) return false;
    if (n == 0) break;
  }
  if (!parser.is_done()) {
    if (!parser.got_some()) return false;  // the connection closed before a request began
    parser.put_eof(ec);
    if (ec || !parser.is_done()) return false;
  }
  auto& req = parser.get();
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  for (const auto& f : req) {
    std::string name(f.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  out.body = std::move(req.body());
  return true;
}

void CheckAnswer(const HttpResponse& r) {
  // CONCORD_FUZZ_VERBOSE=1 shows each answer (to check what a seed reaches).
  static const bool verbose = std::getenv("CONCORD_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%d %s %.300s\n", r.status, r.route.c_str(), r.body.c_str());
  if (r.status < 100 || r.status > 599) fuzz::Die("status " + std::to_string(r.status));
  if (r.content_type.find("json") == std::string::npos) return;
  // JSON Lines (the journal) is checked line by line.
  const bool lines = r.content_type.find("jsonl") != std::string::npos;
  std::string_view rest = r.body;
  while (!rest.empty()) {
    const std::size_t end = lines ? std::min(rest.find('\n'), rest.size()) : rest.size();
    boost::system::error_code ec;
    (void)boost::json::parse(rest.substr(0, end), ec);
    if (ec) fuzz::Die("a " + r.content_type + " answer that is not JSON (" + ec.message() + "): " + r.body);
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  HttpRequest req;
  if (!ParseRequest(data, size, req)) return 0;
  for (auto& [name, value] : req.headers) {
    if (name != "authorization" || value.rfind("Bearer @", 0) != 0) continue;
    if (auto it = world.token_for.find(value.substr(7)); it != world.token_for.end()) value = "Bearer " + it->second;
  }
  req.request_id = "fuzz";

  std::unique_ptr<EventStore> store = NewMemoryStore();
  if (Status st = store->Append(0, world.journal); !st) fuzz::Die(st.error().message);
  auto ledger = Ledger::Open(std::move(store), fuzz::BoardKey());
  if (!ledger) fuzz::Die(ledger.error().message);
  Metrics metrics;
  Api api(ledger->get(), world.tokens, metrics, [] { return std::string("2024-06-01T00:00:00Z"); });

  const Api::Routed routed = api.Route(req.method, req.target);
  if (routed.kind == RouteKind::kStream) {
    auto opened = api.OpenStream(req, routed);
    if (auto* r = std::get_if<HttpResponse>(&opened)) CheckAnswer(*r);
    return 0;
  }
  CheckAnswer(api.Handle(req, routed));
  return 0;
}
