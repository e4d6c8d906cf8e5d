// The commands that run or equip the server: `concord serve`, `concord demo`, `concord token`.
// They open the journal, read the key and token files, call Serve (server/server.h) and turn
// errors into exit codes; src/cli/main.cc parses their options.
//
//   ServeOptions o;  o.store = "sqlite:concord.db";  o.listen = "127.0.0.1:0";
//   return RunServer(o, std::cout, std::cerr);   // prints "listening on http://127.0.0.1:PORT"
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "concord/result.h"
#include "journal/crypto.h"
#include "server/server.h"

namespace concord {

// Opens the journal, serves the API until SIGTERM/SIGINT, then finishes what is in flight,
// closes the journal and returns 0. Exit codes (README.md): 1 bad options, 3 a journal that
// does not check out, 4 the store, the key file or the address failed.
int RunServer(const ServeOptions& options, std::ostream& out, std::ostream& err);

struct DemoOptions {
  std::string listen = "127.0.0.1:8080";
  std::string dir;  // where the journal goes; empty: a fresh temporary directory
  // Creates the journal in `store` ("sqlite:DIR/concord.db") with its key file beside it
  // (DIR/concord.db.key) and imports the record; returns an exit code. main.cc passes
  // `concord init` followed by `concord import embedded`.
  std::function<int(const std::string& store, std::ostream& out, std::ostream& err)> populate;
  bool log_requests = true;
  std::string web_root;  // as ServeOptions::web_root
};

// `concord demo`: a fresh SQLite journal filled by `populate`, a token and a sign-in link for
// every role (printed with the address), then served as RunServer does.
int RunDemo(const DemoOptions& options, std::ostream& out, std::ostream& err);

// The `concord token` subcommands (main.cc wires them); exit codes as in README.md.
struct TokenCommandOptions {
  std::string store = "sqlite:concord.db";
  std::string tokens;  // --tokens FILE: overrides the file next to the store
  std::string role;    // create
  std::string token;   // revoke: the token or its id
};
// Prints the role and id, then the token alone on the last line.
int RunTokenCreate(const TokenCommandOptions& options, std::ostream& out, std::ostream& err);
int RunTokenRevoke(const TokenCommandOptions& options, std::ostream& out, std::ostream& err);
// One line per token: id, role, created, revoked.
int RunTokenList(const TokenCommandOptions& options, std::ostream& out, std::ostream& err);

// Prints "error: MESSAGE" and returns the exit code for the error.
int ReportError(const Error& e, std::ostream& err);

}  // namespace concord
