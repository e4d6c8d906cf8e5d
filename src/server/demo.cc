// `concord demo` (server.h): a fresh SQLite journal with the CSTO record, served with a token
// for every role.
#include <stdlib.h>

#include <iomanip>
#include <ostream>

#include "ledger/ledger.h"
#include "server/serve_internal.h"
#include "server/server.h"
#include "server/tokens.h"

namespace concord {

int RunDemo(const DemoOptions& options, std::ostream& out, std::ostream& err) {
  std::string dir = options.dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/concord-demo-XXXXXX";
    if (!mkdtemp(tmpl)) return ReportError(Error{ErrorCode::kUnavailable, "cannot create a temporary directory"}, err);
    dir = tmpl;
  }
  const std::string db = dir + "/concord.db";
  const std::string store = "sqlite:" + db;
  if (!options.populate) return ReportError(Error{ErrorCode::kInternal, "demo: nothing to import"}, err);
  if (int code = options.populate(store, out, err); code != 0) return code;
  auto key = ReadKeyFile(db + ".key");
  if (!key) return ReportError(key.error(), err);
  auto ledger = Ledger::Open(store, *key);
  if (!ledger) return ReportError(ledger.error(), err);

  TokenStore tokens(db + ".tokens");
  std::vector<std::string> roles = {"secretariat", "auditor", "observer"};
  for (const auto& [member, m] : (*ledger)->View()->state->members) roles.push_back("delegation:" + member);
  out << "\nconcord demo: the CSTO record in " << db << " (journal head: entry " << (*ledger)->View()->head_seq
      << ")\n\ntokens (send as 'Authorization: Bearer TOKEN'):\n";
  std::string observer;
  for (const auto& name : roles) {
    auto token = tokens.Create(*ParseRole(name), UtcNow());
    if (!token) return ReportError(token.error(), err);
    if (name == "observer") observer = *token;
    out << "  " << std::left << std::setw(16) << name << " " << *token << "\n";
  }
  const bool port_known = options.listen.size() < 2 || options.listen.substr(options.listen.size() - 2) != ":0";
  out << "\ntry:\n  curl -H 'Authorization: Bearer " << observer << "' "
      << (port_known ? "http://" + options.listen : std::string("ADDRESS"))
      << "/api/v0/decisions/minsk-2023-budget\n"
      << "or open the address in a browser and paste a token.\n"
      << "Stop with Ctrl-C; the journal stays in " << dir << " (serve it again with\n"
      << "  concord serve --store " << store << ")\n\n";
  ServeOptions serve;
  serve.store = store;
  serve.listen = options.listen;
  serve.log_requests = options.log_requests;
  const int code = Serve(**ledger, tokens, serve, out, err);
  ledger->reset();
  return code;
}

}  // namespace concord
