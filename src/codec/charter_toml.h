// Charter files in TOML (docs/charter-format.md) -> concord::Charter.
//
// The loader validates as it reads and reports every problem it finds, each with the line and
// column of the offending key or value, so that `concord check` can print them all at once:
//
//   CharterParse p = ParseCharter(text, "charters/csto.toml");
//   for (const Diagnostic& d : p.errors) std::cerr << FormatDiagnostic(d) << "\n";
//   if (p.charter) Use(*p.charter);
//
// toml++ stays inside charter_toml.cc: this header is safe to include from any module.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/charter.h"
#include "concord/result.h"
#include "concord/state.h"

namespace concord {

// One problem in a charter file. `line` and `column` are 1-based.
struct Diagnostic {
  std::string path;
  int line = 0;
  int column = 0;
  std::string message;
};

// "PATH:LINE:COL: error: MESSAGE"
std::string FormatDiagnostic(const Diagnostic& d);

// The charter, present only when `errors` is empty. `errors` holds every problem found (not only
// the first), sorted by line then column.
struct CharterParse {
  std::optional<Charter> charter;
  std::vector<Diagnostic> errors;
};

// The largest charter text accepted (the CSTO's is about 10 KiB): a bound on what a charter file,
// or a charter carried in a journal entry, may make the parser hold.
inline constexpr std::size_t kMaxCharterBytes = std::size_t{1} << 20;

// Parses and validates a charter. `path` is only used to label diagnostics.
CharterParse ParseCharter(std::string_view toml_text, std::string_view path);

// Parses a charter into a value the engine shares between its versions. kInvalidArgument with
// every diagnostic formatted one per line (no trailing newline).
Result<std::shared_ptr<const Charter>> ParseCharterText(std::string_view toml_text, std::string_view path);

// The parser the engine takes for charter.amended (concord/state.h): ParseCharterText.
CharterParser CharterTomlParser();

// Reads and parses a charter file. kUnavailable if the file cannot be read; kInvalidArgument if it
// is invalid, with every diagnostic formatted one per line (no trailing newline).
Result<Charter> LoadCharterFile(const std::string& path);

}  // namespace concord
