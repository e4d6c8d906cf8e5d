// `concord export` (export_command.h): the journal, or the record in an open data format.
#include "cli/export_command.h"

#include <algorithm>
#include <fstream>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/load.h"
#include "codec/exports.h"
#include "ledger/ledger.h"
#include "store/event_store.h"

namespace concord {
namespace {

int Usage(const std::string& message, std::ostream& err) {
  err << message << "\n";
  return Exit(ExitCode::kUsage);
}

// The record as of --as-of (else its last event), and the time it is taken at.
struct Loaded {
  std::shared_ptr<const State> state;
  Timestamp as_of;
};

Result<Loaded> LoadFromStore(const ExportOptions& o) {
  std::optional<Timestamp> until;
  if (!o.record.as_of.empty()) {
    auto t = ParseAsOf(o.record.as_of);
    if (!t) return Fail(ErrorCode::kInvalidArgument, "--as-of: " + t.error().message);
    until = *t;
  }
  auto store = OpenStore(o.journal.store, StoreOpen::kExisting);
  if (!store) return store.error();
  std::vector<std::string> lines;
  for (std::int64_t next = 1;;) {
    auto chunk = (*store)->Read(next, 10000);
    if (!chunk) return chunk.error();
    for (auto& e : *chunk) {
      lines.push_back(std::move(e.line));
      next = e.seq + 1;
    }
    if (chunk->size() < 10000) break;
  }
  auto state = ReplayEntries(lines, until);
  if (!state) return state.error();
  const Timestamp at = until ? *until : (*state)->last ? *(*state)->last : Timestamp{};
  return Loaded{*state, at};
}

Result<Loaded> LoadFromHistories(const ExportOptions& o) {
  auto rec = LoadRecord(o.record);
  if (!rec) return rec.error();
  return Loaded{std::make_shared<const State>(rec->replayer->state()), rec->as_of};
}

}  // namespace

int RunExportCommand(const ExportOptions& o, std::ostream& out, std::ostream& err) {
  const bool histories = !o.record.histories.empty();
  if (o.format == "journal") {
    if (histories) {
      return Usage("HISTORY: --format journal exports the journal of --store; histories are read by --format "
                   "popolo, ical, akn or csv", err);
    }
    if (!o.table.empty()) return Usage("--table: only with --format csv", err);
    if (!o.decision.empty()) return Usage("--decision: only with --format akn", err);
    if (!o.record.charter.empty()) return Usage("--charter: only with histories (--format popolo, ical, akn or csv)", err);
    if (!o.record.as_of.empty()) return Usage("--as-of: the journal is exported whole; --as-of is for --format popolo, ical, akn or csv", err);
    return RunExport(o.journal, o.out, out, err);
  }
  if (o.format != "popolo" && o.format != "ical" && o.format != "akn" && o.format != "csv") {
    return Usage("--format: expected journal, popolo, ical, akn or csv, got '" + o.format + "'", err);
  }
  if (o.format != "csv" && !o.table.empty()) return Usage("--table: only with --format csv", err);
  if (o.format != "akn" && !o.decision.empty()) return Usage("--decision: only with --format akn", err);
  if (o.format == "csv" && o.table.empty()) {
    return Usage("--table: required with --format csv (decisions, accessions or requests)", err);
  }
  if (o.format == "csv" && std::find(CsvTables().begin(), CsvTables().end(), o.table) == CsvTables().end()) {
    return Usage("--table: expected decisions, accessions or requests, got '" + o.table + "'", err);
  }
  if (o.format == "akn" && o.decision.empty()) return Usage("--decision: required with --format akn (a decision id)", err);
  if (histories && o.store_given) return Usage("--store: give HISTORY files or --store, not both", err);
  if (!histories && !o.store_given) {
    return Usage("HISTORY: give the histories to export ('embedded' for the shipped record) or --store", err);
  }
  if (o.store_given && !o.record.charter.empty()) {
    return Usage("--charter: a journal holds its own charter; --charter goes with HISTORY files", err);
  }

  auto loaded = histories ? LoadFromHistories(o) : LoadFromStore(o);
  if (!loaded) return Report(loaded.error(), err);
  const State& state = *loaded->state;
  const Charter& charter = state.CurrentCharter();
  std::string text;
  if (o.format == "popolo") {
    text = PopoloJson(state, charter, loaded->as_of);
  } else if (o.format == "ical") {
    text = SessionsICalendar(state, charter, loaded->as_of);
  } else if (o.format == "akn") {
    auto xml = DecisionAkomaNtoso(state, charter, o.decision, loaded->as_of);
    if (!xml) return Report(Error{xml.error().code, "--decision: " + xml.error().message}, err);
    text = std::move(*xml);
  } else {
    auto csv = CsvTable(state, o.table, loaded->as_of);
    if (!csv) return Usage("--table: " + csv.error().message, err);
    text = std::move(*csv);
  }
  if (o.out.empty()) {
    out << text;
    return Exit(ExitCode::kSuccess);
  }
  std::ofstream file(o.out, std::ios::trunc | std::ios::binary);
  if (!file) return Report(Error{ErrorCode::kUnavailable, o.out + ": cannot write"}, err);
  file << text;
  file.close();
  if (!file) return Report(Error{ErrorCode::kUnavailable, o.out + ": write failed"}, err);
  out << "exported the record as " << o.format << (o.format == "csv" ? " (" + o.table + ")" : "") << " to " << o.out
      << "\n";
  return Exit(ExitCode::kSuccess);
}

}  // namespace concord
