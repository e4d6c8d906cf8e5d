// `concord serve` and `concord demo` as plain functions (src/cli/main.cc parses the command line).
//
//   ServeOptions o;  o.store = "sqlite:concord.db";  o.listen = "127.0.0.1:0";
//   return RunServer(o, std::cout, std::cerr);   // prints "listening on http://127.0.0.1:PORT"
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "concord/result.h"

namespace concord {

struct ServeOptions {
  std::string store = "sqlite:concord.db";
  std::string listen = "127.0.0.1:8080";  // port 0 picks a free port
  std::string key;     // file with the secretariat's signing key (64 hex chars of its seed);
                       // default as for `concord init`: PATH.key beside an sqlite store, else
                       // concord-secretariat.key
  std::string tokens;  // token file; default: TokensPathFor(store)
  int io_threads = 2;
  std::size_t max_body = 1 << 20;
  bool log_requests = true;
  std::string web_root;  // serve the web application from this folder (development); "": embedded
};

// Opens the journal, serves the API until SIGTERM/SIGINT, then finishes what is in flight,
// closes the journal and returns 0. Prints "listening on http://HOST:PORT" (flushed) once bound.
// Exit codes (README.md): 1 bad options, 3 a journal that does not check out, 4 the store,
// the key file or the address failed.
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

// `concord demo`: a fresh SQLite journal filled by `populate`, a token for every role (printed
// with the address), then served as RunServer does.
int RunDemo(const DemoOptions& options, std::ostream& out, std::ostream& err);

}  // namespace concord
