// Finding the web application's files (assets.h).
#include <fstream>
#include <sstream>

#include "server/assets.h"

namespace concord {
namespace {

constexpr std::string_view kAssetsPrefix = "/assets/";

std::string_view ContentTypeOf(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

// A relative path that stays inside its root: no "..", no empty or hidden segments.
bool SafeRelative(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t i = 0;
  while (i <= path.size()) {
    const std::size_t j = std::min(path.find('/', i), path.size());
    const std::string_view seg = path.substr(i, j - i);
    if (seg.empty() || seg.front() == '.') return false;
    i = j + 1;
  }
  return true;
}

}  // namespace

std::optional<FoundAsset> FindWebAsset(std::string_view url, const std::string& web_root) {
  const WebAsset* embedded = nullptr;
  for (const WebAsset& a : EmbeddedWebAssets()) {
    if (a.url == url) embedded = &a;
  }
  if (web_root.empty()) {
    if (!embedded) return std::nullopt;
    return FoundAsset{std::string(embedded->content_type), std::string(embedded->bytes)};
  }
  std::string path;
  if (embedded) {
    path = std::string(embedded->path);
  } else if (url.substr(0, kAssetsPrefix.size()) == kAssetsPrefix && SafeRelative(url.substr(kAssetsPrefix.size()))) {
    path = "app/" + std::string(url.substr(kAssetsPrefix.size()));
  } else {
    return std::nullopt;
  }
  std::ifstream in(web_root + "/" + path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return FoundAsset{std::string(ContentTypeOf(path)), text.str()};
}

}  // namespace concord
