#include "cli/key_file.h"

#include <sys/stat.h>

#include <fstream>

#include "cli/load.h"
#include "journal/entry.h"

namespace concord {

std::string KeyPathFor(const std::string& store_url) {
  if (store_url.rfind("sqlite:", 0) == 0) return store_url.substr(7) + ".key";
  return "concord-secretariat.key";
}

Result<SigningKey> ReadKeyFile(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text) return text.error();
  std::string hex = *text;
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  auto key = SigningKey::FromSeedHex(hex);
  if (!key) return Fail(ErrorCode::kInvalidArgument, path + ": not a concord key file (" + key.error().message + ")");
  return key;
}

Status WriteKeyFile(const std::string& path, const SigningKey& key) {
  std::ofstream f(path, std::ios::trunc);
  if (!f) return Fail(ErrorCode::kUnavailable, path + ": cannot write the key file");
  f << HexEncode(key.Seed()) << "\n";
  f.close();
  if (!f) return Fail(ErrorCode::kUnavailable, path + ": cannot write the key file");
  chmod(path.c_str(), 0600);  // a secret: readable by its owner only
  return {};
}

}  // namespace concord
