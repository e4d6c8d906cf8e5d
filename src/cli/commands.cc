// check, replay and explain (src/cli/commands.h).
#include "cli/commands.h"

#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/embedded.h"
#include "cli/exit_codes.h"
#include "cli/load.h"
#include "codec/charter_toml.h"
#include "codec/report.h"

namespace concord {

int RunCheck(const std::string& charter_path, std::ostream& out, std::ostream& err) {
  auto text = ReadTextFile(charter_path);
  if (!text) return Report(text.error(), err);
  CharterParse parse = ParseCharter(*text, charter_path);
  if (!parse.errors.empty()) {
    for (const auto& d : parse.errors) err << FormatDiagnostic(d) << "\n";
    err << parse.errors.size() << (parse.errors.size() == 1 ? " error" : " errors") << " in " << charter_path << "\n";
    return Exit(ExitCode::kInvalidInput);
  }
  const Charter& c = *parse.charter;
  out << charter_path << ": ok: " << c.name << " (" << c.id << "), " << c.members.size() << " members, "
      << c.bodies.size() << " bodies, " << c.rules.size() << " rules, " << c.clauses.size() << " clauses\n";
  for (const auto& [id, body] : c.bodies) {
    out << "  " << id << " " << body.name << "\n";
    for (const auto& [mid, m] : body.matters) {
      out << "    " << mid << ": rule " << m.rule;
      if (const Clause* cl = c.FindClause(c.rules.at(m.rule).clause)) out << " [" << cl->citation << "]";
      out << "\n";
    }
  }
  return Exit(ExitCode::kSuccess);
}

int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  auto loaded = LoadRecord(options);
  if (!loaded) return Report(loaded.error(), err);
  const Record& rec = *loaded;
  if (options.format == "json") {
    out << StateJson(rec.replayer->state(), rec.as_of);
  } else {
    out << StateText(rec.replayer->state(), rec.as_of);
  }
  return Exit(ExitCode::kSuccess);
}

int RunExplain(const ReplayOptions& options, const std::string& id, std::ostream& out, std::ostream& err) {
  auto loaded = LoadRecord(options);
  if (!loaded) return Report(loaded.error(), err);
  const State& state = loaded->replayer->state();
  const bool json = options.format == "json";
  Result<std::string> text = state.requests.count(id)
      ? (json ? ExplainRequestJson(state, id, loaded->as_of) : ExplainRequestText(state, id, loaded->as_of, options.lang))
      : (json ? ExplainDecisionJson(state, id, loaded->as_of, options.lang) : ExplainDecisionText(state, id, options.lang));
  if (!text) return Report(text.error(), err);
  out << *text;
  return Exit(ExitCode::kSuccess);
}

}  // namespace concord
