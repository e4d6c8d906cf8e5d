// Loopback benchmark of the web application's API calls on a large record: every list's first
// page, one session and one decision, the charter, the accession matrix, as of now and as of an
// earlier date, on a generated record of 100,000 decisions. 127.0.0.1 only; bounded.
//
//   concord_views_load [--decisions N] [--repeat R] [--concord PATH]
//
// The record is built in-process (events run through the engine, signed and chained exactly as
// the ledger does) and restored with `concord import`, because appending 300,000 entries one by
// one through the ledger costs time that grows with the record. Then a real `concord serve`
// answers; the server's own duration of each request is read from its request log (matched by
// X-Request-Id), next to the latency the client saw, and /healthz in the same run as baseline.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/load.h"
#include "codec/charter_toml.h"
#include "codec/event_json.h"
#include "concord/state.h"
#include "journal/crypto.h"
#include "journal/entry.h"
#include "support/dates.h"
#include "support/http_load.h"

namespace {

using concord::bench::At;
using concord::bench::Die;
using concord::bench::LastLine;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

std::string g_concord = CONCORD_BINARY_PATH;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "2000-01-01T00:00:00+03:00" plus `seconds`.

// Builds the journal: entry 1 from `concord init`, then the generated events, each run through
// the engine (so decision.recorded follows every put_to_decision, as the ledger appends it).
class Generator {
 public:
  Generator(const std::string& first_line, const concord::SigningKey& key) : key_(key) {
    lines_.push_back(first_line);
    auto e = concord::ParseEntryLine(first_line);
    if (!e) Die("entry 1: " + e.error().message);
    head_ = {e->seq, e->hash};
    json::object created = json::parse(e->event_json).as_object();
    auto charter = concord::CharterTomlParser()(std::string(created.at("charter").as_string()));
    if (!charter) Die("charter: " + charter.error().message);
    engine_.emplace(*charter, concord::CharterTomlParser());
  }

  void Add(json::object event) {
    event["at"] = At(clock_++);
    event["by"] = "secretariat";
    Append(event);
    if (engine_->derived()) Append(json::parse(concord::EncodeEvent(*engine_->derived())).as_object());
  }

  const std::vector<std::string>& lines() const { return lines_; }

 private:
  void Append(const json::object& event) {
    auto decoded = concord::DecodeEvent(json::serialize(event));
    if (!decoded) Die("event " + json::serialize(event) + ": " + decoded.error().message);
    if (auto st = engine_->Apply(*decoded); !st) Die("engine refused " + json::serialize(event) + ": " + st.error().message);
    auto signed_event = concord::SignEvent(event, key_);
    if (!signed_event) Die(signed_event.error().message);
    concord::Entry entry = concord::ChainEntry(head_.seq + 1, head_.hash, *signed_event);
    head_ = {entry.seq, entry.hash};
    lines_.push_back(std::move(entry.line));
  }

  const concord::SigningKey& key_;
  std::optional<concord::Replayer> engine_;
  concord::JournalHead head_;
  std::vector<std::string> lines_;
  long clock_ = 0;
};

struct Timing {
  double client_ms = 0, server_ms = 0;
  std::size_t bytes = 0;
  int status = 0;
};

int g_port = 0;
std::string g_token;
int g_request = 0;

Timing Get(const std::string& target, const std::string& log_path) {
  const std::string id = "bench-" + std::to_string(++g_request);
  const int fd = concord::test::ConnectLoopback(g_port);
  if (fd < 0) Die("cannot connect");
  const std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + g_token +
                          "\r\nX-Request-Id: " + id + "\r\nConnection: close\r\n\r\n";
  const auto start = Clock::now();
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) Die("send");
  std::string resp;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) resp.append(buf, static_cast<std::size_t>(n));
  const auto end = Clock::now();
  ::close(fd);
  Timing t;
  t.client_ms = std::chrono::duration<double, std::milli>(end - start).count();
  t.status = resp.size() > 12 ? std::atoi(resp.c_str() + 9) : 0;
  const std::size_t body = resp.find("\r\n\r\n");
  t.bytes = body == std::string::npos ? 0 : resp.size() - body - 4;
  // The server logs the request after answering: wait for its line.
  for (int tries = 0; tries < 200; ++tries) {
    const std::string log = ReadFile(log_path);
    const std::size_t at = log.rfind("\"request_id\":\"" + id + "\"");
    if (at != std::string::npos) {
      const std::size_t line_start = log.rfind('\n', at) + 1;
      const std::size_t line_end = log.find('\n', at);
      json::object o = json::parse(log.substr(line_start, line_end - line_start)).as_object();
      t.server_ms = o.at("duration_ms").to_number<double>();
      return t;
    }
    usleep(2000);
  }
  Die("no log line for " + target);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  long decisions = 100000;
  int repeat = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--decisions") decisions = std::atol(argv[i + 1]);
    else if (a == "--repeat") repeat = std::atoi(argv[i + 1]);
    else if (a == "--concord") g_concord = argv[i + 1];
    else Die("unknown option " + a);
  }
  if (decisions < 100 || decisions > 1000000 || repeat < 1 || repeat > 1000) Die("--decisions 100..1000000, --repeat 1..1000");
  char tmpl[] = "/tmp/concord-views-XXXXXX";
  if (!mkdtemp(tmpl)) Die("mkdtemp");
  const std::string dir = tmpl, store = "sqlite:" + dir + "/views.db";

  // 1. The record: sessions of the Permanent Council with 100 decisions each. In every other
  //    session Armenia is absent, so its decisions wait for its accession (the matrix has
  //    pending cells), and the last session's drafts stay under discussion.
  const auto t0 = Clock::now();
  concord::bench::RunCommand(g_concord + " init --store " + store + " >/dev/null");
  concord::bench::RunCommand(g_concord + " export --store " + store + " --out " + dir + "/seed.jsonl >/dev/null");
  auto key = concord::SigningKey::FromSeedHex(LastLine(ReadFile(dir + "/views.db.key")));
  if (!key) Die("key: " + key.error().message);
  Generator gen(LastLine(ReadFile(dir + "/seed.jsonl")), *key);
  const char* members[] = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"};
  constexpr long kPerSession = 100;
  long made = 0;
  for (long s = 0; made < decisions; ++s) {
    const std::string sid = "pc-" + std::to_string(s);
    gen.Add({{"type", "session.convened"}, {"session", sid}, {"body", "PC"}, {"kind", "regular"},
             {"host", "RUS"}, {"place", "Moscow"}, {"format", "in_person"}});
    for (const char* m : members) {
      const bool away = s % 2 == 1 && std::string(m) == "ARM";
      gen.Add({{"type", away ? "attendance.absent" : "attendance.present"}, {"session", sid}, {"member", m}});
    }
    const bool last = made + kPerSession >= decisions;
    for (long i = 0; i < kPerSession && made < decisions; ++i, ++made) {
      const std::string did = "d-" + std::to_string(made);
      gen.Add({{"type", "draft.tabled"}, {"session", sid}, {"draft", did}, {"title", "Decision " + std::to_string(made)},
               {"kind", "decision"}, {"matter", "substantive"}});
      gen.Add({{"type", "position.taken"}, {"draft", did}, {"member", "RUS"}, {"position", "support"}});
      if (!last) gen.Add({{"type", "draft.put_to_decision"}, {"draft", did}});
    }
    if (!last) gen.Add({{"type", "session.closed"}, {"session", sid}});
  }
  {
    std::ofstream out(dir + "/export.jsonl");
    for (const auto& l : gen.lines()) out << l << "\n";
  }
  const double gen_s = std::chrono::duration<double>(Clock::now() - t0).count();
  concord::bench::RunCommand("rm -f " + dir + "/views.db " + dir + "/views.db-wal " + dir + "/views.db-shm");
  const auto t1 = Clock::now();
  concord::bench::RunCommand(g_concord + " import --store " + store + " " + dir + "/export.jsonl >/dev/null");
  const double import_s = std::chrono::duration<double>(Clock::now() - t1).count();
  g_token = LastLine(concord::bench::RunCommand(g_concord + " token create --store " + store + " --role observer"));
  std::printf("record: %ld decisions, %zu journal entries; generated in %.1f s, restored (verified) in %.1f s\n",
              decisions, gen.lines().size(), gen_s, import_s);

  // 2. The server, its request log in a file.
  const std::string log = dir + "/server.log";
  int out_pipe[2];
  if (pipe(out_pipe) != 0) Die("pipe");
  const auto t2 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    execl(g_concord.c_str(), g_concord.c_str(), "serve", "--store", store.c_str(), "--listen", "127.0.0.1:0",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  ::close(out_pipe[1]);
  std::string banner;
  char c;
  while (banner.find('\n') == std::string::npos && ::read(out_pipe[0], &c, 1) == 1) banner += c;
  const std::size_t colon = banner.rfind(':');
  if (banner.rfind("listening on", 0) != 0 || colon == std::string::npos) Die("server did not start: " + banner);
  g_port = std::atoi(banner.c_str() + colon + 1);
  std::printf("server: opened the journal (replayed every entry) in %.1f s\n",
              std::chrono::duration<double>(Clock::now() - t2).count());

  // 3. Each call the views make: once cold (the first after start, or after the as_of changes),
  //    then `repeat` times warm, each with a distinct target so that no rendered answer is reused.
  const std::string mid = "d-" + std::to_string(decisions / 2), sid = "pc-" + std::to_string(decisions / 200);
  const std::vector<std::string> calls = {
      "/healthz", "/api/v0/members", "/api/v0/bodies", "/api/v0/posts", "/api/v0/charter", "/api/v0/whoami",
      "/api/v0/sessions", "/api/v0/sessions?order=desc", "/api/v0/sessions/" + sid, "/api/v0/drafts",
      "/api/v0/decisions", "/api/v0/decisions?order=desc", "/api/v0/decisions?status=pending_accession",
      "/api/v0/decisions/" + mid, "/api/v0/requests", "/api/v0/accessions", "/api/v0/accessions?member=ARM",
      "/api/v0/decisions?as_of=2000-01-02", "/api/v0/accessions?as_of=2000-01-02"};
  std::printf("\n%-44s %8s %10s %10s %10s %9s\n", "call (first page, limit 100)", "status", "cold ms", "p50 ms",
              "max ms", "bytes");
  double healthz = 0;
  for (const auto& call : calls) {
    const Timing cold = Get(call, log);
    std::vector<double> server;
    std::size_t bytes = cold.bytes;
    for (int i = 0; i < repeat; ++i) {
      const Timing t = Get(call + (call.find('?') == std::string::npos ? "?" : "&") + "bench=" + std::to_string(i), log);
      if (t.status != 200) Die(call + " answered " + std::to_string(t.status));
      server.push_back(t.server_ms);
    }
    const double p50 = Median(server);
    if (call == "/healthz") healthz = p50;
    std::printf("%-44s %8d %10.2f %10.2f %10.2f %9zu\n", call.c_str(), cold.status, cold.server_ms, p50,
                *std::max_element(server.begin(), server.end()), bytes);
  }
  std::printf("\nserver-side durations from the request log; baseline /healthz p50 %.3f ms in the same run\n", healthz);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  concord::bench::RunCommand("rm -rf " + dir);
  return 0;
}
