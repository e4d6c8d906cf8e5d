// Files compiled into the server (generated from docs/openapi.json and web/ by
// src/server/CMakeLists.txt), so that `concord serve` works from any directory.
#pragma once

#include <string_view>

namespace concord {

std::string_view OpenApiJson();  // docs/openapi.json
std::string_view IndexHtml();    // web/index.html

}  // namespace concord
