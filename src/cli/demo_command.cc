// `concord demo` (server_commands.h): a fresh SQLite journal with the CSTO record, served with a token
// for every role.
#include <stdlib.h>

#include <iomanip>
#include <ostream>

#include "cli/key_file.h"
#include "cli/server_commands.h"
#include "ledger/ledger.h"
#include "server/roles.h"
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
  std::vector<std::pair<std::string, std::string>> issued;  // role, token
  for (const auto& name : roles) {
    auto token = tokens.Create(*ParseRole(name), UtcNow());
    if (!token) return ReportError(token.error(), err);
    issued.emplace_back(name, *token);
    out << "  " << std::left << std::setw(16) << name << " " << *token << "\n";
  }
  out << "\nStop with Ctrl-C; the journal stays in " << dir << " (serve it again with\n"
      << "  concord serve --store " << store << ")\n\n";
  // Once the port is known: a sign-in link per role (the token travels in the URL fragment,
  // which browsers do not send to the server; the application removes it from the address bar).
  auto print_links = [&](const std::string& base) {
    out << "\nopen the web application, signed in as:\n";
    for (const auto& [role, token] : issued) {
      out << "  " << std::left << std::setw(16) << role << " " << base << "/#token=" << token << "\n";
    }
    out << "\nor ask the API, e.g.:\n  curl -H 'Authorization: Bearer " << issued[2].second << "' " << base
        << "/api/v0/decisions/minsk-2023-budget\n"
        << std::endl;
  };
  ServeOptions serve;
  serve.store = store;
  serve.listen = options.listen;
  serve.log_requests = options.log_requests;
  serve.web_root = options.web_root;
  const Status served = Serve(**ledger, tokens, serve, out, err, print_links);
  ledger->reset();
  return served ? 0 : ReportError(served.error(), err);
}

}  // namespace concord
