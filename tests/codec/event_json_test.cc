// Events <-> JSON lines: every shipped line survives a round trip, and each kind of bad line gets
// its own message.
#include "codec/event_json.h"
#include "codec/json_keys.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace concord {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ErrorOf(std::string_view line) {
  Result<Event> e = DecodeEvent(line);
  if (e) return "(decoded)";
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument);
  return e.error().message;
}

TEST(EventJson, EveryShippedLineRoundTrips) {
  int lines = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CONCORD_SOURCE_DIR) + "/histories")) {
    const std::string path = entry.path().string();
    auto h = ParseHistory(Read(path), path);
    ASSERT_TRUE(h) << h.error().message;
    for (const HistoryLine& l : *h) {
      const std::string once = EncodeEvent(l.event);
      auto again = DecodeEvent(once);
      ASSERT_TRUE(again) << path << ":" << l.line << ": " << again.error().message << "\n" << once;
      EXPECT_EQ(EncodeEvent(*again), once) << path << ":" << l.line;
      EXPECT_EQ(again->type, l.event.type);
      EXPECT_EQ(again->at, l.event.at);
      ++lines;
    }
  }
  EXPECT_GT(lines, 200);
}

TEST(EventJson, DecodesFieldsOfEachKind) {
  auto e = DecodeEvent(
      R"({"type":"draft.tabled","at":"2023-11-23T11:00:00+03:00","by":"BLR","session":"csc","draft":"sg",)"
      R"("title":"Appointment","kind":"appointment","matter":"substantive","post":"secretary_general",)"
      R"("person":"Imangali Tasmagambetov","term_years":3,"parties":["ARM"]})");
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->type, EventType::kDraftTabled);
  EXPECT_EQ(e->by, "BLR");
  EXPECT_EQ(e->at.ToString(), "2023-11-23T11:00:00+03:00");
  EXPECT_EQ(e->post, "secretary_general");
  EXPECT_EQ(e->term_years, 3);
  EXPECT_EQ(e->parties, (std::vector<std::string>{"ARM"}));
  auto r = DecodeEvent(R"({"type":"accession.refused","at":"2024-05-08T12:00:00+04:00","decision":"b","member":"ARM","objects":false})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->objects, false);
  EXPECT_EQ(EncodeEvent(*r),
            R"({"type":"accession.refused","at":"2024-05-08T12:00:00+04:00","decision":"b","member":"ARM","objects":false})");
  auto s = DecodeEvent(R"({"type":"silence.opened","at":"2003-02-06T12:00:00+01:00","draft":"d","deadline":"2003-02-10T10:00:00+01:00"})");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->deadline->ToString(), "2003-02-10T10:00:00+01:00");
  auto rec = DecodeEvent(
      R"({"type":"decision.recorded","at":"2023-11-23T12:00:00+03:00","draft":"b","status":"pending_accession",)"
      R"("members":{"ARM":"pending","BLR":"signed"},"provisional":true})");
  ASSERT_TRUE(rec) << rec.error().message;
  EXPECT_EQ(rec->member_statuses.at("ARM"), "pending");
  EXPECT_EQ(rec->provisional, true);
  EXPECT_EQ(EncodeEvent(*rec),
            R"({"type":"decision.recorded","at":"2023-11-23T12:00:00+03:00","draft":"b","status":"pending_accession",)"
            R"("members":{"ARM":"pending","BLR":"signed"},"provisional":true})");
}

TEST(EventJson, BadLinesSayWhatIsWrong) {
  EXPECT_EQ(ErrorOf(R"({"type":"session.closed","at":)"), "malformed JSON at column 31: incomplete JSON");
  EXPECT_EQ(ErrorOf(R"([1,2])"), "an event must be a JSON object, not an array");
  EXPECT_EQ(ErrorOf(R"({"at":"2023-11-23T11:00:00+03:00"})"), "missing field 'type'");
  EXPECT_EQ(ErrorOf(R"({"type":7})"), "field 'type' must be a string");
  EXPECT_EQ(ErrorOf(R"({"type":"session.opened","at":"2023-11-23T11:00:00+03:00"})"),
            "unknown event type 'session.opened'");
  EXPECT_EQ(ErrorOf(R"({"type":"session.closed"})"), "missing field 'at' for session.closed");
  EXPECT_EQ(ErrorOf(R"({"type":"session.closed","at":"2023-11-23 11:00","session":"s"})"),
            "field 'at': '2023-11-23 11:00' is not an RFC 3339 timestamp with offset (too short; expected e.g. "
            "2023-11-23T11:00:00+03:00)");
  EXPECT_EQ(ErrorOf(R"({"type":"session.closed","at":"2023-11-23T11:00:00","session":"s"})"),
            "field 'at': '2023-11-23T11:00:00' is not an RFC 3339 timestamp with offset (missing offset (Z or "
            "+HH:MM))");
  EXPECT_EQ(ErrorOf(R"({"type":"attendance.present","at":"2023-11-23T11:00:00+03:00","member":"ARM"})"),
            "missing field 'session' for attendance.present");
  EXPECT_EQ(ErrorOf(R"({"type":"session.closed","at":"2023-11-23T11:00:00+03:00","session":"s","member":"ARM"})"),
            "unknown field 'member' for session.closed");
  EXPECT_EQ(ErrorOf(R"({"type":"session.closed","at":"2023-11-23T11:00:00+03:00","session":5})"),
            "field 'session' of session.closed must be a string, not an integer");
  EXPECT_EQ(ErrorOf(R"({"type":"accession.refused","at":"2024-05-08T12:00:00+04:00","decision":"b","member":"ARM","objects":"no"})"),
            "field 'objects' of accession.refused must be true or false, not a string");
  EXPECT_EQ(ErrorOf(R"({"type":"consultation.held","at":"2024-05-08T12:00:00+04:00","members":["ARM",1]})"),
            "field 'members' of consultation.held must be an array of strings, not an array");
  EXPECT_EQ(ErrorOf(R"({"type":"silence.opened","at":"2003-02-06T12:00:00+01:00","draft":"d","deadline":"Monday"})"),
            "field 'deadline': 'Monday' is not an RFC 3339 timestamp with offset (too short; expected e.g. "
            "2023-11-23T11:00:00+03:00)");
  EXPECT_EQ(ErrorOf(R"({"type":"session.closed","at":"2023-11-23T11:00:00+03:00","session":"s","by":1})"),
            "field 'by' must be a string");
}

TEST(EventJson, HistoryLinesAndTheirNumbers) {
  const std::string text =
      "# a comment\n"
      "\n"
      "{\"type\":\"session.closed\",\"at\":\"2023-11-23T11:00:00+03:00\",\"session\":\"s\"}\r\n"
      "   # an indented comment\n"
      "{\"type\":\"session.closed\",\"at\":\"2023-11-23T12:00:00+03:00\",\"session\":\"t\"}";
  auto h = ParseHistory(text, "h.jsonl");
  ASSERT_TRUE(h) << h.error().message;
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0].line, 3);
  EXPECT_EQ((*h)[0].text, "{\"type\":\"session.closed\",\"at\":\"2023-11-23T11:00:00+03:00\",\"session\":\"s\"}");
  EXPECT_EQ((*h)[1].line, 5);
  EXPECT_EQ((*h)[1].event.session, "t");

  auto bad = ParseHistory(text + "\n{\"type\":\"session.closed\"}\n", "h.jsonl");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "h.jsonl:6: error: missing field 'at' for session.closed");
  auto empty = ParseHistory("", "e.jsonl");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(EventJson, MergeIsStableByTimeAndDropsRepeatedLines) {
  auto a = ParseHistory(
      "{\"type\":\"session.closed\",\"at\":\"2023-11-23T11:00:00+03:00\",\"session\":\"a1\"}\n"
      "{\"type\":\"session.closed\",\"at\":\"2023-11-23T13:00:00+03:00\",\"session\":\"shared\"}\n",
      "a");
  auto b = ParseHistory(
      "{\"type\":\"session.closed\",\"at\":\"2023-11-23T08:00:00Z\",\"session\":\"b1\"}\n"
      "{\"type\":\"session.closed\",\"at\":\"2023-11-23T13:00:00+03:00\",\"session\":\"shared\"}\n"
      "{\"type\":\"session.closed\",\"at\":\"2023-11-23T09:00:00Z\",\"session\":\"b2\"}\n",
      "b");
  ASSERT_TRUE(a && b);
  auto m = MergeHistories({*a, *b});
  std::vector<std::string> order;
  for (const auto& l : m) order.push_back(l.event.session);
  // a1 (08:00Z) and b1 (08:00Z) tie: the earlier file first. The shared line is kept once.
  EXPECT_EQ(order, (std::vector<std::string>{"a1", "b1", "b2", "shared"}));
}

}  // namespace
// Adversarial finding: duplicate keys in a history line were accepted, the last one winning
// silently ({"member":"ARM","member":"RUS"} read as RUS). They are refused at their line.
TEST(HistoryHygiene, ADuplicateKeyIsRefusedAtItsLine) {
  EXPECT_EQ(FindDuplicateKey(R"({"a":1,"b":{"a":2}})"), std::nullopt);
  EXPECT_EQ(FindDuplicateKey(R"({"a":1,"b":{"c":2,"c":3}})"), std::optional<std::string>("c"));
  auto h = ParseHistory("# a comment\n"
                        R"({"type":"position.taken","at":"2023-11-23T10:00:00+03:00","draft":"d","member":"ARM","member":"RUS","position":"support"})"
                        "\n",
                        "h.jsonl");
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().message, "h.jsonl:2: error: key 'member' appears twice in one object");
}

// Limits: a history line longer than an API body may be is refused at its line, before decoding.
TEST(HistoryHygiene, AnOverlongLineIsRefusedAtItsLine) {
  const std::string pad(kMaxHistoryLineBytes, 'x');
  auto h = ParseHistory("\n" R"({"type":"session.closed","at":"2023-11-23T10:00:00Z","session":")" + pad + "\"}\n", "h.jsonl");
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().message.rfind("h.jsonl:2: error: the line is ", 0), 0u) << h.error().message.substr(0, 200);
  EXPECT_NE(h.error().message.find("over the limit of 1048576"), std::string::npos);
}

}  // namespace concord
