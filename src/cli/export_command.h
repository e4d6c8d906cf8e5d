// `concord export`: the journal as JSON Lines (--format journal, the default), or the record in an
// open data format (docs/exports.md): popolo, ical, akn (one decision) or csv (one table), from
// histories like `replay` (`concord export --format ical embedded`) or from a journal (--store).
//
//   ExportOptions o;  o.format = "csv";  o.table = "accessions";  o.record.histories = {"embedded"};
//   RunExportCommand(o, std::cout, std::cerr);
#pragma once

#include <iosfwd>
#include <string>

#include "cli/commands.h"

namespace concord {

struct ExportOptions {
  std::string format = "journal";  // journal | popolo | ical | akn | csv
  std::string table;               // csv: decisions | accessions | requests
  std::string decision;            // akn: the decision (draft id)
  std::string out;                 // a file instead of standard output
  JournalOptions journal;          // --store (and --key, unused here)
  bool store_given = false;        // --store was on the command line (it has a default)
  ReplayOptions record;            // --charter, --as-of and the HISTORY files
};

int RunExportCommand(const ExportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace concord
