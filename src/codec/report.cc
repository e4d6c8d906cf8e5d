// Rendering State for people and programs (src/codec/report.h).
#include "codec/report.h"

#include <algorithm>
#include <boost/json.hpp>

#include "codec/record_json.h"

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
std::string BodyName(const State& state, const std::string& id) {
  const Body* b = state.CurrentCharter().FindBody(id);
  return b ? b->name : id;
}

// A code of the record in words: "removed_from_agenda_at_requester_request" -> "removed from
// agenda at requester request".
std::string Words(std::string code) {
  std::replace(code.begin(), code.end(), '_', ' ');
  return code;
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
    for (const auto& [id, p] : state.posts) {
      const bool vacant = p.vacated || (p.term_end && as_of.LocalDay() >= *p.term_end);
      out += "  " + id + ": " + (vacant ? "vacant (last held by " + p.holder + ")" : p.holder) +
             (p.provisional && !vacant ? " (provisional)" : "") + (p.since ? ", since " + LocalDate(*p.since) : "") + "\n";
    }
  }
  return out;
}

Result<std::string> ExplainDecisionJson(const State& state, const std::string& id, const Timestamp& as_of) {
  auto it = state.decisions.find(id);
  if (it == state.decisions.end()) return Fail(ErrorCode::kNotFound, "no decision or draft '" + id + "'");
  std::string out;
  Pretty(DecisionObject(state, it->second, as_of), out, 0);
  return out + "\n";
}

Result<std::string> ExplainDecisionText(const State& state, const std::string& id) {
  auto it = state.decisions.find(id);
  if (it == state.decisions.end()) return Fail(ErrorCode::kNotFound, "no decision or draft '" + id + "'");
  const DecisionState& d = it->second;
  const Charter& charter = state.CharterOf(d);
  std::string out;
  out += d.id + ": " + d.title + "\n";
  out += "  " + d.kind + " on a " + d.matter + " matter, tabled at " + d.session + " (" + d.body + ") on " +
         LocalDate(d.tabled) + ", judged under charter version " + charter.version + "\n";
  out += "  status: " + std::string(DecisionStatusName(d.outcome.status)) +
         (d.outcome.provisional ? " (applied provisionally among the signatories)" : "") + "\n";
  if (d.decided_at && d.decided) out += "  put to decision on " + d.decided_at->ToString() + "\n";
  if (!d.reason.empty()) out += "  reason: " + d.reason + "\n";
  if (!d.outcome.checks.empty()) {
    out += "\nDerivation\n";
    int n = 0;
    for (const auto& c : d.outcome.checks) {
      out += "  " + std::to_string(++n) + ". " + c.rule + " — " + std::string(CheckVerdict(c)) + ": " + c.detail + "\n";
      if (!c.clause.empty()) {
        out += "     [" + c.clause + (c.citation.empty() ? "" : ": " + c.citation) + "]\n";
        const Clause* cl = charter.FindClause(c.clause);
        if (cl && !cl->text.empty()) out += "     " + cl->text + "\n";
        if (cl && !cl->verified) out += "     (not verified against the primary text: " + cl->note + ")\n";
      }
    }
  }
  if (!d.outcome.members.empty()) {
    out += "\nMembers\n";
    for (const auto& [m, s] : d.outcome.members) out += "  " + m + ": " + std::string(MemberStatusName(s)) + "\n";
    const auto binding = BindingOn(d.outcome.status, d.outcome.provisional, d.outcome.members);
    out += "  binding on: " + (binding.empty() ? std::string("nobody") : Join(binding)) + "\n";
  }
  if (!d.acts.empty()) {
    out += "\nAfter the session\n";
    for (const auto& a : d.acts) {
      out += "  " + LocalDate(a.at) + "  ";
      if (a.type == "transmitted") out += "text transmitted to " + a.member + (a.via.empty() ? "" : " via " + a.via);
      else if (a.type == "acceded") out += a.member + " acceded" + (a.reservation.empty() ? "" : " with a reservation: " + a.reservation);
      else out += a.member + " refused to accede, " + (a.objects ? "objecting to adoption by the others" : "without objecting to adoption by the others");
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

Result<std::string> ExplainRequestText(const State& state, const std::string& id, const Timestamp& as_of) {
  auto it = state.requests.find(id);
  if (it == state.requests.end()) return Fail(ErrorCode::kNotFound, "no request '" + id + "'");
  const RequestState& r = it->second;
  std::string out;
  std::vector<std::string> sought;
  for (const auto& m : r.measure_order) {
    if (r.measures.at(m).sought) sought.push_back(m);
  }
  out += id + ": " + r.member + " requested assistance under " + r.legal_basis + " on " + r.submitted.ToString() +
         (r.against.empty() ? "" : ", against " + r.against) + ", seeking " + Join(sought) + ".\n";
  if (!r.summary.empty()) out += "  " + r.summary + "\n";
  out += "\nChronology (day 0 is the day of the request, in local dates)\n";
  for (const auto& v : RequestStages(state, r, as_of)) {
    std::string line = "  ";
    if (v.at) {
      line += "day " + std::to_string(*v.days_from_request) + " (" + LocalDate(*v.at) + ", " +
              std::to_string(*v.hours_from_request) + " h): ";
    }
    const std::string& k = v.stage;
    if (!v.reached) line += "not reached: the procedure's stage '" + k + "'";
    else if (k == "submitted") line += "request submitted by " + r.member;
    else if (k == "consultation") line += "consultations held" + (v.detail.empty() ? std::string() : " (" + Words(v.detail) + ")");
    else if (k == "refused") {
      line += Words(v.detail) + " refused by the organization";
      const auto& m = r.measures.at(v.detail);
      if (!m.reason.empty()) line += " (" + m.reason + ")";
    }
    else if (k == "session") line += "session of the " + BodyName(state, v.detail);
    else if (k == "decision") line += "decision adopted" + (v.detail.empty() ? std::string() : " on " + Words(v.detail));
    else if (k == "not_adopted") line += "draft not adopted" + (v.detail.empty() ? std::string() : " on " + Words(v.detail));
    else if (k == "returned") line += "draft sent back for rework" + (v.detail.empty() ? std::string() : " (" + Words(v.detail) + ")");
    else if (k == "offered") line += Words(v.detail) + " offered";
    else if (k == "accepted") line += Words(v.detail) + " accepted by " + r.member;
    else if (k == "declined") {
      line += Words(v.detail) + " declined by " + r.member;
      const auto& m = r.measures.at(v.detail);
      if (!m.condition.empty()) line += " (condition: " + m.condition + ")";
    }
    else if (k == "deployed") line += Words(v.detail) + " deployed";
    else if (k == "withdrawal_started") line += "withdrawal of " + Words(v.detail) + " began";
    else if (k == "completed") line += Words(v.detail) + " completed";
    else if (k == "closed") line += "request closed" + (v.detail.empty() ? std::string() : ": " + Words(v.detail));
    else line += "stage " + Words(k);
    if (v.limit_days || v.limit_hours) {
      line += " [limit " + (v.limit_days ? std::to_string(*v.limit_days) + " days" : std::to_string(*v.limit_hours) + " h") +
              (v.overdue ? ": OVERDUE]" : ": in time]");
    }
    out += line + "\n";
  }
  std::vector<std::string> never, declined, refused;
  for (const auto& mid : r.measure_order) {
    const MeasureState& m = r.measures.at(mid);
    if (m.sought && !m.offered && !m.refused) never.push_back(Words(mid));
    if (m.status == "declined") declined.push_back(Words(mid));
    if (m.refused) refused.push_back(Words(mid));
  }
  out += "\nSought but never offered: " + (never.empty() ? std::string("none") : Join(never)) + "\n";
  if (!refused.empty()) out += "Refused by the organization: " + Join(refused) + "\n";
  bool any_offered = false, all_declined = true;
  for (const auto& [mid, m] : r.measures) {
    if (m.offered) { any_offered = true; if (m.status != "declined") all_declined = false; }
  }
  out += "Offered and declined: " + (declined.empty() ? std::string("none") : Join(declined)) + "\n";
  if (any_offered && all_declined) out += "Every measure offered was declined.\n";
  out += "Status: " + RequestStatus(r) + (r.closed ? " on " + LocalDate(*r.closed) : "") + "\n";
  return out;
}

}  // namespace concord
