#include "support/run.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace concord::test {


std::string Source(const std::string& relative) { return std::string(CONCORD_SOURCE_DIR) + "/" + relative; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string CompareGolden(const std::string& name, const std::string& actual) {
  const std::string path = Source("tests/golden/" + name);
  const char* update = std::getenv("CONCORD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    WriteFile(path, actual);
    return "";
  }
  std::ifstream probe(path);
  if (!probe) return "golden file " + path + " is missing (run with CONCORD_UPDATE_GOLDEN=1 to create it)";
  const std::string expected = ReadFile(path);
  if (expected == actual) return "";
  // Report the first differing line to make the failure readable.
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 0;
  while (true) {
    ++line;
    const bool he = static_cast<bool>(std::getline(e, el));
    const bool ha = static_cast<bool>(std::getline(a, al));
    if (!he && !ha) break;
    if (el != al || he != ha) {
      return "differs from " + path + " at line " + std::to_string(line) + ":\n  expected: " + (he ? el : "<end>") +
             "\n  actual:   " + (ha ? al : "<end>");
    }
  }
  return "differs from " + path;
}

std::string TempDir() {
  char dir[] = "/tmp/concord-test.XXXXXX";
  if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
  return dir;
}

}  // namespace concord::test
