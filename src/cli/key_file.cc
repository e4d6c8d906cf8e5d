#include "cli/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/load.h"
#include "journal/entry.h"

namespace concord {
namespace {

std::string ModeText(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03o", static_cast<unsigned>(mode & 0777));
  return buf;
}

}  // namespace

std::string KeyPathFor(const std::string& store_url) {
  if (store_url.rfind("sqlite:", 0) == 0) return store_url.substr(7) + ".key";
  return "concord-secretariat.key";
}

Result<SigningKey> ReadKeyFile(const std::string& path) {
  // A secret others can read is a secret no longer: refuse it rather than sign with it.
  struct stat st {};
  if (path.rfind("embedded:", 0) != 0 && ::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return Fail(ErrorCode::kPermissionDenied,
                path + ": the key file is readable by others (mode " + ModeText(st.st_mode) +
                    "); make it private with: chmod 600 " + path);
  }
  auto text = ReadTextFile(path);
  if (!text) return text.error();
  std::string hex = *text;
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  auto key = SigningKey::FromSeedHex(hex);
  if (!key) return Fail(ErrorCode::kInvalidArgument, path + ": not a concord key file (" + key.error().message + ")");
  return key;
}

Status WriteKeyFile(const std::string& path, const SigningKey& key) {
  // Created 0600 from the start (never readable by others, not even for a moment); an existing
  // file is refused rather than overwritten.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Fail(ErrorCode::kUnavailable, path + ": cannot create the key file (" + std::strerror(errno) + ")");
  }
  const std::string text = HexEncode(key.Seed()) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Fail(ErrorCode::kUnavailable, path + ": cannot write the key file");
  return {};
}

}  // namespace concord
