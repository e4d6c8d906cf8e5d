// JSON of the analyses (analysis_json.h).
#include "codec/analysis_json.h"

#include <boost/json.hpp>

#include "concord/wording.h"

namespace concord {
namespace {

namespace json = boost::json;

json::array ChangesArray(const std::vector<Change>& changes) {
  json::array a;
  for (const Change& c : changes) a.push_back(json::value(c.Text()));
  return a;
}

json::object OutcomeObject(const Outcome& o, std::string_view lang) {
  json::array checks;
  for (const Check& c : o.checks) {
    const std::string detail = c.statements.empty() ? c.detail : Render(c.statements, lang);
    checks.push_back(json::object{{"rule", c.rule}, {"clause", c.clause}, {"citation", c.citation},
                                  {"verdict", CheckVerdict(c)}, {"detail", detail}});
  }
  json::object members;
  for (const auto& [m, s] : o.members) members[m] = MemberStatusName(s);
  json::array binding;
  for (const auto& m : BindingOn(o.status, o.provisional, o.members)) binding.push_back(json::value(m));
  return json::object{{"status", DecisionStatusName(o.status)}, {"provisional", o.provisional},
                      {"binding_on", std::move(binding)}, {"members", std::move(members)}, {"checks", std::move(checks)}};
}

json::array Scenarios(const std::vector<Scenario>& list) {
  json::array a;
  for (const Scenario& s : list) a.push_back(json::object{{"changes", ChangesArray(s.changes)}, {"status", DecisionStatusName(s.status)}});
  return a;
}

}  // namespace

bool HasVeto(const PowerIndices& p, int i) {
  // i is in every winning coalition exactly when each winning coalition, less i, is one of i's
  // swings: swings_i == winning.
  return p.winning > 0 && p.swings[static_cast<std::size_t>(i)] == p.winning;
}

json::object PowerObject(const std::vector<std::string>& names, const PowerIndices& p, PowerFields fields,
                         const std::vector<std::string>& notes) {
  const std::vector<double> bz = ToDoubles(p.banzhaf), abs = ToDoubles(p.banzhaf_absolute), ss = ToDoubles(p.shapley_shubik);
  json::array members;
  for (int i = 0; i < p.players; ++i) {
    const auto u = static_cast<std::size_t>(i);
    json::object m{{"id", names[u]}};
    if (fields.banzhaf) {
      m["banzhaf"] = bz[u];
      m["banzhaf_exact"] = p.banzhaf[u].get_str();
      m["banzhaf_absolute"] = abs[u];
      m["banzhaf_absolute_exact"] = p.banzhaf_absolute[u].get_str();
      m["swings"] = p.swings[u].get_str();
    }
    if (fields.shapley_shubik && !p.shapley_shubik.empty()) {
      m["shapley_shubik"] = ss[u];
      m["shapley_shubik_exact"] = p.shapley_shubik[u].get_str();
    }
    m["veto"] = HasVeto(p, i);
    members.push_back(std::move(m));
  }
  json::array n;
  for (const auto& s : notes) n.push_back(json::value(s));
  return json::object{{"members", std::move(members)}, {"decisiveness", p.decisiveness.get_d()},
                      {"decisiveness_exact", p.decisiveness.get_str()}, {"notes", std::move(n)}};
}

json::object WhatIfObject(const WhatIfAnswer& a, const WhatIfQuery& query, std::string_view lang) {
  json::object changed = OutcomeObject(a.changed, lang);
  changed["changes"] = ChangesArray(query.changes);
  return json::object{{"draft", a.draft},
                      {"decided", a.decided},
                      {"recorded", DecisionStatusName(a.recorded)},
                      {"derived", OutcomeObject(a.base, lang)},
                      {"changed", std::move(changed)},
                      {"pivotal", Scenarios(a.pivotal)},
                      {"minimal_sets", Scenarios(a.minimal_sets)},
                      {"max_changes", query.max_changes},
                      {"truncated", a.truncated}};
}

}  // namespace concord
