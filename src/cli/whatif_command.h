// `concord whatif`: a draft's outcome under changed attendance, positions and later acts, next
// to the outcome as recorded; the pivotal members and the smallest sets of changes that flip it
// (src/analysis/whatif.h).
//
//   WhatIfOptions o;  o.record.histories = {"embedded"};  o.draft = "minsk-2023-declaration";
//   o.changes.positions = "ARM=object";
//   RunWhatIf(o, std::cout, std::cerr);
#pragma once

#include <iosfwd>
#include <string>

#include "analysis/whatif.h"
#include "cli/commands.h"

namespace concord {

struct WhatIfOptions {
  ReplayOptions record;       // charter, histories, as_of, format
  std::string draft;
  ChangeLists changes;  // --present, --absent, ... (acts: decided drafts only)
  int max_changes = 2;
};

int RunWhatIf(const WhatIfOptions& options, std::ostream& out, std::ostream& err);

}  // namespace concord
