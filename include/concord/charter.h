// The Charter: an immutable value describing an organization's members, bodies, decision
// rules, posts and crisis-response procedure. Loaded from TOML by the codec
// (src/codec/charter_toml.h, format in docs/charter-format.md); evaluated by the engine
// (engine.h). A Charter never changes once built; an amendment is a new Charter value.
//
//   const Charter& c = ...;
//   const Body* csc = c.FindBody("CSC");
//   const MatterRules* m = csc->FindMatter("substantive");
//   const Criterion& rule = c.rules.at(m->rule);
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/time.h"

namespace concord {

// A clause of the charter (or of a treaty, rules of procedure, regulation) that a rule cites.
struct Clause {
  std::string id;        // e.g. "charter-art12"
  std::string citation;  // e.g. "CSTO Charter, Art. 12"
  std::string text;      // our own paraphrase of what the clause says
  std::string source;    // where the citation can be checked (URL or document)
  // false when the text could not be checked against the primary source; every explanation
  // that applies the clause says so, with the note.
  bool verified = true;
  std::string note;
  std::map<std::string, std::string> citations, texts, notes;  // in other languages: code -> text
};

// A name in other languages: language code (ISO 639-1, e.g. "ru") -> name. `name` itself is the
// name in the charter's own language, English for the shipped charters.
using Names = std::map<std::string, std::string>;

// A text in `lang` where `others` gives one, else `own` (the text in the charter's language).
inline const std::string& InLanguage(const std::string& own, const Names& others, std::string_view lang) {
  auto it = others.find(std::string(lang));
  return it == others.end() ? own : it->second;
}

// Why `id` cannot name a member, or "" when it can. A member id is written in events, URLs and
// tokens: plain ASCII letters, digits, '_', '-' or '.', starting with a letter or digit, so that
// no look-alike or differently normalised twin can pass for another member; and not a name the
// journal uses for someone else ("secretariat", "chair"). The charter, member.admitted and the
// server's roles all ask this one function.
std::string MemberIdProblem(std::string_view id);

struct Member {
  std::string id;    // ISO 3166-1 alpha-3 for states
  std::string name;
  std::optional<Day> since;  // membership start, if before the record begins
  std::optional<Day> until;  // membership end, if known at charter time
  std::map<std::string, std::int64_t> weights;  // e.g. {"population": 83445000}
  Names names;
};

// Declares a weight that members carry (population, shares) and where its figures come from.
struct WeightDef {
  std::string id;
  std::string unit;
  std::string source;
};

// An exact fraction; thresholds are compared in integers, never in floating point.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
};

enum class CriterionKind {
  kConsensus,           // passes unless more than `objections_allowed` participants object
  kUnanimity,           // every participant supports (abstention per `abstention_blocks`)
  kMajority,            // yes-count (or yes-weight) against a base, at least / more than
  kFewerNotInFavour,    // passes while fewer than `count` participants are not in favour
  kVeto,                // fails if any of `holders` objects; abstention/absence is no veto
  kSilence,             // passes unless silence was broken before the deadline
  kAll,                 // every child passes
  kAny,                 // at least one child passes
};

// Whom a majority counts against.
enum class MajorityBase {
  kMembers,        // every member of the body's composition
  kPresent,        // members present at the session (and taking part)
  kVoting,         // those voting yes or no (abstentions excluded)
  kParticipating,  // members taking part (not absent, not opted out, not excluded as parties)
  kEntitled,       // every member of the composition except those not taking part by right
                   // (opted out): an absent member still counts (TFEU 238(3))
};

enum class Comparison { kAtLeast, kMoreThan };

struct Criterion {
  std::string id;      // the key under [rules]
  std::string clause;  // Clause id cited in the derivation
  CriterionKind kind = CriterionKind::kConsensus;

  // kConsensus
  int objections_allowed = 0;
  // "Consensus minus the State concerned" (CSCE, Prague 1992): the objection of a member named
  // as a party to the draft is disregarded; any other objection still blocks.
  bool disregard_parties = false;
  // kUnanimity
  bool abstention_blocks = false;
  // kUnanimity with constructive abstention: fails when abstainers reach both fractions.
  std::optional<Fraction> constructive_members;
  std::optional<Fraction> constructive_weight;
  std::string constructive_weight_id;
  // kMajority
  MajorityBase base = MajorityBase::kMembers;
  Comparison comparison = Comparison::kAtLeast;
  std::optional<Fraction> threshold;  // fraction of the base
  std::optional<int> count;           // also kFewerNotInFavour: the blocking-minority size
  std::string weight;                 // empty: heads; else a WeightDef id
  bool casting_vote = false;          // the chair breaks an exact tie
  // kFewerNotInFavour: compute the blocking minority from the participants' weight instead of
  // `count`: the fewest members holding more than `blocking_weight` of the participants'
  // weight, plus one (Art. 238(3)(a) TFEU).
  std::optional<Fraction> blocking_weight;
  // kVeto
  std::vector<std::string> holders;
  // kAll / kAny: ids of other criteria
  std::vector<std::string> of;
};

enum class QuorumKind { kNone, kAll, kCount, kFraction, kWeight };

struct Quorum {
  QuorumKind kind = QuorumKind::kNone;
  int count = 0;
  Fraction fraction;
  std::string weight;                // kWeight: WeightDef id
  // A second condition with a head count (kCount, kFraction): those taking part must also hold
  // this share of a weight (the IMF: "a majority of the Governors exercising not less than
  // two-thirds of the total voting power").
  std::string and_weight;
  Fraction and_weight_fraction;
  bool non_objection_counts = false; // a declared non-objection counts as taking part
  std::string clause;
};

// What an absent member (without a declared non-objection) means for a decision.
enum class AbsencePolicy {
  kNotCounted,        // absent members are simply not counted
  kBlocking,          // absence blocks, as an objection would (Belarus's 2009 reading)
  kPendingAccession,  // the decision waits for the absent member's accession
};

enum class WithoutQuorum {
  kNoDecision,    // nothing can be decided
  kAdReferendum,  // adopted by those present, pending the absent members' accession
};

struct MatterRules {
  std::string id;        // e.g. "substantive"
  std::string rule;      // Criterion id
  Quorum quorum;
  WithoutQuorum without_quorum = WithoutQuorum::kNoDecision;
  bool provisional = false;              // ad referendum decisions apply among signatories
  AbsencePolicy absence = AbsencePolicy::kNotCounted;
  bool non_objection_limited = false;    // declared non-objection -> adoption in limited format
  bool parties_abstain = false;          // parties to a dispute must abstain (UN Charter 27(3))
  bool refusal_with_objection_defeats = false;  // a refusal that objects -> not adopted
  std::string clause;                    // cited for absence, accession and limited format
  std::string absence_clause;            // cited for absence and adoption ad referendum ("": clause)
  // Entry into force by accumulated acceptances (IMF Articles, Art. XXVIII: three-fifths of the
  // members having 85 % of the total voting power): an adopted decision binds nobody until the
  // members that accepted it reach both shares.
  struct EntryIntoForce {
    bool defined = false;
    Fraction members{0, 1};
    std::string weight;
    Fraction weight_fraction{0, 1};
    std::string clause;
  } entry_into_force;
  std::string non_objection_clause;      // cited for a declared non-objection ("": clause)

  const std::string& AbsenceClause() const { return absence_clause.empty() ? clause : absence_clause; }
  const std::string& NonObjectionClause() const {
    return non_objection_clause.empty() ? clause : non_objection_clause;
  }
};

enum class ChairRule {
  kNone,
  kFixed,          // `member` always chairs
  kHostRotation,   // the host of a regular session chairs it; at its close the chair passes to
                   // the next member in `order`;
                   // before any regular session in the record, the rotation `order` from
                   // `anchor_year` (whose chair is order[0]... see anchor_member) decides
  kFollows,        // chaired by whoever chairs body `follows`
  kRotation,       // fixed-period rotation through `order`, `period_months`, from `anchor`
  kAlphabetical,   // each period passes to the next member of the day in the alphabetical order
                   // of the members' names (`name`), from `anchor_member` in the period of
                   // `anchor` (UN Security Council, rule 18)
};

struct ChairSpec {
  ChairRule rule = ChairRule::kNone;
  std::vector<std::string> order;
  std::string member;         // kFixed
  std::string follows;        // kFollows
  int anchor_year = 0;        // kHostRotation: the year `anchor_member` chaired
  std::string anchor_member;
  std::optional<Day> anchor;  // kRotation: the day order[0] began to chair
  int period_months = 1;      // kRotation
  std::string clause;
};

struct Body {
  std::string id;
  std::string name;
  std::vector<std::string> composition;  // member ids; empty means every member
  ChairSpec chair;
  std::map<std::string, MatterRules> matters;
  Names names;

  const MatterRules* FindMatter(const std::string& matter) const {
    auto it = matters.find(matter);
    return it == matters.end() ? nullptr : &it->second;
  }
};

struct PostDef {
  std::string id;     // e.g. "secretary_general"
  std::string name;
  std::string body;   // the body that appoints
  int term_years = 0; // 0: no fixed term
  std::string clause;
  Names names;
};

// A stage of the crisis-response procedure: completed by the first step of the record of kind
// `on` (optionally for `body` or `measure`), measured from the request.
struct StageDef {
  std::string id;
  std::string on;  // "registered", "consultation", "session", "decision", "offered",
                   // "answered", "refused", "deployed", "completed", "closed"
  std::vector<std::string> bodies;  // for "session": any of these bodies (empty: any body)
  std::string measure;
  std::optional<std::int64_t> limit_hours;
  std::optional<std::int64_t> limit_days;
  std::string clause;
};

struct Procedure {
  bool defined = false;
  std::vector<std::string> triggers;         // accepted legal bases, e.g. "cst-art4"
  std::vector<std::string> measures;         // measures the bodies may decide
  std::vector<std::string> consent_required; // measures the requesting member must accept
  std::vector<StageDef> stages;
  std::string clause;
  std::string note;  // e.g. why no limits are set
};

struct Charter {
  std::string id;
  std::string name;
  Names names;
  std::string version;
  std::string source;
  std::map<std::string, Clause> clauses;
  std::map<std::string, Member> members;
  std::map<std::string, WeightDef> weights;
  std::map<std::string, Body> bodies;
  std::map<std::string, Criterion> rules;
  std::map<std::string, PostDef> posts;
  Procedure procedure;

  const Body* FindBody(const std::string& id_) const {
    auto it = bodies.find(id_);
    return it == bodies.end() ? nullptr : &it->second;
  }
  const Clause* FindClause(const std::string& id_) const {
    auto it = clauses.find(id_);
    return it == clauses.end() ? nullptr : &it->second;
  }
  // The composition of a body: its list, or every member of the charter.
  std::vector<std::string> CompositionOf(const Body& body) const;
};

}  // namespace concord
