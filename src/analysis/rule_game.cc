// A charter's rule as a simple game (rule_game.h).
#include "analysis/rule_game.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <map>
#include <numeric>

#include "analysis/brute_force.h"
#include "concord/engine.h"

namespace concord {
namespace {

__extension__ using i128 = __int128;  // exact products of weights and fractions

// The smallest integer q with q >= f * total (at least) or q > f * total (more than).
std::int64_t Quota(const Fraction& f, std::int64_t total, Comparison cmp) {
  const i128 product = static_cast<i128>(f.num) * total;
  const i128 floor = product / f.den;
  if (cmp == Comparison::kMoreThan) return static_cast<std::int64_t>(floor + 1);
  return static_cast<std::int64_t>(floor * f.den == product ? floor : floor + 1);
}

// The game's view of the charter: members in order, their weights, and the rules.
struct Model {
  Model(const Charter& c, const std::vector<std::string>& m) : charter(c), members(m) {}
  const Charter& charter;
  const std::vector<std::string>& members;

  int n() const { return static_cast<int>(members.size()); }

  // Each weight's figures in member order, looked up once (the enumeration asks per coalition).
  const std::vector<std::int64_t>& Weights(const std::string& weight) const {
    auto cached = cache.find(weight);
    if (cached != cache.end()) return cached->second;
    std::vector<std::int64_t>& w = cache[weight];
    for (const auto& id : members) {
      const auto m = charter.members.find(id);
      std::int64_t v = 0;
      if (m != charter.members.end()) {
        if (auto it = m->second.weights.find(weight); it != m->second.weights.end()) v = it->second;
      }
      w.push_back(v);
    }
    return w;
  }
  mutable std::map<std::string, std::vector<std::int64_t>> cache;

  // The blocking minority of kFewerNotInFavour: its count, or the fewest members holding more
  // than `blocking_weight` of the weight, plus one.
  int BlockingCount(const Criterion& c) const {
    if (!c.blocking_weight) return c.count.value_or(0);
    std::vector<std::int64_t> w = Weights(c.weight);  // a copy, to sort
    std::sort(w.rbegin(), w.rend());
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    const std::int64_t over = Quota(*c.blocking_weight, total, Comparison::kMoreThan);
    std::int64_t sum = 0;
    int k = 0;
    for (std::int64_t x : w) {
      if (sum >= over) break;
      sum += x;
      ++k;
    }
    return k + 1;
  }

  // The rule evaluated on a coalition of yes votes (everyone else objects), depth bounded as the
  // charter's check bounds it.
  bool Wins(const std::string& rule_id, std::uint64_t s, int depth) const {
    const auto it = charter.rules.find(rule_id);
    if (it == charter.rules.end() || depth > kMaxRuleNesting) return false;
    const Criterion& c = it->second;
    const int yes = std::popcount(s);
    const int no = n() - yes;
    auto weight_of = [&](const std::string& weight) {
      const std::vector<std::int64_t>& w = Weights(weight);
      std::int64_t in = 0, total = 0;
      for (int i = 0; i < n(); ++i) {
        total += w[static_cast<std::size_t>(i)];
        if (s >> i & 1) in += w[static_cast<std::size_t>(i)];
      }
      return std::pair{in, total};
    };
    switch (c.kind) {
      case CriterionKind::kConsensus:
        return no <= c.objections_allowed;
      case CriterionKind::kUnanimity:
        return no == 0;
      case CriterionKind::kMajority: {
        bool ok = true;
        if (c.weight.empty()) {
          if (c.count) ok = ok && yes >= *c.count;
          if (c.threshold) ok = ok && yes >= Quota(*c.threshold, n(), c.comparison);
        } else {
          const auto [in, total] = weight_of(c.weight);
          if (c.count) ok = ok && in >= *c.count;
          if (c.threshold) ok = ok && in >= Quota(*c.threshold, total, c.comparison);
        }
        return ok;
      }
      case CriterionKind::kFewerNotInFavour:
        return no < BlockingCount(c);
      case CriterionKind::kVeto:
        for (int i = 0; i < n(); ++i) {
          const bool holder = std::find(c.holders.begin(), c.holders.end(), members[static_cast<std::size_t>(i)]) != c.holders.end();
          if (holder && !(s >> i & 1)) return false;
        }
        return true;
      case CriterionKind::kSilence:
        return false;
      case CriterionKind::kAll:
        return std::all_of(c.of.begin(), c.of.end(), [&](const std::string& r) { return Wins(r, s, depth + 1); });
      case CriterionKind::kAny:
        return std::any_of(c.of.begin(), c.of.end(), [&](const std::string& r) { return Wins(r, s, depth + 1); });
    }
    return false;
  }

  // A conjunction of quotas: head counts fold into min_members, the rest become criteria.
  struct Conjunction {
    int min_members = 0;
    std::vector<GameCriterion> criteria;
  };

  // Adds the requirements of `rule_id` to `out` when the rule is a conjunction of quotas; false
  // for any other shape (an `any`, a silence procedure).
  bool AddConjunct(const std::string& rule_id, Conjunction& out, int depth) const {
    const auto it = charter.rules.find(rule_id);
    if (it == charter.rules.end() || depth > kMaxRuleNesting) return false;
    const Criterion& c = it->second;
    auto at_least = [&](std::int64_t heads) { out.min_members = static_cast<int>(std::max<std::int64_t>(out.min_members, heads)); };
    switch (c.kind) {
      case CriterionKind::kConsensus:
        at_least(n() - c.objections_allowed);
        return true;
      case CriterionKind::kUnanimity:
        at_least(n());
        return true;
      case CriterionKind::kMajority:
        if (c.weight.empty()) {
          if (c.count) at_least(*c.count);
          if (c.threshold) at_least(Quota(*c.threshold, n(), c.comparison));
        } else {
          std::vector<std::int64_t> w = Weights(c.weight);
          const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
          if (c.count) out.criteria.push_back({w, *c.count});
          if (c.threshold) out.criteria.push_back({w, Quota(*c.threshold, total, c.comparison)});
        }
        return true;
      case CriterionKind::kFewerNotInFavour:
        at_least(n() - BlockingCount(c) + 1);
        return true;
      case CriterionKind::kVeto: {
        GameCriterion holders;
        for (const auto& id : members) {
          const bool holder = std::find(c.holders.begin(), c.holders.end(), id) != c.holders.end();
          holders.weights.push_back(holder ? 1 : 0);
          holders.quota += holder ? 1 : 0;
        }
        out.criteria.push_back(std::move(holders));
        return true;
      }
      case CriterionKind::kAll:
        return std::all_of(c.of.begin(), c.of.end(), [&](const std::string& r) { return AddConjunct(r, out, depth + 1); });
      case CriterionKind::kAny:
      case CriterionKind::kSilence:
        return false;
    }
    return false;
  }

  // Whether every coalition of at least `size` members meets `conj` (then "fewer than k
  // against" implies it): the `size` lightest members must reach every quota.
  bool ImpliedBySize(const Conjunction& conj, int size) const {
    if (conj.min_members > size) return false;
    for (const GameCriterion& g : conj.criteria) {
      std::vector<std::int64_t> w = g.weights;
      std::sort(w.begin(), w.end());
      const std::int64_t lightest = std::accumulate(w.begin(), w.begin() + size, std::int64_t{0});
      if (lightest < g.quota) return false;
    }
    return true;
  }

  // The rule as a vector game: a conjunction of quotas, optionally with one `any` of a
  // conjunction and a blocking-minority clause (the EU's qualified majority) when that clause
  // implies the rest of the rule.
  std::optional<VectorGame> AsVectorGame(const std::string& rule_id) const {
    std::vector<std::string> conjuncts{rule_id}, anys;
    // Flatten the top-level `all`s (bounded: each step goes one level down a checked tree).
    for (int depth = 0; depth <= kMaxRuleNesting; ++depth) {
      std::vector<std::string> next;
      bool expanded = false;
      for (const auto& r : conjuncts) {
        const auto it = charter.rules.find(r);
        if (it == charter.rules.end()) return std::nullopt;
        if (it->second.kind == CriterionKind::kAll) {
          next.insert(next.end(), it->second.of.begin(), it->second.of.end());
          expanded = true;
        } else if (it->second.kind == CriterionKind::kAny) {
          anys.push_back(r);
        } else {
          next.push_back(r);
        }
      }
      conjuncts = std::move(next);
      if (!expanded) break;
    }
    Conjunction rest;
    for (const auto& r : conjuncts) {
      if (!AddConjunct(r, rest, 0)) return std::nullopt;
    }
    VectorGame game;
    game.players = n();
    if (anys.size() > 1) return std::nullopt;
    if (anys.size() == 1) {
      const Criterion& any = charter.rules.at(anys[0]);
      if (any.of.size() != 2) return std::nullopt;
      for (int f = 0; f < 2; ++f) {
        const auto blocking = charter.rules.find(any.of[static_cast<std::size_t>(f)]);
        if (blocking == charter.rules.end() || blocking->second.kind != CriterionKind::kFewerNotInFavour) continue;
        const int k = BlockingCount(blocking->second);
        if (k < 1 || !ImpliedBySize(rest, n() - k + 1)) return std::nullopt;
        if (!AddConjunct(any.of[static_cast<std::size_t>(1 - f)], rest, 0)) return std::nullopt;
        game.fewer_opponents_than = k;
        break;
      }
      if (game.fewer_opponents_than == 0) return std::nullopt;
    }
    game.min_members = rest.min_members;
    game.criteria = std::move(rest.criteria);
    return game;
  }
};

std::vector<std::string> NotesOn(const Charter& charter, const std::string& rule_id, int depth) {
  std::vector<std::string> notes;
  const auto it = charter.rules.find(rule_id);
  if (it == charter.rules.end() || depth > kMaxRuleNesting) return notes;
  const Criterion& c = it->second;
  if (c.casting_vote) notes.push_back("rule '" + c.id + "': the chair's casting vote on a tie is not modelled");
  if (c.disregard_parties) notes.push_back("rule '" + c.id + "': parties' objections are disregarded in the record; here nobody is a party");
  for (const auto& child : c.of) {
    for (auto& n : NotesOn(charter, child, depth + 1)) notes.push_back(std::move(n));
  }
  return notes;
}

bool HasSilence(const Charter& charter, const std::string& rule_id, int depth) {
  const auto it = charter.rules.find(rule_id);
  if (it == charter.rules.end() || depth > kMaxRuleNesting) return false;
  if (it->second.kind == CriterionKind::kSilence) return true;
  return std::any_of(it->second.of.begin(), it->second.of.end(),
                     [&](const std::string& r) { return HasSilence(charter, r, depth + 1); });
}

}  // namespace

Result<RuleGame> GameOfRule(const Charter& charter, const std::string& body_id, const std::string& matter_id,
                            std::optional<Day> day) {
  const Body* body = charter.FindBody(body_id);
  if (body == nullptr) return Fail(ErrorCode::kNotFound, "no body '" + body_id + "' in the charter");
  const MatterRules* matter = body->FindMatter(matter_id);
  if (matter == nullptr) {
    std::string known;
    for (const auto& [id, m] : body->matters) known += (known.empty() ? "" : ", ") + id;
    return Fail(ErrorCode::kNotFound, "body " + body_id + " has no matter '" + matter_id + "' (it has: " + known + ")");
  }
  if (HasSilence(charter, matter->rule, 0)) {
    return Fail(ErrorCode::kInvalidArgument, "the rule of " + body_id + "/" + matter_id +
                                                 " is a silence procedure, not a vote: it has no voting power to compute");
  }
  RuleGame game;
  game.body = body_id;
  game.matter = matter_id;
  game.rule = matter->rule;
  for (const auto& id : charter.CompositionOf(*body)) {
    const auto m = charter.members.find(id);
    const bool on = !day || m == charter.members.end() ||
                    ((!m->second.since || *day >= *m->second.since) && (!m->second.until || *day <= *m->second.until));
    if (on) game.members.push_back(id);
  }
  game.charter = &charter;
  if (game.members.empty()) return Fail(ErrorCode::kInvalidArgument, "body " + body_id + " has no members on that day");
  if (game.members.size() > 511) return Fail(ErrorCode::kInvalidArgument, "body " + body_id + " has more than 511 members");
  const Model model{charter, game.members};
  game.vector = model.AsVectorGame(matter->rule);
  game.notes = NotesOn(charter, matter->rule, 0);
  return game;
}

bool RuleGameWins(const RuleGame& game, std::uint64_t coalition) {
  const Model model{*game.charter, game.members};
  return model.Wins(game.rule, coalition, 0);
}

Result<PowerIndices> PowerOfRuleGame(const RuleGame& game, PowerOptions options, std::string* method) {
  const int n = static_cast<int>(game.members.size());
  if (method != nullptr) *method = "dynamic_programming";
  if (game.vector) {
    Result<PowerIndices> p = VectorGamePower(*game.vector, options);
    if (p || n > kMaxBruteForcePlayers) return p;
    // Weights too fine for the table (the EU's populations in persons): the 2^n coalitions are
    // still few enough to count one by one.
    if (method != nullptr) *method = "enumeration";
    return BruteForceVectorPower(*game.vector, options);
  }
  if (method != nullptr) *method = "enumeration";
  if (n > kMaxRuleEnumeration) {
    return Fail(ErrorCode::kInvalidArgument, "the rule of " + game.body + "/" + game.matter +
                                                 " is not a conjunction of quotas, and enumerating its coalitions is "
                                                 "limited to " + std::to_string(kMaxRuleEnumeration) + " members (the body has " +
                                                 std::to_string(n) + ")");
  }
  // Weights looked up once, not per coalition.
  const Model model{*game.charter, game.members};
  return BruteForcePower(n, [&](std::uint64_t s) { return model.Wins(game.rule, s, 0); }, options);
}

}  // namespace concord
