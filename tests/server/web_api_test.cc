// What the web application reads, against the real `concord serve` on the shipped CSTO record:
// pages and filters, the accession matrix (JSON and CSV), drafts under discussion with the
// outcome if decided now, the charter's names, whoami, the public live heads, and the assets.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "harness.h"

namespace concord::test {
namespace {

namespace json = boost::json;


std::vector<std::string> Ids(const json::array& items, const char* key = "id") {
  std::vector<std::string> out;
  for (const auto& x : items) out.emplace_back(x.as_object().at(key).as_string());
  return out;
}

// One server over the whole shipped record for every test here (starting one per test would
// import the record each time).
class WebApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    journal_ = new Journal(true);
    sec_ = journal_->Token("secretariat");
    arm_ = journal_->Token("delegation:ARM");
    obs_ = journal_->Token("observer");
    server_ = new ServerProcess(journal_->store);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete journal_;
  }
  void SetUp() override { ASSERT_GT(server_->port(), 0) << server_->stdout_text() << server_->Log(); }

  static Reply Get(const std::string& token, const std::string& target) {
    return Http(server_->port(), "GET", target, "", token.empty() ? std::vector<std::pair<std::string, std::string>>{} : Bearer(token));
  }
  static Reply Post(const std::string& token, const std::string& target, const std::string& body) {
    return Http(server_->port(), "POST", target, body, Bearer(token));
  }

  static Journal* journal_;
  static ServerProcess* server_;
  static std::string sec_, arm_, obs_;
};
Journal* WebApi::journal_ = nullptr;
ServerProcess* WebApi::server_ = nullptr;
std::string WebApi::sec_, WebApi::arm_, WebApi::obs_;

// What-if through the API: the same answer as `concord whatif` (the codec's one encoding), its
// query parameters, and their errors named by field.
TEST_F(WebApi, WhatIfOnAMinskDecision) {
  Reply base = Get(obs_, "/api/v0/decisions/minsk-2023-declaration/whatif");
  ASSERT_EQ(base.status, 200) << base.body;
  const json::object o = Obj(base);
  EXPECT_TRUE(o.at("decided").as_bool());
  EXPECT_EQ(o.at("recorded"), o.at("derived").as_object().at("status"));
  bool arm_accedes = false;
  for (const auto& p : o.at("pivotal").as_array()) {
    const auto& changes = p.as_object().at("changes").as_array();
    arm_accedes = arm_accedes || (changes.size() == 1 && changes[0] == "ARM=accedes");
  }
  EXPECT_TRUE(arm_accedes) << base.body.substr(0, 2000);
  Reply objecting = Get(obs_, "/api/v0/decisions/minsk-2023-declaration/whatif?position=ARM=object");
  ASSERT_EQ(objecting.status, 200) << objecting.body;
  const json::object whole = Obj(objecting);
  const json::object& changed = whole.at("changed").as_object();
  EXPECT_EQ(changed.at("changes").as_array().size(), 1u);
  EXPECT_EQ(changed.at("status"), "not_adopted");
  Reply bad = Get(obs_, "/api/v0/decisions/minsk-2023-declaration/whatif?max_changes=9");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Obj(bad).at("field"), "max_changes");
  EXPECT_EQ(Get(obs_, "/api/v0/drafts/nothing/whatif").status, 404);
  // The derivation speaks the page's language.
  Reply ru = Get(obs_, "/api/v0/decisions/minsk-2023-declaration/whatif?lang=ru");
  ASSERT_EQ(ru.status, 200);
  const json::object ru_whole = Obj(ru);
  const std::string detail(ru_whole.at("derived").as_object().at("checks").as_array().at(0).as_object().at("detail").as_string());
  EXPECT_NE(detail.find("\xD0"), std::string::npos) << detail;  // Cyrillic
}

TEST_F(WebApi, VotingPowerOfABodysMatter) {
  Reply r = Get(obs_, "/api/v0/bodies/CSC/power?matter=substantive&as_of=2023-11-23");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object o = Obj(r);
  const json::array& members = o.at("members").as_array();
  ASSERT_EQ(members.size(), 6u);
  for (const auto& m : members) {
    EXPECT_EQ(m.as_object().at("shapley_shubik_exact"), "1/6");
    EXPECT_TRUE(m.as_object().at("veto").as_bool());
  }
  EXPECT_EQ(o.at("decisiveness_exact"), "1/64");
  EXPECT_EQ(Get(obs_, "/api/v0/bodies/CSC/power").status, 400);
  EXPECT_EQ(Get(obs_, "/api/v0/bodies/XX/power?matter=substantive").status, 404);
}

TEST_F(WebApi, PagesFollowTheirCursorsToTheWholeList) {
  const auto whole = Ids(Obj(Get(obs_, "/api/v0/sessions?limit=500&as_of=2024-12-31")).at("sessions").as_array());
  ASSERT_GT(whole.size(), 6u);
  std::vector<std::string> paged;
  std::string cursor;
  int pages = 0;
  while (true) {
    json::object page = Obj(Get(obs_, "/api/v0/sessions?limit=3&as_of=2024-12-31" + (cursor.empty() ? "" : "&cursor=" + cursor)));
    const auto ids = Ids(page.at("sessions").as_array());
    ASSERT_LE(ids.size(), 3u);
    paged.insert(paged.end(), ids.begin(), ids.end());
    ++pages;
    ASSERT_LT(pages, 100);
    if (page.at("next_cursor").is_null()) break;
    cursor = std::string(page.at("next_cursor").as_string());
  }
  EXPECT_EQ(paged, whole);
  EXPECT_EQ(pages, static_cast<int>((whole.size() + 2) / 3));
  auto desc = Ids(Obj(Get(obs_, "/api/v0/sessions?limit=500&order=desc&as_of=2024-12-31")).at("sessions").as_array());
  std::reverse(desc.begin(), desc.end());
  EXPECT_EQ(desc, whole);
}

TEST_F(WebApi, BadPagingIsA400NamingTheParameter) {
  Reply zero = Get(obs_, "/api/v0/decisions?limit=0");
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(Detail(zero), "limit: expected 1 to 500, got '0'");
  EXPECT_EQ(Obj(zero).at("field"), "limit");  // so that a form shows it next to the field
  Reply big = Get(obs_, "/api/v0/decisions?limit=501");
  EXPECT_EQ(big.status, 400);
  Reply cursor = Get(obs_, "/api/v0/sessions?cursor=abc");
  EXPECT_EQ(cursor.status, 400);
  EXPECT_EQ(Detail(cursor), "cursor: not a cursor this server gave out: 'abc'");
  Reply order = Get(obs_, "/api/v0/sessions?order=sideways");
  EXPECT_EQ(order.status, 400);
  EXPECT_EQ(Detail(order), "order: expected asc or desc, got 'sideways'");
}

TEST_F(WebApi, DecisionsFilterBySessionStatusAndMember) {
  json::object minsk = Obj(Get(obs_, "/api/v0/decisions?session=csc-2023-minsk&as_of=2023-12-01"));
  const json::array& ds = minsk.at("decisions").as_array();
  ASSERT_EQ(ds.size(), 6u);
  for (const auto& d : ds) {
    EXPECT_EQ(d.at("session"), "csc-2023-minsk");
    EXPECT_EQ(d.at("status"), "pending_accession");
    EXPECT_EQ(d.at("members").at("ARM"), "pending");
  }
  json::object limited = Obj(Get(obs_, "/api/v0/decisions?status=adopted_limited&as_of=2024-06-01"));
  EXPECT_EQ(Ids(limited.at("decisions").as_array()), std::vector<std::string>{"minsk-2023-budget"});
}

TEST_F(WebApi, SessionShowsTheAttendanceBoardAndItsDecisions) {
  Reply r = Get(obs_, "/api/v0/sessions/csc-2023-minsk");
  ASSERT_EQ(r.status, 200);
  json::object s = Obj(r);
  EXPECT_FALSE(s.at("quorum_met").as_bool());
  bool saw_arm = false, saw_blr = false;
  for (const auto& a : s.at("attendance").as_array()) {
    if (a.at("member") == "ARM") {
      saw_arm = true;
      EXPECT_EQ(a.at("status"), "absent");
      EXPECT_FALSE(a.at("reason").as_string().empty());
    }
    if (a.at("member") == "BLR") {
      saw_blr = true;
      EXPECT_EQ(a.at("status"), "present");
      EXPECT_EQ(a.at("representative"), "Aleksandr Lukashenko");
      EXPECT_EQ(a.at("level"), "head_of_state");
    }
  }
  EXPECT_TRUE(saw_arm && saw_blr);
  EXPECT_EQ(s.at("decisions").as_array().size(), 6u);
}

TEST_F(WebApi, AccessionMatrixAsADepositaryShowsIt) {
  json::object before = Obj(Get(obs_, "/api/v0/accessions?session=csc-2023-minsk&as_of=2023-12-01"));
  EXPECT_EQ(before.at("members").as_array().size(), 6u);
  const json::array& docs = before.at("documents").as_array();
  ASSERT_EQ(docs.size(), 6u);
  for (const auto& d : docs) {
    EXPECT_EQ(d.at("cells").at("ARM").at("state"), "pending");
    EXPECT_EQ(d.at("cells").at("RUS").at("state"), "signed");
  }
  json::object after = Obj(Get(obs_, "/api/v0/accessions?member=ARM&as_of=2024-06-01"));
  EXPECT_EQ(after.at("members").as_array(), json::array{"ARM"});
  bool saw_budget = false;
  for (const auto& d : after.at("documents").as_array()) {
    ASSERT_EQ(d.at("cells").as_object().size(), 1u);
    if (d.at("decision") == "minsk-2023-budget") {
      saw_budget = true;
      EXPECT_EQ(d.at("cells").at("ARM").at("state"), "refused");
      EXPECT_EQ(d.at("cells").at("ARM").at("date"), "2024-05-08T12:00:00+04:00");
    }
  }
  EXPECT_TRUE(saw_budget);
  EXPECT_EQ(Get(obs_, "/api/v0/accessions?member=XXX").status, 404);

  // CSV: a header of members, one line per document; a link can carry the token.
  Reply csv = Get("", "/api/v0/accessions?format=csv&session=csc-2023-minsk&as_of=2024-06-01&access_token=" + obs_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")), "decision,title,session,body,status,decided,ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_NE(csv.body.find("minsk-2023-budget,Decision on the budget of the CSTO for 2024,csc-2023-minsk,CSC,adopted_limited,"
                          "2023-11-23,\"refused 2024-05-08, transmitted 2023-12-21\",signed 2023-11-23"),
            std::string::npos)
      << csv.body;
  // Only the download takes a token in the query.
  EXPECT_EQ(Get("", "/api/v0/accessions?access_token=" + obs_).status, 401);
  EXPECT_EQ(Get(obs_, "/api/v0/accessions?format=xml").status, 400);
}

TEST_F(WebApi, CharterNamesThingsInRussian) {
  json::object c = Obj(Get(obs_, "/api/v0/charter"));
  EXPECT_EQ(c.at("names").at("ru"), "Организация Договора о коллективной безопасности");
  EXPECT_NE(std::find(c.at("languages").as_array().begin(), c.at("languages").as_array().end(), json::value("ru")),
            c.at("languages").as_array().end());
  for (const auto& m : c.at("members").as_array()) EXPECT_FALSE(m.at("names").at("ru").as_string().empty()) << m;
  for (const auto& b : c.at("bodies").as_array()) EXPECT_FALSE(b.at("names").at("ru").as_string().empty()) << b;
  EXPECT_EQ(c.at("clauses").at("charter-art12").at("citation"), "CSTO Charter, Art. 12");
  json::object members = Obj(Get(obs_, "/api/v0/members"));
  EXPECT_EQ(members.at("members").as_array()[0].at("names").at("ru"), "Армения");
  json::object bodies = Obj(Get(obs_, "/api/v0/bodies"));
  EXPECT_EQ(bodies.at("bodies").as_array()[2].at("names").at("ru"), "Совет коллективной безопасности");
}

TEST_F(WebApi, DerivationsInTheReadersLanguage) {
  auto first_check = [](const Reply& r) { return Obj(r).at("checks").as_array()[0].as_object(); };
  const json::object en = first_check(Get(obs_, "/api/v0/decisions/minsk-2023-budget"));
  EXPECT_EQ(en.at("detail"), "quorum not met: 5 of 6 members present or declaring non-objection; all members needed; "
                             "absent: ARM; the matter proceeds ad referendum");
  EXPECT_EQ(en.at("statements").as_array()[1].at("code"), "present_or_non_objection");
  EXPECT_EQ(en.at("statements").as_array()[1].at("args").at("n"), "5");  // the figures as data
  const json::object ru = first_check(Get(obs_, "/api/v0/decisions/minsk-2023-budget?lang=ru"));
  EXPECT_EQ(ru.at("detail"), "кворума нет: присутствуют или заявили, что не возражают, 5 из 6 членов; требуются все члены; "
                             "отсутствуют: ARM; вопрос решается ad referendum");
  EXPECT_EQ(ru.at("citation"), "Правила процедуры органов ОДКБ (кворум), как они применены в Минске 23 ноября 2023 г.");
  // Accept-Language, when no ?lang= is given.
  Reply header = Http(server_->port(), "GET", "/api/v0/decisions/minsk-2023-budget", "",
                      {{"Authorization", "Bearer " + obs_}, {"Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8"}});
  EXPECT_EQ(first_check(header).at("detail"), ru.at("detail"));
  Reply bad = Get(obs_, "/api/v0/decisions/minsk-2023-budget?lang=de");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Obj(bad).at("field"), "lang");
}

TEST_F(WebApi, WhoamiListsWhatEachRoleMayRecord) {
  json::object o = Obj(Get(obs_, "/api/v0/whoami"));
  EXPECT_EQ(o.at("role"), "observer");
  EXPECT_TRUE(o.at("member").is_null());
  EXPECT_EQ(o.at("rights"), json::array{"public_read"});
  EXPECT_TRUE(o.at("may_record").as_array().empty());
  json::object arm = Obj(Get(arm_, "/api/v0/whoami"));
  EXPECT_EQ(arm.at("member"), "ARM");
  const json::array& a = arm.at("may_record").as_array();
  auto has = [](const json::array& list, const char* type) {
    return std::find(list.begin(), list.end(), json::value(type)) != list.end();
  };
  EXPECT_TRUE(has(a, "position.taken"));
  EXPECT_TRUE(has(a, "accession.refused"));
  EXPECT_FALSE(has(a, "session.convened"));
  const json::object sec = Obj(Get(sec_, "/api/v0/whoami"));
  const json::array& s = sec.at("may_record").as_array();
  EXPECT_TRUE(has(s, "session.convened"));
  EXPECT_TRUE(has(s, "draft.put_to_decision"));
  EXPECT_FALSE(has(s, "decision.recorded"));
  EXPECT_FALSE(has(s, "journal.created"));
}

// A draft under discussion: positions so far, who has not yet spoken, and what the engine would
// derive now, which is what it derives when the draft is put to decision.
TEST_F(WebApi, DraftUnderDiscussionShowsTheOutcomeIfDecidedNow) {
  ASSERT_EQ(Post(sec_, "/api/v0/sessions", R"({"session":"pc-web","body":"PC","kind":"regular","host":"RUS","place":"Moscow","format":"in_person"})").status, 201);
  for (const char* m : {"BLR", "KAZ", "KGZ", "RUS", "TJK"}) {
    ASSERT_EQ(Post(sec_, "/api/v0/sessions/pc-web/attendance", std::string(R"({"status":"present","member":")") + m + "\"}").status, 201);
  }
  ASSERT_EQ(Post(arm_, "/api/v0/sessions/pc-web/attendance", R"({"status":"non_objection","member":"ARM"})").status, 201);
  Reply untitled = Post(sec_, "/api/v0/sessions/pc-web/drafts", R"({"draft":"pc-web-0","kind":"decision","matter":"substantive"})");
  EXPECT_EQ(untitled.status, 400);
  EXPECT_EQ(Obj(untitled).at("field"), "title");
  ASSERT_EQ(Post(sec_, "/api/v0/sessions/pc-web/drafts", R"({"draft":"pc-web-1","title":"Work plan","kind":"decision","matter":"substantive"})").status, 201);
  ASSERT_EQ(Post(sec_, "/api/v0/drafts/pc-web-1/positions", R"({"member":"RUS","position":"support"})").status, 201);

  json::object drafts = Obj(Get(obs_, "/api/v0/drafts?session=pc-web"));
  ASSERT_EQ(drafts.at("drafts").as_array().size(), 1u);
  const json::object& d = drafts.at("drafts").as_array()[0].as_object();
  EXPECT_EQ(d.at("positions"), json::parse(R"([{"member":"RUS","position":"support","reservation":false}])"));
  EXPECT_EQ(d.at("not_yet_spoken"), json::parse(R"(["ARM","BLR","KAZ","KGZ","TJK"])"));
  const json::object& now = d.at("if_decided_now").as_object();
  EXPECT_FALSE(now.at("checks").as_array().empty());
  for (const char* m : {"BLR", "KAZ", "KGZ", "TJK"}) {
    ASSERT_EQ(Post(sec_, "/api/v0/drafts/pc-web-1/positions", std::string(R"({"member":")") + m + R"(","position":"support"})").status, 201);
  }
  json::object before = Obj(Get(obs_, "/api/v0/decisions/pc-web-1"));
  const json::value predicted = before.at("if_decided_now").at("status");
  EXPECT_EQ(predicted, "adopted_limited");  // ARM declared non-objection: limited format
  EXPECT_EQ(before.at("if_decided_now").at("binding_on"), json::parse(R"(["BLR","KAZ","KGZ","RUS","TJK"])"));
  ASSERT_EQ(Post(sec_, "/api/v0/drafts/pc-web-1/decision", "{}").status, 201);
  json::object after = Obj(Get(obs_, "/api/v0/decisions/pc-web-1"));
  EXPECT_EQ(after.at("status"), predicted);
  EXPECT_FALSE(after.contains("if_decided_now"));
  EXPECT_TRUE(Obj(Get(obs_, "/api/v0/drafts?session=pc-web")).at("drafts").as_array().empty());
}

TEST_F(WebApi, UpdatesTellEveryRoleThatTheRecordMoved) {
  SseClient live(server_->port(), "/api/v0/updates?access_token=" + obs_, {});
  ASSERT_EQ(live.head().status, 200);
  ASSERT_EQ(Post(sec_, "/api/v0/sessions", R"({"session":"cfm-web","body":"CFM","kind":"regular","host":"KAZ","place":"Astana","format":"in_person"})").status, 201);
  auto events = live.Next(1, 5000);
  ASSERT_EQ(events.size(), 1u);
  json::object head = json::parse(events[0].data).as_object();
  EXPECT_EQ(head.at("seq").as_int64(), events[0].id);
  EXPECT_EQ(head.at("type"), "session.convened");
  EXPECT_FALSE(head.contains("event"));  // not the entry itself: that needs the journal right
  EXPECT_EQ(SseClient(server_->port(), "/api/v0/updates", {}).head().status, 401);
}

TEST_F(WebApi, TheWebApplicationIsServedFromTheBinary) {
  Reply page = Get("", "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("importmap"), std::string::npos);
  Reply preact = Get("", "/assets/vendor/preact.module.js");
  EXPECT_EQ(preact.status, 200);
  EXPECT_EQ(preact.Header("content-type"), "text/javascript; charset=utf-8");
  Reply main = Get("", "/assets/main.js");
  EXPECT_EQ(main.status, 200);
  EXPECT_EQ(Get("", "/assets/nothing.js").status, 404);
  EXPECT_EQ(Get("", "/assets/../../CMakeLists.txt").status, 404);
}

// --web-root serves the files from disk (for working on the application), never outside it.
TEST(WebRoot, ServesFromTheFolderAndStaysInside) {
  const std::string root = TempDir();
  ASSERT_EQ(std::system(("mkdir -p " + root + "/app/views && printf '<p>dev page</p>' > " + root +
                         "/index.html && printf 'export const x = 1;' > " + root + "/app/views/new.js && printf secret > " +
                         root + "/secret.txt").c_str()),
            0);
  Journal journal(false);
  ServerProcess server(journal.store, {"--web-root", root});
  ASSERT_GT(server.port(), 0) << server.stdout_text() << server.Log();
  EXPECT_EQ(Http(server.port(), "GET", "/").body, "<p>dev page</p>");
  Reply fresh = Http(server.port(), "GET", "/assets/views/new.js");
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.body, "export const x = 1;");
  EXPECT_EQ(Http(server.port(), "GET", "/assets/../secret.txt").status, 404);
  EXPECT_EQ(Http(server.port(), "GET", "/assets/%2e%2e/secret.txt").status, 404);
}

}  // namespace
}  // namespace concord::test
