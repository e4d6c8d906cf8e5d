// Event <-> JSON. One table says which fields each event type has and which are required; the
// decoder and the encoder both read it, so they cannot drift apart.
#include "codec/event_json.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "codec/json_keys.h"

namespace concord {
namespace json = boost::json;
namespace {

enum class Kind { kString, kStrings, kBool, kInt, kTime, kMap, kText };

struct FieldDef {
  std::string_view name;
  Kind kind;
};

// Every field an event may carry, and where it lives in Event.
struct Field {
  std::string_view name;
  Kind kind;
  std::string Event::*str = nullptr;
  std::vector<std::string> Event::*list = nullptr;
};

const std::vector<Field>& AllFields() {
  static const std::vector<Field> kFields = {
      {"member", Kind::kString, &Event::member},
      {"name", Kind::kString, &Event::name},
      {"session", Kind::kString, &Event::session},
      {"body", Kind::kString, &Event::body},
      {"kind", Kind::kString, &Event::kind},
      {"host", Kind::kString, &Event::host},
      {"place", Kind::kString, &Event::place},
      {"format", Kind::kString, &Event::format},
      {"request", Kind::kString, &Event::request},
      {"representative", Kind::kString, &Event::representative},
      {"level", Kind::kString, &Event::level},
      {"reason", Kind::kString, &Event::reason},
      {"draft", Kind::kString, &Event::draft},
      {"amends", Kind::kString, &Event::amends},
      {"title", Kind::kString, &Event::title},
      {"matter", Kind::kString, &Event::matter},
      {"measure", Kind::kString, &Event::measure},
      {"post", Kind::kString, &Event::post},
      {"person", Kind::kString, &Event::person},
      {"position", Kind::kString, &Event::position},
      {"reservation", Kind::kString, &Event::reservation},
      {"decision", Kind::kString, &Event::decision},
      {"status", Kind::kString, &Event::status},
      {"via", Kind::kString, &Event::via},
      {"legal_basis", Kind::kString, &Event::legal_basis},
      {"against", Kind::kString, &Event::against},
      {"summary", Kind::kString, &Event::summary},
      {"outcome", Kind::kString, &Event::outcome},
      {"condition", Kind::kString, &Event::condition},
      {"charter", Kind::kText, &Event::charter_text},
      {"drafts", Kind::kStrings, nullptr, &Event::drafts},
      {"members", Kind::kStrings, nullptr, &Event::members},
      {"measures_sought", Kind::kStrings, nullptr, &Event::measures_sought},
      {"parties", Kind::kStrings, nullptr, &Event::parties},
      {"effective", Kind::kTime},
      {"deadline", Kind::kTime},
      {"until", Kind::kTime},
      {"objects", Kind::kBool},
      {"provisional", Kind::kBool},
      {"term_years", Kind::kInt},
      {"weights", Kind::kMap},
  };
  return kFields;
}

// Per type: required fields, then optional ones ("?name"). decision.recorded's "members" is a
// map of member statuses, handled apart; the journal's own events carry objects ("*name").
struct TypeDef {
  EventType type;
  std::vector<std::string_view> fields;
};

const std::vector<TypeDef>& TypeDefs() {
  static const std::vector<TypeDef> kTypes = {
      {EventType::kMemberAdmitted, {"member", "?name", "?weights"}},
      {EventType::kMemberSuspended, {"member", "?reason"}},
      {EventType::kMemberReinstated, {"member"}},
      {EventType::kMemberWithdrew, {"member", "?reason"}},
      {EventType::kParticipationFrozen, {"member", "?reason"}},
      {EventType::kParticipationResumed, {"member"}},
      {EventType::kSessionConvened, {"session", "body", "kind", "?host", "?place", "?format", "?request"}},
      {EventType::kSessionClosed, {"session"}},
      {EventType::kAttendancePresent, {"session", "member", "?representative", "?level"}},
      {EventType::kAttendanceAbsent, {"session", "member", "?reason"}},
      {EventType::kAbsenceNonObjection, {"session", "member", "?drafts", "?reason"}},
      {EventType::kDraftTabled, {"session", "draft", "title", "kind", "matter", "?request", "?measure", "?post",
                                 "?person", "?term_years", "?parties", "?effective", "?amends"}},
      {EventType::kDraftCirculated, {"draft", "member", "?via"}},
      {EventType::kConsultationHeld, {"members", "?session", "?drafts", "?format", "?summary", "?request"}},
      {EventType::kPositionTaken, {"draft", "member", "position", "?reservation"}},
      {EventType::kDraftPutToDecision, {"draft"}},
      {EventType::kDecisionRecorded, {"draft", "status", "?members", "?provisional"}},
      {EventType::kSilenceOpened, {"draft", "deadline"}},
      {EventType::kSilenceBroken, {"draft", "member", "?reason"}},
      {EventType::kDraftReturned, {"draft", "?reason"}},
      {EventType::kDraftWithdrawn, {"draft", "?reason"}},
      {EventType::kDocumentTransmitted, {"decision", "member", "?via"}},
      {EventType::kAccessionDeposited, {"decision", "member", "?reservation"}},
      {EventType::kAccessionRefused, {"decision", "member", "objects", "?reason"}},
      {EventType::kRequestSubmitted, {"request", "member", "legal_basis", "measures_sought", "?against", "?summary"}},
      {EventType::kMeasureOffered, {"request", "measure", "?decision"}},
      {EventType::kMeasureAccepted, {"request", "measure", "member", "?condition"}},
      {EventType::kMeasureDeclined, {"request", "measure", "member", "?condition"}},
      {EventType::kMeasureDeployed, {"request", "measure"}},
      {EventType::kMeasureWithdrawalStarted, {"request", "measure"}},
      {EventType::kMeasureCompleted, {"request", "measure"}},
      {EventType::kMeasureRefused, {"request", "measure", "?decision", "?reason"}},
      {EventType::kRequestClosed, {"request", "?outcome"}},
      {EventType::kPostVacated, {"post", "reason"}},
      {EventType::kChairAssigned, {"body", "member", "?until", "?reason"}},
      {EventType::kMemberVoteSuspended, {"member", "?reason"}},
      {EventType::kMemberVoteRestored, {"member"}},
      {EventType::kDraftMatterChanged, {"draft", "matter", "?decision"}},
      {EventType::kPostActing, {"post", "person", "?reason"}},
      {EventType::kAcceptanceDeposited, {"decision", "member"}},
      {EventType::kCharterAmended, {"charter", "?decision", "?effective"}},
      {EventType::kJournalCreated, {"charter", "*key"}},
      {EventType::kKeyRegistered, {"*key"}},
      {EventType::kKeyRevoked, {"key_id"}},
  };
  return kTypes;
}

const TypeDef& DefOf(EventType type) {
  for (const auto& d : TypeDefs()) {
    if (d.type == type) return d;
  }
  return TypeDefs().front();
}

const Field* FindField(std::string_view name) {
  for (const auto& f : AllFields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view Bare(std::string_view spec) {
  return spec.empty() || (spec[0] != '?' && spec[0] != '*') ? spec : spec.substr(1);
}

std::string_view JsonKindName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64: case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "?";
}

Unexpected Bad(std::string message) { return Fail(ErrorCode::kInvalidArgument, std::move(message)); }

Status SetField(Event& e, std::string_view name, const json::value& v, std::string_view type_name) {
  const auto wrong = [&](std::string_view want) {
    return Bad("field '" + std::string(name) + "' of " + std::string(type_name) + " must be " +
               std::string(want) + ", not " + std::string(JsonKindName(v)));
  };
  if (name == "members" && e.type == EventType::kDecisionRecorded) {
    if (!v.is_object()) return wrong("an object of member statuses");
    for (const auto& [k, s] : v.as_object()) {
      if (!s.is_string()) return Bad("field 'members' of decision.recorded: the status of " + std::string(k) + " must be a string");
      e.member_statuses[std::string(k)] = std::string(s.as_string());
    }
    return {};
  }
  if (name == "key" || name == "key_id") return {};  // the journal's key events: checked by the journal
  const Field* f = FindField(name);
  if (!f) return Bad("unknown field '" + std::string(name) + "'");
  switch (f->kind) {
    case Kind::kString:
    case Kind::kText:
      if (!v.is_string()) return wrong("a string");
      e.*(f->str) = std::string(v.as_string());
      return {};
    case Kind::kStrings: {
      if (!v.is_array()) return wrong("an array of strings");
      auto& out = e.*(f->list);
      for (const auto& item : v.as_array()) {
        if (!item.is_string()) return wrong("an array of strings");
        out.emplace_back(item.as_string());
      }
      return {};
    }
    case Kind::kBool:
      if (!v.is_bool()) return wrong("true or false");
      (name == "objects" ? e.objects : e.provisional) = v.as_bool();
      return {};
    case Kind::kInt:
      if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > 100) return wrong("a whole number from 0 to 100");
      e.term_years = static_cast<int>(v.as_int64());
      return {};
    case Kind::kTime: {
      if (!v.is_string()) return wrong("an RFC 3339 timestamp string");
      auto t = ParseTimestamp(std::string_view(v.as_string()));
      if (!t) return Bad("field '" + std::string(name) + "': " + t.error().message);
      (name == "effective" ? e.effective : name == "until" ? e.until : e.deadline) = *t;
      return {};
    }
    case Kind::kMap:  // weights: an object of weight id -> non-negative integer
      if (!v.is_object()) return wrong("an object of weight id -> integer");
      for (const auto& [k, x] : v.as_object()) {
        if (!x.is_int64() || x.as_int64() < 0) {
          return Bad("field 'weights' of " + std::string(type_name) + ": the " + std::string(k) +
                     " weight must be a non-negative integer, not " + std::string(JsonKindName(x)));
        }
        e.weights[std::string(k)] = x.as_int64();
      }
      return {};
  }
  return {};
}

}  // namespace

Result<Event> DecodeEvent(std::string_view line) {
  json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(line.data(), line.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    return Bad("malformed JSON at column " + std::to_string(used + 1) + ": " + ec.message());
  }
  const json::value root = parser.release();
  if (!root.is_object()) return Bad("an event must be a JSON object, not " + std::string(JsonKindName(root)));
  return DecodeEventObject(root.as_object());
}

Result<Event> DecodeEventObject(const json::object& obj) {
  const json::value* type_v = obj.if_contains("type");
  if (!type_v) return Bad("missing field 'type'");
  if (!type_v->is_string()) return Bad("field 'type' must be a string");
  const std::string type_name(type_v->as_string());
  auto type = EventTypeFromName(type_name);
  if (!type) return Bad("unknown event type '" + type_name + "'");

  Event e;
  e.type = *type;
  const json::value* at_v = obj.if_contains("at");
  if (!at_v) return Bad("missing field 'at' for " + type_name);
  if (!at_v->is_string()) return Bad("field 'at' must be an RFC 3339 timestamp string");
  auto at = ParseTimestamp(std::string_view(at_v->as_string()));
  if (!at) return Bad("field 'at': " + at.error().message);
  e.at = *at;
  if (const json::value* by = obj.if_contains("by")) {
    if (!by->is_string()) return Bad("field 'by' must be a string");
    e.by = std::string(by->as_string());
  }

  const TypeDef& def = DefOf(*type);
  for (const auto& spec : def.fields) {
    if (spec[0] != '?' && !obj.contains(Bare(spec))) {
      return Bad("missing field '" + std::string(Bare(spec)) + "' for " + type_name);
    }
  }
  for (const auto& [key, value] : obj) {
    if (key == "type" || key == "at" || key == "by") continue;
    const bool known = std::any_of(def.fields.begin(), def.fields.end(),
                                   [k = std::string_view(key)](std::string_view spec) { return Bare(spec) == k; });
    if (!known) return Bad("unknown field '" + std::string(key) + "' for " + type_name);
    if (Status st = SetField(e, key, value, type_name); !st) return st.error();
  }
  return e;
}

std::string EncodeEvent(const Event& e) {
  json::object obj;
  obj["type"] = EventTypeName(e.type);
  obj["at"] = e.at.ToString();
  if (!e.by.empty()) obj["by"] = e.by;
  for (const auto& spec : DefOf(e.type).fields) {
    const std::string_view name = Bare(spec);
    if (name == "members" && e.type == EventType::kDecisionRecorded) {
      json::object m;
      for (const auto& [k, v] : e.member_statuses) m[k] = v;
      obj["members"] = std::move(m);
      continue;
    }
    const Field* f = FindField(name);
    if (!f) continue;
    switch (f->kind) {
      case Kind::kString:
      case Kind::kText:
        if (!(e.*(f->str)).empty()) obj[name] = e.*(f->str);
        break;
      case Kind::kStrings: {
        const auto& v = e.*(f->list);
        if (v.empty() && spec[0] == '?') break;
        json::array a;
        for (const auto& s : v) a.emplace_back(s);
        obj[name] = std::move(a);
        break;
      }
      case Kind::kBool: {
        const auto& b = name == "objects" ? e.objects : e.provisional;
        if (b) obj[name] = *b;
        break;
      }
      case Kind::kInt:
        if (e.term_years) obj[name] = *e.term_years;
        break;
      case Kind::kTime: {
        const auto& t = name == "effective" ? e.effective : name == "until" ? e.until : e.deadline;
        if (t) obj[name] = t->ToString();
        break;
      }
      case Kind::kMap:
        if (!e.weights.empty()) {
          json::object w;
          for (const auto& [k, x] : e.weights) w[k] = x;
          obj[name] = std::move(w);
        }
        break;
    }
  }
  return json::serialize(obj);
}

Result<std::vector<HistoryLine>> ParseHistory(std::string_view text, std::string_view path) {
  std::vector<HistoryLine> out;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++line_no;
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') {
      if (end == text.size()) break;
      continue;
    }
    const std::string where = std::string(path) + ":" + std::to_string(line_no) + ": error: ";
    if (line.size() > kMaxHistoryLineBytes) {
      return Bad(where + "the line is " + std::to_string(line.size()) + " bytes, over the limit of " +
                 std::to_string(kMaxHistoryLineBytes));
    }
    if (auto dup = FindDuplicateKey(line)) return Bad(where + "key '" + *dup + "' appears twice in one object");
    auto event = DecodeEvent(line);
    if (!event) return Bad(where + event.error().message);
    out.push_back(HistoryLine{line_no, std::string(line), std::move(*event)});
    if (end == text.size()) break;
  }
  return out;
}

std::vector<HistoryLine> MergeHistories(const std::vector<std::vector<HistoryLine>>& histories) {
  std::vector<HistoryLine> all;
  for (const auto& h : histories) all.insert(all.end(), h.begin(), h.end());
  std::stable_sort(all.begin(), all.end(), [](const HistoryLine& a, const HistoryLine& b) {
    return Before(a.event.at, b.event.at);
  });
  std::vector<HistoryLine> out;
  std::set<std::string> seen;
  for (auto& l : all) {
    if (seen.insert(l.text).second) out.push_back(std::move(l));
  }
  return out;
}

}  // namespace concord
