// TOML charter loader: the charter builder. Reads through toml_reader.h (located values, typed
// readers), fills a concord::Charter and validates it in the same pass, collecting every problem
// rather than stopping at the first. The language is documented in docs/charter-format.md; the design
// choices in docs/adr/0003-charter-language.md.
#include "codec/charter_toml.h"
#include "codec/toml_reader.h"
#include "concord/time.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

namespace concord {
namespace {

using namespace toml_reading;

const EnumTable<CriterionKind> kKinds = {
    {"consensus", CriterionKind::kConsensus},
    {"unanimity", CriterionKind::kUnanimity},
    {"majority", CriterionKind::kMajority},
    {"fewer_not_in_favour", CriterionKind::kFewerNotInFavour},
    {"veto", CriterionKind::kVeto},
    {"silence", CriterionKind::kSilence},
    {"all", CriterionKind::kAll},
    {"any", CriterionKind::kAny},
};
const EnumTable<MajorityBase> kBases = {{"members", MajorityBase::kMembers},
                                        {"present", MajorityBase::kPresent},
                                        {"voting", MajorityBase::kVoting},
                                        {"participating", MajorityBase::kParticipating},
                                        {"entitled", MajorityBase::kEntitled}};
const EnumTable<Comparison> kComparisons = {{"at_least", Comparison::kAtLeast},
                                            {"more_than", Comparison::kMoreThan}};
const EnumTable<bool> kAbstention = {{"allowed", false}, {"blocks", true}};
const EnumTable<QuorumKind> kQuorumKinds = {{"none", QuorumKind::kNone},
                                            {"all", QuorumKind::kAll},
                                            {"count", QuorumKind::kCount},
                                            {"fraction", QuorumKind::kFraction},
                                            {"weight", QuorumKind::kWeight}};
const EnumTable<WithoutQuorum> kWithoutQuorum = {{"no_decision", WithoutQuorum::kNoDecision},
                                                 {"ad_referendum", WithoutQuorum::kAdReferendum}};
const EnumTable<AbsencePolicy> kAbsence = {{"not_counted", AbsencePolicy::kNotCounted},
                                           {"blocking", AbsencePolicy::kBlocking},
                                           {"pending_accession", AbsencePolicy::kPendingAccession}};
const EnumTable<bool> kNonObjection = {{"none", false}, {"limited", true}};
const EnumTable<bool> kRefusal = {{"ignored", false}, {"defeats", true}};
const EnumTable<ChairRule> kChairRules = {{"none", ChairRule::kNone},
                                          {"fixed", ChairRule::kFixed},
                                          {"host_rotation", ChairRule::kHostRotation},
                                          {"follows", ChairRule::kFollows},
                                          {"rotation", ChairRule::kRotation},
                                          {"alphabetical", ChairRule::kAlphabetical}};
const EnumTable<std::string> kStageOn = {
    {"registered", "registered"}, {"session", "session"},     {"decision", "decision"},
    {"offered", "offered"},       {"answered", "answered"},   {"deployed", "deployed"},
    {"completed", "completed"},   {"closed", "closed"},       {"consultation", "consultation"},
    {"refused", "refused"}};

const std::set<std::string> kRuleKeys = {
    "objections_allowed", "disregard_parties", "abstention", "constructive_abstention", "base", "threshold", "count",
    "comparison",         "weight",     "casting_vote",            "blocking_weight", "holders",
    "of"};
const std::set<std::string> kQuorumKeys = {"count", "fraction", "weight", "and_weight", "and_weight_fraction"};
const std::set<std::string> kChairKeys = {"order", "member", "follows", "anchor_year",
                                          "anchor_member", "anchor", "period_months"};

std::string_view NameOf(CriterionKind k) {
  for (const auto& [name, value] : kKinds) {
    if (value == k) return name;
  }
  return "?";
}

std::set<std::string> KeysOf(const toml::table& doc, std::string_view section) {
  std::set<std::string> ids;
  if (const toml::table* t = doc.get_as<toml::table>(section)) {
    for (auto&& [k, v] : *t) ids.insert(std::string(k.str()));
  }
  return ids;
}

// Builds the Charter from the document, reporting into the sink.
class Builder {
 public:
  Builder(Sink& sink, const toml::table& doc) : sink_(sink), doc_(doc) {
    clause_ids_ = KeysOf(doc, "clauses");
    weight_ids_ = KeysOf(doc, "weights");
    member_ids_ = KeysOf(doc, "members");
    rule_ids_ = KeysOf(doc, "rules");
    body_ids_ = KeysOf(doc, "bodies");
  }

  Charter Build() {
    Reader root(sink_, doc_, "the document");
    ParseHeader(root);
    Each(root, "clauses", true, [&](const std::string& id, Reader& r) { ParseClause(id, r); });
    Each(root, "weights", false, [&](const std::string& id, Reader& r) { ParseWeight(id, r); });
    Each(root, "members", true, [&](const std::string& id, Reader& r) { ParseMember(id, r); });
    CheckMemberWeights();
    Each(root, "rules", true, [&](const std::string& id, Reader& r) { ParseRule(id, r); });
    Each(root, "bodies", true, [&](const std::string& id, Reader& r) { ParseBody(id, r); });
    Each(root, "posts", false, [&](const std::string& id, Reader& r) { ParsePost(id, r); });
    ParseProcedure(root);
    root.Finish();
    CheckRuleCycles();
    CheckCounts();
    CheckChairCycles();
    return std::move(charter_);
  }

 private:
  // Calls `fn` for every entry of a section of tables ([members.ARM], [rules.x], ...).
  template <class Fn>
  void Each(Reader& root, std::string_view section, bool required, Fn fn) {
    const toml::table* t = root.Table(section, required);
    if (!t) return;
    const std::string ctx = "[" + std::string(section) + "]";
    if (t->empty() && required) {
      sink_.Error(t->source(), "no entries in " + ctx);
      return;
    }
    for (auto&& [k, v] : *t) {
      const std::string id(k.str());
      if (!v.is_table()) {
        sink_.Error(v.source(), Quote(id) + " in " + ctx + " must be a table, not " +
                                    TypeName(v.type()));
        continue;
      }
      Reader r(sink_, *v.as_table(), "[" + std::string(section) + "." + id + "]");
      fn(id, r);
    }
  }

  // A reference to an id of `ids`; reports an unknown one. Returns whether it resolved.
  bool Resolve(const std::set<std::string>& ids, std::string_view what, const Located& ref,
               std::string_view key, const std::string& ctx) {
    if (ids.count(ref.value)) return true;
    sink_.Error(ref.at, "unknown " + std::string(what) + " " + Quote(ref.value) + " in " +
                            Quote(key) + " of " + ctx);
    return false;
  }

  // A string key that names an id of `ids`.
  std::optional<std::string> Ref(Reader& r, std::string_view key, bool required,
                                 const std::set<std::string>& ids, std::string_view what) {
    auto s = r.Str(key, required);
    if (!s) return std::nullopt;
    if (!Resolve(ids, what, Located{*s, r.Get(key)->source()}, key, r.ctx())) return std::nullopt;
    return s;
  }

  // An optional weight and the share of it a condition needs (`weight_key`, `fraction_key`):
  // both or neither.
  std::optional<std::pair<std::string, Fraction>> WeightShare(Reader& r, std::string_view weight_key,
                                                              std::string_view fraction_key) {
    auto weight = WeightRef(r, weight_key, false);
    auto fraction = r.Frac(fraction_key, false);
    if (r.Has(weight_key) != r.Has(fraction_key)) {
      sink_.Error(r.at(), Quote(std::string(weight_key)) + " and " + Quote(std::string(fraction_key)) +
                              " go together in " + r.ctx());
      return std::nullopt;
    }
    if (!weight || !fraction) return std::nullopt;
    return std::make_pair(*weight, *fraction);
  }

  void ClauseRef(Reader& r, std::string& out, bool required) {
    if (auto c = Ref(r, "clause", required, clause_ids_, "clause")) out = *c;
  }

  // A list of ids of `ids`, without duplicates. Reports unknown and repeated entries.
  std::optional<std::vector<std::string>> RefList(Reader& r, std::string_view key, bool required,
                                                  const std::set<std::string>& ids,
                                                  std::string_view what) {
    auto list = r.StrList(key, required);
    if (!list) return std::nullopt;
    if (list->empty() && required) {
      sink_.Error(r.Get(key)->source(), Quote(key) + " in " + r.ctx() + " must not be empty");
      return std::nullopt;
    }
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const Located& e : *list) {
      if (!seen.insert(e.value).second) {
        sink_.Error(e.at, "duplicate " + std::string(what) + " " + Quote(e.value) + " in " +
                              Quote(key) + " of " + r.ctx());
        continue;
      }
      if (Resolve(ids, what, e, key, r.ctx())) out.push_back(e.value);
    }
    return out;
  }

  void ParseHeader(Reader& root) {
    const toml::table* t = root.Table("charter", true);
    if (!t) return;
    Reader r(sink_, *t, "[charter]");
    if (auto v = r.Str("id", true)) charter_.id = *v;
    if (auto v = r.Str("name", true)) charter_.name = *v;
    charter_.names = ParseNames(r);
    if (auto v = r.Str("version", false)) charter_.version = *v;
    if (auto v = r.Str("source", false)) charter_.source = *v;
    r.Finish();
  }

  void ParseClause(const std::string& id, Reader& r) {
    Clause c;
    c.id = id;
    if (auto v = r.Str("citation", true)) c.citation = *v;
    if (auto v = r.Str("text", true)) c.text = *v;
    if (auto v = r.Str("source", false)) c.source = *v;
    c.citations = ParseNames(r, "citations");
    c.texts = ParseNames(r, "texts");
    c.notes = ParseNames(r, "notes");
    if (auto v = r.Bool("verified")) c.verified = *v;
    if (auto v = r.Str("note", false)) c.note = *v;
    if (!c.verified && c.note.empty()) {
      sink_.Error(r.Get("verified")->source(), "a clause marked 'verified = false' needs a 'note' saying what was not checked, in " + r.ctx());
    }
    r.Finish();
    charter_.clauses[id] = std::move(c);
  }

  void ParseWeight(const std::string& id, Reader& r) {
    WeightDef w;
    w.id = id;
    if (auto v = r.Str("unit", false)) w.unit = *v;
    if (auto v = r.Str("source", true)) w.source = *v;
    r.Finish();
    charter_.weights[id] = std::move(w);
  }

  // `names = { ru = "..." }` (or `citations`, `texts`): a text in other languages, keyed by a
  // two-letter language code.
  Names ParseNames(Reader& r, std::string_view key = "names") {
    Names out;
    const std::string k_name(key);
    const toml::table* t = r.Table(key, false);
    if (!t) return out;
    for (auto&& [k, v] : *t) {
      const std::string lang(k.str());
      const bool code = lang.size() == 2 && std::islower(static_cast<unsigned char>(lang[0])) &&
                        std::islower(static_cast<unsigned char>(lang[1]));
      if (!code) {
        sink_.Error(k.source(), "'" + k_name + "' in " + r.ctx() + ": " + Quote(lang) +
                                    " is not a two-letter language code (e.g. \"ru\")");
      } else if (!v.is_string() || v.as_string()->get().empty()) {
        sink_.Error(v.source(), "'" + k_name + "' in " + r.ctx() + ": the " + lang + " text must be a non-empty string");
      } else {
        out[lang] = v.as_string()->get();
      }
    }
    return out;
  }

  void ParseMember(const std::string& id, Reader& r) {
    Member m;
    m.id = id;
    if (std::string problem = MemberIdProblem(id); !problem.empty()) sink_.Error(r.at(), problem);
    if (auto v = r.Str("name", true)) m.name = *v;
    m.names = ParseNames(r);
    auto since = r.Date("since", false);
    auto until = r.Date("until", false);
    if (since) m.since = DaysFromCivil(since->year, since->month, since->day);
    if (until) m.until = DaysFromCivil(until->year, until->month, until->day);
    if (m.since && m.until && *m.since > *m.until) {
      sink_.Error(r.Get("until")->source(), "'since' " + DateText(*since) + " is after 'until' " +
                                                DateText(*until) + " in " + r.ctx());
    }
    if (const toml::table* w = r.Table("weights", false)) {
      const std::string ctx = r.ctx();
      for (auto&& [k, v] : *w) {
        const std::string wid(k.str());
        if (!weight_ids_.count(wid)) {
          sink_.Error(k.source(), "unknown weight " + Quote(wid) + " in 'weights' of " + ctx);
          continue;
        }
        if (!v.is_integer()) {
          sink_.Error(v.source(), "weight " + Quote(wid) + " in " + ctx + " must be an integer, not " +
                                      TypeName(v.type()));
          continue;
        }
        const std::int64_t value = v.as_integer()->get();
        if (value < 0) {
          sink_.Error(v.source(), "weight " + Quote(wid) + " in " + ctx + " must not be negative");
          continue;
        }
        m.weights[wid] = value;
      }
    }
    member_at_[id] = r.at();
    r.Finish();
    charter_.members[id] = std::move(m);
  }

  // Every member carries every declared weight: a weighted criterion over a partial table would
  // silently count the missing members as zero.
  void CheckMemberWeights() {
    // A weight's total over all members must stay far from overflow: the engine multiplies
    // totals by thresholds in 128-bit integers and shows shares as percentages, so totals are
    // capped at kMaxWeightTotal (2^53, exact in a double); weights above are refused where the
    // total passes it (a total past 2^63 once wrapped round to "adopted, 300.0 %").
    std::map<std::string, std::int64_t> totals;
    for (const auto& [id, member] : charter_.members) {
      for (const auto& [wid, value] : member.weights) {
        std::int64_t& total = totals[wid];
        if (total > kMaxWeightTotal) continue;  // reported already
        if (value > kMaxWeightTotal - total) {
          sink_.Error(member_at_[id], "weight " + Quote(wid) + " of " + id + " brings its total over " +
                                          std::to_string(kMaxWeightTotal) + ", the most a charter may declare");
          total = kMaxWeightTotal + 1;
          continue;
        }
        total += value;
      }
    }
    for (const auto& [id, member] : charter_.members) {
      for (const auto& [wid, def] : charter_.weights) {
        if (!member.weights.count(wid)) {
          sink_.Error(member_at_[id], "missing weight " + Quote(wid) + " in [members." + id +
                                          "]; every member carries each declared weight");
        }
      }
    }
  }

  std::optional<std::string> WeightRef(Reader& r, std::string_view key, bool required) {
    return Ref(r, key, required, weight_ids_, "weight");
  }

  void ParseRule(const std::string& id, Reader& r) {
    Criterion c;
    c.id = id;
    auto kind = r.Enum("kind", kKinds, true);
    ClauseRef(r, c.clause, true);
    if (!kind) {
      r.KnowAll(kRuleKeys);
      r.Finish();
      charter_.rules[id] = std::move(c);
      return;
    }
    c.kind = *kind;
    switch (c.kind) {
      case CriterionKind::kConsensus:
        if (auto v = r.SmallInt("objections_allowed", false, true)) c.objections_allowed = *v;
        if (auto v = r.Bool("disregard_parties")) c.disregard_parties = *v;
        break;
      case CriterionKind::kUnanimity:
        if (auto v = r.Enum("abstention", kAbstention, false)) c.abstention_blocks = *v;
        if (const toml::table* t = r.Table("constructive_abstention", false)) {
          Reader ca(sink_, *t, "[rules." + id + ".constructive_abstention]");
          c.constructive_members = ca.Frac("members", true);
          if (auto share = WeightShare(ca, "weight", "weight_fraction")) {
            c.constructive_weight_id = share->first;
            c.constructive_weight = share->second;
          }
          ca.Finish();
        }
        break;
      case CriterionKind::kMajority: {
        if (auto v = r.Enum("base", kBases, false)) c.base = *v;
        if (auto v = r.Enum("comparison", kComparisons, false)) c.comparison = *v;
        c.threshold = r.Frac("threshold", false);
        ReadCount(r, id, c);
        const bool has_threshold = r.Has("threshold"), has_count = r.Has("count");
        if (has_threshold && has_count) {
          sink_.Error(r.KeyAt("count"),
                      "a majority takes 'threshold' or 'count', not both, in " + r.ctx());
        } else if (!has_threshold && !has_count) {
          sink_.Error(r.at(), "a majority needs 'threshold' or 'count' in " + r.ctx());
        }
        if (auto v = WeightRef(r, "weight", false)) c.weight = *v;
        if (auto v = r.Bool("casting_vote")) c.casting_vote = *v;
        break;
      }
      case CriterionKind::kFewerNotInFavour: {
        ReadCount(r, id, c);
        c.blocking_weight = r.Frac("blocking_weight", false);
        const bool has_weight_share = r.Has("blocking_weight"), has_count = r.Has("count");
        if (has_weight_share && has_count) {
          sink_.Error(r.KeyAt("blocking_weight"),
                      "'count' and 'blocking_weight' exclude each other in " + r.ctx());
        } else if (!has_weight_share && !has_count) {
          sink_.Error(r.at(), "fewer_not_in_favour needs 'count' or 'blocking_weight' in " + r.ctx());
        }
        if (has_weight_share && !r.Has("weight")) {
          sink_.Error(r.KeyAt("blocking_weight"),
                      "'blocking_weight' needs 'weight' (whose share blocks) in " + r.ctx());
        }
        if (has_weight_share) {
          if (auto v = WeightRef(r, "weight", false)) c.weight = *v;
        }
        break;
      }
      case CriterionKind::kVeto:
        if (auto v = RefList(r, "holders", true, member_ids_, "member")) c.holders = *v;
        break;
      case CriterionKind::kSilence:
        break;
      case CriterionKind::kAll:
      case CriterionKind::kAny:
        if (auto list = r.StrList("of", true)) {
          if (list->empty()) {
            sink_.Error(r.Get("of")->source(), "'of' in " + r.ctx() + " must not be empty");
          }
          std::set<std::string> seen;
          for (const Located& e : *list) {
            if (!seen.insert(e.value).second) {
              sink_.Error(e.at, "duplicate rule " + Quote(e.value) + " in 'of' of " + r.ctx());
              continue;
            }
            if (Resolve(rule_ids_, "rule", e, "of", r.ctx())) {
              c.of.push_back(e.value);
              rule_edges_[id].push_back(e);
              rule_at_.emplace(id, r.at());
            }
          }
        }
        break;
    }
    r.Finish(&kRuleKeys, "kind " + Quote(NameOf(c.kind)));
    charter_.rules[id] = std::move(c);
  }

  void ReadCount(Reader& r, const std::string& id, Criterion& c) {
    if (auto v = r.SmallInt("count", false, false)) {
      c.count = *v;
      count_at_[id] = r.Get("count")->source();
    }
  }

  std::size_t CompositionSize(const Body& b) const {
    return b.composition.empty() ? charter_.members.size() : b.composition.size();
  }

  void ParseBody(const std::string& id, Reader& r) {
    Body b;
    b.id = id;
    if (auto v = r.Str("name", true)) b.name = *v;
    b.names = ParseNames(r);
    if (const toml::node* n = r.Get("composition")) {
      if (n->is_string() && n->as_string()->get() == "all") {
        // empty composition: every member
      } else if (n->is_array()) {
        if (auto list = RefList(r, "composition", false, member_ids_, "member")) {
          if (n->as_array()->empty()) {
            sink_.Error(n->source(), "'composition' in " + r.ctx() + " must not be empty");
          }
          b.composition = *list;
        }
      } else {
        sink_.Error(n->source(),
                    "'composition' in " + r.ctx() + " must be \"all\" or a list of member ids");
      }
    }
    if (const toml::table* t = r.Table("chair", false)) {
      Reader cr(sink_, *t, "[bodies." + id + ".chair]");
      ParseChair(id, cr, b.chair);
    }
    const toml::node* matters = r.Get("matters");
    if (!matters || (matters->is_table() && matters->as_table()->empty())) {
      sink_.Error(matters ? matters->source() : r.at(), "body " + Quote(id) + " has no matters");
    } else if (!matters->is_table()) {
      r.WrongType("matters", *matters, "a table");
    } else {
      for (auto&& [k, v] : *matters->as_table()) {
        const std::string mid(k.str());
        const std::string ctx = "[bodies." + id + ".matters." + mid + "]";
        if (!v.is_table()) {
          sink_.Error(v.source(), Quote(mid) + " in [bodies." + id + ".matters] must be a table, not " +
                                      TypeName(v.type()));
          continue;
        }
        Reader mr(sink_, *v.as_table(), ctx);
        b.matters[mid] = ParseMatter(b, mid, mr);
      }
    }
    r.Finish();
    charter_.bodies[id] = std::move(b);
  }

  void ParseChair(const std::string& body_id, Reader& r, ChairSpec& chair) {
    auto rule = r.Enum("rule", kChairRules, true);
    ClauseRef(r, chair.clause, false);
    if (!rule) {
      r.KnowAll(kChairKeys);
      r.Finish();
      return;
    }
    chair.rule = *rule;
    std::string variant;
    switch (chair.rule) {
      case ChairRule::kNone:
        variant = "none";
        break;
      case ChairRule::kFixed:
        variant = "fixed";
        if (auto v = Ref(r, "member", true, member_ids_, "member")) chair.member = *v;
        break;
      case ChairRule::kHostRotation: {
        variant = "host_rotation";
        if (auto v = RefList(r, "order", true, member_ids_, "member")) chair.order = *v;
        if (auto v = r.Int("anchor_year", true)) chair.anchor_year = static_cast<int>(*v);
        if (auto v = Ref(r, "anchor_member", true, member_ids_, "member")) {
          chair.anchor_member = *v;
          if (r.Has("order") &&
              std::find(chair.order.begin(), chair.order.end(), *v) == chair.order.end()) {
            sink_.Error(r.Get("anchor_member")->source(),
                        "'anchor_member' " + Quote(*v) + " is not in 'order' of " + r.ctx());
          }
        }
        break;
      }
      case ChairRule::kFollows:
        variant = "follows";
        if (auto v = Ref(r, "follows", true, body_ids_, "body")) {
          if (*v == body_id) {
            sink_.Error(r.Get("follows")->source(),
                        "body " + Quote(body_id) + " cannot follow its own chair in " + r.ctx());
          } else {
            chair.follows = *v;
            follows_at_[body_id] = r.Get("follows")->source();
          }
        }
        break;
      case ChairRule::kRotation:
        variant = "rotation";
        if (auto v = RefList(r, "order", true, member_ids_, "member")) chair.order = *v;
        if (auto v = r.SmallInt("period_months", false, false)) chair.period_months = *v;
        if (auto d = r.Date("anchor", true)) chair.anchor = DaysFromCivil(d->year, d->month, d->day);
        break;
      case ChairRule::kAlphabetical:
        variant = "alphabetical";
        if (auto v = r.SmallInt("period_months", false, false)) chair.period_months = *v;
        if (auto d = r.Date("anchor", true)) chair.anchor = DaysFromCivil(d->year, d->month, d->day);
        if (auto v = Ref(r, "anchor_member", true, member_ids_, "member")) chair.anchor_member = *v;
        break;
    }
    r.Finish(&kChairKeys, "chair rule " + Quote(variant));
  }

  MatterRules ParseMatter(const Body& body, const std::string& id, Reader& r) {
    MatterRules m;
    m.id = id;
    if (auto v = Ref(r, "rule", true, rule_ids_, "rule")) {
      m.rule = *v;
      uses_.push_back(Use{body.id, id, *v});
    }
    if (const toml::table* t = r.Table("quorum", false)) {
      Reader q(sink_, *t, "[bodies." + body.id + ".matters." + id + ".quorum]");
      ParseQuorum(body, q, m.quorum);
    }
    if (auto v = r.Enum("without_quorum", kWithoutQuorum, false)) m.without_quorum = *v;
    if (auto v = r.Bool("provisional")) m.provisional = *v;
    if (auto v = r.Enum("absence", kAbsence, false)) m.absence = *v;
    if (auto v = r.Enum("non_objection", kNonObjection, false)) m.non_objection_limited = *v;
    if (auto v = r.Bool("parties_abstain")) m.parties_abstain = *v;
    if (auto v = r.Enum("refusal_with_objection", kRefusal, false)) {
      m.refusal_with_objection_defeats = *v;
    }
    ClauseRef(r, m.clause, false);
    if (auto c = Ref(r, "absence_clause", false, clause_ids_, "clause")) m.absence_clause = *c;
    if (const toml::table* t = r.Table("entry_into_force", false)) {
      Reader e(sink_, *t, "[bodies." + body.id + ".matters." + id + ".entry_into_force]");
      MatterRules::EntryIntoForce& f = m.entry_into_force;
      f.defined = true;
      if (auto v = e.Frac("members", true)) f.members = *v;
      if (auto share = WeightShare(e, "weight", "weight_fraction")) std::tie(f.weight, f.weight_fraction) = *share;
      ClauseRef(e, f.clause, false);
      e.Finish();
    }
    if (auto c = Ref(r, "non_objection_clause", false, clause_ids_, "clause")) m.non_objection_clause = *c;
    r.Finish();
    return m;
  }

  void ParseQuorum(const Body& body, Reader& r, Quorum& q) {
    auto kind = r.Enum("kind", kQuorumKinds, true);
    if (auto v = r.Bool("non_objection_counts")) q.non_objection_counts = *v;
    ClauseRef(r, q.clause, false);
    if (!kind) {
      r.KnowAll(kQuorumKeys);
      r.Finish();
      return;
    }
    q.kind = *kind;
    std::string variant;
    switch (q.kind) {
      case QuorumKind::kNone: variant = "none"; break;
      case QuorumKind::kAll: variant = "all"; break;
      case QuorumKind::kCount:
        variant = "count";
        if (auto v = r.SmallInt("count", true, false)) {
          q.count = *v;
          const std::size_t size = CompositionSize(body);
          if (static_cast<std::size_t>(*v) > size) {
            sink_.Error(r.Get("count")->source(),
                        "quorum count " + std::to_string(*v) + " in " + r.ctx() + " exceeds the " +
                            std::to_string(size) + " members of body " + Quote(body.id));
          }
        }
        break;
      case QuorumKind::kFraction:
        variant = "fraction";
        if (auto v = r.Frac("fraction", true)) q.fraction = *v;
        break;
      case QuorumKind::kWeight:
        variant = "weight";
        if (auto v = WeightRef(r, "weight", true)) q.weight = *v;
        if (auto v = r.Frac("fraction", true)) q.fraction = *v;
        break;
    }
    if (q.kind == QuorumKind::kCount || q.kind == QuorumKind::kFraction) {
      // Optionally also a weight: both conditions must hold.
      if (auto share = WeightShare(r, "and_weight", "and_weight_fraction")) {
        std::tie(q.and_weight, q.and_weight_fraction) = *share;
      }
    }
    r.Finish(&kQuorumKeys, "quorum kind " + Quote(variant));
  }

  void ParsePost(const std::string& id, Reader& r) {
    PostDef p;
    p.id = id;
    if (auto v = r.Str("name", true)) p.name = *v;
    p.names = ParseNames(r);
    if (auto v = Ref(r, "body", true, body_ids_, "body")) p.body = *v;
    if (auto v = r.SmallInt("term_years", false, true)) p.term_years = *v;
    ClauseRef(r, p.clause, false);
    r.Finish();
    charter_.posts[id] = std::move(p);
  }

  void ParseProcedure(Reader& root) {
    const toml::table* t = root.Table("procedure", false);
    if (!t) return;
    Procedure& p = charter_.procedure;
    p.defined = true;
    Reader r(sink_, *t, "[procedure]");
    ClauseRef(r, p.clause, false);
    if (auto v = RefList(r, "triggers", false, clause_ids_, "clause")) p.triggers = *v;
    std::set<std::string> measures;
    if (auto list = r.StrList("measures", false)) {
      for (const Located& e : *list) {
        if (!measures.insert(e.value).second) {
          sink_.Error(e.at, "duplicate measure " + Quote(e.value) + " in 'measures' of [procedure]");
          continue;
        }
        p.measures.push_back(e.value);
      }
    }
    if (auto v = RefList(r, "consent_required", false, measures, "measure")) p.consent_required = *v;
    if (auto v = r.Str("note", false)) p.note = *v;
    if (const toml::node* n = r.Get("stages")) {
      const toml::array* a = n->as_array();
      if (!a) {
        r.WrongType("stages", *n, "an array of tables ([[procedure.stages]])");
      } else {
        std::set<std::string> stage_ids;
        int index = 0;
        for (const toml::node& e : *a) {
          ++index;
          const std::string ctx = "[[procedure.stages]] #" + std::to_string(index);
          if (!e.is_table()) {
            sink_.Error(e.source(), "stage " + ctx + " must be a table, not " + TypeName(e.type()));
            continue;
          }
          Reader sr(sink_, *e.as_table(), ctx);
          StageDef s;
          if (auto v = sr.Str("id", true)) {
            s.id = *v;
            if (!stage_ids.insert(*v).second) {
              sink_.Error(sr.Get("id")->source(), "duplicate stage id " + Quote(*v) + " in " + ctx);
            }
          }
          if (auto v = sr.Enum("on", kStageOn, true)) s.on = *v;
          // `body`: one body id, or a list of them (the CSTO has held request sessions in four).
          if (const toml::node* b = sr.Get("body"); b && b->is_array()) {
            if (auto v = RefList(sr, "body", false, body_ids_, "body")) s.bodies = *v;
          } else if (auto v = Ref(sr, "body", false, body_ids_, "body")) {
            s.bodies = {*v};
          }
          if (auto v = Ref(sr, "measure", false, measures, "measure")) s.measure = *v;
          if (auto v = sr.SmallInt("limit_hours", false, false)) s.limit_hours = *v;
          if (auto v = sr.SmallInt("limit_days", false, false)) s.limit_days = *v;
          if (sr.Has("limit_hours") && sr.Has("limit_days")) {
            sink_.Error(sr.KeyAt("limit_days"),
                        "a stage takes 'limit_hours' or 'limit_days', not both, in " + ctx);
          }
          ClauseRef(sr, s.clause, false);
          sr.Finish();
          p.stages.push_back(std::move(s));
        }
      }
    }
    r.Finish();
  }

  // all/any must not refer back to themselves, directly or through other rules, nor nest deeper
  // than the engine evaluates (kMaxRuleNesting). A depth-first walk with an explicit stack: a
  // charter may chain any number of rules, and the check must not recurse that deep.
  void CheckRuleCycles() {
    std::map<std::string, int> state;   // 0 unvisited, 1 on the path, 2 done
    std::map<std::string, int> height;  // all/any levels below a rule (done rules only)
    std::vector<std::pair<std::string, std::size_t>> path;  // rule, next edge to follow
    for (const auto& [root, root_edges] : rule_edges_) {
      if (state[root] != 0) continue;
      state[root] = 1;
      path.emplace_back(root, 0);
      while (!path.empty()) {
        auto& [id, next_edge] = path.back();
        const std::vector<Located>& edges = rule_edges_[id];
        if (next_edge < edges.size()) {
          const Located& next = edges[next_edge++];
          if (state[next.value] == 1) {
            std::string cycle;
            auto from = std::find_if(path.begin(), path.end(), [&](const auto& p) { return p.first == next.value; });
            for (auto it = from; it != path.end(); ++it) cycle += it->first + " -> ";
            cycle += next.value;
            sink_.Error(next.at, "rule cycle through all/any: " + cycle);
          } else if (state[next.value] == 0) {
            state[next.value] = 1;
            path.emplace_back(next.value, 0);
          }
          continue;
        }
        int h = 0;
        for (const Located& e : edges) {
          if (auto it = height.find(e.value); it != height.end()) h = std::max(h, it->second + 1);
        }
        height[id] = h;
        if (h > kMaxRuleNesting && (h == kMaxRuleNesting + 1 || path.size() == 1)) {
          // Reported once per chain: where it first passes the limit, and at its top.
          sink_.Error(rule_at_.count(id) ? rule_at_[id] : Region{},
                      "rule " + Quote(id) + " nests " + std::to_string(h) + " levels of all/any; the engine " +
                          "evaluates at most " + std::to_string(kMaxRuleNesting));
        }
        state[id] = 2;
        path.pop_back();
      }
    }
  }

  // A count (majority count, blocking-minority count) larger than a body using the rule can
  // never be reached. Reported once per rule, for the smallest body that uses it.
  void CheckCounts() {
    std::map<std::string, std::pair<std::size_t, std::string>> smallest;  // rule -> size, body
    for (const Use& use : uses_) {
      auto body = charter_.bodies.find(use.body);
      if (body == charter_.bodies.end()) continue;
      const std::size_t size = CompositionSize(body->second);
      std::set<std::string> seen;
      std::vector<std::string> worklist{use.rule};
      while (!worklist.empty()) {
        const std::string id = worklist.back();
        worklist.pop_back();
        if (!seen.insert(id).second) continue;
        auto rule = charter_.rules.find(id);
        if (rule == charter_.rules.end()) continue;
        for (const std::string& child : rule->second.of) worklist.push_back(child);
        if (!count_at_.count(id)) continue;
        auto& best = smallest[id];
        if (best.second.empty() || size < best.first) best = {size, use.body};
      }
    }
    for (const auto& [id, best] : smallest) {
      const int count = charter_.rules[id].count.value_or(0);
      if (static_cast<std::size_t>(count) > best.first) {
        sink_.Error(count_at_[id], "count " + std::to_string(count) + " in [rules." + id +
                                       "] exceeds the " + std::to_string(best.first) +
                                       " members of body " + Quote(best.second));
      }
    }
  }

  // Chairs that follow each other in a circle never resolve.
  void CheckChairCycles() {
    for (const auto& [id, at] : follows_at_) {
      std::string current = id, chain = id;
      std::set<std::string> seen{id};
      while (true) {
        auto body = charter_.bodies.find(current);
        if (body == charter_.bodies.end() || body->second.chair.rule != ChairRule::kFollows ||
            body->second.chair.follows.empty()) {
          break;
        }
        current = body->second.chair.follows;
        chain += " -> " + current;
        if (current == id) {
          sink_.Error(at, "chair cycle: " + chain);
          break;
        }
        if (!seen.insert(current).second) break;  // a cycle not through `id`: reported there
      }
    }
  }

  struct Use {
    std::string body, matter, rule;
  };

  Sink& sink_;
  const toml::table& doc_;
  Charter charter_;
  std::set<std::string> clause_ids_, weight_ids_, member_ids_, rule_ids_, body_ids_;
  std::map<std::string, Region> member_at_;
  std::map<std::string, Region> count_at_;
  std::map<std::string, std::vector<Located>> rule_edges_;
  std::map<std::string, Region> rule_at_;  // where each all/any rule is declared
  std::map<std::string, Region> follows_at_;
  std::vector<Use> uses_;
};

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d) {
  return d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) +
         ": error: " + d.message;
}

CharterParse ParseCharter(std::string_view toml_text, std::string_view path) {
  CharterParse out;
  if (toml_text.size() > kMaxCharterBytes) {
    out.errors.push_back(Diagnostic{std::string(path), 1, 1,
                                    "the charter is " + std::to_string(toml_text.size()) + " bytes, over the limit of " +
                                        std::to_string(kMaxCharterBytes)});
    return out;
  }
  Sink sink(path);
  toml::table doc;
  try {
    doc = toml::parse(toml_text, std::string(path));
  } catch (const toml::parse_error& e) {
    // toml++ stops at the first syntax error; nothing else can be checked without a document.
    sink.Error(e.source(), std::string(e.description()));
    out.errors = sink.Take();
    return out;
  }
  Builder builder(sink, doc);
  Charter charter = builder.Build();
  out.errors = sink.Take();
  if (out.errors.empty()) out.charter = std::move(charter);
  return out;
}

Result<Charter> LoadCharterFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Fail(ErrorCode::kUnavailable, "cannot read " + path + ": is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kUnavailable, "cannot read " + path + ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return Fail(ErrorCode::kUnavailable, "cannot read " + path + ": read error");
  }
  auto charter = ParseCharterText(text.str(), path);
  if (!charter) return charter.error();
  return Charter(**charter);
}

Result<std::shared_ptr<const Charter>> ParseCharterText(std::string_view toml_text, std::string_view path) {
  CharterParse parsed = ParseCharter(toml_text, path);
  if (parsed.charter) return std::shared_ptr<const Charter>(std::make_shared<Charter>(std::move(*parsed.charter)));
  std::string message;
  for (const Diagnostic& d : parsed.errors) {
    if (!message.empty()) message += "\n";
    message += FormatDiagnostic(d);
  }
  return Fail(ErrorCode::kInvalidArgument, message);
}

CharterParser CharterTomlParser() {
  return [](const std::string& text) { return ParseCharterText(text, "charter.amended"); };
}

}  // namespace concord
