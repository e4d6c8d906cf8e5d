// The JSON of the analyses (src/analysis): voting power and what-if, the same bytes for
// `concord power|whatif --format json` and the API's /power and /whatif routes.
//
//   boost::json::object o = PowerObject(game.members, *indices, {.banzhaf = true, .shapley_shubik = true}, game.notes);
//   boost::json::object w = WhatIfObject(*answer, query);
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/power.h"
#include "analysis/whatif.h"

namespace concord {

struct PowerFields {
  bool banzhaf = true;
  bool shapley_shubik = true;
};

// {"members": [{"id", "banzhaf", "banzhaf_exact", "banzhaf_absolute", "banzhaf_absolute_exact",
// "swings", "shapley_shubik", "shapley_shubik_exact", "veto"}], "decisiveness",
// "decisiveness_exact", "notes"}: exact values as fractions in lowest terms ("5/21"), counts as
// decimal strings (they pass 2^53 in large bodies).
boost::json::object PowerObject(const std::vector<std::string>& names, const PowerIndices& p, PowerFields fields,
                                const std::vector<std::string>& notes);

// Whether player i is in every winning coalition (can block every decision alone).
bool HasVeto(const PowerIndices& p, int i);

// {"draft", "decided", "recorded", "derived": OUTCOME, "changed": OUTCOME + "changes",
// "pivotal": [{"changes", "status"}], "minimal_sets": [...], "max_changes", "truncated"}, where
// OUTCOME is {"status", "provisional", "binding_on", "members", "checks"}; each check's detail in
// `lang` (en, ru).
boost::json::object WhatIfObject(const WhatIfAnswer& answer, const WhatIfQuery& query, std::string_view lang = "en");

}  // namespace concord
