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

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (!text.empty() && pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// The options as changes, in the order attendance, positions, acts; the option named in errors.
Result<std::vector<Change>> Changes(const WhatIfOptions& o) {
  std::vector<Change> out;
  auto members = [&](const std::string& list, const char* word, const char* option) -> Status {
    for (const auto& m : Split(list)) {
      Result<Change> c = ParseChange(m + "=" + word);
      if (!c || m.empty()) return Fail(ErrorCode::kInvalidArgument, std::string(option) + ": expected MEMBER,..., got '" + list + "'");
      out.push_back(*c);
    }
    return {};
  };
  if (Status s = members(o.present, "present", "--present"); !s) return s.error();
  if (Status s = members(o.absent, "absent", "--absent"); !s) return s.error();
  if (Status s = members(o.non_objection, "non_objection", "--non-objection"); !s) return s.error();
  for (const auto& p : Split(o.positions)) {
    Result<Change> c = ParseChange(p);
    if (!c || (c->kind != Change::Kind::kStance)) {
      return Fail(ErrorCode::kInvalidArgument, "--position: " + (c ? "'" + p + "': expected MEMBER=support|object|abstain|not_interested"
                                                                      : c.error().message));
    }
    out.push_back(*c);
  }
  if (Status s = members(o.accedes, "accedes", "--accedes"); !s) return s.error();
  if (Status s = members(o.refuses, "refuses", "--refuses"); !s) return s.error();
  if (Status s = members(o.refuses_objecting, "refuses_objecting", "--refuses-objecting"); !s) return s.error();
  return out;
}

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
  Result<std::vector<Change>> changes = Changes(o);
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
