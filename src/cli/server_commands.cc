// `concord serve`, `concord token` (server_commands.h); `concord demo` is in demo_command.cc.
#include "cli/server_commands.h"

#include <chrono>
#include <fstream>
#include <ostream>

#include "cli/exit_codes.h"
#include "ledger/ledger.h"
#include "server/roles.h"
#include "server/tokens.h"
#include "cli/key_file.h"

namespace concord {
namespace {


}  // namespace


int ReportError(const Error& e, std::ostream& err) {
  err << "error: " << e.message << "\n";
  return static_cast<int>(ExitCodeFor(e.code));
}

int RunServer(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  const std::string key_path = options.key.empty() ? KeyPathFor(options.store) : options.key;
  auto key = ReadKeyFile(key_path);
  if (!key) return ReportError(key.error(), err);
  auto tokens_path = TokensPathFor(options.store, options.tokens);
  if (!tokens_path) return ReportError(tokens_path.error(), err);
  const auto opening = std::chrono::steady_clock::now();
  auto ledger = Ledger::Open(options.store, *key, options.read_store);
  if (!ledger) return ReportError(ledger.error(), err);
  // Nothing is served, nor signed on top, before the whole journal checks out: say what that took.
  err << "journal: " << (*ledger)->View()->head_seq
      << " entries checked (chain, hashes, every signature) and replayed in "
      << std::chrono::duration<double>(std::chrono::steady_clock::now() - opening).count() << " s" << std::endl;
  TokenStore tokens(*tokens_path);
  const Status served = Serve(**ledger, tokens, options, out, err);
  ledger->reset();  // drains the writer: everything acknowledged is durable
  return served ? 0 : ReportError(served.error(), err);
}

int RunTokenCreate(const TokenCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<Role> role = ParseRole(options.role);
  if (!role) return ReportError(role.error(), err);
  Result<std::string> path = TokensPathFor(options.store, options.tokens);
  if (!path) return ReportError(path.error(), err);
  TokenStore store(*path);
  Result<std::string> token = store.Create(*role, UtcNow());
  if (!token) return ReportError(token.error(), err);
  out << "token for " << role->Name() << " (id " << TokenId(*token)
      << "), stored as a hash in " << *path << "; it is shown only this once:\n"
      << *token << "\n";
  return 0;
}

int RunTokenRevoke(const TokenCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::string> path = TokensPathFor(options.store, options.tokens);
  if (!path) return ReportError(path.error(), err);
  TokenStore store(*path);
  if (Status s = store.Revoke(options.token, UtcNow()); !s) return ReportError(s.error(), err);
  out << "revoked\n";
  return 0;
}

int RunTokenList(const TokenCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::string> path = TokensPathFor(options.store, options.tokens);
  if (!path) return ReportError(path.error(), err);
  TokenStore store(*path);
  Result<std::vector<TokenInfo>> list = store.List();
  if (!list) return ReportError(list.error(), err);
  for (const auto& t : *list) {
    out << t.id << "  " << t.role.Name() << "  created " << t.created
        << (t.revoked.empty() ? "" : "  revoked " + t.revoked) << "\n";
  }
  return 0;
}

}  // namespace concord
