// Exit codes of the concord command (README.md): the one place errors become exit codes.
#pragma once

#include <ostream>

#include "concord/result.h"

namespace concord {

enum class ExitCode : int {
  kSuccess = 0,
  kInvalidInput = 1,  // a charter, history or request body that is wrong, with its place
  kUsage = 2,         // the command line itself is wrong
  kVerifyFailed = 3,  // a journal that does not check out
  kEnvironment = 4,   // a file, database or network failure
};

inline ExitCode ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kRejected:
    case ErrorCode::kNotFound:
    case ErrorCode::kConflict:
    case ErrorCode::kPermissionDenied:
      return ExitCode::kInvalidInput;
    case ErrorCode::kCorruption:
      return ExitCode::kVerifyFailed;
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
      return ExitCode::kEnvironment;
  }
  return ExitCode::kEnvironment;
}

inline int Exit(ExitCode code) { return static_cast<int>(code); }

// Prints the error's message alone (it names its place) and returns its exit code: the one
// report of the commands that read files and journals.
inline int Report(const Error& e, std::ostream& err) {
  err << e.message << "\n";
  return Exit(ExitCodeFor(e.code));
}

}  // namespace concord
