// What `replay` and `explain` print: the state as JSON (docs/journal-format.md, "The state") or as text for people,
// and the derivation of one decision or the chronology of one request.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "concord/state.h"

namespace concord {

// The state as of `as_of` (the caller replays only events up to it), docs/journal-format.md "The state", pretty
// printed with two-space indentation and sorted arrays, so equal input gives equal bytes.
std::string StateJson(const State& state, const Timestamp& as_of);
std::string StateText(const State& state, const Timestamp& as_of);

// One decision: status, members, and every check with its clause. kNotFound if unknown.
// `lang`: "en" or "ru" (the wording table's languages); the charter's texts in that language
// where it gives them.
Result<std::string> ExplainDecisionText(const State& state, const std::string& id, std::string_view lang = "en");
// A draft still pending also shows the outcome if it were put to decision on `as_of`.
Result<std::string> ExplainDecisionJson(const State& state, const std::string& id, const Timestamp& as_of,
                                       std::string_view lang = "en");

// One request: a chronology in words, one line per stage, and what was sought but not given.
Result<std::string> ExplainRequestText(const State& state, const std::string& id, const Timestamp& as_of,
                                       std::string_view lang = "en");
Result<std::string> ExplainRequestJson(const State& state, const std::string& id, const Timestamp& as_of);

// Sessions by the time they were convened, decisions by the time they were tabled (ties by id):
// the order of the state's lists and of the API's pages.
std::vector<const SessionState*> SessionsInOrder(const State& state);
std::vector<const DecisionState*> DecisionsInOrder(const State& state);

// Pretty-prints compact JSON text (two spaces). Exposed for the CLI's other JSON outputs.
std::string PrettyJson(const std::string& compact);

}  // namespace concord
