#include "support/run.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace concord::test {
namespace {

std::string Slurp(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  return s;
}

}  // namespace

RunResult RunConcord(const std::vector<std::string>& args, const std::string& cwd) {
  // stdout and stderr go to temporary files so that a large output cannot fill a pipe.
  char out_path[] = "/tmp/concord-test-out.XXXXXX";
  char err_path[] = "/tmp/concord-test-err.XXXXXX";
  const int out_fd = mkstemp(out_path);
  const int err_fd = mkstemp(err_path);
  const pid_t pid = fork();
  if (pid == 0) {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    std::vector<char*> argv;
    std::string bin = CONCORD_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  lseek(out_fd, 0, SEEK_SET);
  lseek(err_fd, 0, SEEK_SET);
  r.out = Slurp(out_fd);
  r.err = Slurp(err_fd);
  close(out_fd);
  close(err_fd);
  unlink(out_path);
  unlink(err_path);
  return r;
}

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
