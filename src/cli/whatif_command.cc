// `concord whatif` (whatif_command.h).
#include "cli/whatif_command.h"

#include <algorithm>
#include <boost/json.hpp>
#include <ostream>

#include "analysis/whatif.h"
#include "cli/exit_codes.h"
#include "cli/load.h"
#include "codec/analysis_json.h"

namespace concord {
namespace {

namespace json = boost::json;

std::string Texts(const std::vector<Change>& changes) {
  std::string s;
  for (const Change& c : changes) s += (s.empty() ? "" : ", ") + c.Text();
  return s;
}

void PrintOutcome(const Outcome& o, std::ostream& out) {
  for (const Check& c : o.checks) {
    out << "    " << CheckVerdict(c) << "  " << c.rule << " [" << c.citation << "]: " << c.detail << "\n";
  }
  const auto binding = BindingOn(o.status, o.provisional, o.members);
  out << "    binding on: " << (binding.empty() ? "nobody" : "") ;
  for (std::size_t i = 0; i < binding.size(); ++i) out << (i ? ", " : "") << binding[i];
  out << "\n";
}

}  // namespace

int RunWhatIf(const WhatIfOptions& o, std::ostream& out, std::ostream& err) {
  auto fail = [&](const Error& e) {
    err << "whatif: " << e.message << "\n";
    return static_cast<int>(ExitCodeFor(e.code));
  };
  Result<std::vector<Change>> changes =
      ParseChanges(o.changes, {"--present", "--absent", "--non-objection", "--position", "--accedes", "--refuses", "--refuses-objecting"});
  if (!changes) {
    err << "whatif: " << changes.error().message << "\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  auto loaded = LoadRecord(o.record);
  if (!loaded) return fail(loaded.error());
  WhatIfQuery query;
  query.changes = std::move(*changes);
  query.max_changes = o.max_changes;
  Result<WhatIfAnswer> a = WhatIf(loaded->replayer->state(), o.draft, loaded->as_of, query);
  if (!a) return fail(a.error());

  if (o.record.format == "json") {
    out << json::serialize(WhatIfObject(*a, query)) << "\n";
    return 0;
  }
  out << "draft " << a->draft << (a->decided ? " (decided)" : " (under discussion: as if put to decision now)") << "\n";
  out << "  as recorded: " << DecisionStatusName(a->recorded) << "\n";
  out << "  derived from the record: " << DecisionStatusName(a->base.status) << "\n";
  if (!query.changes.empty()) {
    out << "  with " << Texts(query.changes) << ": " << DecisionStatusName(a->changed.status) << "\n";
  }
  PrintOutcome(a->changed, out);
  out << "  pivotal (one change alone):" << (a->pivotal.empty() ? " none" : "") << "\n";
  for (const Scenario& s : a->pivotal) out << "    " << Texts(s.changes) << " -> " << DecisionStatusName(s.status) << "\n";
  const auto several = std::count_if(a->minimal_sets.begin(), a->minimal_sets.end(),
                                     [](const Scenario& s) { return s.changes.size() > 1; });
  out << "  smallest sets of several changes that flip it (up to " << o.max_changes << "):"
      << (several == 0 ? " none beyond the single changes above" : "") << "\n";
  for (const Scenario& s : a->minimal_sets) {
    if (s.changes.size() > 1) out << "    " << Texts(s.changes) << " -> " << DecisionStatusName(s.status) << "\n";
  }
  if (a->truncated) out << "  (more sets than shown: the search stopped at its bound)\n";
  return 0;
}

}  // namespace concord
