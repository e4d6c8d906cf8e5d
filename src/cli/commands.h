// The subcommands of `concord` as plain functions: main.cc parses the command line (CLI11 lives
// there only) and calls these. Each returns the process exit code (exit_codes.h) and writes its
// output to the given streams, so tests can call them directly.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace concord {

struct ReplayOptions {
  std::string charter;                 // path; empty: the embedded CSTO charter
  std::vector<std::string> histories;  // paths; "embedded:NAME" or "embedded" for all shipped
  std::string as_of;                   // RFC 3339 or YYYY-MM-DD; empty: everything
  std::string format = "text";         // text | json
};

int RunCheck(const std::string& charter_path, std::ostream& out, std::ostream& err);
int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err);
// Explains a decision (draft id) or a request id.
int RunExplain(const ReplayOptions& options, const std::string& id, std::ostream& out, std::ostream& err);

}  // namespace concord
