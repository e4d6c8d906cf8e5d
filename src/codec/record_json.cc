// The record as JSON objects (record_json.h).
#include "codec/record_json.h"

#include <boost/json.hpp>
#include <set>

#include "concord/engine.h"

namespace concord {
namespace json = boost::json;
namespace {

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::value OptTime(const std::optional<Timestamp>& t) {
  return t ? json::value(t->ToString()) : json::value(nullptr);
}

json::value OptString(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::object NamesObject(const Names& names) {
  json::object o;
  for (const auto& [lang, name] : names) o[lang] = name;
  return o;
}

// The name and the other-language names of a member, from the charter (the id if it has none).
void PutMemberName(const Charter& charter, const std::string& id, json::object& o) {
  auto it = charter.members.find(id);
  o["name"] = it == charter.members.end() ? id : it->second.name;
  o["names"] = it == charter.members.end() ? json::object() : NamesObject(it->second.names);
}

json::object MembersObject(const std::map<std::string, MemberStatus>& members) {
  json::object o;
  for (const auto& [m, s] : members) o[m] = MemberStatusName(s);
  return o;
}

// Each check of a derivation with the clause it applies, quoted from the charter, in `lang`; its
// statements as data (code and figures), from which the detail is rendered.
json::array ChecksArray(const Charter& charter, const std::vector<Check>& checks, std::string_view lang) {
  json::array out;
  for (const auto& c : checks) {
    const Clause* clause = c.clause.empty() ? nullptr : charter.FindClause(c.clause);
    json::array statements;
    for (const Statement& s : c.statements) {
      json::object args;
      for (const auto& [k, v] : s.args) args[k] = v;
      statements.push_back(json::object{{"code", s.code}, {"args", std::move(args)}});
    }
    json::object o{{"rule", c.rule}, {"clause", c.clause},
                   {"citation", clause ? InLanguage(clause->citation, clause->citations, lang) : c.citation},
                   {"clause_text", clause ? json::value(InLanguage(clause->text, clause->texts, lang)) : json::value(nullptr)},
                   {"passed", c.passed}, {"verdict", CheckVerdict(c)},
                   {"detail", lang == "en" ? c.detail : Render(c.statements, lang)}, {"statements", std::move(statements)}};
    if (clause && !clause->verified) {
      o["clause_verified"] = false;
      o["clause_note"] = InLanguage(clause->note, clause->notes, lang);
    }
    out.push_back(std::move(o));
  }
  return out;
}

bool StillPending(const DecisionState& d) {
  return !d.decided && d.outcome.status == DecisionStatus::kPending;
}

}  // namespace

json::object CharterObject(const Charter& charter) {
  json::object o{{"id", charter.id}, {"name", charter.name}, {"names", NamesObject(charter.names)},
                 {"version", charter.version}};
  // The languages the charter names things in: its own ("en" for the shipped charters) and
  // every language any name is given in.
  std::set<std::string> languages = {"en"};
  auto note = [&](const Names& n) {
    for (const auto& [lang, name] : n) languages.insert(lang);
  };
  note(charter.names);
  json::array members, bodies, posts;
  for (const auto& [id, m] : charter.members) {
    note(m.names);
    members.push_back(json::object{{"id", id}, {"name", m.name}, {"names", NamesObject(m.names)}});
  }
  for (const auto& [id, b] : charter.bodies) {
    note(b.names);
    json::array matters;
    for (const auto& [mid, matter] : b.matters) matters.emplace_back(mid);
    bodies.push_back(json::object{{"id", id}, {"name", b.name}, {"names", NamesObject(b.names)},
                                  {"matters", std::move(matters)}});
  }
  for (const auto& [id, p] : charter.posts) {
    note(p.names);
    posts.push_back(json::object{{"id", id}, {"name", p.name}, {"names", NamesObject(p.names)}, {"body", p.body}});
  }
  json::object clauses;
  for (const auto& [id, c] : charter.clauses) {
    json::object co{{"citation", c.citation}, {"text", c.text}, {"verified", c.verified},
                    {"citations", NamesObject(c.citations)}, {"texts", NamesObject(c.texts)},
                    {"notes", NamesObject(c.notes)}};
    if (!c.source.empty()) co["source"] = c.source;
    if (!c.note.empty()) co["note"] = c.note;
    clauses[id] = std::move(co);
  }
  o["languages"] = Strings(std::vector<std::string>(languages.begin(), languages.end()));
  o["members"] = std::move(members);
  o["bodies"] = std::move(bodies);
  o["posts"] = std::move(posts);
  o["measures"] = Strings(charter.procedure.measures);
  o["legal_bases"] = Strings(charter.procedure.triggers);
  o["draft_kinds"] = Strings(DraftKinds());
  o["clauses"] = std::move(clauses);
  return o;
}

json::object MemberObject(const State& state, const std::string& id, const MemberState& m, const Timestamp& as_of) {
  const Charter& charter = state.CurrentCharter();
  json::object o{{"id", id}};
  PutMemberName(charter, id, o);
  // Whether it is a member on the day asked about (the charter's dates, else the record).
  o["member_on_date"] = MemberOn(state, charter, id, as_of.LocalDay());
  const auto def = charter.members.find(id);
  const bool known = def != charter.members.end();
  o["since"] = m.admitted ? json::value(FormatDay(m.admitted->LocalDay()))
               : known && def->second.since ? json::value(FormatDay(*def->second.since)) : json::value(nullptr);
  o["until"] = known && def->second.until ? json::value(FormatDay(*def->second.until)) : json::value(nullptr);
  o["status"] = m.status;
  o["participation"] = m.participation;
  o["changed"] = OptTime(m.changed);
  o["reason"] = OptString(m.reason);
  return o;
}

json::object BodyObject(const State& state, const Body& b, const Timestamp& as_of) {
  const std::string chair = ChairOn(state, b.id, as_of);
  return json::object{{"id", b.id}, {"name", b.name}, {"names", NamesObject(b.names)}, {"chair", OptString(chair)}};
}

json::object SessionObject(const State& state, const SessionState& s) {
  std::vector<std::string> present, absent, non_objection;
  json::array attendance;
  for (const auto& [m, p] : s.attendance) {
    (p.present ? present : absent).push_back(m);
    auto declared = s.non_objection.find(m);
    json::object a{{"member", m},
                   {"status", p.present ? "present" : declared != s.non_objection.end() ? "non_objection" : "absent"}};
    if (!p.representative.empty()) a["representative"] = p.representative;
    if (!p.level.empty()) a["level"] = p.level;
    if (!p.reason.empty()) a["reason"] = p.reason;
    if (declared != s.non_objection.end() && !declared->second.empty()) a["drafts"] = Strings(declared->second);
    attendance.push_back(std::move(a));
  }
  for (const auto& [m, d] : s.non_objection) {
    non_objection.push_back(m);
    if (!s.attendance.count(m)) {
      json::object a{{"member", m}, {"status", "non_objection"}};
      if (!d.empty()) a["drafts"] = Strings(d);
      attendance.push_back(std::move(a));
    }
  }
  json::object o{{"id", s.id}, {"body", s.body}, {"kind", s.kind}, {"host", s.host},
                 {"place", s.place}, {"format", s.format}, {"convened", s.convened.ToString()},
                 {"closed", OptTime(s.closed)}, {"quorum_met", QuorumMet(state, s)},
                 {"present", Strings(present)}, {"absent", Strings(absent)},
                 {"non_objection", Strings(non_objection)}, {"drafts", Strings(s.drafts)},
                 {"attendance", std::move(attendance)}};
  if (!s.request.empty()) o["request"] = s.request;
  return o;
}

json::object DecisionObject(const State& state, const DecisionState& d, const Timestamp& as_of, std::string_view lang) {
  const Charter& charter = state.CharterOf(d);
  json::object o;
  o["id"] = d.id;
  o["session"] = d.session;
  o["body"] = d.body;
  o["kind"] = d.kind;
  o["matter"] = d.matter;
  o["title"] = d.title;
  o["status"] = DecisionStatusName(d.outcome.status);
  o["provisional"] = d.outcome.provisional;
  o["tabled"] = d.tabled.ToString();
  o["decided"] = OptTime(d.decided_at);
  o["charter_version"] = state.charters[d.charter_version].charter->version;
  // A decision entering into force by acceptances binds nobody until it is in force.
  const bool awaiting = AwaitingEntryIntoForce(state, d);
  o["binding_on"] = awaiting ? json::array() : Strings(BindingOn(d.outcome.status, d.outcome.provisional, d.outcome.members));
  o["members"] = MembersObject(d.outcome.members);
  o["checks"] = ChecksArray(charter, d.outcome.checks, lang);
  if (const MatterRules* matter = MatterOf(state, d); matter && matter->entry_into_force.defined && d.decided) {
    const auto& f = matter->entry_into_force;
    const Acceptances a = CountAcceptances(state, d, as_of);
    json::array accepted;
    for (const auto& [m, at] : d.acceptances) {
      if (!Before(as_of, at)) accepted.push_back(json::object{{"member", m}, {"at", at.ToString()}});
    }
    json::object e{{"members_needed", FractionText(f.members)}, {"accepted", std::move(accepted)},
                   {"members", a.members}, {"of_members", a.of_members},
                   {"in_force", d.in_force && !Before(as_of, *d.in_force) ? json::value(d.in_force->ToString()) : json::value(nullptr)}};
    if (!f.weight.empty()) {
      e["weight"] = f.weight;
      e["weight_needed"] = FractionText(f.weight_fraction);
      e["weight_share"] = Percent(a.weight, a.of_weight);
    }
    o["entry_into_force"] = std::move(e);
  }
  json::array acts;
  for (const auto& a : d.acts) {
    json::object ao{{"act", a.type}, {"member", a.member}, {"at", a.at.ToString()}};
    if (!a.via.empty()) ao["via"] = a.via;
    if (!a.reservation.empty()) ao["reservation"] = a.reservation;
    if (a.type == "refused") ao["objects"] = a.objects;
    acts.push_back(std::move(ao));
  }
  o["acts"] = std::move(acts);
  json::array positions;
  for (const auto& [m, v] : d.positions) {
    if (v.stance == Stance::kNone) continue;
    positions.push_back(json::object{{"member", m}, {"position", StanceName(v.stance)}, {"reservation", v.reservation}});
  }
  o["positions"] = std::move(positions);
  if (!d.request.empty()) o["request"] = d.request;
  if (!d.measure.empty()) o["measure"] = d.measure;
  if (!d.post.empty()) { o["post"] = d.post; o["person"] = d.person; }
  if (!d.reason.empty()) o["reason"] = d.reason;
  if (!d.amends.empty()) o["amends"] = d.amends;
  if (!d.amendments.empty()) {
    json::array amendments;
    for (const auto& a : d.amendments) {
      auto it = state.decisions.find(a);
      amendments.push_back(json::object{{"id", a}, {"title", it == state.decisions.end() ? "" : it->second.title},
                                        {"status", it == state.decisions.end() ? "" : DecisionStatusName(it->second.outcome.status)}});
    }
    o["amendments"] = std::move(amendments);
  }
  if (StillPending(d) && state.sessions.count(d.session) && charter.FindBody(d.body)) {
    // What the engine would derive now: the same evaluation a put_to_decision runs.
    const Ballot ballot = BallotFor(state, d, as_of);
    json::array silent;
    for (const Vote& v : ballot.votes) {
      if (v.stance == Stance::kNone) silent.emplace_back(v.member);
    }
    o["not_yet_spoken"] = std::move(silent);
    if (Result<Outcome> now = EvaluateDraft(charter, ballot)) {
      o["if_decided_now"] = json::object{
          {"status", DecisionStatusName(now->status)}, {"provisional", now->provisional},
          {"quorum_met", now->quorum_met}, {"members", MembersObject(now->members)},
          {"binding_on", Strings(BindingOn(now->status, now->provisional, now->members))},
          {"checks", ChecksArray(charter, now->checks, lang)}};
    } else {
      o["if_decided_now"] = json::object{{"error", now.error().message}};
    }
  }
  return o;
}

json::object RequestObject(const State& state, const RequestState& r, const Timestamp& as_of) {
  json::object o;
  o["id"] = r.id;
  o["member"] = r.member;
  o["legal_basis"] = r.legal_basis;
  if (!r.against.empty()) o["against"] = r.against;
  if (!r.summary.empty()) o["summary"] = r.summary;
  o["status"] = RequestStatus(r);
  o["submitted"] = r.submitted.ToString();
  o["closed"] = OptTime(r.closed);
  if (!r.outcome.empty()) o["outcome"] = r.outcome;
  json::array measures;
  for (const auto& id : r.measure_order) {
    const MeasureState& m = r.measures.at(id);
    json::object mo{{"measure", m.measure}, {"sought", m.sought}, {"status", m.status}};
    mo["condition"] = OptString(m.condition);
    if (!m.decision.empty()) mo["decision"] = m.decision;
    mo["offered"] = OptTime(m.offered);
    mo["answered"] = OptTime(m.answered);
    mo["deployed"] = OptTime(m.deployed);
    mo["completed"] = OptTime(m.completed);
    mo["refused"] = OptTime(m.refused);
    if (!m.reason.empty()) mo["reason"] = m.reason;
    measures.push_back(std::move(mo));
  }
  o["measures"] = std::move(measures);
  json::array stages;
  for (const auto& v : RequestStages(state, r, as_of)) {
    // A step of the record (reached) or a stage of the charter's procedure not reached yet.
    json::object so{{"stage", v.stage}, {"reached", v.reached}, {"detail", v.detail}, {"at", OptTime(v.at)}};
    so["days_from_request"] = v.days_from_request ? json::value(*v.days_from_request) : json::value(nullptr);
    so["hours_from_request"] = v.hours_from_request ? json::value(*v.hours_from_request) : json::value(nullptr);
    so["charter_stage"] = OptString(v.charter_stage);
    so["limit_days"] = v.limit_days ? json::value(*v.limit_days) : json::value(nullptr);
    so["limit_hours"] = v.limit_hours ? json::value(*v.limit_hours) : json::value(nullptr);
    so["overdue"] = v.overdue;
    stages.push_back(std::move(so));
  }
  o["stages"] = std::move(stages);
  return o;
}

json::object PostObject(const State& state, const std::string& id, const PostState& post, const Timestamp& as_of) {
  const PostState& p = PostOn(post, as_of);
  // Appointed, not yet in office, with nobody recorded before: nobody holds it yet.
  const bool not_yet = &p == &post && p.since && Before(as_of, *p.since);
  const bool expired = p.term_end && as_of.LocalDay() >= *p.term_end;
  const bool vacant = p.vacated.has_value() || expired;
  json::object po{{"post", id}};
  const auto def = state.CurrentCharter().posts.find(id);
  po["name"] = def == state.CurrentCharter().posts.end() ? id : def->second.name;
  po["names"] = def == state.CurrentCharter().posts.end() ? json::object() : NamesObject(def->second.names);
  po["holder"] = vacant || not_yet ? json::value(nullptr) : json::value(p.holder);
  po["since"] = OptTime(p.since);
  po["provisional"] = !vacant && p.provisional;
  po["decision"] = p.decision;
  po["term_end"] = p.term_end ? json::value(FormatDay(*p.term_end)) : json::value(nullptr);
  if (&p != &post || not_yet) {  // an appointment adopted, not yet in effect
    po["next"] = json::object{{"holder", post.holder}, {"since", OptTime(post.since)}, {"decision", post.decision}};
  }
  if (!p.acting.empty() && p.acting_since && !Before(as_of, *p.acting_since)) {
    po["acting"] = p.acting;
    po["acting_since"] = p.acting_since->ToString();
  }
  if (vacant) {
    po["vacated"] = p.vacated ? json::value(p.vacated->ToString()) : json::value(FormatDay(*p.term_end));
    po["vacated_reason"] = p.vacated ? p.vacated_reason : "term_end";
    po["last_holder"] = p.holder;
  }
  return po;
}

json::object AccessionRow(const DecisionState& d, const std::vector<std::string>& members) {
  json::object cells;
  for (const auto& m : members) {
    auto st = d.outcome.members.find(m);
    if (st == d.outcome.members.end()) continue;
    // The date of a member's state: its last act after the session (accession, refusal), else
    // the day of the decision itself (signature, objection, declared non-objection ...).
    std::optional<Timestamp> date = d.decided_at, transmitted;
    for (const auto& a : d.acts) {
      if (a.member != m) continue;
      if (a.type == "transmitted") transmitted = a.at;
      else date = a.at;
    }
    json::object cell{{"state", MemberStatusName(st->second)}, {"date", OptTime(date)}};
    if (transmitted) cell["transmitted"] = transmitted->ToString();
    cells[m] = std::move(cell);
  }
  return json::object{{"decision", d.id}, {"title", d.title}, {"session", d.session}, {"body", d.body},
                      {"status", DecisionStatusName(d.outcome.status)}, {"provisional", d.outcome.provisional},
                      {"decided", OptTime(d.decided_at)}, {"cells", std::move(cells)}};
}

}  // namespace concord
