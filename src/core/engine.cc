// The decision engine (include/concord/engine.h). Every threshold is an exact fraction compared
// in 128-bit integers: a rule that says "at least 55 %" must never pass or fail on rounding.
#include "concord/engine.h"

#include <algorithm>
#include <set>
#include <string>

namespace concord {
namespace {

__extension__ typedef __int128 Int;  // exact products of 64-bit counts and weights

}  // namespace

bool MeetsFraction(std::int64_t part, std::int64_t whole, const Fraction& f, Comparison cmp) {
  const Int lhs = static_cast<Int>(part) * f.den;
  const Int rhs = static_cast<Int>(f.num) * whole;
  return cmp == Comparison::kAtLeast ? lhs >= rhs : lhs > rhs;
}

std::string FractionText(const Fraction& f) {
  // Show a fraction of 100 as a percentage, others as a ratio ("2/3").
  if (f.den == 100) return std::to_string(f.num) + " %";
  return std::to_string(f.num) + "/" + std::to_string(f.den);
}

namespace {

// "ARM, BLR": member ids for explanations, in the container's (sorted) order.
template <class Ids>
std::string List(const Ids& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
  return s;
}

// The facts about one vote that every criterion reads.
struct Tally {
  const Charter& charter;
  const Ballot& ballot;
  std::set<std::string> eligible;       // the body's composition on the day
  std::set<std::string> present;        // present at the session
  std::set<std::string> participating;  // taking part: present, not opted out
  std::set<std::string> opted_out;      // not taking part by right (not interested)
  std::set<std::string> parties;        // named as parties to the dispute
  std::map<std::string, Stance> stance; // effective stance of each participant

  bool Supports(const std::string& m) const {
    auto it = stance.find(m);
    return it != stance.end() && it->second == Stance::kSupport;
  }
  bool Objects(const std::string& m) const {
    auto it = stance.find(m);
    return it != stance.end() && it->second == Stance::kObject;
  }
  bool Abstains(const std::string& m) const {
    auto it = stance.find(m);
    return it != stance.end() && it->second == Stance::kAbstain;
  }
};

Result<std::int64_t> WeightOf(const Charter& charter, const std::string& member,
                              const std::string& weight) {
  if (weight.empty()) return std::int64_t{1};
  auto m = charter.members.find(member);
  if (m == charter.members.end()) {
    return Fail(ErrorCode::kInvalidArgument, "member " + member + " is not in the charter");
  }
  auto w = m->second.weights.find(weight);
  if (w == m->second.weights.end()) {
    return Fail(ErrorCode::kInvalidArgument,
                "member " + member + " has no weight '" + weight + "'");
  }
  return w->second;
}

Result<std::int64_t> SumWeight(const Charter& charter, const std::set<std::string>& members,
                               const std::string& weight) {
  std::int64_t sum = 0;
  for (const auto& m : members) {
    auto w = WeightOf(charter, m, weight);
    if (!w) return w.error();
    sum += *w;
  }
  return sum;
}

Check MakeCheck(const Charter& charter, std::string rule, const std::string& clause, bool passed,
                std::vector<Statement> statements) {
  Check check;
  check.rule = std::move(rule);
  check.clause = clause;
  check.passed = passed;
  check.detail = Render(statements, "en");
  check.statements = std::move(statements);
  if (const Clause* cl = charter.FindClause(clause)) check.citation = cl->citation;
  return check;
}

class Evaluator {
 public:
  Evaluator(const Tally& tally, std::vector<Check>& checks) : t_(tally), checks_(checks) {}

  Result<bool> Evaluate(const std::string& rule_id, int depth = 0) {
    auto it = t_.charter.rules.find(rule_id);
    if (it == t_.charter.rules.end()) {
      return Fail(ErrorCode::kInvalidArgument, "unknown rule '" + rule_id + "'");
    }
    if (depth > kMaxRuleNesting) return Fail(ErrorCode::kInvalidArgument, "rule '" + rule_id + "' nests too deep");
    const Criterion& c = it->second;
    switch (c.kind) {
      case CriterionKind::kConsensus: return Consensus(c);
      case CriterionKind::kUnanimity: return Unanimity(c);
      case CriterionKind::kMajority: return Majority(c);
      case CriterionKind::kFewerNotInFavour: return FewerNotInFavour(c);
      case CriterionKind::kVeto: return Veto(c);
      case CriterionKind::kSilence: return Silence(c);
      case CriterionKind::kAll:
      case CriterionKind::kAny: return Combine(c, depth);
    }
    return Fail(ErrorCode::kInternal, "unhandled criterion kind");
  }

 private:
  void Add(const Criterion& c, bool passed, std::vector<Statement> statements) {
    checks_.push_back(MakeCheck(t_.charter, c.id, c.clause, passed, std::move(statements)));
  }

  std::vector<std::string> Where(bool (Tally::*pred)(const std::string&) const) const {
    std::vector<std::string> out;
    for (const auto& m : t_.participating) {
      if ((t_.*pred)(m)) out.push_back(m);
    }
    return out;
  }


  Result<bool> Consensus(const Criterion& c) {
    auto objecting = Where(&Tally::Objects);
    std::vector<std::string> disregarded;
    if (c.disregard_parties) {
      std::erase_if(objecting, [&](const std::string& m) {
        if (!t_.parties.count(m)) return false;
        disregarded.push_back(m);
        return true;
      });
    }
    const auto n = static_cast<std::int64_t>(objecting.size());
    // Nobody taking part (all absent or opted out) is no consensus: nobody adopted anything.
    const bool nobody = t_.participating.empty();
    const bool passed = n <= c.objections_allowed && !nobody;
    std::vector<Statement> say;
    if (nobody) {
      say.push_back({"nobody_takes_part", {}});
    } else if (n == 0) {
      say.push_back({"no_objection", {{"n", std::to_string(t_.participating.size())}}});
    } else {
      say.push_back({"objected", {{"list", List(objecting)}}});
    }
    if (c.objections_allowed > 0) say.push_back({"objections_allowed", {{"k", std::to_string(c.objections_allowed)}}});
    if (!disregarded.empty()) say.push_back({"objection_disregarded", {{"list", List(disregarded)}}});
    const auto abstaining = Where(&Tally::Abstains);
    if (!abstaining.empty()) say.push_back({"abstained_not_blocking", {{"list", List(abstaining)}}});
    Add(c, passed, std::move(say));
    return passed;
  }

  Result<bool> Unanimity(const Criterion& c) {
    const auto supporting = Where(&Tally::Supports);
    const auto abstaining = Where(&Tally::Abstains);
    std::vector<std::string> blocking;
    for (const auto& m : t_.participating) {
      if (t_.Supports(m)) continue;
      if (t_.Abstains(m) && !c.abstention_blocks) continue;
      blocking.push_back(m);
    }
    bool passed = blocking.empty() && !supporting.empty();
    std::vector<Statement> say = {{"unanimity_in_favour", {{"yes", std::to_string(supporting.size())},
                                                           {"n", std::to_string(t_.participating.size())}}}};
    if (!blocking.empty()) say.push_back({"not_in_favour", {{"list", List(blocking)}}});
    if (!abstaining.empty() && !c.abstention_blocks) say.push_back({"abstained_not_preventing", {{"list", List(abstaining)}}});
    if (supporting.empty()) say.push_back({"nobody_in_favour", {}});
    if (passed && (c.constructive_members || c.constructive_weight) && !abstaining.empty()) {
      // Constructive abstention: the decision fails when the abstainers reach both thresholds.
      bool reach_members = true, reach_weight = true;
      const auto n_abs = static_cast<std::int64_t>(abstaining.size());
      const auto n_all = static_cast<std::int64_t>(t_.eligible.size());
      if (c.constructive_members) {
        reach_members = MeetsFraction(n_abs, n_all, *c.constructive_members, Comparison::kAtLeast);
        say.push_back({"constructive_members", {{"n", std::to_string(n_abs)}, {"of", std::to_string(n_all)},
                                                {"frac", FractionText(*c.constructive_members)}}});
      }
      if (c.constructive_weight) {
        std::set<std::string> abs_set(abstaining.begin(), abstaining.end());
        auto w_abs = SumWeight(t_.charter, abs_set, c.constructive_weight_id);
        if (!w_abs) return w_abs.error();
        auto w_all = SumWeight(t_.charter, t_.eligible, c.constructive_weight_id);
        if (!w_all) return w_all.error();
        reach_weight = MeetsFraction(*w_abs, *w_all, *c.constructive_weight, Comparison::kAtLeast);
        say.push_back({"constructive_weight", {{"pct", Percent(*w_abs, *w_all)}, {"weight", c.constructive_weight_id},
                                               {"frac", FractionText(*c.constructive_weight)}}});
      }
      if (reach_members && reach_weight) passed = false;
    }
    Add(c, passed, std::move(say));
    return passed;
  }

  std::set<std::string> Base(MajorityBase base) const {
    switch (base) {
      case MajorityBase::kMembers: return t_.eligible;
      case MajorityBase::kPresent: return t_.present;
      case MajorityBase::kParticipating: return t_.participating;
      case MajorityBase::kEntitled: {
        std::set<std::string> out;
        for (const auto& m : t_.eligible) {
          if (!t_.opted_out.count(m)) out.insert(m);
        }
        return out;
      }
      case MajorityBase::kVoting: {
        std::set<std::string> out;
        for (const auto& m : t_.participating) {
          if (t_.Supports(m) || t_.Objects(m)) out.insert(m);
        }
        return out;
      }
    }
    return {};
  }

  // The base as a term of the wording table ("@members_present").
  static std::string BaseTerm(MajorityBase base) {
    switch (base) {
      case MajorityBase::kMembers: return "@members";
      case MajorityBase::kPresent: return "@members_present";
      case MajorityBase::kParticipating: return "@members_taking_part";
      case MajorityBase::kVoting: return "@members_voting";
      case MajorityBase::kEntitled: return "@members_entitled";
    }
    return "";
  }

  Result<bool> Majority(const Criterion& c) {
    const std::set<std::string> base = Base(c.base);
    std::set<std::string> yes;
    for (const auto& m : base) {
      if (t_.Supports(m)) yes.insert(m);
    }
    auto yes_w = SumWeight(t_.charter, yes, c.weight);
    if (!yes_w) return yes_w.error();
    auto base_w = SumWeight(t_.charter, base, c.weight);
    if (!base_w) return base_w.error();
    bool passed = false;
    std::vector<Statement> say;
    const std::string needed = c.comparison == Comparison::kAtLeast ? "needed_at_least" : "needed_more_than";
    const Statement counted{"in_favour", {{"yes", std::to_string(yes.size())}, {"of", std::to_string(base.size())},
                                          {"unit", BaseTerm(c.base)}}};
    const Statement weighed{"in_favour_weight", {{"pct", Percent(*yes_w, *base_w)}, {"weight", c.weight},
                                                 {"base", BaseTerm(c.base)}}};
    bool tie = false;
    if (c.count) {
      passed = c.comparison == Comparison::kAtLeast ? *yes_w >= *c.count : *yes_w > *c.count;
      say = {c.weight.empty() ? counted : weighed, {needed, {{"what", std::to_string(*c.count)}}}};
    } else if (c.threshold) {
      passed = *base_w > 0 && MeetsFraction(*yes_w, *base_w, *c.threshold, c.comparison);
      tie = *base_w > 0 && c.comparison == Comparison::kMoreThan &&
            static_cast<Int>(*yes_w) * c.threshold->den == static_cast<Int>(c.threshold->num) * *base_w;
      Statement share = counted;
      share.code = "in_favour_share";
      share.args.emplace_back("pct", Percent(*yes_w, *base_w));
      say = {c.weight.empty() ? share : weighed, {needed, {{"what", FractionText(*c.threshold)}}}};
      if (*base_w == 0) say.push_back({"nobody_to_count", {}});
    }
    if (!passed && tie && c.casting_vote && t_.ballot.chair.empty()) {
      say.push_back({"tie_no_chair", {}});
    } else if (!passed && tie && c.casting_vote) {
      const bool chair_yes = !t_.ballot.chair.empty() && yes.count(t_.ballot.chair) > 0;
      say.push_back({chair_yes ? "tie_chair_for" : "tie_chair_against", {{"chair", t_.ballot.chair}}});
      passed = chair_yes;
    }
    Add(c, passed, std::move(say));
    return passed;
  }

  Result<bool> FewerNotInFavour(const Criterion& c) {
    std::vector<std::string> not_in_favour;
    for (const auto& m : t_.participating) {
      if (!t_.Supports(m)) not_in_favour.push_back(m);
    }
    std::int64_t needed = c.count.value_or(0);
    Statement how{"blocking_minority_needs", {{"needed", std::to_string(needed)}}};
    if (c.blocking_weight) {
      // The fewest participants whose weight exceeds the fraction, plus one member.
      std::vector<std::int64_t> weights;
      std::int64_t total = 0;
      for (const auto& m : t_.participating) {
        auto w = WeightOf(t_.charter, m, c.weight);
        if (!w) return w.error();
        weights.push_back(*w);
        total += *w;
      }
      std::sort(weights.rbegin(), weights.rend());
      std::int64_t acc = 0, k = 0;
      for (auto w : weights) {
        acc += w;
        ++k;
        if (MeetsFraction(acc, total, *c.blocking_weight, Comparison::kMoreThan)) break;
      }
      needed = std::max<std::int64_t>(needed, k + 1);
      how = {"blocking_minority_needs_weight", {{"needed", std::to_string(needed)},
                                                {"frac", FractionText(*c.blocking_weight)}, {"weight", c.weight}}};
    }
    const auto n = static_cast<std::int64_t>(not_in_favour.size());
    const bool passed = n < needed;
    std::vector<Statement> say;
    if (n) say.push_back({"not_in_favour_n_list", {{"n", std::to_string(n)}, {"list", List(not_in_favour)}}});
    else say.push_back({"not_in_favour_n", {{"n", "0"}}});
    say.push_back(std::move(how));
    say.push_back({passed ? "no_blocking_minority" : "blocking_minority_reached", {}});
    Add(c, passed, std::move(say));
    return passed;
  }

  Result<bool> Veto(const Criterion& c) {
    std::vector<std::string> vetoing, abstaining_holders;
    for (const auto& h : c.holders) {
      if (t_.Objects(h)) vetoing.push_back(h);
      else if (!t_.Supports(h) && t_.eligible.count(h)) abstaining_holders.push_back(h);
    }
    const bool passed = vetoing.empty();
    std::vector<Statement> say;
    if (passed) say.push_back({"no_veto", {}});
    else say.push_back({"vetoed_by", {{"list", List(vetoing)}}});
    if (!abstaining_holders.empty()) say.push_back({"veto_holders_abstaining", {{"list", List(abstaining_holders)}}});
    Add(c, passed, std::move(say));
    return passed;
  }

  Result<bool> Silence(const Criterion& c) {
    const auto& b = t_.ballot;
    bool passed = false;
    Statement say;
    if (!b.silence_opened) {
      say = {"silence_not_opened", {}};
    } else if (!b.silence_broken_by.empty()) {
      say = {"silence_broken", {{"list", List(b.silence_broken_by)}}};
    } else if (!b.silence_deadline_passed) {
      say = {"silence_deadline_not_passed", {}};
    } else {
      passed = true;
      say = {"silence_kept", {}};
    }
    Add(c, passed, {std::move(say)});
    return passed;
  }

  Result<bool> Combine(const Criterion& c, int depth) {
    std::vector<bool> results;
    for (const auto& child : c.of) {
      auto r = Evaluate(child, depth + 1);
      if (!r) return r.error();
      results.push_back(*r);
    }
    const auto n_passed = std::count(results.begin(), results.end(), true);
    const bool passed = c.kind == CriterionKind::kAll
        ? n_passed == static_cast<long>(results.size())
        : n_passed > 0;
    Add(c, passed, {{c.kind == CriterionKind::kAll ? "all_of" : "any_of",
                     {{"rules", List(c.of)}, {"passed", std::to_string(n_passed)}, {"n", std::to_string(results.size())}}}});
    return passed;
  }

  const Tally& t_;
  std::vector<Check>& checks_;
};


MemberStatus SignedStatus(const Vote& v) {
  return v.reservation ? MemberStatus::kSignedWithReservation : MemberStatus::kSigned;
}

}  // namespace

std::string Percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "0.0 %";
  const Int tenths = (static_cast<Int>(part) * 2000 + whole) / (2 * static_cast<Int>(whole));
  const auto t = static_cast<std::int64_t>(tenths);
  return std::to_string(t / 10) + "." + std::to_string(t % 10) + " %";
}

std::string_view DecisionStatusName(DecisionStatus status) {
  switch (status) {
    case DecisionStatus::kPending: return "pending";
    case DecisionStatus::kAdopted: return "adopted";
    case DecisionStatus::kAdoptedLimited: return "adopted_limited";
    case DecisionStatus::kPendingAccession: return "pending_accession";
    case DecisionStatus::kNotAdopted: return "not_adopted";
    case DecisionStatus::kReturned: return "returned";
    case DecisionStatus::kWithdrawn: return "withdrawn";
  }
  return "?";
}

std::string_view CheckVerdict(const Check& check) {
  return check.noted ? "noted" : check.passed ? "passed" : "failed";
}

std::string_view StanceName(Stance stance) {
  switch (stance) {
    case Stance::kNone: return "none";
    case Stance::kSupport: return "support";
    case Stance::kObject: return "object";
    case Stance::kAbstain: return "abstain";
    case Stance::kNotInterested: return "not_interested";
  }
  return "?";
}

std::string_view MemberStatusName(MemberStatus status) {
  switch (status) {
    case MemberStatus::kSigned: return "signed";
    case MemberStatus::kSignedWithReservation: return "signed_with_reservation";
    case MemberStatus::kAcceded: return "acceded";
    case MemberStatus::kAccededWithReservation: return "acceded_with_reservation";
    case MemberStatus::kNotInterested: return "not_interested";
    case MemberStatus::kObjected: return "objected";
    case MemberStatus::kAbstained: return "abstained";
    case MemberStatus::kPending: return "pending";
    case MemberStatus::kRefused: return "refused";
    case MemberStatus::kRefusedObjects: return "refused_objects";
    case MemberStatus::kNonObjection: return "non_objection";
    case MemberStatus::kAbsent: return "absent";
    case MemberStatus::kInFavour: return "in_favour";
    case MemberStatus::kNotVoting: return "not_voting";
    case MemberStatus::kVoteSuspended: return "vote_suspended";
    case MemberStatus::kObjectionDisregarded: return "objection_disregarded";
  }
  return "?";
}

DecisionStatus StatusAfterAccession(const MatterRules& matter,
                                    const std::map<std::string, MemberStatus>& members) {
  bool pending = false, limited = false;
  for (const auto& [id, s] : members) {
    if (s == MemberStatus::kPending) pending = true;
    if (s == MemberStatus::kRefusedObjects && matter.refusal_with_objection_defeats) {
      return DecisionStatus::kNotAdopted;
    }
    if (s == MemberStatus::kRefused || s == MemberStatus::kRefusedObjects ||
        s == MemberStatus::kNonObjection) {
      limited = true;
    }
  }
  if (pending) return DecisionStatus::kPendingAccession;
  if (limited && matter.non_objection_limited) return DecisionStatus::kAdoptedLimited;
  return limited ? DecisionStatus::kAdoptedLimited : DecisionStatus::kAdopted;
}

std::vector<std::string> BindingOn(DecisionStatus status, bool provisional,
                                   const std::map<std::string, MemberStatus>& members) {
  std::vector<std::string> out;
  if (status == DecisionStatus::kAdopted) {
    for (const auto& [id, s] : members) {
      if (s != MemberStatus::kNotInterested && s != MemberStatus::kAbsent) out.push_back(id);
    }
    return out;
  }
  const bool binds = status == DecisionStatus::kAdoptedLimited ||
                     (status == DecisionStatus::kPendingAccession && provisional);
  if (!binds) return out;
  for (const auto& [id, s] : members) {
    switch (s) {
      case MemberStatus::kSigned: case MemberStatus::kSignedWithReservation:
      case MemberStatus::kAcceded: case MemberStatus::kAccededWithReservation:
      case MemberStatus::kAbstained: case MemberStatus::kObjected:
      // A recorded vote binds whoever took part in it, however each voted.
      case MemberStatus::kInFavour: case MemberStatus::kNotVoting: case MemberStatus::kObjectionDisregarded:
        out.push_back(id);
        break;
      default:
        break;
    }
  }
  return out;
}

namespace {

// Whether the rule counts votes (a majority, a blocking minority, a veto) rather than agreement
// (consensus, unanimity, silence): then each member's vote is reported as cast.
bool DecidedByVote(const Charter& charter, const std::string& rule, int depth) {
  auto it = charter.rules.find(rule);
  if (it == charter.rules.end() || depth > 64) return false;
  switch (it->second.kind) {
    case CriterionKind::kMajority: case CriterionKind::kFewerNotInFavour: case CriterionKind::kVeto: return true;
    case CriterionKind::kAll: case CriterionKind::kAny:
      return std::any_of(it->second.of.begin(), it->second.of.end(),
                         [&](const std::string& r) { return DecidedByVote(charter, r, depth + 1); });
    default: return false;
  }
}

bool DisregardsParties(const Charter& charter, const std::string& rule, int depth) {
  auto it = charter.rules.find(rule);
  if (it == charter.rules.end() || depth > 64) return false;
  if (it->second.kind == CriterionKind::kConsensus) return it->second.disregard_parties;
  return std::any_of(it->second.of.begin(), it->second.of.end(),
                     [&](const std::string& r) { return DisregardsParties(charter, r, depth + 1); });
}

}  // namespace

Result<Outcome> EvaluateDraft(const Charter& charter, const Ballot& ballot) {
  const Body* body = charter.FindBody(ballot.body);
  if (!body) return Fail(ErrorCode::kInvalidArgument, "unknown body '" + ballot.body + "'");
  const MatterRules* matter = body->FindMatter(ballot.matter);
  if (!matter) {
    return Fail(ErrorCode::kInvalidArgument,
                "body " + ballot.body + " has no matter '" + ballot.matter + "'");
  }

  Tally tally{charter, ballot, {}, {}, {}, {}, {}, {}};
  std::set<std::string> non_objecting, absent;
  for (const Vote& v : ballot.votes) {
    // Votes come sorted by member (engine.h), so inserting at the end costs one comparison.
    if (v.vote_suspended) continue;  // without a vote: in no base, counted nowhere
    tally.eligible.insert(tally.eligible.end(), v.member);
    if (v.party) tally.parties.insert(v.member);
    if (v.stance == Stance::kNotInterested) tally.opted_out.insert(v.member);
    if (v.attendance == Attendance::kPresent) {
      tally.present.insert(tally.present.end(), v.member);
      Stance s = v.stance;
      if (v.party && matter->parties_abstain) s = Stance::kAbstain;
      if (s == Stance::kNotInterested) continue;
      tally.participating.insert(tally.participating.end(), v.member);
      tally.stance.emplace_hint(tally.stance.end(), v.member, s);
    } else if (v.attendance == Attendance::kNonObjection) {
      non_objecting.insert(v.member);
    } else {
      absent.insert(v.member);
    }
  }

  Outcome out;
  // 1. Quorum.
  const Quorum& q = matter->quorum;
  std::set<std::string> counted = tally.present;
  if (q.non_objection_counts) counted.insert(non_objecting.begin(), non_objecting.end());
  const auto n_counted = static_cast<std::int64_t>(counted.size());
  const auto n_eligible = static_cast<std::int64_t>(tally.eligible.size());
  std::vector<Statement> q_say = {{q.non_objection_counts ? "present_or_non_objection" : "present",
                                  {{"n", std::to_string(n_counted)}, {"of", std::to_string(n_eligible)}}}};
  switch (q.kind) {
    case QuorumKind::kNone:
      out.quorum_met = true;
      break;
    case QuorumKind::kAll:
      out.quorum_met = n_counted == n_eligible && n_eligible > 0;
      q_say.push_back({"all_members_needed", {}});
      break;
    case QuorumKind::kCount:
      out.quorum_met = n_counted >= q.count;
      q_say.push_back({"needed_at_least", {{"what", std::to_string(q.count)}}});
      break;
    case QuorumKind::kFraction:
      out.quorum_met = n_eligible > 0 && MeetsFraction(n_counted, n_eligible, q.fraction, Comparison::kAtLeast);
      q_say.push_back({"needed_at_least", {{"what", FractionText(q.fraction)}}});
      break;
    case QuorumKind::kWeight: {
      auto w_in = SumWeight(charter, counted, q.weight);
      if (!w_in) return w_in.error();
      auto w_all = SumWeight(charter, tally.eligible, q.weight);
      if (!w_all) return w_all.error();
      out.quorum_met = *w_all > 0 && MeetsFraction(*w_in, *w_all, q.fraction, Comparison::kAtLeast);
      q_say = {{"present_weight", {{"pct", Percent(*w_in, *w_all)}, {"weight", q.weight}}},
               {"needed_at_least", {{"what", FractionText(q.fraction)}}}};
      break;
    }
  }
  if (!q.and_weight.empty() && (q.kind == QuorumKind::kCount || q.kind == QuorumKind::kFraction)) {
    auto w_in = SumWeight(charter, counted, q.and_weight);
    if (!w_in) return w_in.error();
    auto w_all = SumWeight(charter, tally.eligible, q.and_weight);
    if (!w_all) return w_all.error();
    const bool weight_met = *w_all > 0 && MeetsFraction(*w_in, *w_all, q.and_weight_fraction, Comparison::kAtLeast);
    out.quorum_met = out.quorum_met && weight_met;
    q_say.push_back({"present_weight", {{"pct", Percent(*w_in, *w_all)}, {"weight", q.and_weight}}});
    q_say.push_back({"needed_at_least", {{"what", FractionText(q.and_weight_fraction)}}});
  }
  if (q.kind != QuorumKind::kNone) {
    if (!out.quorum_met && !absent.empty()) {
      q_say.push_back({"absent", {{"list", List(absent)}}});
    }
  }
  const bool ad_referendum = !out.quorum_met && matter->without_quorum == WithoutQuorum::kAdReferendum;
  if (q.kind != QuorumKind::kNone) {
    if (ad_referendum) {
      std::vector<Statement> say = {{"quorum_not_met", {}}};
      say.insert(say.end(), q_say.begin(), q_say.end());
      say.push_back({"proceeds_ad_referendum", {}});
      Check noted = MakeCheck(charter, "quorum", q.clause, true, std::move(say));
      noted.noted = true;
      out.checks.push_back(std::move(noted));
    } else {
      out.checks.push_back(MakeCheck(charter, "quorum", q.clause, out.quorum_met, q_say));
    }
  }
  if (!out.quorum_met && !ad_referendum) {
    out.status = DecisionStatus::kNotAdopted;
    out.checks.push_back(MakeCheck(charter, "quorum", q.clause, false, {{"no_quorum_no_decision", {}}}));
  }

  // 2. Absence.
  if (out.quorum_met || ad_referendum) {
    if (!absent.empty() && matter->absence == AbsencePolicy::kBlocking) {
      out.checks.push_back(MakeCheck(charter, "absence", matter->AbsenceClause(), false,
                                     {{"absence_blocks", {{"list", List(absent)}}}}));
      out.status = DecisionStatus::kNotAdopted;
    } else if (!absent.empty() && (matter->absence == AbsencePolicy::kPendingAccession || ad_referendum)) {
      // Whether it applies provisionally meanwhile is part of the status, not of this step, so
      // that the text and the JSON say the same once members accede or refuse.
      out.checks.push_back(MakeCheck(charter, "absence", matter->AbsenceClause(), true,
                                     {{"adopted_ad_referendum", {}}, {"pending_accession_of", {{"list", List(absent)}}}}));
    }
    if (!non_objecting.empty()) {
      std::vector<Statement> say = {{"declared_non_objection", {{"list", List(non_objecting)}}}};
      if (matter->non_objection_limited) say.push_back({"limited_format_not_bound", {}});
      out.checks.push_back(MakeCheck(charter, "non_objection", matter->NonObjectionClause(), true, std::move(say)));
    }
  }

  // 3. The decision rule.
  if (out.status == DecisionStatus::kPending) {
    Evaluator evaluator(tally, out.checks);
    auto passed = evaluator.Evaluate(matter->rule);
    if (!passed) return passed.error();
    out.rules_passed = *passed;
  }

  // 4. Per-member statuses and the resulting status. A matter decided by recorded vote reports
  // each member's vote; a consensus body reports who signed.
  const bool recorded_vote = DecidedByVote(charter, matter->rule, 0);
  const bool disregards_parties = DisregardsParties(charter, matter->rule, 0);
  for (const Vote& v : ballot.votes) {
    MemberStatus s = MemberStatus::kAbsent;
    if (v.vote_suspended) {
      s = MemberStatus::kVoteSuspended;
    } else if (v.attendance == Attendance::kPresent && v.party && disregards_parties && v.stance == Stance::kObject) {
      s = MemberStatus::kObjectionDisregarded;
    } else if (v.attendance == Attendance::kPresent && recorded_vote) {
      Stance st = v.stance;
      if (v.party && matter->parties_abstain) st = Stance::kAbstain;
      switch (st) {
        case Stance::kSupport: s = MemberStatus::kInFavour; break;
        case Stance::kObject: s = MemberStatus::kObjected; break;
        case Stance::kAbstain: s = MemberStatus::kAbstained; break;
        case Stance::kNotInterested: s = MemberStatus::kNotInterested; break;
        case Stance::kNone: s = MemberStatus::kNotVoting; break;
      }
    } else if (v.attendance == Attendance::kPresent) {
      Stance st = v.stance;
      if (v.party && matter->parties_abstain) st = Stance::kAbstain;
      switch (st) {
        case Stance::kSupport:
          s = out.rules_passed ? SignedStatus(v) : MemberStatus::kInFavour;
          break;
        case Stance::kObject: s = MemberStatus::kObjected; break;
        case Stance::kAbstain: s = MemberStatus::kAbstained; break;
        case Stance::kNotInterested: s = MemberStatus::kNotInterested; break;
        case Stance::kNone:
          // Present without a stated position: under consensus it does not block, and the
          // member is bound as a signatory would be.
          s = out.rules_passed ? SignedStatus(v) : MemberStatus::kAbstained;
          break;
      }
    } else if (v.attendance == Attendance::kNonObjection) {
      s = MemberStatus::kNonObjection;
    } else if (out.rules_passed &&
               (ad_referendum || matter->absence == AbsencePolicy::kPendingAccession)) {
      s = MemberStatus::kPending;
    }
    out.members.insert_or_assign(out.members.end(), v.member, s);
  }
  if (out.status == DecisionStatus::kPending) {
    out.status = out.rules_passed ? StatusAfterAccession(*matter, out.members) : DecisionStatus::kNotAdopted;
  }
  out.provisional = out.status == DecisionStatus::kPendingAccession && matter->provisional;
  return out;
}

std::vector<std::string> Charter::CompositionOf(const Body& body) const {
  if (!body.composition.empty()) return body.composition;
  std::vector<std::string> out;
  for (const auto& entry : members) out.push_back(entry.first);
  return out;
}

}  // namespace concord
