// Test helpers: run the real concord binary, read files, compare against golden files.
#pragma once

#include <string>
#include <vector>

namespace concord::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs CONCORD_BINARY with `args` (no shell), in `cwd` if given; captures stdout and stderr.
RunResult RunConcord(const std::vector<std::string>& args, const std::string& cwd = "");

// Path under the source tree, e.g. Source("charters/csto.toml").
std::string Source(const std::string& relative);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

// Compares `actual` with the golden file tests/golden/<name>. With CONCORD_UPDATE_GOLDEN=1 in
// the environment it rewrites the file instead (review the diff before committing). Returns an
// empty string when equal, else a message for the failure.
std::string CompareGolden(const std::string& name, const std::string& actual);

// A fresh temporary directory, removed by the caller (or left under /tmp for inspection).
std::string TempDir();

}  // namespace concord::test
