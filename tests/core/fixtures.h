// Charters and ballots built in C++ for the core tests (core_tests links concord_core only, so
// no TOML here). Every charter has one body "B" whose matter "m" is decided by the first rule
// given, and one clause "c" ("Art. 1") that every rule cites.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "concord/charter.h"
#include "concord/engine.h"
#include "concord/event.h"
#include "concord/state.h"

namespace concord::test {

inline Criterion Rule(std::string id, CriterionKind kind) {
  Criterion c;
  c.id = std::move(id);
  c.clause = "c";
  c.kind = kind;
  return c;
}

inline Criterion ConsensusRule(int objections_allowed = 0) {
  Criterion c = Rule("consensus", CriterionKind::kConsensus);
  c.objections_allowed = objections_allowed;
  return c;
}

inline Criterion UnanimityRule(bool abstention_blocks) {
  Criterion c = Rule("unanimity", CriterionKind::kUnanimity);
  c.abstention_blocks = abstention_blocks;
  return c;
}

inline Criterion MajorityRule(MajorityBase base, Fraction threshold,
                              Comparison cmp = Comparison::kAtLeast, std::string weight = "") {
  Criterion c = Rule("majority", CriterionKind::kMajority);
  c.base = base;
  c.threshold = threshold;
  c.comparison = cmp;
  c.weight = std::move(weight);
  return c;
}

inline Criterion CountRule(MajorityBase base, int count, Comparison cmp = Comparison::kAtLeast) {
  Criterion c = Rule("count", CriterionKind::kMajority);
  c.base = base;
  c.count = count;
  c.comparison = cmp;
  return c;
}

inline Criterion VetoRule(std::vector<std::string> holders) {
  Criterion c = Rule("veto", CriterionKind::kVeto);
  c.holders = std::move(holders);
  return c;
}

inline Criterion Combined(std::string id, CriterionKind kind, std::vector<std::string> of) {
  Criterion c = Rule(std::move(id), kind);
  c.of = std::move(of);
  return c;
}

// Members `ids` (weights added afterwards), body "B" deciding matter "m" with `rules[0]`.
// A clause with its citation and text (the other fields at their defaults).
inline Clause TestClause(std::string id, std::string citation, std::string text) {
  Clause c;
  c.id = std::move(id);
  c.citation = std::move(citation);
  c.text = std::move(text);
  return c;
}

inline Charter MakeCharter(const std::vector<std::string>& ids, std::vector<Criterion> rules,
                           MatterRules matter = {}) {
  Charter c;
  c.id = "t";
  c.name = "Test";
  c.version = "v1";
  c.clauses["c"] = TestClause("c", "Art. 1", "The rule.");
  c.clauses["q"] = TestClause("q", "Art. 2", "The quorum.");
  c.clauses["a"] = TestClause("a", "Art. 3", "Absence.");
  for (const auto& id : ids) c.members[id] = Member{id, id, std::nullopt, std::nullopt, {}, {}};
  matter.id = "m";
  if (matter.rule.empty()) matter.rule = rules.front().id;
  if (matter.clause.empty()) matter.clause = "a";
  if (matter.quorum.clause.empty()) matter.quorum.clause = "q";
  for (auto& r : rules) c.rules[r.id] = std::move(r);
  Body b;
  b.id = "B";
  b.name = "Body";
  b.matters["m"] = matter;
  c.bodies["B"] = b;
  return c;
}

inline void SetWeight(Charter& c, const std::string& weight,
                      std::initializer_list<std::pair<const char*, std::int64_t>> values) {
  c.weights[weight] = WeightDef{weight, "units", "test"};
  for (const auto& [m, v] : values) c.members.at(m).weights[weight] = v;
}

inline Vote V(std::string m, Attendance a, Stance s) {
  Vote v;
  v.member = std::move(m);
  v.attendance = a;
  v.stance = s;
  return v;
}
inline Vote Yes(std::string m) { return V(std::move(m), Attendance::kPresent, Stance::kSupport); }
inline Vote No(std::string m) { return V(std::move(m), Attendance::kPresent, Stance::kObject); }
inline Vote Abstain(std::string m) { return V(std::move(m), Attendance::kPresent, Stance::kAbstain); }
inline Vote OptOut(std::string m) { return V(std::move(m), Attendance::kPresent, Stance::kNotInterested); }
inline Vote Silent(std::string m) { return V(std::move(m), Attendance::kPresent, Stance::kNone); }
inline Vote Away(std::string m) { return V(std::move(m), Attendance::kAbsent, Stance::kNone); }
inline Vote NonObjecting(std::string m) { return V(std::move(m), Attendance::kNonObjection, Stance::kNone); }

inline Ballot MakeBallot(std::vector<Vote> votes, std::string chair = "") {
  Ballot b;
  b.body = "B";
  b.matter = "m";
  b.votes = std::move(votes);
  b.chair = std::move(chair);
  return b;
}

// Members "M01".."Mnn".
inline std::vector<std::string> Numbered(int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back((i < 10 ? "M0" : "M") + std::to_string(i));
  return out;
}

// `yes` members in favour, then `no` against, then `abstain` abstaining, then the rest absent.
inline std::vector<Vote> Split(const std::vector<std::string>& ids, int yes, int no, int abstain) {
  std::vector<Vote> out;
  for (int i = 0; i < static_cast<int>(ids.size()); ++i) {
    const std::string& m = ids[static_cast<std::size_t>(i)];
    if (i < yes) out.push_back(Yes(m));
    else if (i < yes + no) out.push_back(No(m));
    else if (i < yes + no + abstain) out.push_back(Abstain(m));
    else out.push_back(Away(m));
  }
  return out;
}

}  // namespace concord::test
