// Bearer tokens for the API. A token is shown once, when created; the server keeps only its
// SHA-256. Tokens live in a JSON Lines file next to the journal (TokensPathFor): one line per
// act, {"op":"create",...} or {"op":"revoke",...}, appended and fsynced, so `concord token`
// can create and revoke tokens while a server runs (the server re-reads the file when it changes).
//
//   TokenStore tokens(*TokensPathFor("sqlite:concord.db", ""));   // concord.db.tokens
//   Result<std::string> token = tokens.Create(*ParseRole("delegation:ARM"), now);
//   Result<Role> role = tokens.Authenticate(*token);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "concord/result.h"
#include "server/roles.h"

namespace concord {

// Where the tokens of a store live: `explicit_path` if given; for "sqlite:PATH" the file
// "PATH.tokens"; for any other store an explicit path is required (kInvalidArgument).
Result<std::string> TokensPathFor(const std::string& store_url, const std::string& explicit_path);

struct TokenInfo {
  std::string id;      // first 12 hex chars of the token's SHA-256: names a token without revealing it
  std::string sha256;  // hex
  Role role;
  std::string created;
  std::string revoked;  // when revoked, else empty
};

class TokenStore {
 public:
  // `path` empty: tokens live in memory only (tests).
  explicit TokenStore(std::string path);

  // Creates a token for `role` at time `at` (RFC 3339) and returns it: "cnc_" + 64 hex chars.
  Result<std::string> Create(const Role& role, const std::string& at);
  // Revokes a token given as itself or by its id. kNotFound if none matches.
  Status Revoke(std::string_view token_or_id, const std::string& at);
  // The role of a live token. kNotFound for an unknown or revoked token; kUnavailable if the
  // file cannot be read.
  Result<Role> Authenticate(std::string_view token);
  // As Authenticate, with the token's id (for limits and for closing its streams at revocation).
  Result<TokenInfo> Find(std::string_view token);
  // Whether the token with this id is live (known and not revoked), as the file now says.
  bool IsLive(const std::string& id);
  // Changes whenever the tokens may have changed (the file rewritten, a token created or revoked):
  // a server re-checks its open streams when it moves.
  std::uint64_t Generation();
  Result<std::vector<TokenInfo>> List();

  const std::string& path() const { return path_; }

 private:
  Status Reload();           // under mu_
  Status Write(const std::string& line);  // under mu_

  std::mutex mu_;
  std::string path_;
  std::map<std::string, TokenInfo> by_hash_;
  std::int64_t mtime_ns_ = -1, size_ = -1, inode_ = -1;
  std::uint64_t generation_ = 0;
};

// A token's public id: the first characters of its SHA-256 (what `token list` shows).
std::string TokenId(std::string_view token);

// The current time as RFC 3339 in UTC with seconds ("2025-01-02T03:04:05Z"): the server stamps
// the events it records with it (the server is outside the pure core).
std::string UtcNow();

}  // namespace concord
