// The record in open data formats (exports.h, docs/exports.md).
#include "codec/exports.h"

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>
#include <type_traits>

#include "codec/record_json.h"
#include "codec/report.h"
#include "concord/engine.h"

namespace concord {
namespace json = boost::json;
namespace {

// --- shared ------------------------------------------------------------------------------------

std::string MemberName(const Charter& charter, const std::string& id) {
  auto it = charter.members.find(id);
  return it == charter.members.end() || it->second.name.empty() ? id : it->second.name;
}

std::string BodyName(const Charter& charter, const std::string& id) {
  const Body* b = charter.FindBody(id);
  return b && !b->name.empty() ? b->name : id;
}

std::string LocalDate(const Timestamp& t) { return FormatDay(t.LocalDay()); }

// The calendar fields of an instant, in UTC or in the offset it was written in.
struct Civil {
  int year = 1970;
  unsigned month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
};

Civil CivilOf(const Timestamp& t, bool utc) {
  const std::int64_t secs = t.utc_seconds + (utc ? 0 : std::int64_t{t.offset_minutes} * 60);
  std::int64_t days = secs / 86400, rest = secs % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  Civil c;
  CivilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(rest / 3600);
  c.minute = static_cast<int>(rest / 60 % 60);
  c.second = static_cast<int>(rest % 60);
  return c;
}

std::string Pad(long v, int width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return v < 0 ? "-" + s : s;
}

// --- Popolo --------------------------------------------------------------------------------------

json::array OtherNames(const Names& names) {
  json::array out;
  // Popolo's other_name has no language field: the note carries the language code.
  for (const auto& [lang, name] : names) out.push_back(json::object{{"name", name}, {"note", lang}});
  return out;
}

// A person's id from the name the record gives: lower-case ASCII words joined by '-'; other
// bytes (a name in another script) are kept as they are.
std::string PersonId(const std::string& name) {
  std::string slug;
  for (unsigned char c : name) {
    if (c >= 0x80 || std::isalnum(c)) {
      slug += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return "person/" + slug;
}

// A member's vote at the session that decided: later acts (accession, refusal) are not votes,
// so a member absent then is "absent" here whatever it did afterwards.
std::string VoteOption(MemberStatus s) {
  switch (s) {
    case MemberStatus::kSigned:
    case MemberStatus::kSignedWithReservation:
    case MemberStatus::kInFavour:
      return "yes";
    case MemberStatus::kObjected:
    case MemberStatus::kObjectionDisregarded:
      return "no";
    case MemberStatus::kAbstained:
      return "abstain";
    case MemberStatus::kNotInterested:
    case MemberStatus::kNotVoting:
    case MemberStatus::kVoteSuspended:
      return "not voting";
    case MemberStatus::kAcceded:
    case MemberStatus::kAccededWithReservation:
    case MemberStatus::kPending:
    case MemberStatus::kRefused:
    case MemberStatus::kRefusedObjects:
    case MemberStatus::kNonObjection:
    case MemberStatus::kAbsent:
      return "absent";
  }
  return "absent";
}

// Popolo's customary results; a decision still waiting for accessions has none yet.
std::string VoteResult(DecisionStatus s) {
  switch (s) {
    case DecisionStatus::kAdopted:
    case DecisionStatus::kAdoptedLimited:
      return "pass";
    case DecisionStatus::kNotAdopted:
      return "fail";
    default:
      return "pending";
  }
}

std::string SessionSummary(const Charter& charter, const SessionState& s) {
  return BodyName(charter, s.body) + ", " + s.kind + " session";
}

std::string FormatWords(const std::string& format) {
  if (format == "in_person") return "in person";
  if (format == "video") return "videoconference";
  if (format == "phone") return "by telephone";
  return format;
}

// In person; host: Belarus (BLR); at the request of arm-2022-09.
std::string SessionDescription(const Charter& charter, const SessionState& s) {
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : "; ") + part; };
  if (!s.format.empty()) {
    std::string f = FormatWords(s.format);
    f[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(f[0])));
    add(f);
  }
  if (!s.host.empty()) add("host: " + MemberName(charter, s.host) + " (" + s.host + ")");
  if (!s.request.empty()) add("at the request of " + s.request);
  return text.empty() ? text : text + ".";
}

}  // namespace

std::string PopoloJson(const State& state, const Charter& charter, const Timestamp& as_of) {
  const std::string org = charter.id;
  auto body_id = [&](const std::string& b) { return org + "/" + b; };
  json::array organizations, persons, posts, memberships, events, vote_events;

  organizations.push_back(json::object{{"id", org}, {"name", charter.name},
                                       {"classification", "intergovernmental organization"},
                                       {"other_names", OtherNames(charter.names)}});
  for (const auto& [id, b] : charter.bodies) {
    organizations.push_back(json::object{{"id", body_id(id)}, {"name", b.name}, {"classification", "body"},
                                         {"parent_id", org}, {"other_names", OtherNames(b.names)}});
  }
  for (const auto& [id, m] : state.members) {
    const auto def = charter.members.find(id);
    organizations.push_back(json::object{
        {"id", id}, {"name", MemberName(charter, id)}, {"classification", "state"},
        {"other_names", def == charter.members.end() ? json::array() : OtherNames(def->second.names)}});
  }

  // Member states in the organization and in each body: organizations as members of
  // organizations (Popolo's `member`, typed).
  for (const auto& [id, m] : state.members) {
    const auto def = charter.members.find(id);
    const bool known = def != charter.members.end();
    json::object ms{{"id", org + "/membership/" + id}, {"member", json::object{{"@type", "Organization"}, {"id", id}}},
                    {"organization_id", org}, {"role", "member"}};
    if (m.admitted) ms["start_date"] = LocalDate(*m.admitted);
    else if (known && def->second.since) ms["start_date"] = FormatDay(*def->second.since);
    if (m.status == "withdrawn" && m.changed) ms["end_date"] = LocalDate(*m.changed);
    else if (known && def->second.until) ms["end_date"] = FormatDay(*def->second.until);
    memberships.push_back(std::move(ms));
  }
  for (const auto& [bid, b] : charter.bodies) {
    for (const auto& id : charter.CompositionOf(b)) {
      memberships.push_back(json::object{{"id", body_id(bid) + "/membership/" + id},
                                         {"member", json::object{{"@type", "Organization"}, {"id", id}}},
                                         {"organization_id", body_id(bid)}, {"role", "member"}});
    }
  }

  // Posts, and each person who held one (or acted in it) up to as_of, newest appointment first
  // in the record's chain, listed oldest first here.
  std::set<std::string> seen_persons;
  auto person = [&](const std::string& name) {
    const std::string pid = PersonId(name);
    if (seen_persons.insert(pid).second) persons.push_back(json::object{{"id", pid}, {"name", name}});
    return pid;
  };
  for (const auto& [pid, def] : charter.posts) {
    json::object po{{"id", org + "/post/" + pid}, {"label", def.name}, {"organization_id", org}};
    if (!def.body.empty()) po["role"] = "appointed by " + BodyName(charter, def.body);
    posts.push_back(std::move(po));
  }
  for (const auto& [pid, post] : state.posts) {
    const std::string post_id = org + "/post/" + pid;
    std::vector<const PostState*> chain;
    for (const PostState* p = &post; p; p = p->previous.get()) chain.push_back(p);
    json::array held;
    for (std::size_t i = chain.size(); i-- > 0;) {
      const PostState& p = *chain[i];
      if (p.holder.empty() || (p.since && Before(as_of, *p.since))) continue;  // not in office yet
      json::object ms{{"id", post_id + "/holder/" + std::to_string(chain.size() - i)},
                      {"person_id", person(p.holder)}, {"organization_id", org}, {"post_id", post_id},
                      {"role", charter.posts.count(pid) ? charter.posts.at(pid).name : pid}};
      if (p.since) ms["start_date"] = LocalDate(*p.since);
      const PostState* next = i > 0 ? chain[i - 1] : nullptr;
      if (p.vacated) ms["end_date"] = LocalDate(*p.vacated);
      else if (next && next->since && !Before(as_of, *next->since)) ms["end_date"] = LocalDate(*next->since);
      else if (p.term_end && as_of.LocalDay() >= *p.term_end) ms["end_date"] = FormatDay(*p.term_end);
      if (p.provisional) ms["label"] = "provisional";
      memberships.push_back(std::move(ms));
      if (!p.acting.empty() && p.acting_since && !Before(as_of, *p.acting_since)) {
        memberships.push_back(json::object{{"id", post_id + "/acting/" + std::to_string(chain.size() - i)},
                                           {"person_id", person(p.acting)}, {"organization_id", org},
                                           {"post_id", post_id}, {"role", "acting"},
                                           {"start_date", LocalDate(*p.acting_since)}});
      }
    }
  }

  for (const SessionState* s : SessionsInOrder(state)) {
    json::object e{{"id", org + "/session/" + s->id}, {"name", SessionSummary(charter, *s)},
                   {"classification", "session"}, {"start_date", s->convened.ToString()}};
    if (s->closed) e["end_date"] = s->closed->ToString();
    if (!s->place.empty()) e["location"] = s->place;
    e["organization_id"] = body_id(s->body);
    const std::string description = SessionDescription(charter, *s);
    if (!description.empty()) e["description"] = description;
    events.push_back(std::move(e));
  }

  for (const DecisionState* d : DecisionsInOrder(state)) {
    if (!d->decided || !d->decided_at) continue;
    json::object motion{{"id", org + "/motion/" + d->id}, {"organization_id", body_id(d->body)},
                        {"legislative_session_id", org + "/session/" + d->session}, {"text", d->title},
                        {"classification", d->kind}, {"date", d->tabled.ToString()}};
    if (const Body* b = state.CharterOf(*d).FindBody(d->body)) {
      if (const MatterRules* m = b->FindMatter(d->matter)) motion["requirement"] = m->rule;
    }
    motion["result"] = DecisionStatusName(d->outcome.status);
    std::map<std::string, std::int64_t> counts;
    json::array votes;
    for (const auto& [member, status] : d->outcome.members) {
      const std::string option = VoteOption(status);
      ++counts[option];
      votes.push_back(json::object{{"voter_id", member}, {"option", option}});
    }
    json::array count_list;
    for (const char* option : {"yes", "no", "abstain", "absent", "not voting"}) {
      const std::int64_t n = counts.count(option) ? counts[option] : 0;
      if (n > 0 || std::string_view(option) != "not voting") {
        count_list.push_back(json::object{{"option", option}, {"value", n}});
      }
    }
    vote_events.push_back(json::object{{"id", org + "/vote/" + d->id}, {"identifier", d->id},
                                       {"motion", std::move(motion)}, {"organization_id", body_id(d->body)},
                                       {"legislative_session_id", org + "/session/" + d->session},
                                       {"start_date", d->decided_at->ToString()},
                                       {"result", VoteResult(d->outcome.status)},
                                       {"counts", std::move(count_list)}, {"votes", std::move(votes)}});
  }

  json::object root{{"meta", json::object{{"as_of", as_of.ToString()}, {"source", "concord"},
                                          {"charter_version", charter.version}}},
                    {"organizations", std::move(organizations)}, {"persons", std::move(persons)},
                    {"posts", std::move(posts)}, {"memberships", std::move(memberships)},
                    {"events", std::move(events)}, {"vote_events", std::move(vote_events)}};
  return PrettyJson(json::serialize(root));
}

// --- iCalendar -------------------------------------------------------------------------------------

namespace {

// TEXT values (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped.
std::string ICalText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// A content line folded at 75 octets (RFC 5545, 3.1), never inside a UTF-8 sequence.
std::string Fold(std::string_view line) {
  std::string out;
  std::size_t width = 75;  // the first line's octets; continuation lines begin with a space
  while (line.size() > width) {
    std::size_t cut = width;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    width = 74;
  }
  out.append(line);
  return out + "\r\n";
}

std::string ICalDateTime(const Timestamp& t, bool utc) {
  const Civil c = CivilOf(t, utc);
  return Pad(c.year, 4) + Pad(c.month, 2) + Pad(c.day, 2) + "T" + Pad(c.hour, 2) + Pad(c.minute, 2) +
         Pad(c.second, 2) + (utc ? "Z" : "");
}

std::string ICalDay(Day day) {
  int y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(day, y, m, d);
  return Pad(y, 4) + Pad(m, 2) + Pad(d, 2);
}

// "+0300": the offset as TZOFFSETTO writes it.
std::string OffsetDigits(std::int32_t minutes) {
  const std::int32_t a = minutes < 0 ? -minutes : minutes;
  return std::string(minutes < 0 ? "-" : "+") + Pad(a / 60, 2) + Pad(a % 60, 2);
}

// The record knows offsets, not zone names: each offset gets a fixed zone of its own, "UTC+0300"
// (no colon: a parameter value with one would have to be quoted).
std::string ZoneId(std::int32_t minutes) { return "UTC" + OffsetDigits(minutes); }

// DTSTART or DTEND: local time with its zone, or UTC when the offset is zero.
std::string ICalTimeProperty(const char* name, const Timestamp& t) {
  if (t.offset_minutes == 0) return std::string(name) + ":" + ICalDateTime(t, true);
  return std::string(name) + ";TZID=" + ZoneId(t.offset_minutes) + ":" + ICalDateTime(t, false);
}

}  // namespace

std::string SessionsICalendar(const State& state, const Charter& charter, const Timestamp& as_of) {
  const std::vector<const SessionState*> sessions = SessionsInOrder(state);
  std::string out;
  auto line = [&](const std::string& l) { out += Fold(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//concord//concord//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ICalText(charter.name + ": sessions"));
  std::set<std::int32_t> offsets;
  for (const SessionState* s : sessions) {
    if (s->convened.offset_minutes != 0) offsets.insert(s->convened.offset_minutes);
    if (s->closed && s->closed->offset_minutes != 0) offsets.insert(s->closed->offset_minutes);
  }
  for (std::int32_t o : offsets) {
    line("BEGIN:VTIMEZONE");
    line("TZID:" + ZoneId(o));
    line("BEGIN:STANDARD");
    line("DTSTART:19700101T000000");
    line("TZOFFSETFROM:" + OffsetDigits(o));
    line("TZOFFSETTO:" + OffsetDigits(o));
    line("TZNAME:" + ZoneId(o));
    line("END:STANDARD");
    line("END:VTIMEZONE");
  }
  const std::string stamp = "DTSTAMP:" + ICalDateTime(as_of, true);
  for (const SessionState* s : sessions) {
    line("BEGIN:VEVENT");
    line("UID:" + ICalText(s->id + "@" + charter.id));
    line(stamp);
    if (s->closed) {
      line(ICalTimeProperty("DTSTART", s->convened));
      line(ICalTimeProperty("DTEND", *s->closed));
    } else {
      // Still sitting as of the export: the day it convened, as an all-day event (a time
      // without an end would read as an instant).
      const Day day = s->convened.LocalDay();
      line("DTSTART;VALUE=DATE:" + ICalDay(day));
      line("DTEND;VALUE=DATE:" + ICalDay(day + 1));
    }
    line("SUMMARY:" + ICalText(SessionSummary(charter, *s)));
    if (!s->place.empty()) line("LOCATION:" + ICalText(s->place));
    const std::string description = SessionDescription(charter, *s);
    if (!description.empty()) line("DESCRIPTION:" + ICalText(description));
    line("CATEGORIES:" + ICalText(s->body));
    line("STATUS:CONFIRMED");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

// --- Akoma Ntoso -----------------------------------------------------------------------------------

namespace {

std::string Xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// An identifier usable in eId and in IRIs: ASCII letters, digits, '-', '_' and '.'.
std::string Token(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  return out;
}

}  // namespace

Result<std::string> DecisionAkomaNtoso(const State& state, const Charter& charter, const std::string& id,
                                       const Timestamp& as_of) {
  auto it = state.decisions.find(id);
  if (it == state.decisions.end()) return Fail(ErrorCode::kNotFound, "no decision or draft '" + id + "'");
  const DecisionState& d = it->second;
  const Charter& own = state.CharterOf(d);
  const std::string org = Token(charter.id);
  const std::string body_ref = "body-" + Token(d.body);
  // The work is dated by the decision (or the tabling of a draft still pending); the expression
  // by the last act that changed a member's status, up to as_of.
  const Timestamp work_at = d.decided_at ? *d.decided_at : d.tabled;
  Timestamp version_at = work_at;
  for (const Act& a : d.acts) {
    if (a.type != "transmitted" && !Before(as_of, a.at) && Before(version_at, a.at)) version_at = a.at;
  }
  const std::string work_date = LocalDate(work_at), version_date = LocalDate(version_at);
  const std::string kind = Token(d.kind.empty() ? "decision" : d.kind);
  const std::string work = "/akn/" + org + "/doc/" + kind + "/" + work_date + "/" + Token(d.id);
  const std::string expression = work + "/eng@" + version_date;
  const std::string manifestation = expression + ".akn";

  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n";
  x += "  <doc name=\"" + Xml(kind) + "\">\n";
  x += "    <meta>\n";
  x += "      <identification source=\"#concord\">\n";
  x += "        <FRBRWork>\n";
  x += "          <FRBRthis value=\"" + Xml(work) + "/!main\"/>\n";
  x += "          <FRBRuri value=\"" + Xml(work) + "\"/>\n";
  x += "          <FRBRdate date=\"" + work_date + "\" name=\"" + (d.decided_at ? "decided" : "tabled") + "\"/>\n";
  x += "          <FRBRauthor href=\"#" + body_ref + "\"/>\n";
  x += "          <FRBRcountry value=\"" + Xml(org) + "\"/>\n";
  x += "          <FRBRsubtype value=\"" + Xml(kind) + "\"/>\n";
  x += "          <FRBRnumber value=\"" + Xml(d.id) + "\"/>\n";
  x += "          <FRBRname value=\"" + Xml(d.title) + "\"/>\n";
  x += "        </FRBRWork>\n";
  x += "        <FRBRExpression>\n";
  x += "          <FRBRthis value=\"" + Xml(expression) + "/!main\"/>\n";
  x += "          <FRBRuri value=\"" + Xml(expression) + "\"/>\n";
  x += "          <FRBRdate date=\"" + version_date + "\" name=\"status\"/>\n";
  x += "          <FRBRauthor href=\"#" + body_ref + "\"/>\n";
  x += "          <FRBRlanguage language=\"eng\"/>\n";
  x += "        </FRBRExpression>\n";
  x += "        <FRBRManifestation>\n";
  x += "          <FRBRthis value=\"" + Xml(manifestation) + "\"/>\n";
  x += "          <FRBRuri value=\"" + Xml(manifestation) + "\"/>\n";
  x += "          <FRBRdate date=\"" + LocalDate(as_of) + "\" name=\"generated\"/>\n";
  x += "          <FRBRauthor href=\"#concord\"/>\n";
  x += "          <FRBRformat value=\"application/akn+xml\"/>\n";
  x += "        </FRBRManifestation>\n";
  x += "      </identification>\n";
  x += "      <references source=\"#concord\">\n";
  auto tlc = [&](const std::string& element, const std::string& eid, const std::string& href, const std::string& show) {
    x += "        <" + element + " eId=\"" + Xml(eid) + "\" href=\"" + Xml(href) + "\" showAs=\"" + Xml(show) + "\"/>\n";
  };
  tlc("TLCOrganization", "concord", "/ontology/organization/concord", "concord");
  tlc("TLCOrganization", org, "/ontology/organization/" + org, charter.name);
  tlc("TLCOrganization", body_ref, "/ontology/organization/" + org + "." + Token(d.body), BodyName(own, d.body));
  for (const auto& [m, status] : d.outcome.members) {
    tlc("TLCOrganization", "state-" + Token(m), "/ontology/organization/" + Token(m), MemberName(charter, m));
  }
  tlc("TLCRole", "member", "/ontology/role/" + org + ".member", "member state");
  x += "      </references>\n";
  x += "    </meta>\n";
  x += "    <preface>\n";
  x += "      <p class=\"title\"><docTitle>" + Xml(d.title) + "</docTitle></p>\n";
  x += "      <p class=\"body\"><docProponent refersTo=\"#" + body_ref + "\">" + Xml(BodyName(own, d.body)) +
       "</docProponent></p>\n";
  x += "      <p class=\"session\"><session value=\"" + Xml(d.session) + "\">" + Xml(d.session) + "</session>, <docDate date=\"" +
       work_date + "\">" + work_date + "</docDate></p>\n";
  std::string status(DecisionStatusName(d.outcome.status));
  if (d.outcome.provisional) status += " (applied provisionally)";
  x += "      <p class=\"status\"><docStatus>" + Xml(status) + "</docStatus></p>\n";
  x += "    </preface>\n";
  x += "    <mainBody>\n";
  x += "      <tblock eId=\"members\">\n";
  x += "        <heading>Status of members</heading>\n";
  x += "        <table eId=\"members__table\">\n";
  x += "          <tr><th><p>Member</p></th><th><p>Status</p></th><th><p>Date of act</p></th></tr>\n";
  std::vector<std::string> members;
  for (const auto& [m, status_] : d.outcome.members) members.push_back(m);
  const json::object row = AccessionRow(d, members);
  const json::object& cells = row.at("cells").as_object();
  for (const auto& m : members) {
    const json::object& cell = cells.at(m).as_object();
    std::string date;
    if (const json::value& v = cell.at("date"); v.is_string()) {
      if (Result<Timestamp> t = ParseTimestamp(std::string(v.as_string()))) date = LocalDate(*t);
    }
    x += "          <tr><td><p><organization refersTo=\"#state-" + Xml(Token(m)) + "\">" + Xml(MemberName(charter, m)) +
         "</organization></p></td><td><p>" + Xml(std::string(cell.at("state").as_string())) + "</p></td><td><p>" +
         (date.empty() ? "" : "<date date=\"" + date + "\">" + date + "</date>") + "</p></td></tr>\n";
  }
  x += "        </table>\n";
  x += "      </tblock>\n";
  x += "    </mainBody>\n";
  x += "  </doc>\n";
  x += "</akomaNtoso>\n";
  return x;
}

// --- CSV -------------------------------------------------------------------------------------------

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

namespace {

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + CsvField(fields[i]);
  return line + "\r\n";
}

template <class T>
std::string Opt(const std::optional<T>& v) {
  if (!v) return "";
  if constexpr (std::is_same_v<T, Timestamp>) return v->ToString();
  else return std::to_string(*v);
}

// A cell reads "acceded 2024-05-20", "pending since 2023-11-23, transmitted 2023-11-24", ...
// (dates are the local dates of the record).
std::string AccessionCsvRow(const json::object& row, const std::vector<std::string>& members) {
  auto day = [](const json::value& v) -> std::string {
    if (!v.is_string()) return "";
    Result<Timestamp> t = ParseTimestamp(std::string(v.as_string()));
    return t ? FormatDay(t->LocalDay()) : std::string(v.as_string());
  };
  std::string line;
  for (const char* key : {"decision", "title", "session", "body", "status"}) {
    line += CsvField(row.at(key).as_string()) + ",";
  }
  line += day(row.at("decided"));
  const json::object& cells = row.at("cells").as_object();
  for (const auto& m : members) {
    line += ",";
    const json::value* cell = cells.if_contains(m);
    if (!cell) continue;
    const json::object& c = cell->as_object();
    const std::string state(c.at("state").as_string());
    std::string text = state + (state == "pending" ? " since " : " ") + day(c.at("date"));
    if (const json::value* t = c.if_contains("transmitted")) text += ", transmitted " + day(*t);
    line += CsvField(text);
  }
  return line + "\r\n";
}

}  // namespace

std::string DecisionsCsv(const State& state, const Timestamp& as_of) {
  (void)as_of;  // the state is already the record as of the export
  std::string out = CsvLine({"id", "body", "session", "title", "kind", "matter", "tabled", "decided", "status",
                             "provisional", "binding_on"});
  for (const DecisionState* d : DecisionsInOrder(state)) {
    std::string binding;
    if (!AwaitingEntryIntoForce(state, *d)) {
      for (const auto& m : BindingOn(d->outcome.status, d->outcome.provisional, d->outcome.members)) {
        binding += (binding.empty() ? "" : " ") + m;
      }
    }
    out += CsvLine({d->id, d->body, d->session, d->title, d->kind, d->matter, LocalDate(d->tabled),
                    d->decided_at ? LocalDate(*d->decided_at) : "", std::string(DecisionStatusName(d->outcome.status)),
                    d->outcome.provisional ? "true" : "false", binding});
  }
  return out;
}

std::string AccessionsCsv(const std::vector<const DecisionState*>& decisions, const std::vector<std::string>& members) {
  std::string out = "decision,title,session,body,status,decided";
  for (const auto& m : members) out += "," + CsvField(m);
  out += "\r\n";
  for (const DecisionState* d : decisions) out += AccessionCsvRow(AccessionRow(*d, members), members);
  return out;
}

std::string AccessionsCsv(const State& state) {
  std::vector<std::string> members;
  for (const auto& [id, m] : state.members) members.push_back(id);
  std::vector<const DecisionState*> decided;
  for (const DecisionState* d : DecisionsInOrder(state)) {
    if (d->decided) decided.push_back(d);
  }
  return AccessionsCsv(decided, members);
}

std::string RequestsCsv(const State& state, const Timestamp& as_of) {
  std::string out = CsvLine({"request", "member", "stage", "detail", "charter_stage", "reached", "date",
                             "days_from_request", "hours_from_request", "limit_days", "limit_hours", "overdue"});
  for (const auto& [id, r] : state.requests) {
    for (const StageView& v : RequestStages(state, r, as_of)) {
      out += CsvLine({id, r.member, v.stage, v.detail, v.charter_stage, v.reached ? "true" : "false", Opt(v.at),
                      Opt(v.days_from_request), Opt(v.hours_from_request), Opt(v.limit_days), Opt(v.limit_hours),
                      v.overdue ? "true" : "false"});
    }
  }
  return out;
}

const std::vector<std::string>& CsvTables() {
  static const std::vector<std::string> kTables = {"decisions", "accessions", "requests"};
  return kTables;
}

Result<std::string> CsvTable(const State& state, std::string_view table, const Timestamp& as_of) {
  if (table == "decisions") return DecisionsCsv(state, as_of);
  if (table == "accessions") return AccessionsCsv(state);
  if (table == "requests") return RequestsCsv(state, as_of);
  return Fail(ErrorCode::kInvalidArgument, "expected decisions, accessions or requests, got '" + std::string(table) + "'");
}

}  // namespace concord
