// init, import, export, verify, key and sign (src/cli/commands.h).
#include <sys/stat.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <ostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/key_file.h"
#include "cli/load.h"
#include "codec/charter_toml.h"
#include "journal/entry.h"
#include "journal/key_registry.h"
#include "journal/verifier.h"
#include "ledger/journal_fold.h"
#include "ledger/ledger.h"
#include "server/tokens.h"
#include "store/event_store.h"

namespace concord {
namespace json = boost::json;
namespace {


std::string KeyFile(const JournalOptions& o) { return o.key.empty() ? KeyPathFor(o.store) : o.key; }

Result<std::vector<std::string>> ReadAllLines(EventStore& store) {
  std::vector<std::string> lines;
  std::int64_t next = 1;
  while (true) {
    auto chunk = store.Read(next, 10000);
    if (!chunk) return chunk.error();
    for (auto& e : *chunk) {
      lines.push_back(std::move(e.line));
      next = e.seq + 1;
    }
    if (chunk->size() < 10000) break;
  }
  return lines;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

// Checks a whole journal: chain, hashes, signatures, and every event re-derived by the engine.
VerifyReport VerifyWithEngine(const std::vector<std::string>& lines) {
  JournalFold fold;
  VerifyOptions options;
  options.on_event = [&](const json::object& event, std::int64_t seq) { return fold.Apply(event, seq); };
  return VerifyJournal(lines, options);
}

// An export (journal entries, not events) is restored verbatim into an empty store, after it
// verifies, so that exporting again gives the same bytes.
int Restore(const JournalOptions& o, const std::string& path, const std::vector<std::string>& lines,
            std::ostream& out, std::ostream& err) {
  const VerifyReport report = VerifyWithEngine(lines);
  if (!report.ok()) {
    err << path << ": not restored: verification failed at entry " << report.failure->seq << ": "
        << report.failure->reason << "\n";
    return Exit(ExitCode::kVerifyFailed);
  }
  auto store = OpenStore(o.store);
  if (!store) return Report(store.error(), err);
  std::vector<StoredEntry> entries;
  for (const auto& l : lines) {
    auto e = ParseEntryLine(l);
    if (!e) return Report(e.error(), err);
    entries.push_back(ToStored(*e));
  }
  if (Status st = (*store)->Append(0, entries); !st) return Report(st.error(), err);
  out << "restored " << entries.size() << " verified entries from " << path << " into " << o.store << "\n";
  return Exit(ExitCode::kSuccess);
}

}  // namespace


int RunInit(const JournalOptions& o, const std::string& charter_path, std::ostream& out, std::ostream& err) {
  auto charter = ReadTextFile(charter_path.empty() ? "embedded:charters/csto.toml" : charter_path);
  if (!charter) return Report(charter.error(), err);
  const std::string key_path = KeyFile(o);
  std::ifstream probe(key_path);
  Result<SigningKey> key = probe ? ReadKeyFile(key_path) : Result<SigningKey>(SigningKey::Generate());
  if (!key) return Report(key.error(), err);
  if (!probe) {
    if (Status st = WriteKeyFile(key_path, *key); !st) return Report(st.error(), err);
    out << "secretariat key " << key->Id() << " written to " << key_path << "\n";
  }
  auto r = Ledger::Init(o.store, *charter, *key, UtcNow());
  if (!r) return Report(r.error(), err);
  out << "journal created in " << o.store << " (entry 1: the charter and the secretariat key)\n";
  return Exit(ExitCode::kSuccess);
}

int RunImport(const JournalOptions& o, const std::vector<std::string>& histories, std::ostream& out,
              std::ostream& err) {
  auto key = ReadKeyFile(KeyFile(o));
  if (!key) return Report(key.error(), err);
  std::vector<std::string> paths;
  for (const auto& h : histories) {
    if (h == "embedded") {
      for (const auto& s : ShippedHistories()) paths.push_back(s);
    } else {
      paths.push_back(h);
    }
  }
  std::vector<std::vector<HistoryLine>> parsed;
  std::map<std::string, std::pair<std::string, int>> where;
  for (const auto& p : paths) {
    auto text = ReadTextFile(p);
    if (!text) return Report(text.error(), err);
    if (paths.size() == 1 && text->rfind("{\"event\":", 0) == 0) return Restore(o, p, SplitLines(*text), out, err);
    auto lines = ParseHistory(*text, p);
    if (!lines) return Report(lines.error(), err);
    for (const auto& l : *lines) where.emplace(l.text, std::make_pair(p, l.line));
    parsed.push_back(std::move(*lines));
  }
  const std::vector<HistoryLine> merged = parsed.size() == 1 ? parsed.front() : MergeHistories(parsed);
  auto ledger = Ledger::Open(o.store, *key);
  if (!ledger) return Report(ledger.error(), err);

  // Pass 1: the whole input through a copy of the record (an O(1) copy), so that the import stops
  // exactly before a bad line, whatever the batching of pass 2. An input decision.recorded is
  // not stored (the ledger records every decision itself) but checked against the engine's.
  Replayer dry(State(*(*ledger)->View()->state), CharterTomlParser());
  std::vector<std::string_view> to_append;
  std::vector<std::size_t> origin;  // index in `merged` of each event to append
  std::optional<std::pair<std::size_t, Error>> bad;
  for (std::size_t i = 0; i < merged.size() && !bad; ++i) {
    const HistoryLine& l = merged[i];
    if (l.event.type == EventType::kDecisionRecorded) {
      auto d = dry.state().decisions.find(l.event.draft);
      if (d != dry.state().decisions.end() && d->second.recorded) {
        const std::string derived(DecisionStatusName(d->second.outcome.status));
        if (derived != l.event.status) {
          bad.emplace(i, Error{ErrorCode::kInvalidArgument, "decision.recorded says " + l.event.draft + " is " +
                                                                l.event.status + " but the engine derives " + derived});
        }
        continue;
      }
    }
    if (Status st = CheckNotInFuture(l.event.at); !st) {
      bad.emplace(i, st.error());
      break;
    }
    if (Status st = dry.Apply(l.event); !st) {
      bad.emplace(i, st.error());
      break;
    }
    if (dry.derived()) {
      const Event record = *dry.derived();
      if (Status st = dry.Apply(record); !st) bad.emplace(i, st.error());
    }
    to_append.push_back(l.text);
    origin.push_back(i);
  }

  // Pass 2: what pass 1 accepted, pipelined through the ledger.
  Ledger::Many done = (*ledger)->AppendMany(to_append);
  std::size_t recorded = 0;
  for (const LedgerAppend& a : done.appended) recorded += a.recorded_seq ? 1 : 0;
  if (done.error) bad.emplace(origin[done.failed_at], *done.error);
  if (bad) {
    const auto& [path, line] = where[merged[bad->first].text];
    err << path << ":" << line << ": error: " << bad->second.message << "\n";
    out << "imported " << done.appended.size() << " events before the error; nothing of the bad line was stored\n";
    return Exit(ExitCodeFor(bad->second.code));
  }
  const auto view = (*ledger)->View();
  out << "imported " << done.appended.size() << " events (" << recorded
      << " decisions recorded by the engine); journal head " << view->head_seq << " " << view->head_hash << "\n";
  return Exit(ExitCode::kSuccess);
}

int RunExport(const JournalOptions& o, const std::string& out_path, std::ostream& out, std::ostream& err) {
  auto store = OpenStore(o.store, StoreOpen::kExisting);
  if (!store) return Report(store.error(), err);
  auto lines = ReadAllLines(**store);
  if (!lines) return Report(lines.error(), err);
  std::ofstream file;
  if (!out_path.empty()) {
    file.open(out_path, std::ios::trunc | std::ios::binary);
    if (!file) return Report(Error{ErrorCode::kUnavailable, out_path + ": cannot write"}, err);
  }
  std::ostream& sink = out_path.empty() ? out : file;
  for (const auto& l : *lines) sink << l << "\n";
  if (!out_path.empty()) {
    file.close();
    if (!file) return Report(Error{ErrorCode::kUnavailable, out_path + ": write failed"}, err);
    out << "exported " << lines->size() << " entries to " << out_path << "\n";
  }
  return Exit(ExitCode::kSuccess);
}

int RunVerify(const std::string& store_url, const std::string& file, const std::string& expect_head,
              std::ostream& out, std::ostream& err) {
  if (store_url.empty() && file.empty()) {
    err << "verify: give --store or --file\n";
    return Exit(ExitCode::kUsage);
  }
  // --expect-head SEQ:HASH: an entry the verifier saw before (the latest checkpoint it kept).
  std::int64_t expect_seq = 0;
  std::string expect_hash;
  if (!expect_head.empty()) {
    const std::size_t colon = expect_head.find(':');
    const std::string seq_text = expect_head.substr(0, colon);
    const bool digits = !seq_text.empty() && seq_text.size() <= 18 &&
                        std::all_of(seq_text.begin(), seq_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (colon == std::string::npos || !digits || !IsLowerHex(expect_head.substr(colon + 1), 64)) {
      err << "--expect-head: expected SEQ:HASH (a sequence number and 64 lowercase hex chars), got '" << expect_head
          << "'\n";
      return Exit(ExitCode::kUsage);
    }
    expect_seq = std::stoll(seq_text);
    expect_hash = expect_head.substr(colon + 1);
    if (expect_seq < 1) {
      err << "--expect-head: sequence numbers start at 1, got '" << expect_head << "'\n";
      return Exit(ExitCode::kUsage);
    }
  }
  std::vector<std::string> lines;
  std::string source;
  if (!file.empty()) {
    auto text = ReadTextFile(file);
    if (!text) return Report(text.error(), err);
    lines = SplitLines(*text);
    source = file;
  } else {
    auto store = OpenStore(store_url, StoreOpen::kExisting);
    if (!store) return Report(store.error(), err);
    auto read = ReadAllLines(**store);
    if (!read) return Report(read.error(), err);
    lines = std::move(*read);
    source = store_url;
  }
  const VerifyReport report = VerifyWithEngine(lines);
  if (!report.ok()) {
    err << source << ": verification failed at entry " << report.failure->seq << " (line " << report.failure->line
        << "): " << report.failure->reason << "\n";
    return Exit(ExitCode::kVerifyFailed);
  }
  if (report.entries == 0) {
    err << source << ": the journal is empty\n";
    return Exit(ExitCode::kVerifyFailed);
  }
  if (expect_seq > 0) {
    if (expect_seq > static_cast<std::int64_t>(lines.size())) {
      err << source << ": the journal ends at entry " << lines.size() << ", before the expected head " << expect_seq
          << ": entries were cut off\n";
      return Exit(ExitCode::kVerifyFailed);
    }
    auto entry = ParseEntryLine(lines[static_cast<std::size_t>(expect_seq - 1)]);
    if (!entry || entry->hash != expect_hash) {
      err << source << ": entry " << expect_seq << " is not the expected head " << expect_hash
          << ": the journal was rewritten from there or before\n";
      return Exit(ExitCode::kVerifyFailed);
    }
  }
  out << source << ": ok: " << report.entries << " entries; chain, hashes, signatures and every decision check out; head "
      << report.head.seq << " " << report.head.hash << (expect_seq > 0 ? "; holds the expected head " + std::to_string(expect_seq) : "")
      << "\n";
  return Exit(ExitCode::kSuccess);
}

int RunKeyNew(const std::string& path, std::ostream& out, std::ostream& err) {
  std::ifstream probe(path);
  if (probe) return Report(Error{ErrorCode::kInvalidArgument, path + ": exists; not overwriting a key"}, err);
  SigningKey key = SigningKey::Generate();
  if (Status st = WriteKeyFile(path, key); !st) return Report(st.error(), err);
  out << "key " << key.Id() << " written to " << path << "\npublic " << key.public_key().Hex() << "\n";
  return Exit(ExitCode::kSuccess);
}

int RunKeyRegister(const JournalOptions& o, const std::string& public_hex, const std::string& holder,
                   std::ostream& out, std::ostream& err) {
  auto key = ReadKeyFile(KeyFile(o));
  if (!key) return Report(key.error(), err);
  auto pub = PublicKey::FromHex(public_hex);
  if (!pub) return Report(pub.error(), err);
  auto event = MakeKeyRegisteredEvent(UtcNow(), *pub, holder);
  if (!event) return Report(event.error(), err);
  auto ledger = Ledger::Open(o.store, *key);
  if (!ledger) return Report(ledger.error(), err);
  auto r = (*ledger)->Append(*event);
  if (!r) return Report(r.error(), err);
  out << "key " << pub->Id() << " registered for " << holder << " at entry " << r->seq << "\n";
  return Exit(ExitCode::kSuccess);
}

int RunSign(const std::string& key_path, const std::string& event_json, std::ostream& out, std::ostream& err) {
  auto key = ReadKeyFile(key_path);
  if (!key) return Report(key.error(), err);
  auto decoded = DecodeEvent(event_json);
  if (!decoded) return Report(decoded.error(), err);
  boost::system::error_code ec;
  json::value v = json::parse(event_json, ec);
  auto signed_event = SignEvent(v.as_object(), *key);
  if (!signed_event) return Report(signed_event.error(), err);
  json::object o{{"event", json::parse(signed_event->event_json)}, {"key", signed_event->key_id}, {"sig", signed_event->sig}};
  out << json::serialize(o) << "\n";
  return Exit(ExitCode::kSuccess);
}

int RunSubmit(const JournalOptions& o, const std::string& signed_json, std::ostream& out, std::ostream& err) {
  auto key = ReadKeyFile(KeyFile(o));
  if (!key) return Report(key.error(), err);
  auto ledger = Ledger::Open(o.store, *key);
  if (!ledger) return Report(ledger.error(), err);
  auto r = (*ledger)->AppendSigned(signed_json);
  if (!r) return Report(r.error(), err);
  out << "appended as entry " << r->seq << " " << r->hash << "\n";
  return Exit(ExitCode::kSuccess);
}

}  // namespace concord
