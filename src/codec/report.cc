// Rendering State for people and programs (src/codec/report.h).
#include "codec/report.h"

#include <algorithm>
#include <boost/json.hpp>

#include "codec/record_json.h"
#include "concord/wording.h"

namespace concord {
namespace json = boost::json;
namespace {

void Pretty(const json::value& v, std::string& out, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string pad_in(static_cast<std::size_t>(indent + 1) * 2, ' ');
  switch (v.kind()) {
    case json::kind::object: {
      const auto& o = v.as_object();
      if (o.empty()) { out += "{}"; return; }
      out += "{\n";
      bool first = true;
      for (const auto& [k, x] : o) {
        if (!first) out += ",\n";
        first = false;
        out += pad_in + json::serialize(json::value(k)) + ": ";
        Pretty(x, out, indent + 1);
      }
      out += "\n" + pad + "}";
      return;
    }
    case json::kind::array: {
      const auto& a = v.as_array();
      if (a.empty()) { out += "[]"; return; }
      // Arrays of scalars stay on one line: member lists read better that way.
      const bool flat = std::all_of(a.begin(), a.end(), [](const json::value& x) {
        return !x.is_object() && !x.is_array();
      });
      if (flat) { out += json::serialize(v); return; }
      out += "[\n";
      bool first = true;
      for (const auto& x : a) {
        if (!first) out += ",\n";
        first = false;
        out += pad_in;
        Pretty(x, out, indent + 1);
      }
      out += "\n" + pad + "]";
      return;
    }
    default:
      out += json::serialize(v);
  }
}

std::string Join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : std::string(sep)) + x;
  return s;
}

std::string MemberStatuses(const DecisionState& d) {
  std::string s;
  for (const auto& [m, st] : d.outcome.members) {
    s += (s.empty() ? "" : ", ") + m + " " + std::string(MemberStatusName(st));
  }
  return s;
}

std::string LocalDate(const Timestamp& t) { return FormatDay(t.LocalDay()); }

// "Collective Security Council" for "CSC" (the id if the charter does not know it).
std::string BodyName(const State& state, const std::string& id, std::string_view lang) {
  const Body* b = state.CurrentCharter().FindBody(id);
  return b ? InLanguage(b->name, b->names, lang) : id;
}


}  // namespace

std::vector<const SessionState*> SessionsInOrder(const State& state) {
  std::vector<const SessionState*> out;
  out.reserve(state.sessions.size());
  for (const auto& [id, s] : state.sessions) out.push_back(&s);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return Before(a->convened, b->convened); });
  return out;
}

std::vector<const DecisionState*> DecisionsInOrder(const State& state) {
  std::vector<const DecisionState*> out;
  out.reserve(state.decisions.size());
  for (const auto& [id, d] : state.decisions) out.push_back(&d);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return Before(a->tabled, b->tabled); });
  return out;
}

std::string PrettyJson(const std::string& compact) {
  std::string out;
  Pretty(json::parse(compact), out, 0);
  return out + "\n";
}

std::string StateJson(const State& state, const Timestamp& as_of) {
  json::object root;
  root["as_of"] = as_of.ToString();
  root["charter"] = json::object{{"id", state.CurrentCharter().id}, {"version", state.CurrentCharter().version}};
  json::array members;
  for (const auto& [id, m] : state.members) members.push_back(MemberObject(state, id, m, as_of));
  root["members"] = std::move(members);
  json::array bodies;
  for (const auto& [id, b] : state.CurrentCharter().bodies) bodies.push_back(BodyObject(state, b, as_of));
  root["bodies"] = std::move(bodies);
  // Sessions and decisions in time order (ties by id), as docs/journal-format.md "The state" specifies.
  json::array sa;
  for (const SessionState* s : SessionsInOrder(state)) sa.push_back(SessionObject(state, *s));
  root["sessions"] = std::move(sa);
  json::array da;
  for (const DecisionState* d : DecisionsInOrder(state)) da.push_back(DecisionObject(state, *d, as_of));
  root["decisions"] = std::move(da);
  json::array ra;
  for (const auto& [id, r] : state.requests) ra.push_back(RequestObject(state, r, as_of));
  root["requests"] = std::move(ra);
  json::array pa;
  for (const auto& [id, p] : state.posts) pa.push_back(PostObject(state, id, p, as_of));
  root["posts"] = std::move(pa);
  std::string out;
  Pretty(root, out, 0);
  return out + "\n";
}

std::string StateText(const State& state, const Timestamp& as_of) {
  std::string out;
  const Charter& c = state.CurrentCharter();
  out += c.name + " (" + c.id + ", charter version " + c.version + "), as of " + as_of.ToString() + "\n";
  out += "\nBodies and chairs\n";
  for (const auto& [id, b] : c.bodies) {
    const std::string chair = ChairOn(state, id, as_of);
    out += "  " + id + "  " + b.name + ": chaired by " + (chair.empty() ? "nobody" : chair) + "\n";
  }
  out += "\nDecisions\n";
  for (const DecisionState* d : DecisionsInOrder(state)) {
    out += "  " + d->id + " [" + std::string(DecisionStatusName(d->outcome.status)) +
           (d->outcome.provisional ? ", provisional" : "") + "] " + d->title + "\n";
    if (!d->outcome.members.empty()) out += "      " + MemberStatuses(*d) + "\n";
    const auto binding = BindingOn(d->outcome.status, d->outcome.provisional, d->outcome.members);
    if (!binding.empty()) out += "      binding on: " + Join(binding) + "\n";
  }
  if (!state.requests.empty()) {
    out += "\nRequests\n";
    for (const auto& [id, r] : state.requests) {
      out += "  " + id + " by " + r.member + " (" + r.legal_basis + ") on " + LocalDate(r.submitted) + ": " +
             RequestStatus(r) + "\n";
      for (const auto& mid : r.measure_order) {
        const MeasureState& m = r.measures.at(mid);
        out += "      " + m.measure + ": " + m.status + (m.sought && m.status != "sought" ? " (sought)" : "") +
               (m.condition.empty() ? "" : " — condition: " + m.condition) + "\n";
      }
    }
  }
  if (!state.posts.empty()) {
    out += "\nPosts\n";
    for (const auto& [id, post] : state.posts) {
      const PostState& p = PostOn(post, as_of);
      if (p.holder.empty() && p.acting.empty()) continue;
      if (&p == &post && p.since && Before(as_of, *p.since)) {
        out += "  " + id + ": " + p.holder + " from " + LocalDate(*p.since) + " (appointed, not yet in office)\n";
        continue;
      }
      const bool vacant = p.vacated || (p.term_end && as_of.LocalDay() >= *p.term_end);
      out += "  " + id + ": " + (vacant ? "vacant (last held by " + p.holder + ")" : p.holder) +
             (p.provisional && !vacant ? " (provisional)" : "") + (p.since ? ", since " + LocalDate(*p.since) : "") + "\n";
    }
  }
  return out;
}

Result<std::string> ExplainDecisionJson(const State& state, const std::string& id, const Timestamp& as_of,
                                       std::string_view lang) {
  auto it = state.decisions.find(id);
  if (it == state.decisions.end()) return Fail(ErrorCode::kNotFound, "no decision or draft '" + id + "'");
  std::string out;
  Pretty(DecisionObject(state, it->second, as_of, lang), out, 0);
  return out + "\n";
}

Result<std::string> ExplainDecisionText(const State& state, const std::string& id, std::string_view lang) {
  auto it = state.decisions.find(id);
  if (it == state.decisions.end()) return Fail(ErrorCode::kNotFound, "no decision or draft '" + id + "'");
  const DecisionState& d = it->second;
  const Charter& charter = state.CharterOf(d);
  auto say = [&](std::string_view code, std::vector<std::pair<std::string, std::string>> args = {}) {
    return Phrase(code, lang, args);
  };
  std::string out;
  out += d.id + ": " + d.title + "\n";
  out += say("x.tabled", {{"kind", Term("kind", d.kind, lang)}, {"matter", Term("matter", d.matter, lang)},
                          {"session", d.session}, {"body", d.body}, {"date", LocalDate(d.tabled)},
                          {"version", charter.version}}) + "\n";
  out += say("x.status", {{"status", Term("status", DecisionStatusName(d.outcome.status), lang)}}) +
         (d.outcome.provisional ? say("x.provisional") : "") + "\n";
  if (d.decided_at && d.decided) out += say("x.put_to_decision", {{"at", d.decided_at->ToString()}}) + "\n";
  if (!d.reason.empty()) out += say("x.reason", {{"reason", d.reason}}) + "\n";
  if (!d.amends.empty()) out += say("x.amends", {{"draft", d.amends}}) + "\n";
  if (!d.amendments.empty()) {
    std::vector<std::string> adopted, rejected, pending;
    for (const auto& a : d.amendments) {
      const DecisionState& am = state.decisions.at(a);
      (am.decided && am.outcome.status != DecisionStatus::kNotAdopted ? adopted
       : am.decided                                                   ? rejected
                                                                      : pending).push_back(a);
    }
    const std::string none = say("x.nobody_amendment");
    out += say("x.amendments", {{"adopted", adopted.empty() ? none : Join(adopted)},
                                {"rejected", rejected.empty() ? none : Join(rejected)}}) +
           (pending.empty() ? "" : say("x.amendments_pending", {{"list", Join(pending)}})) + "\n";
  }
  if (!d.outcome.checks.empty()) {
    out += "\n" + say("x.derivation") + "\n";
    int n = 0;
    for (const auto& c : d.outcome.checks) {
      out += "  " + std::to_string(++n) + ". " + Term("rule", c.rule, lang) + " — " +
             Term("verdict", CheckVerdict(c), lang) + ": " + Render(c.statements, lang) + "\n";
      if (!c.clause.empty()) {
        const Clause* cl = charter.FindClause(c.clause);
        const std::string citation = cl ? InLanguage(cl->citation, cl->citations, lang) : c.citation;
        out += "     [" + c.clause + (citation.empty() ? "" : ": " + citation) + "]\n";
        if (cl && !cl->text.empty()) out += "     " + InLanguage(cl->text, cl->texts, lang) + "\n";
        if (cl && !cl->verified) out += "     " + say("x.not_verified", {{"note", InLanguage(cl->note, cl->notes, lang)}}) + "\n";
      }
    }
  }
  if ((d.decided && !d.acceptances.empty()) || AwaitingEntryIntoForce(state, d)) {
    const Acceptances a = CountAcceptances(state, d, d.acceptances.empty() ? *d.decided_at : d.acceptances.back().second);
    out += say(d.in_force ? "x.in_force" : "x.awaiting_entry_into_force",
               {{"n", std::to_string(a.members)}, {"of", std::to_string(a.of_members)},
                {"date", d.in_force ? LocalDate(*d.in_force) : ""}}) + "\n";
  }
  if (!d.outcome.members.empty()) {
    out += "\n" + say("x.members") + "\n";
    for (const auto& [m, st] : d.outcome.members) out += "  " + m + ": " + Term("member", MemberStatusName(st), lang) + "\n";
    const auto binding = AwaitingEntryIntoForce(state, d)
                             ? std::vector<std::string>{}
                             : BindingOn(d.outcome.status, d.outcome.provisional, d.outcome.members);
    out += say("x.binding_on", {{"list", binding.empty() ? say("x.nobody") : Join(binding)}}) + "\n";
  }
  if (!d.acts.empty()) {
    out += "\n" + say("x.after_session") + "\n";
    for (const auto& act : d.acts) {
      out += "  " + LocalDate(act.at) + "  ";
      if (act.type == "transmitted") {
        out += say("x.transmitted", {{"member", act.member}}) + (act.via.empty() ? "" : say("x.via", {{"via", Term("via", act.via, lang)}}));
      } else if (act.type == "acceded") {
        out += say("x.acceded", {{"member", act.member}}) +
               (act.reservation.empty() ? "" : say("x.with_reservation", {{"reservation", act.reservation}}));
      } else {
        out += say(act.objects ? "x.refused_objecting" : "x.refused_not_objecting", {{"member", act.member}});
      }
      out += "\n";
    }
  }
  return out;
}

Result<std::string> ExplainRequestJson(const State& state, const std::string& id, const Timestamp& as_of) {
  auto it = state.requests.find(id);
  if (it == state.requests.end()) return Fail(ErrorCode::kNotFound, "no request '" + id + "'");
  std::string out;
  Pretty(RequestObject(state, it->second, as_of), out, 0);
  return out + "\n";
}

Result<std::string> ExplainRequestText(const State& state, const std::string& id, const Timestamp& as_of,
                                       std::string_view lang) {
  auto it = state.requests.find(id);
  if (it == state.requests.end()) return Fail(ErrorCode::kNotFound, "no request '" + id + "'");
  const RequestState& r = it->second;
  const Charter& charter = *state.charters[r.charter_version].charter;
  auto say = [&](std::string_view code, std::vector<std::pair<std::string, std::string>> args = {}) {
    return Phrase(code, lang, args);
  };
  auto measure = [&](const std::string& m) { return Term("measure", m, lang); };
  std::string out;
  std::vector<std::string> sought;
  for (const auto& m : r.measure_order) {
    if (r.measures.at(m).sought) sought.push_back(measure(m));
  }
  // The legal basis by its citation ("Collective Security Treaty, Art. 4"), not its clause id.
  const Clause* basis = charter.FindClause(r.legal_basis);
  out += say("r.header", {{"id", id}, {"member", r.member},
                          {"basis", basis ? InLanguage(basis->citation, basis->citations, lang) : r.legal_basis},
                          {"at", r.submitted.ToString()},
                          {"against", r.against.empty() ? "" : say("r.against", {{"against", r.against}})},
                          {"sought", Join(sought)}}) + "\n";
  if (!r.summary.empty()) out += "  " + r.summary + "\n";
  out += "\n" + say("r.chronology") + "\n";
  for (const auto& v : RequestStages(state, r, as_of)) {
    std::string line = "  ";
    if (v.at) {
      line += say("r.day", {{"day", std::to_string(*v.days_from_request)}, {"date", LocalDate(*v.at)},
                            {"hours", std::to_string(*v.hours_from_request)}});
    }
    const std::string& k = v.stage;
    auto on = [&](std::string_view code) { return v.detail.empty() ? "" : say(code, {{"what", measure(v.detail)}}); };
    if (!v.reached) line += say("r.not_reached", {{"stage", lang == "en" ? k : Term("stage", k, lang)}});
    else if (k == "submitted") line += say("r.submitted", {{"member", r.member}});
    else if (k == "consultation") {
      line += say("r.consultation") + (v.detail.empty() ? "" : say("r.in_brackets", {{"what", Term("format", v.detail, lang)}}));
    } else if (k == "refused") {
      line += say("r.refused", {{"measure", measure(v.detail)}});
      const auto& m = r.measures.at(v.detail);
      if (!m.reason.empty()) line += say("r.in_brackets", {{"what", m.reason}});
    } else if (k == "session") line += say("r.session", {{"body", BodyName(state, v.detail, lang)}});
    else if (k == "decision") line += say("r.decision") + on("r.on");
    else if (k == "not_adopted") line += say("r.not_adopted") + on("r.on");
    else if (k == "returned") line += say("r.returned") + on("r.in_brackets");
    else if (k == "offered") line += say("r.offered", {{"measure", measure(v.detail)}});
    else if (k == "accepted") line += say("r.accepted", {{"measure", measure(v.detail)}, {"member", r.member}});
    else if (k == "declined") {
      line += say("r.declined", {{"measure", measure(v.detail)}, {"member", r.member}});
      const auto& m = r.measures.at(v.detail);
      if (!m.condition.empty()) line += say("r.condition", {{"condition", m.condition}});
    } else if (k == "deployed") line += say("r.deployed", {{"measure", measure(v.detail)}});
    else if (k == "withdrawal_started") line += say("r.withdrawal_started", {{"measure", measure(v.detail)}});
    else if (k == "completed") line += say("r.completed", {{"measure", measure(v.detail)}});
    else if (k == "closed") {
      line += say("r.closed") + (v.detail.empty() ? "" : say("r.colon", {{"what", Term("outcome", v.detail, lang)}}));
    } else line += say("r.stage", {{"stage", Term("stage", k, lang)}});
    if (v.limit_days || v.limit_hours) {
      line += say(v.limit_days ? "r.limit_days" : "r.limit_hours",
                  {{"n", std::to_string(v.limit_days ? *v.limit_days : *v.limit_hours)},
                   {"verdict", say(v.overdue ? "r.overdue" : "r.in_time")}});
    }
    out += line + "\n";
  }
  std::vector<std::string> never, declined, refused;
  for (const auto& mid : r.measure_order) {
    const MeasureState& m = r.measures.at(mid);
    if (m.sought && !m.offered && !m.refused) never.push_back(measure(mid));
    if (m.status == "declined") declined.push_back(measure(mid));
    if (m.refused) refused.push_back(measure(mid));
  }
  const std::string none = say("r.none");
  out += "\n" + say("r.never_offered", {{"list", never.empty() ? none : Join(never)}}) + "\n";
  if (!refused.empty()) out += say("r.refused_list", {{"list", Join(refused)}}) + "\n";
  bool any_offered = false, all_declined = true;
  for (const auto& [mid, m] : r.measures) {
    if (m.offered) { any_offered = true; if (m.status != "declined") all_declined = false; }
  }
  out += say("r.declined_list", {{"list", declined.empty() ? none : Join(declined)}}) + "\n";
  if (any_offered && all_declined) out += say("r.all_declined") + "\n";
  out += say("r.status", {{"status", Term("request", RequestStatus(r), lang)}}) +
         (r.closed ? say("r.closed_on", {{"date", LocalDate(*r.closed)}}) : "") + "\n";
  return out;
}

}  // namespace concord
