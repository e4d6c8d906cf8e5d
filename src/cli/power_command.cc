// `concord power` (power_command.h).
#include "cli/power_command.h"

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <ostream>

#include "analysis/power.h"
#include "analysis/rule_game.h"
#include "cli/exit_codes.h"
#include "cli/load.h"
#include "codec/analysis_json.h"
#include "concord/time.h"
#include "server/tokens.h"  // UtcNow

namespace concord {
namespace {

namespace json = boost::json;

int Fails(const Error& e, std::ostream& err) {
  err << "power: " << e.message << "\n";
  return static_cast<int>(ExitCodeFor(e.code));
}

int Usage(const std::string& message, std::ostream& err) {
  err << "power: " << message << "\n";
  return static_cast<int>(ExitCode::kUsage);
}

// "4,4,4,2,2,1" as integers; the field named in the error.
Result<std::vector<std::int64_t>> ParseIntegers(const std::string& text, const std::string& field) {
  std::vector<std::int64_t> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(pos, end - pos);
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (item.empty() || ec != std::errc() || p != item.data() + item.size() || v < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  field + ": expected non-negative integers separated by commas, got '" + item + "' (item " +
                      std::to_string(out.size() + 1) + ")");
    }
    out.push_back(v);
    pos = end + 1;
  }
  return out;
}

std::vector<std::string> SplitNames(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void PrintText(const std::string& title, const std::vector<std::string>& notes, const std::vector<std::string>& names,
               const PowerIndices& p, bool banzhaf, bool shapley, std::ostream& out) {
  out << title << "\n";
  std::size_t width = 6;
  for (const auto& n : names) width = std::max(width, n.size());
  out << std::string(width, ' ');
  if (banzhaf) out << "   banzhaf   absolute    swings";
  if (shapley) out << "   shapley-shubik";
  out << "   veto\n";
  const std::vector<double> bz = ToDoubles(p.banzhaf), abs = ToDoubles(p.banzhaf_absolute), ss = ToDoubles(p.shapley_shubik);
  for (int i = 0; i < p.players; ++i) {
    const auto u = static_cast<std::size_t>(i);
    out << names[u] << std::string(width - names[u].size(), ' ');
    if (banzhaf) {
      out << "  " << Fixed(bz[u], 6) << "   " << Fixed(abs[u], 6) << "  " << p.swings[u].get_str();
    }
    if (shapley) out << "   " << Fixed(ss[u], 6) << " (" << p.shapley_shubik[u].get_str() << ")";
    out << "   " << (HasVeto(p, i) ? "yes" : "no") << "\n";
  }
  out << "decisiveness " << Fixed(p.decisiveness.get_d(), 6) << " (" << p.decisiveness.get_str()
      << " of all coalitions carry a draft)\n";
  for (const auto& n : notes) out << "note: " << n << "\n";
}

}  // namespace

int RunPower(const PowerCommandOptions& o, std::ostream& out, std::ostream& err) {
  if (o.index != "all" && o.index != "banzhaf" && o.index != "shapley-shubik") {
    return Usage("--index: expected banzhaf, shapley-shubik or all, got '" + o.index + "'", err);
  }
  if (o.format != "text" && o.format != "json") return Usage("--format: expected text or json, got '" + o.format + "'", err);
  const bool banzhaf = o.index != "shapley-shubik";
  const bool shapley = o.index != "banzhaf";
  PowerOptions options;
  options.shapley_shubik = shapley;

  if (!o.weights.empty()) {
    if (!o.body.empty() || !o.matter.empty()) return Usage("give --weights and --quota, or --body and --matter, not both", err);
    if (o.quota.empty()) return Usage("--weights needs --quota", err);
    auto weights = ParseIntegers(o.weights, "--weights");
    if (!weights) return Usage(weights.error().message, err);
    auto quota = ParseIntegers(o.quota, "--quota");
    if (!quota || quota->size() != 1) return Usage("--quota: expected one non-negative integer, got '" + o.quota + "'", err);
    std::vector<std::string> names;
    if (o.names.empty()) {
      for (std::size_t i = 1; i <= weights->size(); ++i) names.push_back("P" + std::to_string(i));
    } else {
      names = SplitNames(o.names);
      if (names.size() != weights->size()) {
        return Usage("--names: " + std::to_string(names.size()) + " names for " + std::to_string(weights->size()) + " weights", err);
      }
    }
    Result<PowerIndices> p = WeightedGamePower(WeightedGame{*weights, quota->front()}, options);
    if (!p) return Fails(p.error(), err);
    std::string title = "[" + o.quota + "; " + o.weights + "]";
    if (o.format == "json") {
      json::object doc{{"game", title}};
      for (auto& [k, v] : PowerObject(names, *p, {banzhaf, shapley}, {})) doc[k] = std::move(v);
      out << json::serialize(doc) << "\n";
    } else {
      PrintText("weighted game " + title, {}, names, *p, banzhaf, shapley, out);
    }
    return 0;
  }

  if (o.body.empty() || o.matter.empty()) return Usage("give --body and --matter (a charter's rule), or --weights and --quota", err);
  std::string as_of = o.as_of;
  if (as_of.empty()) as_of = UtcNow().substr(0, 10);
  Result<Day> day = ParseDay(as_of);
  if (!day) return Usage("--as-of: expected YYYY-MM-DD, got '" + o.as_of + "'", err);
  auto charter = LoadCharter(o.charter);
  if (!charter) return Fails(charter.error(), err);
  Result<RuleGame> game = GameOfRule(**charter, o.body, o.matter, *day);
  if (!game) return Fails(game.error(), err);
  std::string how;
  Result<PowerIndices> p = PowerOfRuleGame(*game, options, &how);
  if (!p) return Fails(p.error(), err);
  const std::string method = (game->vector ? "a vector-weighted game, exact by " : "the rule tree, exact by ") +
                             (how == "enumeration" ? std::string("enumeration") : std::string("dynamic programming"));
  if (o.format == "json") {
    json::object doc{{"body", game->body}, {"matter", game->matter}, {"rule", game->rule}, {"as_of", as_of}, {"method", how}};
    for (auto& [k, v] : PowerObject(game->members, *p, {banzhaf, shapley}, game->notes)) doc[k] = std::move(v);
    out << json::serialize(doc) << "\n";
  } else {
    PrintText((**charter).id + " " + game->body + "/" + game->matter + " on " + as_of + ": rule " + game->rule + " (" +
                  method + "; every member present, voting yes or no)",
              game->notes, game->members, *p, banzhaf, shapley, out);
  }
  return 0;
}

}  // namespace concord
