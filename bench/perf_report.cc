// The performance report: every figure next to a baseline measured in the same run, the ratio,
// the target and whether it is met, plus the series behind the plots. Run by scripts/perf.sh,
// which builds in release mode, runs this, draws the plots with gnuplot and leaves the report in
// docs/performance.md. Loopback only; every measurement is bounded in time or count.
//
//   concord_perf_report --out DIR [--concord PATH] [--large ENTRIES] [--seconds S] [--only SECTION]
//
// Writes DIR/performance.md and DIR/*.dat (one series per plot, for bench/plots.gp).
#include <sys/resource.h>
#include <sys/utsname.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "codec/charter_toml.h"
#include "codec/event_json.h"
#include "concord/engine.h"
#include "concord/state.h"
#include "journal/crypto.h"
#include "journal/entry.h"
#include "support/dates.h"
#include "support/http_load.h"
#include "support/raw_sqlite.h"

namespace concord::bench {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string g_concord = CONCORD_BINARY_PATH;
double g_seconds = 3;  // length of each HTTP measurement

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double Median(std::vector<double> v) { return Pct(v, 0.5); }

// The spread of repeated measurements, as (max - min) / median.
double Spread(std::vector<double> v) {
  if (v.empty()) return 0;
  const double m = Median(v);
  return m > 0 ? (*std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end())) / m : 0;
}

// ---- The report ----------------------------------------------------------------------------

struct Figure {
  std::string what, measured, baseline;
  double ratio = 0;
  std::string target;  // e.g. ">= 0.9"
  bool met = false;
  std::string noise;
};

std::vector<Figure> g_figures;

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

void AddFigure(std::string what, std::string measured, std::string baseline, double ratio, bool at_least,
               double target, std::string noise) {
  Figure fig{std::move(what), std::move(measured), std::move(baseline), ratio,
             (at_least ? ">= " : "<= ") + Fmt("%.2f", target), at_least ? ratio >= target : ratio <= target,
             std::move(noise)};
  std::printf("  %-60s ratio %.2f (target %s): %s\n", fig.what.c_str(), ratio, fig.target.c_str(),
              fig.met ? "met" : "falls short");
  g_figures.push_back(std::move(fig));
}

void WriteSeries(const std::string& path, const std::string& header, const std::vector<std::vector<double>>& rows) {
  std::ofstream out(path);
  out << "# " << header << "\n";
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out << (i ? "\t" : "") << r[i];
    out << "\n";
  }
}

// ---- Generated records -------------------------------------------------------------------


const char* kMembers[] = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"};

// A history of the CSTO's Permanent Council as event lines (what `concord import` reads).
class History {
 public:
  void Add(json::object event) {
    event["at"] = At(clock_++);
    event["by"] = "secretariat";
    lines_.push_back(json::serialize(event));
  }
  void Session(const std::string& sid) {
    Add({{"type", "session.convened"}, {"session", sid}, {"body", "PC"}, {"kind", "regular"}, {"host", "RUS"},
         {"place", "Moscow"}, {"format", "in_person"}});
    for (const char* m : kMembers) Add({{"type", "attendance.present"}, {"session", sid}, {"member", m}});
  }
  void Draft(const std::string& sid, const std::string& did) {
    Add({{"type", "draft.tabled"}, {"session", sid}, {"draft", did}, {"title", "Decision " + did},
         {"kind", "decision"}, {"matter", "substantive"}});
  }
  void Position(const std::string& did, long i) {
    Add({{"type", "position.taken"}, {"draft", did}, {"member", kMembers[i % 6]},
         {"position", i % 7 == 0 ? "abstain" : "support"}});
  }
  void Put(const std::string& did) { Add({{"type", "draft.put_to_decision"}, {"draft", did}}); }
  // Decided drafts, `per_draft` positions each, 100 drafts a session, until about `events` lines.
  void Decided(long events, int per_draft) {
    for (long s = 0; static_cast<long>(lines_.size()) < events; ++s) {
      const std::string sid = "pc-" + std::to_string(s);
      Session(sid);
      for (int k = 0; k < 100 && static_cast<long>(lines_.size()) < events; ++k) {
        const std::string did = sid + "-d" + std::to_string(k);
        Draft(sid, did);
        for (int p = 0; p < per_draft; ++p) Position(did, p);
        Put(did);
      }
      Add({{"type", "session.closed"}, {"session", sid}});
    }
  }
  // The open session and draft the HTTP writers take positions on.
  void LoadDraft() {
    Session("load");
    Draft("load", "load-d");
  }
  const std::vector<std::string>& lines() const { return lines_; }
  void Write(const std::string& path) const {
    std::ofstream out(path);
    for (const auto& l : lines_) out << l << "\n";
  }

 private:
  std::vector<std::string> lines_;
  long clock_ = 0;
};

// A journal in `dir` holding `history`: init, then import (timed).
struct Journal {
  std::string store, secretariat, auditor;
  double import_seconds = 0;
  long entries = 0;
};

Journal MakeJournal(const std::string& dir, const History& history) {
  fs::create_directories(dir);
  Journal j;
  j.store = "sqlite:" + dir + "/c.db";
  RunCommand(g_concord + " init --store " + j.store + " >/dev/null");
  history.Write(dir + "/history.jsonl");
  const auto t0 = Clock::now();
  const std::string out = RunCommand(g_concord + " import --store " + j.store + " " + dir + "/history.jsonl");
  j.import_seconds = Seconds(t0);
  const auto head = out.find("journal head ");
  j.entries = head == std::string::npos ? 0 : std::atol(out.c_str() + head + 13);
  j.secretariat = LastLine(RunCommand(g_concord + " token create --store " + j.store + " --role secretariat"));
  j.auditor = LastLine(RunCommand(g_concord + " token create --store " + j.store + " --role auditor"));
  return j;
}

std::string PositionRequest(const std::string& token, int client, long i) {
  return Post("/api/v0/drafts/load-d/positions", token,
              std::string(R"({"member":")") + kMembers[client % 6] + R"(","position":")" +
                  ((i % 2) ? "support" : "abstain") + "\"}");
}

// Durable positions per second over HTTP with `clients` writers.
Rate Positions(const Server& server, const Journal& j, int clients) {
  Rate r = Hammer(server.port(), clients, g_seconds, 1000000,
                  [&](int c, long i) { return PositionRequest(j.secretariat, c, i); }, 201);
  if (r.errors) std::printf("  note: %ld failed writes\n", r.errors);
  return r;
}

// ---- Baselines -------------------------------------------------------------------------------

// One-row durable SQLite commits (WAL, synchronous=FULL) of journal-sized rows for `seconds`.
double RawSqliteCommits(const std::string& dir, double seconds) {
  RawSqliteTable table(dir + "/raw.db");
  long n = 0;
  const auto t0 = Clock::now();
  while (Seconds(t0) < seconds) {
    if (!table.InsertOne()) Die("raw sqlite insert failed");
    ++n;
  }
  return static_cast<double>(n) / Seconds(t0);
}

// ---- Sections ------------------------------------------------------------------------------

std::shared_ptr<const Charter> CstoCharter() {
  auto c = ParseCharterText(ReadFile(std::string(CONCORD_SOURCE_DIR) + "/charters/csto.toml"), "csto.toml");
  if (!c) Die(c.error().message);
  return *c;
}

// Replay: the fold alone, decode + fold, and a bare Boost.JSON parse of the same event lines.
void ReplaySection(const std::string& out_dir) {
  std::printf("replay\n");
  const auto charter = CstoCharter();
  std::vector<std::vector<double>> series;
  double fold_rate = 0, ratio = 0;
  std::vector<double> ratios;
  for (long n : {25000L, 50000L, 100000L, 200000L, 400000L}) {
    History h;
    h.Decided(n, 2);
    // The journal as the ledger writes it holds each put's decision.recorded too.
    std::vector<Event> events;
    std::vector<std::string> lines;
    {
      Replayer gen(charter, CharterTomlParser());
      for (const auto& l : h.lines()) {
        auto e = DecodeEvent(l);
        if (!e) Die(e.error().message);
        if (auto st = gen.Apply(*e); !st) Die(st.error().message);
        events.push_back(*e);
        lines.push_back(l);
        if (gen.derived()) {
          const Event record = *gen.derived();  // Apply clears derived()
          events.push_back(record);
          lines.push_back(EncodeEvent(record));
          if (auto st = gen.Apply(record); !st) Die(st.error().message);
        }
      }
    }
    std::vector<double> fold_s, decode_s, parse_s;
    for (int rep = 0; rep < 3; ++rep) {
      auto t0 = Clock::now();
      {
        Replayer r(charter, CharterTomlParser());
        for (const auto& e : events) (void)r.Apply(e);
        if (r.state().events != events.size()) Die("fold lost events");
      }
      fold_s.push_back(Seconds(t0));
      t0 = Clock::now();
      {
        Replayer r(charter, CharterTomlParser());
        for (const auto& l : lines) {
          json::value v = json::parse(l);
          auto e = DecodeEventObject(v.as_object());
          (void)r.Apply(*e);
        }
      }
      decode_s.push_back(Seconds(t0));
      t0 = Clock::now();
      std::size_t keys = 0;
      for (const auto& l : lines) keys += json::parse(l).as_object().size();
      if (keys == 0) Die("nothing parsed");
      parse_s.push_back(Seconds(t0));
    }
    const double count = static_cast<double>(events.size());
    fold_rate = count / Median(fold_s);
    ratio = Median(parse_s) / Median(decode_s);
    ratios.push_back(ratio);
    series.push_back({count, Median(fold_s) * 1000, Median(decode_s) * 1000, Median(parse_s) * 1000});
    std::printf("  %.0f events: fold %.1f ms, decode+fold %.1f ms, bare parse %.1f ms\n", count,
                Median(fold_s) * 1000, Median(decode_s) * 1000, Median(parse_s) * 1000);
  }
  WriteSeries(out_dir + "/replay.dat", "events\tfold_ms\tdecode_fold_ms\tbare_parse_ms", series);
  AddFigure("Replay: fold (events/s), 400k-event history", Fmt("%.2f M events/s", fold_rate / 1e6),
            "1 M events/s (absolute target)", fold_rate / 1e6, true, 1.0, "median of 3");
  AddFigure("Replay: decode + fold vs bare Boost.JSON parse of the same lines", "decode + fold",
            "json::parse alone", ratio, true, 0.5,
            "ratio at 25k..400k events: " + Fmt("%.2f", *std::min_element(ratios.begin(), ratios.end())) + ".." +
                Fmt("%.2f", *std::max_element(ratios.begin(), ratios.end())));
}

// Decision time against the number of members: one consensus ballot, all present and in favour.
void DecisionSection(const std::string& out_dir) {
  std::printf("decision time\n");
  std::vector<std::vector<double>> series;
  for (int n : {6, 27, 100, 193, 500, 1000, 2000}) {
    std::string toml = "[charter]\nid = \"gen\"\nname = \"Generated\"\nversion = \"1\"\n"
                       "[clauses.c]\ncitation = \"Art. 1\"\ntext = \"Consensus.\"\n"
                       "[rules.consensus]\nkind = \"consensus\"\nclause = \"c\"\n"
                       "[bodies.B]\nname = \"Body\"\ncomposition = \"all\"\nchair = { rule = \"none\" }\n"
                       "[bodies.B.matters.m]\nrule = \"consensus\"\nclause = \"c\"\n";
    for (int i = 0; i < n; ++i) toml += "[members.M" + std::to_string(100000 + i) + "]\nname = \"M\"\nsince = 2000-01-01\n";
    auto charter = ParseCharterText(toml, "generated");
    if (!charter) Die(charter.error().message);
    Ballot b;
    b.body = "B";
    b.matter = "m";
    for (const auto& [id, m] : (*charter)->members) {
      Vote v;
      v.member = id;
      v.attendance = Attendance::kPresent;
      v.stance = Stance::kSupport;
      b.votes.push_back(v);
    }
    long iterations = 0;
    const auto t0 = Clock::now();
    while (Seconds(t0) < 0.3) {
      auto out = EvaluateDraft(**charter, b);
      if (!out || out->status != DecisionStatus::kAdopted) Die("generated consensus not adopted");
      ++iterations;
    }
    const double us = Seconds(t0) * 1e6 / static_cast<double>(iterations);
    series.push_back({static_cast<double>(n), us});
    std::printf("  %d members: %.1f us per decision\n", n, us);
  }
  WriteSeries(out_dir + "/decision.dat", "members\tmicroseconds", series);
}

// Import of a history and of one 4x as long, and bare Ed25519 signing of the same events.
void ImportSection(const std::string& dir, const std::string& out_dir) {
  std::printf("import\n");
  History small, large;
  small.Decided(25000, 2);
  large.Decided(100000, 2);
  std::vector<double> small_s, large_s;
  long small_entries = 0, large_entries = 0;
  for (int rep = 0; rep < 2; ++rep) {
    Journal a = MakeJournal(dir + "/import-s" + std::to_string(rep), small);
    Journal b = MakeJournal(dir + "/import-l" + std::to_string(rep), large);
    small_s.push_back(a.import_seconds);
    large_s.push_back(b.import_seconds);
    small_entries = a.entries;
    large_entries = b.entries;
    fs::remove_all(dir + "/import-s" + std::to_string(rep));
    fs::remove_all(dir + "/import-l" + std::to_string(rep));
  }
  // Bare signing: what an import must do at the least for each event, on one core.
  const SigningKey key = *SigningKey::FromSeed(std::string(32, 's'));
  const auto t0 = Clock::now();
  for (const auto& l : large.lines()) {
    const std::string sig = key.Sign(SigningPayload(l, key.Id()));
    if (sig.size() != 64) Die("signing failed");
  }
  const double sign_rate = static_cast<double>(large.lines().size()) / Seconds(t0);
  const double import_rate = static_cast<double>(large.lines().size()) / Median(large_s);
  std::printf("  %zu lines -> %ld entries: %.2f s; %zu lines -> %ld entries: %.2f s; bare signing %.0f/s\n",
              small.lines().size(), small_entries, Median(small_s), large.lines().size(), large_entries,
              Median(large_s), sign_rate);
  AddFigure("Import: 4x the lines (100k vs 25k), time ratio", Fmt("%.2f s", Median(large_s)),
            Fmt("%.2f s", Median(small_s)), Median(large_s) / Median(small_s), false, 4.5,
            "2 runs each; spread " + Fmt("%.0f %%", 100 * Spread(large_s)));
  AddFigure("Import (100k lines, `concord import`) vs bare Ed25519 signing on one core",
            Fmt("%.0f events/s", import_rate), Fmt("%.0f signatures/s", sign_rate), import_rate / sign_rate, true,
            0.5, "median of 2 imports");
  WriteSeries(out_dir + "/import.dat", "lines\tseconds",
              {{static_cast<double>(small.lines().size()), Median(small_s)},
               {static_cast<double>(large.lines().size()), Median(large_s)}});
}

// Durable writes over HTTP: fresh record, grown record, large record; 1..64 writers; live feed.
void WriteSection(const std::string& dir, const std::string& out_dir, long large_entries) {
  std::printf("writes\n");
  std::vector<double> raw;
  raw.push_back(RawSqliteCommits(dir, 2.0));
  std::printf("  raw one-row SQLite commits: %.0f/s\n", raw.back());

  History fresh_h;
  fresh_h.LoadDraft();
  Journal fresh = MakeJournal(dir + "/fresh", fresh_h);
  History grown_h;  // 50 decided drafts of 200 positions each, then the load draft
  grown_h.Session("grown");
  for (int d = 0; d < 50; ++d) {
    const std::string did = "grown-d" + std::to_string(d);
    grown_h.Draft("grown", did);
    for (int p = 0; p < 200; ++p) grown_h.Position(did, p);
    grown_h.Put(did);
  }
  grown_h.LoadDraft();
  Journal grown = MakeJournal(dir + "/grown", grown_h);
  History large_h;
  large_h.Decided(large_entries * 3 / 4, 1);  // the engine adds a decision.recorded per put
  large_h.LoadDraft();
  Journal large = MakeJournal(dir + "/large", large_h);
  std::printf("  records: fresh %ld entries, grown %ld, large %ld (imported in %.1f s)\n", fresh.entries,
              grown.entries, large.entries, large.import_seconds);

  // One writer, alternating fresh / grown / large, three rounds, each on its own server.
  std::map<std::string, std::vector<double>> one;
  std::map<std::string, double> startup;
  for (int round = 0; round < 3; ++round) {
    for (const auto* j : {&fresh, &grown, &large}) {
      Server server(g_concord, j->store);
      startup[j->store] = server.startup_seconds();
      one[j->store].push_back(Positions(server, *j, 1).per_second);
    }
  }
  raw.push_back(RawSqliteCommits(dir, 2.0));
  const double raw_rate = Median(raw);
  const double f = Median(one[fresh.store]), g = Median(one[grown.store]), l = Median(one[large.store]);
  std::printf("  one writer: fresh %.0f/s, grown %.0f/s, large %.0f/s (server start on large: %.1f s)\n", f, g, l,
              startup[large.store]);
  const std::string noise = "median of 3 alternating runs; spread fresh " + Fmt("%.0f %%", 100 * Spread(one[fresh.store]));
  AddFigure("One writer on a grown record (50 drafts x 200 positions) vs fresh", Fmt("%.0f positions/s", g),
            Fmt("%.0f positions/s", f), g / f, true, 0.9, noise + ", grown " + Fmt("%.0f %%", 100 * Spread(one[grown.store])));
  AddFigure("One writer on a large record (" + std::to_string(large.entries) + " entries) vs fresh",
            Fmt("%.0f positions/s", l), Fmt("%.0f positions/s", f), l / f, true, 0.9,
            noise + ", large " + Fmt("%.0f %%", 100 * Spread(one[large.store])));
  AddFigure("One client, durable positions over HTTP vs raw one-row SQLite commits", Fmt("%.0f positions/s", f),
            Fmt("%.0f commits/s", raw_rate), f / raw_rate, true, 0.7,
            "raw measured before and after: spread " + Fmt("%.0f %%", 100 * Spread(raw)));
  WriteSeries(out_dir + "/record_size.dat", "entries\tpositions_per_s",
              {{static_cast<double>(fresh.entries), f}, {static_cast<double>(grown.entries), g},
               {static_cast<double>(large.entries), l}});

  // Concurrent writers, and the live feed, on the fresh record.
  Server server(g_concord, fresh.store);
  std::vector<std::vector<double>> writers;
  double at64 = 0;
  for (int clients : {1, 4, 16, 64}) {
    Rate r = Positions(server, fresh, clients);
    writers.push_back({static_cast<double>(clients), r.per_second, Pct(r.latencies_ms, 0.5), Pct(r.latencies_ms, 0.99)});
    std::printf("  %d writers: %.0f positions/s, p50 %.2f ms, p99 %.2f ms\n", clients, r.per_second,
                Pct(r.latencies_ms, 0.5), Pct(r.latencies_ms, 0.99));
    if (clients == 64) at64 = r.per_second;
  }
  WriteSeries(out_dir + "/writers.dat", "writers\tpositions_per_s\tp50_ms\tp99_ms", writers);
  AddFigure("64 clients, durable signed positions over HTTP (group commit) vs raw one-row SQLite commits",
            Fmt("%.0f positions/s", at64), Fmt("%.0f commits/s", raw_rate), at64 / raw_rate, true, 5.0,
            "one run of " + Fmt("%.0f s", g_seconds));

  std::vector<std::vector<double>> live;
  Conn writer(server.port());
  long i = 0;
  for (int streams : {10, 100, 1000, 4000}) {
    LiveResult r = MeasureLive(server.port(), fresh.auditor, streams, 20, [&] {
      writer.Do(PositionRequest(fresh.secretariat, 4, i++));
      const auto at = writer.body().find("\"seq\":");
      return at == std::string::npos ? 0LL : std::atoll(writer.body().c_str() + at + 6);
    });
    const std::size_t expected = r.streams * 20;
    live.push_back({static_cast<double>(r.streams), Pct(r.delay_ms, 0.5), Pct(r.delay_ms, 0.99)});
    std::printf("  %zu streams: %zu of %zu deliveries, p50 %.1f ms, p99 %.1f ms\n", r.streams, r.deliveries, expected,
                Pct(r.delay_ms, 0.5), Pct(r.delay_ms, 0.99));
    if (r.deliveries != expected) std::printf("  note: %zu deliveries missing\n", expected - r.deliveries);
  }
  WriteSeries(out_dir + "/live.dat", "streams\tp50_ms\tp99_ms", live);
}

std::string Machine() {
  std::ostringstream s;
  utsname u{};
  uname(&u);
  const std::string mem = ReadFile("/proc/meminfo");
  const std::string load = ReadFile("/proc/loadavg");
  s << std::thread::hardware_concurrency() << " cores, " << std::atol(mem.c_str() + mem.find(':') + 1) / 1024 / 1024
    << " GiB memory, " << u.sysname << " " << u.release << ", compiler " << __VERSION__
    << ", load average at the end " << load.substr(0, load.find(' ', load.find(' ', load.find(' ') + 1) + 1));
  return s.str();
}

void WriteReport(const std::string& out_dir, double total_seconds, long large_entries) {
  std::ofstream md(out_dir + "/performance.md");
  std::size_t met = 0;
  for (const auto& f : g_figures) met += f.met ? 1 : 0;
  md << "# Performance\n\n"
     << "Written by `bash scripts/perf.sh` (release build, `build-release/bench/concord_perf_report`, "
     << "bench/perf_report.cc) in " << Fmt("%.0f", total_seconds / 60) << " min; do not edit by hand. "
     << "Every figure is a ratio to a baseline measured in the same run on the same machine: "
     << met << " of " << g_figures.size() << " targets met.\n\n"
     << "Machine: " << Machine() << ". Loopback only; durable means SQLite in WAL mode with synchronous=FULL, "
     << "each write answered after its commit.\n\n"
     << "| Figure | Measured | Baseline (same run) | Ratio | Target | | Noise |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const auto& f : g_figures) {
    md << "| " << f.what << " | " << f.measured << " | " << f.baseline << " | " << Fmt("%.2f", f.ratio) << " | "
       << f.target << " | " << (f.met ? "met" : "**falls short**") << " | " << f.noise << " |\n";
  }
  md << "\n## How it is measured\n\n"
     << "- **Replay**: generated Permanent Council records (sessions of 100 decided drafts, two positions each, "
        "with the engine's decision.recorded), folded into a fresh engine from decoded events (fold), from "
        "event JSON lines (decode + fold), against parsing the same lines with Boost.JSON and nothing else.\n"
     << "- **Import**: `concord init` and `concord import` of a generated history (subprocess, SQLite), against "
        "signing every event of the same history with Ed25519 in one thread (libsodium).\n"
     << "- **Writes**: `concord serve` on three records — fresh (the open session only), grown (50 decided "
        "drafts of 200 positions each) and large (" << large_entries << " entries requested) — each client "
        "POSTing positions on one keep-alive connection for " << Fmt("%.0f", g_seconds) << " s, against "
        "one-row SQLite commits of journal-sized rows in the same directory.\n"
     << "- **Live**: N streams on `/api/v0/stream`, 20 writes 200 ms apart, each entry's arrival on every stream "
        "timed from the moment its POST was sent.\n\n"
     << "## Plots\n\n"
     << "![Replay time against history length](performance/replay.png)\n\n"
     << "![Write rate against record size](performance/record_size.png)\n\n"
     << "![Write rate against concurrent writers](performance/writers.png)\n\n"
     << "![Decision time against number of members](performance/decision.png)\n\n"
     << "![Live delivery delay against number of clients](performance/live.png)\n";
}

}  // namespace
}  // namespace concord::bench

int main(int argc, char** argv) {
  using namespace concord::bench;
  std::string out_dir;
  long large_entries = 1000000;
  std::string only;  // one section (replay, decision, import, writes) while working on it
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--out") out_dir = argv[i + 1];
    else if (a == "--concord") g_concord = argv[i + 1];
    else if (a == "--large") large_entries = std::atol(argv[i + 1]);
    else if (a == "--seconds") g_seconds = std::atof(argv[i + 1]);
    else if (a == "--only") only = argv[i + 1];
    else Die("unknown option " + a);
  }
  if (out_dir.empty()) Die("usage: concord_perf_report --out DIR [--concord PATH] [--large ENTRIES] [--seconds S]");
  if (large_entries < 1000 || large_entries > 5000000 || g_seconds < 0.5 || g_seconds > 60) {
    Die("--large 1000..5000000, --seconds 0.5..60");
  }
  signal(SIGPIPE, SIG_IGN);
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  fs::create_directories(out_dir);
  char tmpl[] = "/tmp/concord-perf-XXXXXX";
  if (!mkdtemp(tmpl)) Die("mkdtemp");
  const std::string dir = tmpl;
  const auto t0 = Clock::now();
  if (only.empty() || only == "replay") ReplaySection(out_dir);
  if (only.empty() || only == "decision") DecisionSection(out_dir);
  if (only.empty() || only == "import") ImportSection(dir, out_dir);
  if (only.empty() || only == "writes") WriteSection(dir, out_dir, large_entries);
  WriteReport(out_dir, Seconds(t0), large_entries);
  fs::remove_all(dir);
  std::printf("report: %s/performance.md (%.0f s)\n", out_dir.c_str(), Seconds(t0));
  return 0;
}
