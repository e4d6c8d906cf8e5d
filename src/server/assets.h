// Files compiled into the server (generated from docs/openapi.json and web/ by
// src/server/CMakeLists.txt), so that `concord serve` works from any directory.
//
//   auto asset = FindWebAsset("/assets/main.js", "");        // the embedded copy
//   auto dev = FindWebAsset("/assets/main.js", "web");       // read from web/app/main.js now
//   if (asset) Send(asset->content_type, asset->bytes);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

std::string_view OpenApiJson();  // docs/openapi.json

// One file of the web application: "/" is web/index.html, "/assets/X" is web/app/X, and
// "/assets/vendor/..." are the npm modules it imports.
struct WebAsset {
  std::string_view url;
  std::string_view path;  // relative to web/
  std::string_view content_type;
  std::string_view bytes;
};
const std::vector<WebAsset>& EmbeddedWebAssets();

struct FoundAsset {
  std::string content_type;
  std::string bytes;
};

// The asset at `url`. With a `web_root` (development: `--web-root web`), the file is read from
// that folder on every request, so edits show without a rebuild; a URL under /assets/ that was
// not embedded maps to web_root/app/. nullopt if there is no such asset (or it escapes the root).
std::optional<FoundAsset> FindWebAsset(std::string_view url, const std::string& web_root);

}  // namespace concord
