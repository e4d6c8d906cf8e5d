// Shared by server.cc and demo.cc.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "concord/result.h"
#include "journal/crypto.h"
#include "server/server.h"

namespace concord {

class Ledger;
class TokenStore;

Result<SigningKey> ReadKeyFile(const std::string& path);
int ReportError(const Error& e, std::ostream& err);
// Serves `ledger` until a signal; prints the "listening on" line once bound, then calls
// `on_listening` (if set) with the base address, e.g. "http://127.0.0.1:8080".
int Serve(Ledger& ledger, TokenStore& tokens, const ServeOptions& options, std::ostream& out, std::ostream& err,
          const std::function<void(const std::string& base)>& on_listening = {});

}  // namespace concord
