// `concord export --format popolo|ical|akn|csv` on the shipped record: a golden file per format
// (tests/golden/exports/), each checked as its standard reads it (Akoma Ntoso by a real XML
// parser, xmllint; iCalendar and CSV line by line), the same record from a journal, and the
// options at fault named on the command line.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "codec/exports.h"
#include "support/run.h"

namespace concord::test {
namespace {

namespace json = boost::json;

RunResult Export(std::vector<std::string> args) {
  args.insert(args.begin(), "export");
  return RunConcord(args);
}

std::string ExportOk(const std::vector<std::string>& args) {
  RunResult r = Export(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// --- Popolo ----------------------------------------------------------------------------------------

TEST(ExportGolden, Popolo) {
  const std::string out = ExportOk({"--format", "popolo", "embedded"});
  EXPECT_EQ(CompareGolden("exports/csto.popolo.json", out), "");
}

// Every id a Popolo object refers to names an object of the export, and the counts add up.
TEST(ExportPopolo, ReferencesResolveAndCountsAddUp) {
  const json::object doc = json::parse(ExportOk({"--format", "popolo", "embedded"})).as_object();
  std::set<std::string> orgs, persons, posts, events;
  for (const auto& o : doc.at("organizations").as_array()) orgs.insert(std::string(o.at("id").as_string()));
  for (const auto& p : doc.at("persons").as_array()) persons.insert(std::string(p.at("id").as_string()));
  for (const auto& p : doc.at("posts").as_array()) posts.insert(std::string(p.at("id").as_string()));
  for (const auto& e : doc.at("events").as_array()) events.insert(std::string(e.at("id").as_string()));
  auto id = [](const json::value& v, const char* key) { return std::string(v.at(key).as_string()); };
  for (const auto& o : doc.at("organizations").as_array()) {
    if (o.as_object().contains("parent_id")) { EXPECT_TRUE(orgs.count(id(o, "parent_id"))); }
  }
  EXPECT_TRUE(orgs.count("ARM") && orgs.count("csto") && orgs.count("csto/CSC"));
  for (const auto& m : doc.at("memberships").as_array()) {
    const json::object& mo = m.as_object();
    EXPECT_TRUE(orgs.count(id(m, "organization_id"))) << json::serialize(m);
    if (mo.contains("person_id")) { EXPECT_TRUE(persons.count(id(m, "person_id"))) << json::serialize(m); }
    if (mo.contains("post_id")) { EXPECT_TRUE(posts.count(id(m, "post_id"))) << json::serialize(m); }
    if (mo.contains("member")) {
      EXPECT_EQ(mo.at("member").at("@type"), "Organization");
      EXPECT_TRUE(orgs.count(id(mo.at("member"), "id"))) << json::serialize(m);
    }
  }
  EXPECT_TRUE(persons.count("person/imangali-tasmagambetov"));
  const json::array& votes = doc.at("vote_events").as_array();
  ASSERT_FALSE(votes.empty());
  for (const auto& v : votes) {
    EXPECT_TRUE(orgs.count(id(v, "organization_id")));
    EXPECT_TRUE(events.count(id(v, "legislative_session_id")));
    std::int64_t counted = 0;
    for (const auto& c : v.at("counts").as_array()) counted += c.at("value").as_int64();
    EXPECT_EQ(counted, static_cast<std::int64_t>(v.at("votes").as_array().size()));
    for (const auto& b : v.at("votes").as_array()) EXPECT_TRUE(orgs.count(id(b, "voter_id")));
  }
  // The Minsk budget: Armenia absent from the vote, five in favour; adopted in limited format.
  bool budget = false;
  for (const auto& v : votes) {
    if (v.at("identifier") != "minsk-2023-budget") continue;
    budget = true;
    EXPECT_EQ(v.at("result"), "pass");
    EXPECT_EQ(v.at("motion").at("result"), "adopted_limited");
    EXPECT_EQ(v.at("counts").as_array()[0], (json::object{{"option", "yes"}, {"value", 5}}));
    EXPECT_EQ(v.at("votes").as_array()[0], (json::object{{"voter_id", "ARM"}, {"option", "absent"}}));
  }
  EXPECT_TRUE(budget);
}

// --- iCalendar -------------------------------------------------------------------------------------

TEST(ExportGolden, ICalendar) {
  const std::string out = ExportOk({"--format", "ical", "embedded"});
  EXPECT_EQ(CompareGolden("exports/csto.sessions.ics", out), "");
}

// RFC 5545 as a reader checks it: CRLF only, no line over 75 octets, each unfolded line a
// NAME[;PARAM]:VALUE, components balanced, the required properties present, every TZID defined.
TEST(ExportICalendar, WellFormed) {
  const std::string ics = ExportOk({"--format", "ical", "embedded"});
  std::vector<std::string> unfolded;
  std::size_t pos = 0;
  while (pos < ics.size()) {
    const std::size_t end = ics.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos) << "a line without CRLF at octet " << pos;
    const std::string physical = ics.substr(pos, end - pos);
    EXPECT_EQ(physical.find('\n'), std::string::npos);
    EXPECT_LE(physical.size(), 75u) << physical;
    if (!physical.empty() && physical[0] == ' ') {
      ASSERT_FALSE(unfolded.empty());
      unfolded.back() += physical.substr(1);
    } else {
      unfolded.push_back(physical);
    }
    pos = end + 2;
  }
  std::vector<std::string> stack;
  std::set<std::string> zones, used_zones;
  std::map<std::string, int> props;
  int events = 0;
  for (const auto& l : unfolded) {
    const std::size_t colon = l.find(':');
    ASSERT_NE(colon, std::string::npos) << l;
    const std::string head = l.substr(0, colon), value = l.substr(colon + 1);
    const std::string name = head.substr(0, head.find(';'));
    for (char c : name) EXPECT_TRUE(std::isupper(static_cast<unsigned char>(c)) || c == '-') << l;
    if (name == "BEGIN") {
      stack.push_back(value);
      if (value == "VEVENT") props.clear();
      continue;
    }
    if (name == "END") {
      ASSERT_FALSE(stack.empty());
      EXPECT_EQ(stack.back(), value);
      stack.pop_back();
      if (value == "VEVENT") {
        ++events;
        for (const char* required : {"UID", "DTSTAMP", "DTSTART", "SUMMARY"}) EXPECT_EQ(props[required], 1) << required;
      }
      continue;
    }
    ++props[name];
    if (name == "TZID") zones.insert(value);
    if (const std::size_t tz = head.find(";TZID="); tz != std::string::npos) used_zones.insert(head.substr(tz + 6));
    if (name == "DTSTAMP") { EXPECT_EQ(value.back(), 'Z'); }
    if (name == "SUMMARY") { EXPECT_NE(value.find("\\,"), std::string::npos) << "commas escaped: " << value; }
  }
  EXPECT_TRUE(stack.empty());
  EXPECT_EQ(events, 10);
  for (const auto& z : used_zones) EXPECT_TRUE(zones.count(z)) << z;
  EXPECT_NE(ics.find("UID:csc-2023-minsk@csto\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;TZID=UTC+0300:20231123T100000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("PRODID:-//concord//concord//EN\r\n"), std::string::npos);
}

// A session still sitting on the date asked about is a whole-day event on the day it convened.
TEST(ExportICalendar, OpenSessionIsAllDay) {
  const std::string ics = ExportOk({"--format", "ical", "--as-of", "2023-11-23T11:00:00+03:00", "embedded"});
  const std::size_t at = ics.find("UID:csc-2023-minsk@csto\r\n");
  ASSERT_NE(at, std::string::npos);
  const std::string event = ics.substr(at, ics.find("END:VEVENT", at) - at);
  EXPECT_NE(event.find("DTSTART;VALUE=DATE:20231123\r\nDTEND;VALUE=DATE:20231124\r\n"), std::string::npos) << event;
}

// --- Akoma Ntoso -----------------------------------------------------------------------------------

TEST(ExportGolden, AkomaNtoso) {
  const std::string out = ExportOk({"--format", "akn", "--decision", "minsk-2023-budget", "embedded"});
  EXPECT_EQ(CompareGolden("exports/minsk-2023-budget.akn.xml", out), "");
}

std::string Xpath(const std::string& file, const std::string& expr) {
  const std::string out = file + ".xpath";
  const std::string cmd = "xmllint --xpath \"" + expr + "\" " + file + " > " + out + " 2>&1";
  if (std::system(cmd.c_str()) != 0) return "<xmllint failed>";
  std::string value = ReadFile(out);
  while (!value.empty() && value.back() == '\n') value.pop_back();
  return value;
}

// Every decision of the record parses as XML (xmllint, libxml2) with the identification the
// standard requires: three FRBR levels, each with FRBRthis, FRBRuri, FRBRdate and FRBRauthor;
// the work also FRBRcountry, the expression FRBRlanguage; the source and every href resolve.
TEST(ExportAkomaNtoso, EveryDecisionWellFormedWithItsIdentification) {
  ASSERT_EQ(std::system("command -v xmllint > /dev/null"), 0) << "xmllint is missing (scripts/setup.sh installs libxml2-utils)";
  const std::string dir = TempDir();
  const std::string csv = ExportOk({"--format", "csv", "--table", "decisions", "embedded"});
  std::vector<std::string> ids;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) ids.push_back(line.substr(0, line.find(',')));
  ASSERT_EQ(ids.size(), 14u);
  auto count = [](const std::string& path) { return "count(/*[local-name()='akomaNtoso']/*[local-name()='doc']/*[local-name()='meta']/*[local-name()='identification']/" + path + ")"; };
  for (const auto& id : ids) {
    const std::string file = dir + "/" + id + ".xml";
    WriteFile(file, ExportOk({"--format", "akn", "--decision", id, "embedded"}));
    ASSERT_EQ(std::system(("xmllint --noout " + file).c_str()), 0) << id;
    EXPECT_EQ(Xpath(file, "namespace-uri(/*)"), "http://docs.oasis-open.org/legaldocml/ns/akn/3.0") << id;
    for (const char* level : {"FRBRWork", "FRBRExpression", "FRBRManifestation"}) {
      for (const char* prop : {"FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor"}) {
        EXPECT_EQ(Xpath(file, count(std::string("*[local-name()='") + level + "']/*[local-name()='" + prop + "']")), "1")
            << id << " " << level << "/" << prop;
      }
    }
    EXPECT_EQ(Xpath(file, count("*[local-name()='FRBRWork']/*[local-name()='FRBRcountry']")), "1") << id;
    EXPECT_EQ(Xpath(file, count("*[local-name()='FRBRExpression']/*[local-name()='FRBRlanguage']")), "1") << id;
    // Every #reference (source, href, refersTo) names an element of the document.
    const std::string unresolved = Xpath(
        file, "count(//@*[starts-with(., '#')][not(substring(., 2) = //@eId)])");
    EXPECT_EQ(unresolved, "0") << id;
  }
}

// --- CSV -------------------------------------------------------------------------------------------

// RFC 4180 records: CRLF line ends, quoted fields with doubled quotes; every record as wide as the header.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty() && !was_quoted) << "a quote inside an unquoted field at octet " << i;
      quoted = was_quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "a CR without LF at octet " << i;
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
      ++i;
      if (i + 1 < text.size()) rows.emplace_back();
    } else {
      EXPECT_NE(c, '\n') << "a bare LF at octet " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "an unterminated quoted field";
  EXPECT_TRUE(text.size() >= 2 && text.substr(text.size() - 2) == "\r\n") << "the last record ends with CRLF";
  return rows;
}

class CsvGolden : public testing::TestWithParam<std::string> {};

TEST_P(CsvGolden, MatchesGoldenAndIsRectangular) {
  const std::string out = ExportOk({"--format", "csv", "--table", GetParam(), "embedded"});
  EXPECT_EQ(CompareGolden("exports/csto." + GetParam() + ".csv", out), "");
  const auto rows = ParseCsv(out);
  ASSERT_GT(rows.size(), 1u);
  for (const auto& r : rows) EXPECT_EQ(r.size(), rows[0].size());
}

INSTANTIATE_TEST_SUITE_P(Tables, CsvGolden, testing::Values("decisions", "accessions", "requests"));

TEST(ExportCsv, FieldsReadBackAsWritten) {
  const auto decisions = ParseCsv(ExportOk({"--format", "csv", "--table", "decisions", "embedded"}));
  EXPECT_EQ(decisions[0][0], "id");
  bool found = false;
  for (const auto& r : decisions) {
    if (r[0] != "minsk-2023-budget") continue;
    found = true;
    EXPECT_EQ(r[8], "adopted_limited");
    EXPECT_EQ(r[10], "BLR KAZ KGZ RUS TJK");
  }
  EXPECT_TRUE(found);
  // A cell with a comma is quoted, and reads back whole.
  const auto matrix = ParseCsv(ExportOk({"--format", "csv", "--table", "accessions", "--as-of", "2024-01-01", "embedded"}));
  ASSERT_EQ(matrix[0][6], "ARM");
  found = false;
  for (const auto& r : matrix) {
    if (r[0] != "minsk-2023-declaration") continue;
    found = true;
    EXPECT_EQ(r[6], "pending since 2023-11-23, transmitted 2023-12-21");
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(CsvField("say \"no\", twice\r\n"), "\"say \"\"no\"\", twice\r\n\"");
  EXPECT_EQ(CsvField("plain"), "plain");
}

// --- the same record from a journal, and the command line -----------------------------------------

TEST(ExportStore, SameBytesAsFromTheHistories) {
  const std::string dir = TempDir();
  const std::string store = "sqlite:" + dir + "/concord.db";
  ASSERT_EQ(RunConcord({"init", "--store", store}).exit_code, 0);
  ASSERT_EQ(RunConcord({"import", "--store", store, "embedded"}).exit_code, 0);
  for (const std::vector<std::string>& format :
       {std::vector<std::string>{"--format", "popolo"}, {"--format", "ical"}, {"--format", "csv", "--table", "requests"},
        {"--format", "akn", "--decision", "astana-2024-declaration"}}) {
    std::vector<std::string> from_store = format, from_histories = format;
    for (auto* v : {&from_store, &from_histories}) v->insert(v->end(), {"--as-of", "2024-12-01"});
    from_store.insert(from_store.end(), {"--store", store});
    from_histories.push_back("embedded");
    EXPECT_EQ(ExportOk(from_store), ExportOk(from_histories)) << format[1];
  }
  // --out writes the file and says so.
  RunResult r = Export({"--format", "ical", "--store", store, "--out", dir + "/sessions.ics"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "exported the record as ical to " + dir + "/sessions.ics\n");
  EXPECT_EQ(ReadFile(dir + "/sessions.ics").substr(0, 17), "BEGIN:VCALENDAR\r\n");
}

TEST(ExportCommandLine, ErrorsNameTheOptionAtFault) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"--format", "csv", "embedded"}, 2, "--table: required with --format csv (decisions, accessions or requests)\n"},
      {{"--format", "csv", "--table", "votes", "embedded"}, 2, "--table: expected decisions, accessions or requests, got 'votes'\n"},
      {{"--format", "popolo", "--table", "decisions", "embedded"}, 2, "--table: only with --format csv\n"},
      {{"--format", "akn", "embedded"}, 2, "--decision: required with --format akn (a decision id)\n"},
      {{"--format", "ical", "--decision", "x", "embedded"}, 2, "--decision: only with --format akn\n"},
      {{"--format", "akn", "--decision", "nothing", "embedded"}, 1, "--decision: no decision or draft 'nothing'\n"},
      {{"--format", "popolo"}, 2, "HISTORY: give the histories to export ('embedded' for the shipped record) or --store\n"},
      {{"--format", "popolo", "--store", "sqlite:x.db", "embedded"}, 2, "--store: give HISTORY files or --store, not both\n"},
      {{"--format", "ical", "--as-of", "someday", "embedded"}, 1, ""},
      {{"embedded"}, 2, "HISTORY: --format journal exports the journal of --store; histories are read by --format popolo, ical, akn or csv\n"},
  };
  for (const auto& c : cases) {
    RunResult r = Export(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(r.exit_code, c.exit_code) << joined << r.err;
    if (!c.err.empty()) {
      EXPECT_EQ(r.err, c.err) << joined;
    } else {
      EXPECT_EQ(r.err.rfind("--as-of: ", 0), 0u) << r.err;
    }
    EXPECT_EQ(r.out, "") << joined;
  }
}

}  // namespace
}  // namespace concord::test
