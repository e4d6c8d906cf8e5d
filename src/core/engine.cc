// The decision engine (include/concord/engine.h). Every threshold is an exact fraction compared
// in 128-bit integers: a rule that says "at least 55 %" must never pass or fail on rounding.
#include "concord/engine.h"

#include <algorithm>
#include <set>
#include <string>

namespace concord {
namespace {

__extension__ typedef __int128 Int;  // exact products of 64-bit counts and weights

// part/whole >= num/den (or >, per comparison), exactly.
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

std::string Plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

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

class Evaluator {
 public:
  Evaluator(const Tally& tally, std::vector<Check>& checks) : t_(tally), checks_(checks) {}

  Result<bool> Evaluate(const std::string& rule_id, int depth = 0) {
    auto it = t_.charter.rules.find(rule_id);
    if (it == t_.charter.rules.end()) {
      return Fail(ErrorCode::kInvalidArgument, "unknown rule '" + rule_id + "'");
    }
    if (depth > 32) return Fail(ErrorCode::kInvalidArgument, "rule '" + rule_id + "' nests too deep");
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
  void Add(const Criterion& c, bool passed, std::string detail) {
    Check check{c.id, c.clause, "", passed, std::move(detail)};
    if (const Clause* cl = t_.charter.FindClause(c.clause)) check.citation = cl->citation;
    checks_.push_back(std::move(check));
  }

  std::vector<std::string> Where(bool (Tally::*pred)(const std::string&) const) const {
    std::vector<std::string> out;
    for (const auto& m : t_.participating) {
      if ((t_.*pred)(m)) out.push_back(m);
    }
    return out;
  }


  Result<bool> Consensus(const Criterion& c) {
    const auto objecting = Where(&Tally::Objects);
    const auto n = static_cast<std::int64_t>(objecting.size());
    // Nobody taking part (all absent or opted out) is no consensus: nobody adopted anything.
    const bool nobody = t_.participating.empty();
    const bool passed = n <= c.objections_allowed && !nobody;
    std::string detail;
    if (nobody) {
      detail = "nobody takes part";
    } else if (n == 0) {
      detail = "no official objection among " + Plural(static_cast<std::int64_t>(t_.participating.size()), "member", "members") +
               " taking part";
    } else {
      detail = "objected: " + List(objecting);
    }
    if (c.objections_allowed > 0) {
      detail += "; up to " + std::to_string(c.objections_allowed) + " objection(s) allowed";
    }
    const auto abstaining = Where(&Tally::Abstains);
    if (!abstaining.empty()) detail += "; abstained (does not block): " + List(abstaining);
    Add(c, passed, detail);
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
    std::string detail = std::to_string(supporting.size()) + " of " +
                         std::to_string(t_.participating.size()) + " taking part in favour";
    if (!blocking.empty()) detail += "; not in favour: " + List(blocking);
    if (!abstaining.empty() && !c.abstention_blocks) {
      detail += "; abstained (does not prevent unanimity): " + List(abstaining);
    }
    if (supporting.empty()) detail += "; nobody in favour";
    if (passed && (c.constructive_members || c.constructive_weight) && !abstaining.empty()) {
      // Constructive abstention: the decision fails when the abstainers reach both thresholds.
      bool reach_members = true, reach_weight = true;
      const auto n_abs = static_cast<std::int64_t>(abstaining.size());
      const auto n_all = static_cast<std::int64_t>(t_.eligible.size());
      if (c.constructive_members) {
        reach_members = MeetsFraction(n_abs, n_all, *c.constructive_members, Comparison::kAtLeast);
        detail += "; abstainers are " + std::to_string(n_abs) + " of " + std::to_string(n_all) +
                  " members (" + FractionText(*c.constructive_members) + " blocks)";
      }
      if (c.constructive_weight) {
        std::set<std::string> abs_set(abstaining.begin(), abstaining.end());
        auto w_abs = SumWeight(t_.charter, abs_set, c.constructive_weight_id);
        if (!w_abs) return w_abs.error();
        auto w_all = SumWeight(t_.charter, t_.eligible, c.constructive_weight_id);
        if (!w_all) return w_all.error();
        reach_weight = MeetsFraction(*w_abs, *w_all, *c.constructive_weight, Comparison::kAtLeast);
        detail += "; they hold " + Percent(*w_abs, *w_all) + " of " + c.constructive_weight_id +
                  " (" + FractionText(*c.constructive_weight) + " blocks)";
      }
      if (reach_members && reach_weight) passed = false;
    }
    Add(c, passed, detail);
    return passed;
  }

  std::set<std::string> Base(MajorityBase base) const {
    switch (base) {
      case MajorityBase::kMembers: return t_.eligible;
      case MajorityBase::kPresent: return t_.present;
      case MajorityBase::kParticipating: return t_.participating;
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

  static std::string_view BaseName(MajorityBase base) {
    switch (base) {
      case MajorityBase::kMembers: return "members";
      case MajorityBase::kPresent: return "members present";
      case MajorityBase::kParticipating: return "members taking part";
      case MajorityBase::kVoting: return "members voting";
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
    const std::string unit = c.weight.empty() ? std::string(BaseName(c.base)) : c.weight;
    bool passed = false;
    std::string detail;
    const std::string in_favour = c.weight.empty()
        ? std::to_string(yes.size()) + " of " + std::to_string(base.size()) + " " + unit + " in favour"
        : Percent(*yes_w, *base_w) + " of the " + unit + " of the " + std::string(BaseName(c.base)) + " in favour";
    bool tie = false;
    if (c.count) {
      passed = c.comparison == Comparison::kAtLeast ? *yes_w >= *c.count : *yes_w > *c.count;
      tie = false;
      detail = in_favour + "; " + (c.comparison == Comparison::kAtLeast ? "at least " : "more than ") +
               std::to_string(*c.count) + " needed";
    } else if (c.threshold) {
      passed = *base_w > 0 && MeetsFraction(*yes_w, *base_w, *c.threshold, c.comparison);
      tie = *base_w > 0 && c.comparison == Comparison::kMoreThan &&
            static_cast<Int>(*yes_w) * c.threshold->den == static_cast<Int>(c.threshold->num) * *base_w;
      detail = in_favour + (c.weight.empty() ? " (" + Percent(*yes_w, *base_w) + ")" : "") + "; " +
               (c.comparison == Comparison::kAtLeast ? "at least " : "more than ") +
               FractionText(*c.threshold) + " needed";
      if (*base_w == 0) detail += "; nobody to count";
    }
    if (!passed && tie && c.casting_vote && t_.ballot.chair.empty()) {
      detail += "; a tie, and no chair to break it";
    } else if (!passed && tie && c.casting_vote) {
      const bool chair_yes = !t_.ballot.chair.empty() && yes.count(t_.ballot.chair) > 0;
      detail += "; tie broken by the chair's casting vote (" + t_.ballot.chair + (chair_yes ? " in favour)" : " not in favour)");
      passed = chair_yes;
    }
    Add(c, passed, detail);
    return passed;
  }

  Result<bool> FewerNotInFavour(const Criterion& c) {
    std::vector<std::string> not_in_favour;
    for (const auto& m : t_.participating) {
      if (!t_.Supports(m)) not_in_favour.push_back(m);
    }
    std::int64_t needed = c.count.value_or(0);
    std::string how = "a blocking minority needs " + std::to_string(needed) + " members";
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
      how = "a blocking minority needs " + std::to_string(needed) + " members (the fewest holding more than " +
            FractionText(*c.blocking_weight) + " of the " + c.weight + " taking part, plus one)";
    }
    const auto n = static_cast<std::int64_t>(not_in_favour.size());
    const bool passed = n < needed;
    std::string detail = Plural(n, "member", "members") + " not in favour" +
                         (n ? " (" + List(not_in_favour) + ")" : std::string()) + "; " + how;
    Add(c, passed, detail + (passed ? ": no blocking minority" : ": blocking minority reached"));
    return passed;
  }

  Result<bool> Veto(const Criterion& c) {
    std::vector<std::string> vetoing, abstaining_holders;
    for (const auto& h : c.holders) {
      if (t_.Objects(h)) vetoing.push_back(h);
      else if (!t_.Supports(h) && t_.eligible.count(h)) abstaining_holders.push_back(h);
    }
    const bool passed = vetoing.empty();
    std::string detail = passed ? "no veto-holder voted against" : "vetoed by " + List(vetoing);
    if (!abstaining_holders.empty()) {
      detail += "; abstaining or absent (not a veto): " + List(abstaining_holders);
    }
    Add(c, passed, detail);
    return passed;
  }

  Result<bool> Silence(const Criterion& c) {
    const auto& b = t_.ballot;
    bool passed = false;
    std::string detail;
    if (!b.silence_opened) {
      detail = "no silence procedure was opened";
    } else if (!b.silence_broken_by.empty()) {
      detail = "silence broken by " + List(b.silence_broken_by);
    } else if (!b.silence_deadline_passed) {
      detail = "the silence deadline has not passed";
    } else {
      passed = true;
      detail = "nobody broke silence before the deadline";
    }
    Add(c, passed, detail);
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
    Add(c, passed, std::string(c.kind == CriterionKind::kAll ? "all of " : "any of ") + List(c.of) +
                       ": " + std::to_string(n_passed) + " of " + std::to_string(results.size()) + " passed");
    return passed;
  }

  const Tally& t_;
  std::vector<Check>& checks_;
};

Check MakeCheck(const Charter& charter, std::string rule, const std::string& clause, bool passed,
                std::string detail) {
  Check check{std::move(rule), clause, "", passed, std::move(detail)};
  if (const Clause* cl = charter.FindClause(clause)) check.citation = cl->citation;
  return check;
}

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
        out.push_back(id);
        break;
      default:
        break;
    }
  }
  return out;
}

Result<Outcome> EvaluateDraft(const Charter& charter, const Ballot& ballot) {
  const Body* body = charter.FindBody(ballot.body);
  if (!body) return Fail(ErrorCode::kInvalidArgument, "unknown body '" + ballot.body + "'");
  const MatterRules* matter = body->FindMatter(ballot.matter);
  if (!matter) {
    return Fail(ErrorCode::kInvalidArgument,
                "body " + ballot.body + " has no matter '" + ballot.matter + "'");
  }

  Tally tally{charter, ballot, {}, {}, {}, {}};
  std::set<std::string> non_objecting, absent;
  for (const Vote& v : ballot.votes) {
    // Votes come sorted by member (engine.h), so inserting at the end costs one comparison.
    tally.eligible.insert(tally.eligible.end(), v.member);
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
  std::string q_detail = std::to_string(n_counted) + " of " + std::to_string(n_eligible) +
                         " members " + (q.non_objection_counts ? "present or declaring non-objection" : "present");
  switch (q.kind) {
    case QuorumKind::kNone:
      out.quorum_met = true;
      break;
    case QuorumKind::kAll:
      out.quorum_met = n_counted == n_eligible && n_eligible > 0;
      q_detail += "; all members needed";
      break;
    case QuorumKind::kCount:
      out.quorum_met = n_counted >= q.count;
      q_detail += "; at least " + std::to_string(q.count) + " needed";
      break;
    case QuorumKind::kFraction:
      out.quorum_met = n_eligible > 0 && MeetsFraction(n_counted, n_eligible, q.fraction, Comparison::kAtLeast);
      q_detail += "; at least " + FractionText(q.fraction) + " needed";
      break;
    case QuorumKind::kWeight: {
      auto w_in = SumWeight(charter, counted, q.weight);
      if (!w_in) return w_in.error();
      auto w_all = SumWeight(charter, tally.eligible, q.weight);
      if (!w_all) return w_all.error();
      out.quorum_met = *w_all > 0 && MeetsFraction(*w_in, *w_all, q.fraction, Comparison::kAtLeast);
      q_detail = "members present hold " + Percent(*w_in, *w_all) + " of the " + q.weight +
                 "; at least " + FractionText(q.fraction) + " needed";
      break;
    }
  }
  if (q.kind != QuorumKind::kNone) {
    if (!out.quorum_met && !absent.empty()) {
      const std::string names = List(absent);
      q_detail += "; absent: " + names;
    }
  }
  const bool ad_referendum = !out.quorum_met && matter->without_quorum == WithoutQuorum::kAdReferendum;
  if (q.kind != QuorumKind::kNone) {
    if (ad_referendum) {
      Check noted = MakeCheck(charter, "quorum", q.clause, true, "quorum not met: " + q_detail + "; the matter proceeds ad referendum");
      noted.noted = true;
      out.checks.push_back(std::move(noted));
    } else {
      out.checks.push_back(MakeCheck(charter, "quorum", q.clause, out.quorum_met, q_detail));
    }
  }
  if (!out.quorum_met && !ad_referendum) {
    out.status = DecisionStatus::kNotAdopted;
    out.checks.push_back(MakeCheck(charter, "quorum", q.clause, false,
                                   "without a quorum this body decides nothing on this matter"));
  }

  // 2. Absence.
  if (out.quorum_met || ad_referendum) {
    if (!absent.empty() && matter->absence == AbsencePolicy::kBlocking) {
      const std::string names = List(absent);
      out.checks.push_back(MakeCheck(charter, "absence", matter->AbsenceClause(), false,
                                     "absence counts as an objection: " + names + " absent"));
      out.status = DecisionStatus::kNotAdopted;
    } else if (!absent.empty() && (matter->absence == AbsencePolicy::kPendingAccession || ad_referendum)) {
      const std::string names = List(absent);
      // Whether it applies provisionally meanwhile is part of the status, not of this step, so
      // that the text and the JSON say the same once members accede or refuse.
      out.checks.push_back(MakeCheck(charter, "absence", matter->AbsenceClause(), true,
                                     "adopted ad referendum by those present; pending the accession of " + names));
    }
    if (!non_objecting.empty()) {
      const std::string names = List(non_objecting);
      out.checks.push_back(MakeCheck(charter, "non_objection", matter->NonObjectionClause(), true,
                                     names + " declared non-objection" +
                                         (matter->non_objection_limited ? ": adoption in limited format, not bound" : "")));
    }
  }

  // 3. The decision rule.
  if (out.status == DecisionStatus::kPending) {
    Evaluator evaluator(tally, out.checks);
    auto passed = evaluator.Evaluate(matter->rule);
    if (!passed) return passed.error();
    out.rules_passed = *passed;
  }

  // 4. Per-member statuses and the resulting status.
  for (const Vote& v : ballot.votes) {
    MemberStatus s = MemberStatus::kAbsent;
    if (v.attendance == Attendance::kPresent) {
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
