// Serving one journal over HTTP until a signal: the server's entry point. The `serve`, `demo`
// and `token` commands (src/cli/server_commands.h) open the journal and call it.
//
//   ServeOptions o;  o.listen = "127.0.0.1:0";
//   Status s = Serve(ledger, tokens, o, std::cout, std::cerr);   // "listening on http://..."
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>

#include "concord/result.h"
#include "server/token_limits.h"

namespace concord {

class Ledger;
class TokenStore;

struct ServeOptions {
  std::string store = "sqlite:concord.db";
  std::string read_store;  // a streaming replica of a PostgreSQL store for journal reads ("": none)
  std::string listen = "127.0.0.1:8080";  // port 0 picks a free port
  std::string key;     // file with the secretariat's signing key (64 hex chars of its seed);
                       // default as for `concord init`: PATH.key beside an sqlite store, else
                       // concord-secretariat.key
  std::string tokens;  // token file; default: TokensPathFor(store)
  int io_threads = 2;
  std::size_t max_body = 1 << 20;
  bool log_requests = true;
  std::string web_root;  // serve the web application from this folder (development); "": embedded
  TokenLimitOptions limits;  // per token: request rate and burst, open live streams
};

// Serves `ledger` until SIGTERM/SIGINT, then finishes what is in flight. Prints "listening on
// http://HOST:PORT" (flushed) once bound, then calls `on_listening` (if set) with that base
// address. kUnavailable if the address is taken, kInvalidArgument if it is malformed.
Status Serve(Ledger& ledger, TokenStore& tokens, const ServeOptions& options, std::ostream& out, std::ostream& err,
             const std::function<void(const std::string& base)>& on_listening = {});

}  // namespace concord
