// The secretariat's key file: 64 hex characters of an Ed25519 seed and a newline, readable by its
// owner only. One reader and one writer for every command (init, import, key, sign, serve, demo).
//
//   Result<SigningKey> key = ReadKeyFile(KeyPathFor("sqlite:concord.db"));   // concord.db.key
#pragma once

#include <string>

#include "concord/result.h"
#include "journal/crypto.h"

namespace concord {

// Where `concord init` puts the key of a store: beside an SQLite file, else in the working
// directory.
std::string KeyPathFor(const std::string& store_url);

// kUnavailable if the file cannot be read; kInvalidArgument if it holds no key.
Result<SigningKey> ReadKeyFile(const std::string& path);

// Writes the key, mode 0600. kUnavailable if it cannot.
Status WriteKeyFile(const std::string& path, const SigningKey& key);

}  // namespace concord
