// Bearer tokens (tokens.h).
#include "server/tokens.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <ostream>
#include <sstream>

#include "journal/crypto.h"

namespace concord {
namespace json = boost::json;
namespace {

constexpr std::string_view kTokenPrefix = "cnc_";
constexpr std::size_t kIdChars = 12;

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

std::string UtcNow() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::string> TokensPathFor(const std::string& store_url, const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  constexpr std::string_view kSqlite = "sqlite:";
  if (store_url.rfind(kSqlite, 0) == 0 && store_url.size() > kSqlite.size()) {
    return store_url.substr(kSqlite.size()) + ".tokens";
  }
  return Fail(ErrorCode::kInvalidArgument,
              "store '" + store_url + "' keeps no token file: give one with --tokens FILE");
}

TokenStore::TokenStore(std::string path) : path_(std::move(path)) {}

Status TokenStore::Reload() {
  if (path_.empty()) return {};
  struct stat st{};
  if (::stat(path_.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      if (!by_hash_.empty()) ++generation_;
      by_hash_.clear();
      mtime_ns_ = size_ = inode_ = 0;
      return {};
    }
    return Fail(ErrorCode::kUnavailable, Errno("cannot read " + path_));
  }
  const std::int64_t mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  if (mtime == mtime_ns_ && st.st_size == size_ && static_cast<std::int64_t>(st.st_ino) == inode_) return {};
  std::ifstream in(path_);
  if (!in) return Fail(ErrorCode::kUnavailable, Errno("cannot read " + path_));
  std::map<std::string, TokenInfo> tokens;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) {
      return Fail(ErrorCode::kUnavailable, path_ + ":" + std::to_string(n) + ": not a JSON object");
    }
    const auto& o = v.as_object();
    auto str = [&](std::string_view k) -> std::string {
      const json::value* x = o.if_contains(k);
      return x && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    const std::string op = str("op");
    if (op == "create") {
      Result<Role> role = ParseRole(str("role"));
      if (!role) return Fail(ErrorCode::kUnavailable, path_ + ":" + std::to_string(n) + ": " + role.error().message);
      TokenInfo info{str("id"), str("sha256"), *role, str("at"), ""};
      tokens[info.sha256] = std::move(info);
    } else if (op == "revoke") {
      const std::string id = str("id");
      for (auto& [h, info] : tokens) {
        if (info.id == id) info.revoked = str("at");
      }
    }
  }
  by_hash_ = std::move(tokens);
  ++generation_;
  mtime_ns_ = mtime;
  size_ = st.st_size;
  inode_ = static_cast<std::int64_t>(st.st_ino);
  return {};
}

Status TokenStore::Write(const std::string& line) {
  if (path_.empty()) return {};
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrorCode::kUnavailable, Errno("cannot write " + path_));
  const std::string text = line + "\n";
  const ssize_t w = ::write(fd, text.data(), text.size());
  const bool ok = w == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  const std::string why = ok ? "" : Errno("cannot write " + path_);
  ::close(fd);
  if (!ok) return Fail(ErrorCode::kUnavailable, why);
  return {};
}

Result<std::string> TokenStore::Create(const Role& role, const std::string& at) {
  unsigned char raw[32];
  if (getrandom(raw, sizeof raw, 0) != static_cast<ssize_t>(sizeof raw)) {
    return Fail(ErrorCode::kUnavailable, Errno("no randomness"));
  }
  const std::string token =
      std::string(kTokenPrefix) + HexEncode(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
  const std::string hash = Sha256Hex(token);
  TokenInfo info{hash.substr(0, kIdChars), hash, role, at, ""};
  json::object o{{"op", "create"}, {"id", info.id}, {"sha256", hash}, {"role", role.Name()}, {"at", at}};
  std::lock_guard lock(mu_);
  if (Status s = Reload(); !s) return s.error();
  if (Status s = Write(json::serialize(o)); !s) return s.error();
  by_hash_[hash] = std::move(info);
  ++generation_;
  return token;
}

Status TokenStore::Revoke(std::string_view token_or_id, const std::string& at) {
  std::lock_guard lock(mu_);
  if (Status s = Reload(); !s) return s;
  const std::string hash = Sha256Hex(token_or_id);
  TokenInfo* found = nullptr;
  for (auto& [h, info] : by_hash_) {
    if (h == hash || (token_or_id.size() == kIdChars && info.id == token_or_id)) found = &info;
  }
  if (!found) return Fail(ErrorCode::kNotFound, "no token '" + std::string(token_or_id) + "'");
  if (!found->revoked.empty()) return {};
  json::object o{{"op", "revoke"}, {"id", found->id}, {"at", at}};
  if (Status s = Write(json::serialize(o)); !s) return s;
  found->revoked = at;
  ++generation_;
  return {};
}

Result<Role> TokenStore::Authenticate(std::string_view token) {
  Result<TokenInfo> info = Find(token);
  if (!info) return info.error();
  return info->role;
}

Result<TokenInfo> TokenStore::Find(std::string_view token) {
  const std::string hash = Sha256Hex(token);
  std::lock_guard lock(mu_);
  if (Status s = Reload(); !s) return s.error();
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end() || !it->second.revoked.empty()) {
    return Fail(ErrorCode::kNotFound, it == by_hash_.end() ? "unknown token" : "revoked token");
  }
  return it->second;
}

bool TokenStore::IsLive(const std::string& id) {
  std::lock_guard lock(mu_);
  if (!Reload()) return false;
  // An id is the start of its token's hash, the map's key.
  auto it = by_hash_.lower_bound(id);
  return it != by_hash_.end() && it->second.id == id && it->second.revoked.empty();
}

std::uint64_t TokenStore::Generation() {
  std::lock_guard lock(mu_);
  (void)Reload();  // an unreadable file changes nothing here; requests report it
  return generation_;
}

Result<std::vector<TokenInfo>> TokenStore::List() {
  std::lock_guard lock(mu_);
  if (Status s = Reload(); !s) return s.error();
  std::vector<TokenInfo> out;
  for (const auto& [h, info] : by_hash_) out.push_back(info);
  return out;
}

std::string TokenId(std::string_view token) { return Sha256Hex(token).substr(0, kIdChars); }

}  // namespace concord
