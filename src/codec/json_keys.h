// Duplicate keys in a JSON text. A parser keeps one of them silently (Boost.JSON the last), so
// `{"member":"ARM","member":"RUS"}` would be read as RUS with no word said; what people write
// (history lines, request bodies) is checked for them first.
//
//   if (auto dup = FindDuplicateKey(R"({"a":1,"a":2})")) ...   // *dup == "a"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace concord {

// The first key repeated within one object of `json`, at any depth; none for valid JSON without
// repeats (and for invalid JSON, which the caller's parser reports).
std::optional<std::string> FindDuplicateKey(std::string_view json);

}  // namespace concord
