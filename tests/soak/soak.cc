// The soak test: clients of every role send valid and invalid commands to a real `concord serve`
// over a PostgreSQL cluster of its own, while the server is killed (SIGKILL) and restarted and
// PostgreSQL is stopped and started, at random. At the end, on the journal as stored:
//   - every acknowledged write is there, at the seq and with the hash it was answered with, and
//     no write appears twice (clients never retry, so a twin could only come from the server);
//   - every draft.put_to_decision has its decision.recorded right after it;
//   - `concord verify` passes;
//   - no request got a 5xx other than 503, and a 503 only while the database was away (or within
//     a few seconds of its return);
//   - a live stream, resumed with Last-Event-ID after each restart, saw every entry in order.
// With CONCORD_SOAK_SERVERS=N (default 1) N servers share the database: clients spread their
// requests over them, one stream follows each, and the one killed is picked at random; every
// server must then deliver every entry, whoever wrote it.
// With CONCORD_SOAK_REPLICA=1 a streaming replica of the database serves the servers' journal
// reads (--read-store), and `concord verify` must pass on it too once it has caught up.
// It prints its counts. Bounded: CONCORD_SOAK_SECONDS (default 60) of load, loopback only.
//
//   concord_soak PG_SCRIPT        (PG_SCRIPT: scripts/pg.sh; exit 0 when every check holds)
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "server/harness.h"

namespace concord::test {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

const std::vector<std::string> kMembers = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"};

std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// An acknowledged write: what the client was told, and what it wrote.
struct Ack {
  std::int64_t seq = 0;
  std::string hash;
  std::string identity;  // "draft.tabled d7", "position.taken d7 ARM", ...
  std::int64_t recorded_seq = 0;
};

class Soak {
 public:
  Soak(std::string pg_script, int seconds, int servers, bool replica)
      : pg_script_(std::move(pg_script)), seconds_(seconds), servers_(static_cast<std::size_t>(servers)),
        ports_(static_cast<std::size_t>(servers)), stream_last_(static_cast<std::size_t>(servers), 0) {
    replica_ = replica;
  }

  int Run() {
    dir_ = TempDir();
    // A folder of its own under /tmp: the cluster runs as the postgres user, who cannot enter dir_.
    char pg_template[] = "/tmp/concord-soak-pg.XXXXXX";
    if (::mkdtemp(pg_template) == nullptr) return Fail("mkdtemp failed");
    pg_dir_ = pg_template;
    url_ = Shell(pg_script_ + " start " + pg_dir_);
    if (url_.rfind("postgresql:", 0) != 0) return Fail("PostgreSQL did not start: " + url_);
    if (replica_) {
      char replica_template[] = "/tmp/concord-soak-replica.XXXXXX";
      if (::mkdtemp(replica_template) == nullptr) return Fail("mkdtemp failed");
      replica_dir_ = replica_template;
    }
    key_ = dir_ + "/secretariat.key";
    tokens_ = dir_ + "/tokens";
    RunResult init = RunConcord({"init", "--store", url_, "--key", key_});
    if (init.exit_code != 0) return Fail("init: " + init.err);
    if (replica_) {
      replica_url_ = Shell(pg_script_ + " replica " + replica_dir_ + " " + pg_dir_);
      if (replica_url_.rfind("postgresql:", 0) != 0) return Fail("the replica did not start: " + replica_url_);
    }
    sec_ = Token("secretariat");
    for (const auto& m : kMembers) delegations_[m] = Token("delegation:" + m);
    obs_ = Token("observer");
    aud_ = Token("auditor");
    for (std::size_t i = 0; i < servers_.size(); ++i) {
      if (!StartServer(i)) return Fail("server " + std::to_string(i) + " did not start");
    }
    if (!Setup()) return Fail("setting up the session failed");

    const auto until = Clock::now() + std::chrono::seconds(seconds_);
    std::vector<std::thread> clients;
    clients.emplace_back([&] { Secretariat(until); });
    for (const auto& m : kMembers) clients.emplace_back([&, m] { Delegation(m, until); });
    clients.emplace_back([&] { Observer(until); });
    clients.emplace_back([&] { Auditor(until); });
    for (std::size_t i = 0; i < servers_.size(); ++i) clients.emplace_back([&, i] { Stream(i, until); });
    Chaos(until);
    for (auto& t : clients) t.join();

    // The end: the database up, a server on it, and the journal as stored.
    if (Shell(pg_script_ + " start " + pg_dir_) != url_) return Fail("PostgreSQL did not come back");
    for (std::size_t i = 0; i < servers_.size(); ++i) {
      if (!StartServer(i)) return Fail("server " + std::to_string(i) + " did not start at the end");
    }
    return Check();
  }

 private:
  std::string Token(const std::string& role) {
    RunResult r = RunConcord({"token", "create", "--store", url_, "--tokens", tokens_, "--role", role});
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  }

  bool StartServer(std::size_t i) {
    std::lock_guard lock(server_mu_);
    servers_[i].reset();
    ports_[i] = 0;
    for (int attempt = 0; attempt < 30; ++attempt) {
      std::vector<std::string> flags = {"--key", key_, "--tokens", tokens_, "--no-log", "--rate-limit", "0"};
      if (!replica_url_.empty()) flags.insert(flags.end(), {"--read-store", replica_url_});
      auto s = std::make_unique<ServerProcess>(url_, flags);
      if (s->port() > 0) {
        ports_[i] = s->port();
        servers_[i] = std::move(s);
        ++starts_;
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the database may be away
    }
    return false;
  }

  Reply Send(const std::string& token, const std::string& method, const std::string& target, const std::string& body) {
    // Round robin over the servers that are up.
    const std::size_t n = ports_.size();
    const std::size_t first = next_server_++ % n;
    for (std::size_t k = 0; k < n; ++k) {
      const int port = ports_[(first + k) % n].load();
      if (port != 0) return Http(port, method, target, body, Bearer(token));
    }
    return Reply{};
  }

  // A request whose outcome the checks judge: `valid` says whether the client meant it to pass.
  Reply Call(bool valid, const std::string& token, const std::string& method, const std::string& target,
             const std::string& body = "") {
    const auto sent = Clock::now();
    Reply r = Send(token, method, target, body);
    const auto answered = Clock::now();
    std::lock_guard lock(mu_);
    ++requests_;
    if (r.status == 0) {
      ++no_answer_;
    } else if (r.status >= 500) {
      // While the database is away a server cannot tell a valid write from an invalid one (on
      // a shared database another server may have made it valid): 503 for both.
      if (r.status == 503 && DatabaseAwayDuring(sent, answered)) {
        ++unavailable_;
      } else {
        failures_.push_back(method + " " + target + " (" + (valid ? "valid" : "invalid") + ") got " +
                            std::to_string(r.status) + ": " + r.body.substr(0, 300));
      }
    } else if (r.status >= 400) {
      ++(valid ? refused_valid_ : refused_invalid_);
    } else if (!valid) {
      failures_.push_back(method + " " + target + " (invalid) was accepted: " + std::to_string(r.status));
    }
    return r;
  }

  // Whether a request between `from` and `to` overlapped a database outage (with 5 s of grace
  // after it, while connections come back).
  bool DatabaseAwayDuring(Clock::time_point from, Clock::time_point to) const {
    for (const auto& [down, up] : outages_) {
      const auto end = (up == Clock::time_point{} ? Clock::now() : up) + std::chrono::seconds(5);
      if (from <= end && to >= down) return true;
    }
    return false;
  }

  void Acknowledge(const Reply& r, const std::string& identity) {
    if (r.status != 201) return;
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec || !v.is_object()) {
      std::lock_guard lock(mu_);
      failures_.push_back(identity + ": 201 without a JSON body");
      return;
    }
    const auto& o = v.as_object();
    Ack a;
    a.seq = o.at("seq").as_int64();
    a.hash = std::string(o.at("hash").as_string());
    a.identity = identity;
    if (const auto* rec = o.if_contains("recorded_seq")) a.recorded_seq = rec->as_int64();
    std::lock_guard lock(mu_);
    acks_.push_back(std::move(a));
  }

  bool Setup() {
    Reply s = Send(sec_, "POST", "/api/v0/sessions",
                   R"({"session":"soak","body":"CSC","kind":"regular","host":"KAZ","place":"Astana","format":"in_person"})");
    if (s.status != 201) return false;
    Acknowledge(s, "session.convened soak");
    for (const auto& m : kMembers) {
      Reply a = Send(sec_, "POST", "/api/v0/sessions/soak/attendance", R"({"status":"present","member":")" + m + "\"}");
      if (a.status != 201) return false;
      Acknowledge(a, "attendance.registered soak " + m);
    }
    return true;
  }

  // Tables drafts and puts the older ones to decision; now and then something invalid.
  void Secretariat(Clock::time_point until) {
    std::mt19937 rng(1);
    int next = 0;
    std::vector<std::string> waiting;
    while (Clock::now() < until) {
      const std::string d = "d" + std::to_string(++next);
      Reply t = Call(true, sec_, "POST", "/api/v0/sessions/soak/drafts",
                     R"({"draft":")" + d + R"(","title":"Item )" + d + R"(","kind":"statement","matter":"substantive"})");
      Acknowledge(t, "draft.tabled " + d);
      if (t.status == 201) {
        std::lock_guard lock(mu_);
        tabled_.push_back(d);
        waiting.push_back(d);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(40));
      if (waiting.size() > 3) {
        const std::string put = waiting.front();
        waiting.erase(waiting.begin());
        Reply p = Call(true, sec_, "POST", "/api/v0/drafts/" + put + "/decision", "{}");
        Acknowledge(p, "draft.put_to_decision " + put);
      }
      if (rng() % 5 == 0) Call(false, sec_, "POST", "/api/v0/sessions/soak/drafts", R"({"draft":)");  // malformed
      if (rng() % 7 == 0) Call(false, sec_, "POST", "/api/v0/drafts/nowhere/decision", "{}");
    }
  }

  // Takes one position on each draft it sees (support mostly), and tries what it may not.
  void Delegation(const std::string& member, Clock::time_point until) {
    std::mt19937 rng(static_cast<unsigned>(std::hash<std::string>{}(member)));
    const std::string& token = delegations_.at(member);
    std::set<std::string> done;
    while (Clock::now() < until) {
      std::string draft;
      {
        std::lock_guard lock(mu_);
        for (auto it = tabled_.rbegin(); it != tabled_.rend(); ++it) {
          if (!done.count(*it)) {
            draft = *it;
            break;
          }
        }
      }
      if (!draft.empty()) {
        done.insert(draft);  // never again, whatever the answer: no twin from a retry
        const char* position = rng() % 10 == 0 ? "abstain" : "support";
        Reply r = Call(true, token, "POST", "/api/v0/drafts/" + draft + "/positions",
                       R"({"member":")" + member + R"(","position":")" + position + "\"}");
        Acknowledge(r, "position.taken " + draft + " " + member);
      }
      const std::string other = kMembers[rng() % kMembers.size()];
      if (other != member && rng() % 4 == 0) {
        Call(false, token, "POST", "/api/v0/drafts/d1/positions", R"({"member":")" + other + R"(","position":"object"})");
      }
      if (rng() % 6 == 0) Call(false, token, "POST", "/api/v0/sessions", R"({"session":"mine"})");
      std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 40));
    }
  }

  void Observer(Clock::time_point until) {
    std::mt19937 rng(7);
    while (Clock::now() < until) {
      const char* reads[] = {"/api/v0/decisions", "/api/v0/drafts", "/api/v0/sessions/soak", "/api/v0/head",
                             "/api/v0/accessions"};
      Call(true, obs_, "GET", reads[rng() % 5]);
      if (rng() % 3 == 0) Call(false, obs_, "GET", "/api/v0/decisions?limit=0");
      if (rng() % 3 == 0) Call(false, obs_, "POST", "/api/v0/drafts/d1/positions", R"({"member":"ARM","position":"object"})");
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
  }

  void Auditor(Clock::time_point until) {
    while (Clock::now() < until) {
      Call(true, aud_, "GET", "/api/v0/journal?from=1&limit=200");
      Call(false, aud_, "GET", "/api/v0/journal?from=-4");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  // A live stream on server `index`, resumed with Last-Event-ID whenever the server goes away
  // (on the next server up meanwhile): it must see every entry, whoever wrote it, in order.
  void Stream(std::size_t index, Clock::time_point until) {
    std::int64_t last = 0;
    while (Clock::now() < until) {
      int port = 0;
      for (std::size_t k = 0; k < ports_.size() && port == 0; ++k) port = ports_[(index + k) % ports_.size()].load();
      if (port == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      std::vector<std::pair<std::string, std::string>> headers = Bearer(aud_);
      if (last > 0) headers.emplace_back("Last-Event-ID", std::to_string(last));
      SseClient stream(port, last > 0 ? "/api/v0/stream" : "/api/v0/stream?from=1", headers);
      if (stream.head().status != 200) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      ++stream_opens_;
      while (Clock::now() < until) {
        auto events = stream.Next(64, 500);
        for (const auto& e : events) {
          if (e.id != last + 1) {
            std::lock_guard lock(mu_);
            failures_.push_back("stream: entry " + std::to_string(e.id) + " after " + std::to_string(last));
          }
          last = e.id;
          ++streamed_;
        }
        if (events.empty() && stream.closed()) break;  // the server went away
      }
    }
    std::lock_guard lock(mu_);
    streamed_last_ = std::max<std::int64_t>(streamed_last_, last);
    stream_last_[index] = last;
  }

  // Every few seconds, at random: kill and restart the server, or take the database away.
  void Chaos(Clock::time_point until) {
    std::mt19937 rng(42);
    while (true) {
      const auto pause = std::chrono::milliseconds(3000 + rng() % 4000);
      if (Clock::now() + pause >= until) break;
      std::this_thread::sleep_for(pause);
      if (rng() % 2 == 0) {
        const std::size_t victim = rng() % servers_.size();
        {
          std::lock_guard lock(server_mu_);
          ports_[victim] = 0;
          if (servers_[victim]) ::kill(servers_[victim]->pid(), SIGKILL);
        }
        ++kills_;
        StartServer(victim);
      } else {
        {
          std::lock_guard lock(mu_);
          outages_.push_back({Clock::now(), {}});
        }
        Shell(pg_script_ + " stop " + pg_dir_);
        ++outages_count_;
        std::this_thread::sleep_for(std::chrono::milliseconds(1500 + rng() % 2000));
        Shell(pg_script_ + " start " + pg_dir_);
        std::lock_guard lock(mu_);
        outages_.back().second = Clock::now();
      }
    }
    std::this_thread::sleep_for(until - Clock::now());
  }

  int Check() {
    // The journal as stored, page by page.
    std::vector<json::object> entries;
    for (std::int64_t from = 1;;) {
      Reply page = Http(ports_[0], "GET", "/api/v0/journal?from=" + std::to_string(from) + "&limit=500", "", Bearer(aud_));
      if (page.status != 200) return Fail("reading the journal: " + std::to_string(page.status) + " " + page.body);
      std::size_t pos = 0, n = 0;
      while (pos < page.body.size()) {
        std::size_t end = page.body.find('\n', pos);
        if (end == std::string::npos) end = page.body.size();
        if (end > pos) {
          entries.push_back(json::parse(page.body.substr(pos, end - pos)).as_object());
          ++n;
        }
        pos = end + 1;
      }
      if (n < 500) break;
      from += static_cast<std::int64_t>(n);
    }
    auto event_of = [&](std::size_t i) -> const json::object& { return entries[i].at("event").as_object(); };
    auto str = [](const json::object& o, const char* k) {
      const json::value* v = o.if_contains(k);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    // Identities of the writes as stored; puts followed by their records.
    std::map<std::string, int> stored;
    std::size_t puts = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json::object& e = event_of(i);
      const std::string type = str(e, "type");
      std::string identity;
      if (type == "draft.tabled") identity = type + " " + str(e, "draft");
      if (type == "position.taken") identity = type + " " + str(e, "draft") + " " + str(e, "member");
      if (type == "draft.put_to_decision") {
        identity = type + " " + str(e, "draft");
        ++puts;
        if (i + 1 >= entries.size() || str(event_of(i + 1), "type") != "decision.recorded" ||
            str(event_of(i + 1), "draft") != str(e, "draft")) {
          failures_.push_back("entry " + std::to_string(i + 1) + ": a put without its record right after it");
        }
      }
      if (!identity.empty() && ++stored[identity] > 1) failures_.push_back("twice in the journal: " + identity);
    }
    for (const Ack& a : acks_) {
      if (a.seq < 1 || a.seq > static_cast<std::int64_t>(entries.size())) {
        failures_.push_back(a.identity + ": acknowledged at " + std::to_string(a.seq) + ", past the journal's end");
        continue;
      }
      const json::object& entry = entries[static_cast<std::size_t>(a.seq - 1)];
      if (str(entry, "hash") != a.hash) failures_.push_back(a.identity + ": entry " + std::to_string(a.seq) + " has another hash");
      if (a.identity.rfind("draft.put_to_decision", 0) == 0 && a.recorded_seq != a.seq + 1) {
        failures_.push_back(a.identity + ": recorded_seq " + std::to_string(a.recorded_seq));
      }
    }
    RunResult verify = RunConcord({"verify", "--store", url_});
    if (verify.exit_code != 0) failures_.push_back("verify: exit " + std::to_string(verify.exit_code) + ": " + verify.err);
    std::int64_t replica_lag = -1;
    if (!replica_url_.empty()) {
      // The replica catches up (the server reports its lag), then verifies on its own.
      const auto deadline = Clock::now() + std::chrono::seconds(30);
      while (Clock::now() < deadline) {
        Reply head = Http(ports_[0], "GET", "/api/v0/head", "", Bearer(aud_));
        boost::system::error_code ec;
        json::value v = json::parse(head.body, ec);
        const json::value* lag = !ec && v.is_object() && v.as_object().contains("replica") ? v.as_object().at("replica").as_object().if_contains("lag") : nullptr;
        if (lag != nullptr && lag->is_int64()) replica_lag = lag->as_int64();
        if (replica_lag == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (replica_lag != 0) failures_.push_back("the replica did not catch up (lag " + std::to_string(replica_lag) + ")");
      RunResult on_replica = RunConcord({"verify", "--store", replica_url_});
      if (on_replica.exit_code != 0) {
        failures_.push_back("verify on the replica: exit " + std::to_string(on_replica.exit_code) + ": " + on_replica.err);
      }
    }
    if (streamed_last_ > static_cast<std::int64_t>(entries.size())) failures_.push_back("the stream saw entries past the end");
    // Each stream, resumed where it stopped on its server, goes on to the end without a gap.
    const auto total = static_cast<std::int64_t>(entries.size());
    for (std::size_t i = 0; i < servers_.size(); ++i) {
      const std::int64_t from = stream_last_[i];
      if (from >= total) continue;
      auto headers = Bearer(aud_);
      if (from > 0) headers.emplace_back("Last-Event-ID", std::to_string(from));
      SseClient stream(ports_[i], from > 0 ? "/api/v0/stream" : "/api/v0/stream?from=1", headers);
      auto rest = stream.Next(static_cast<std::size_t>(total - from), 20000);
      for (std::size_t k = 0; k < rest.size(); ++k) {
        if (rest[k].id != from + 1 + static_cast<std::int64_t>(k)) {
          failures_.push_back("server " + std::to_string(i) + "'s stream: entry " + std::to_string(rest[k].id) + " out of order");
          break;
        }
      }
      if (static_cast<std::int64_t>(rest.size()) != total - from) {
        failures_.push_back("server " + std::to_string(i) + "'s stream delivered " + std::to_string(rest.size()) + " of the " +
                            std::to_string(total - from) + " entries after " + std::to_string(from));
      }
    }

    std::cout << "soak: " << seconds_ << " s, " << servers_.size() << (servers_.size() == 1 ? " server, " : " servers, ") << requests_ << " requests (" << acks_.size() << " writes acknowledged, "
              << refused_valid_ << " valid refused by the rules, " << refused_invalid_ << " invalid refused, "
              << unavailable_ << " answered 503 while the database was away, " << no_answer_
              << " without an answer while the server was down)\n"
              << "soak: " << kills_ << " server kills, " << starts_ << " server starts, " << outages_count_
              << " database outages; journal " << entries.size() << " entries, " << puts
              << " puts each with its record; " << servers_.size() << (servers_.size() == 1 ? " stream" : " streams") << " saw "
              << streamed_ << " entries in order over " << stream_opens_ << " connections\n";
    if (!failures_.empty()) {
      for (std::size_t i = 0; i < failures_.size() && i < 30; ++i) std::cerr << "soak: FAILED: " << failures_[i] << "\n";
      std::cerr << "soak: " << failures_.size() << " failures; server log:\n" << (servers_[0] ? servers_[0]->Log().substr(0, 4000) : "") << "\n";
      return 1;
    }
    if (!replica_url_.empty()) std::cout << "soak: the replica served the journal reads, caught up and verifies\n";
    std::cout << "soak: every check holds\n";
    return 0;
  }

  int Fail(const std::string& why) {
    std::cerr << "soak: " << why << "\n";
    return 1;
  }

 public:
  ~Soak() {
    for (auto& s : servers_) s.reset();
    if (!replica_dir_.empty()) Shell(pg_script_ + " stop " + replica_dir_ + " >/dev/null 2>&1");
    if (!pg_dir_.empty()) Shell(pg_script_ + " stop " + pg_dir_ + " >/dev/null 2>&1");
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    if (!pg_dir_.empty()) std::filesystem::remove_all(pg_dir_, ec);
    if (!replica_dir_.empty()) std::filesystem::remove_all(replica_dir_, ec);
  }

 private:
  std::string pg_script_;
  int seconds_;
  std::string dir_, pg_dir_, url_, key_, tokens_, replica_dir_, replica_url_;
  bool replica_ = false;
  std::string sec_, obs_, aud_;
  std::map<std::string, std::string> delegations_;

  std::mutex server_mu_;
  std::vector<std::unique_ptr<ServerProcess>> servers_;
  std::vector<std::atomic<int>> ports_;
  std::atomic<std::size_t> next_server_{0};

  std::mutex mu_;  // everything below
  std::vector<std::string> tabled_;
  std::vector<Ack> acks_;
  std::vector<std::string> failures_;
  std::vector<std::pair<Clock::time_point, Clock::time_point>> outages_;
  std::int64_t requests_ = 0, no_answer_ = 0, unavailable_ = 0, refused_valid_ = 0, refused_invalid_ = 0;
  std::atomic<int> kills_{0}, starts_{0}, outages_count_{0}, stream_opens_{0};
  std::atomic<std::int64_t> streamed_{0};
  std::int64_t streamed_last_ = 0;  // under mu_
  std::vector<std::int64_t> stream_last_;  // under mu_: where each server's stream stopped
};

}  // namespace
}  // namespace concord::test

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: concord_soak PG_SCRIPT (scripts/pg.sh)\n";
    return 2;
  }
  const char* s = std::getenv("CONCORD_SOAK_SECONDS");
  const int seconds = s != nullptr ? std::atoi(s) : 60;
  const char* n = std::getenv("CONCORD_SOAK_SERVERS");
  const int servers = n != nullptr ? std::atoi(n) : 1;
  if (servers < 1 || servers > 8) {
    std::cerr << "concord_soak: CONCORD_SOAK_SERVERS must be 1 to 8\n";
    return 2;
  }
  if (seconds < 5 || seconds > 3600) {
    std::cerr << "concord_soak: CONCORD_SOAK_SECONDS must be 5 to 3600\n";
    return 2;
  }
  const char* r = std::getenv("CONCORD_SOAK_REPLICA");
  concord::test::Soak soak(argv[1], seconds, servers, r != nullptr && std::string(r) == "1");
  return soak.Run();
}
