// The real `concord serve` on an ephemeral loopback port, driven over HTTP: every route, every
// error, the role table, live streams with resume, idempotent retries, SIGTERM and restart.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <set>
#include <thread>

#include "harness.h"
#include "journal/entry.h"
#include "server/api.h"
#include "support/run.h"
#include "store/event_store.h"
#include "store/store_backends.h"

namespace concord::test {
namespace {

namespace json = boost::json;



// A fresh journal with a session the tests can act in: KAZ chairs a CSC sitting, ARM is absent.
class LiveServer : public ::testing::Test {
 protected:
  void SetUp() override {
    journal_ = std::make_unique<Journal>(false);
    sec_ = journal_->Token("secretariat");
    arm_ = journal_->Token("delegation:ARM");
    rus_ = journal_->Token("delegation:RUS");
    obs_ = journal_->Token("observer");
    aud_ = journal_->Token("auditor");
    server_ = std::make_unique<ServerProcess>(journal_->store);
    ASSERT_GT(server_->port(), 0) << server_->stdout_text() << server_->Log();
    ASSERT_EQ(Post(sec_, "/api/v0/sessions",
                   R"({"session":"csc-live","body":"CSC","kind":"regular","host":"KAZ","place":"Astana","format":"in_person"})")
                  .status,
              201);
    for (const char* m : {"BLR", "KAZ", "KGZ", "RUS", "TJK"}) {
      ASSERT_EQ(Post(sec_, "/api/v0/sessions/csc-live/attendance", std::string(R"({"status":"present","member":")") + m + "\"}").status,
                201);
    }
    ASSERT_EQ(Post(arm_, "/api/v0/sessions/csc-live/attendance", R"({"status":"absent","member":"ARM","reason":"stays away"})").status,
              201);
    ASSERT_EQ(Post(sec_, "/api/v0/sessions/csc-live/drafts",
                   R"({"draft":"d1","title":"Budget","kind":"budget","matter":"substantive"})")
                  .status,
              201);
  }

  Reply Post(const std::string& token, const std::string& target, const std::string& body,
             std::vector<std::pair<std::string, std::string>> extra = {}) {
    auto h = Bearer(token);
    h.insert(h.end(), extra.begin(), extra.end());
    return Http(server_->port(), "POST", target, body, h);
  }
  Reply Get(const std::string& token, const std::string& target) {
    return Http(server_->port(), "GET", target, "", token.empty() ? std::vector<std::pair<std::string, std::string>>{} : Bearer(token));
  }
  std::int64_t Head() { return Obj(Get("", "/readyz")).at("head").as_int64(); }

  std::unique_ptr<Journal> journal_;
  std::unique_ptr<ServerProcess> server_;
  std::string sec_, arm_, rus_, obs_, aud_;
};

TEST_F(LiveServer, WritesAnswerSeqAndHashAndReadsSeeThem) {
  Reply p = Post(rus_, "/api/v0/drafts/d1/positions", R"({"member":"RUS","position":"support"})");
  ASSERT_EQ(p.status, 201) << p.body;
  json::object o = Obj(p);
  EXPECT_EQ(o.at("seq").as_int64(), Head());
  EXPECT_EQ(o.at("hash").as_string().size(), 64u);
  Reply entry = Get(aud_, "/api/v0/journal?from=" + std::to_string(o.at("seq").as_int64()) + "&limit=1");
  ASSERT_EQ(entry.status, 200);
  EXPECT_EQ(entry.Header("content-type"), "application/jsonl");
  json::object line = json::parse(entry.body).as_object();
  EXPECT_EQ(line.at("hash"), o.at("hash"));
  // `by` comes from the token, `at` from the server's clock.
  EXPECT_EQ(line.at("event").at("by"), "RUS");
  EXPECT_EQ(line.at("event").at("type"), "position.taken");

  for (const char* m : {"BLR", "KAZ", "KGZ", "TJK"}) {
    ASSERT_EQ(Post(sec_, "/api/v0/drafts/d1/positions", std::string(R"({"member":")") + m + R"(","position":"support"})").status, 201);
  }
  Reply d = Post(sec_, "/api/v0/drafts/d1/decision", "{}");
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(Obj(d).at("recorded_seq").as_int64(), Obj(d).at("seq").as_int64() + 1);
  Reply dec = Get(obs_, "/api/v0/decisions/d1");
  ASSERT_EQ(dec.status, 200);
  json::object decision = Obj(dec);
  EXPECT_NE(decision.at("status"), "pending");
  EXPECT_FALSE(decision.at("checks").as_array().empty());  // the derivation, rule by rule
  EXPECT_EQ(decision.at("members").at("ARM"), "pending");

  // After the decision: transmit to Armenia, Armenia refuses without objecting.
  EXPECT_EQ(Post(sec_, "/api/v0/decisions/d1/transmissions", R"({"member":"ARM","via":"secretary_general"})").status, 201);
  Reply refuse = Post(arm_, "/api/v0/decisions/d1/refusals", R"({"member":"ARM","objects":false})");
  EXPECT_EQ(refuse.status, 201) << refuse.body;
  EXPECT_EQ(Obj(Get(obs_, "/api/v0/decisions/d1")).at("members").at("ARM"), "refused");
  EXPECT_EQ(Obj(Get(obs_, "/api/v0/drafts")).at("drafts").as_array().size(), 0u);
  EXPECT_EQ(Obj(Get(obs_, "/api/v0/sessions/csc-live")).at("absent").as_array().size(), 1u);
}

TEST_F(LiveServer, RequestsAndMeasures) {
  Reply sub = Post(arm_, "/api/v0/requests",
                   R"({"request":"arm-live","member":"ARM","legal_basis":"cst-art4","measures_sought":["collective_forces"]})");
  ASSERT_EQ(sub.status, 201) << sub.body;
  ASSERT_EQ(Post(sec_, "/api/v0/requests/arm-live/offers", R"({"measure":"observation_mission"})").status, 201);
  Reply ans = Post(arm_, "/api/v0/requests/arm-live/answers",
                   R"({"answer":"declined","measure":"observation_mission","member":"ARM","condition":"a political assessment first"})");
  ASSERT_EQ(ans.status, 201) << ans.body;
  Reply r = Get(obs_, "/api/v0/requests/arm-live");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"declined\""), std::string::npos);
  EXPECT_NE(r.body.find("\"stages\""), std::string::npos);
  EXPECT_EQ(Obj(Get(obs_, "/api/v0/requests")).at("requests").as_array().size(), 1u);
}

TEST_F(LiveServer, EachError) {
  // 400: malformed JSON, a missing field, a bad query.
  Reply bad = Post(sec_, "/api/v0/events", "{\"type\":");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Header("content-type"), "application/problem+json");
  EXPECT_EQ(Detail(bad).rfind("malformed JSON body", 0), 0u) << bad.body;
  Reply missing = Post(sec_, "/api/v0/drafts/d1/positions", R"({"member":"RUS"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Detail(missing), "missing field 'position' for position.taken");
  EXPECT_EQ(Get(obs_, "/api/v0/decisions?as_of=yesterday").status, 400);
  // 401: no token, unknown token.
  EXPECT_EQ(Get("", "/api/v0/decisions").status, 401);
  EXPECT_EQ(Get("cnc_0000", "/api/v0/decisions").status, 401);
  // 403: Armenia's delegation taking a position for Russia.
  Reply forbidden = Post(arm_, "/api/v0/drafts/d1/positions", R"({"member":"RUS","position":"support"})");
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(Detail(forbidden), "the delegation of ARM may act only for ARM, not for RUS");
  // 404, 405.
  EXPECT_EQ(Get(obs_, "/api/v0/decisions/no-such").status, 404);
  EXPECT_EQ(Detail(Get(obs_, "/api/v0/decisions/no-such")), "no decision or draft 'no-such'");
  Reply del = Http(server_->port(), "DELETE", "/api/v0/members", "", Bearer(sec_));
  EXPECT_EQ(del.status, 405);
  EXPECT_EQ(del.Header("allow"), "GET");
  // 413: a body over the limit (1 MiB).
  Reply big = Post(sec_, "/api/v0/events", std::string(2 << 20, ' '));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Detail(big), "request body over the limit of 1048576 bytes");
  // 422: the rules forbid it, with the engine's reason.
  Reply absent = Post(arm_, "/api/v0/drafts/d1/positions", R"({"member":"ARM","position":"object"})");
  EXPECT_EQ(absent.status, 422);
  EXPECT_EQ(Detail(absent), "a position from ARM, who is absent at session csc-live");
  EXPECT_EQ(Obj(absent).at("type"), "/problems/rule-violation");
}

TEST_F(LiveServer, ASecondServerOnTheJournalAppendsAfterTheFirst) {
  // A second server on the same journal: the one that finds the head moved reads the other's
  // entries (checked as at start-up), folds them in, and appends after them (it used to be 409).
  ServerProcess other(journal_->store);
  ASSERT_GT(other.port(), 0);
  Reply first = Post(rus_, "/api/v0/drafts/d1/positions", R"({"member":"RUS","position":"support"})");
  ASSERT_EQ(first.status, 201) << first.body;
  Reply late = Http(other.port(), "POST", "/api/v0/drafts/d1/positions", R"({"member":"KAZ","position":"support"})",
                    Bearer(sec_));
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_EQ(Obj(late).at("seq").as_int64(), Obj(first).at("seq").as_int64() + 1);
  // The second server's record holds both positions.
  Reply d = Http(other.port(), "GET", "/api/v0/decisions/d1", "", Bearer(obs_));
  ASSERT_EQ(d.status, 200);
  EXPECT_NE(d.body.find("\"RUS\""), std::string::npos);
  Reply v = Http(other.port(), "GET", "/api/v0/verify", "", Bearer(aud_));
  EXPECT_EQ(Obj(v).at("ok"), true) << v.body;
}

TEST_F(LiveServer, IdempotencyKeyAppliesARetryOnce) {
  const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "pos-rus-1"}};
  const std::int64_t before = Head();
  Reply first = Post(rus_, "/api/v0/drafts/d1/positions", R"({"member":"RUS","position":"support"})", key);
  Reply again = Post(rus_, "/api/v0/drafts/d1/positions", R"({"member":"RUS","position":"support"})", key);
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(Head(), before + 1);
  // The same key for another request is refused.
  Reply other = Post(rus_, "/api/v0/drafts/d1/positions", R"({"member":"RUS","position":"object"})", key);
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(Head(), before + 1);
}

TEST_F(LiveServer, RoleTableOnEveryRoute) {
  // What each role may do, written out here independently of the server's table.
  auto forbidden = [](const std::string& role, const RouteInfo& r) {
    const std::string& p = r.pattern;
    if (r.method == "GET") {
      if (p == "/api/v0/journal" || p == "/api/v0/stream") return role == "observer";
      if (p == "/api/v0/verify") return role == "observer" || role == "delegation:ARM";
      return false;
    }
    if (role == "observer" || role == "auditor") return true;
    if (role == "delegation:ARM") {
      static const std::set<std::string> own = {
          "/api/v0/events", "/api/v0/sessions/{id}/attendance", "/api/v0/drafts/{id}/positions",
          "/api/v0/decisions/{id}/accessions", "/api/v0/decisions/{id}/refusals", "/api/v0/requests",
          "/api/v0/requests/{id}/answers"};
      return !own.count(p);
    }
    return false;
  };
  const std::map<std::string, std::string> tokens = {
      {"secretariat", sec_}, {"delegation:ARM", arm_}, {"observer", obs_}, {"auditor", aud_}};
  int checked = 0;
  for (const RouteInfo& route : Api::Routes()) {
    std::string target = route.pattern;
    if (auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, "x");
    if (auto at = target.find("{path}"); at != std::string::npos) target.replace(at, 6, "vendor/preact.module.js");
    const bool needs_token = route.right.has_value();
    for (const auto& [role, token] : tokens) {
      int status = 0;
      if (route.kind == RouteKind::kStream) {
        SseClient s(server_->port(), target, Bearer(token));
        status = s.head().status;
      } else {
        const std::string body = route.pattern == "/api/v0/events"
                                     ? R"({"type":"position.taken","member":"ARM","draft":"x","position":"support"})"
                                     : R"({"member":"ARM","status":"present","answer":"accepted"})";
        status = Http(server_->port(), route.method, target, route.method == "POST" ? body : "", Bearer(token)).status;
      }
      ASSERT_NE(status, 0) << route.method << " " << target;
      if (needs_token) {
        EXPECT_EQ(status == 403, forbidden(role, route)) << role << " " << route.method << " " << target << " -> " << status;
      } else {
        EXPECT_EQ(status, 200) << role << " " << target;
      }
      ++checked;
    }
    if (needs_token) {
      EXPECT_EQ(Http(server_->port(), route.method, target, route.method == "POST" ? "{}" : "").status, 401)
          << route.method << " " << target;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(Api::Routes().size() * tokens.size()));
}

TEST_F(LiveServer, StreamResumesWithoutLossOrRepetition) {
  const std::int64_t head = Head();
  std::int64_t last_id = 0;
  {
    SseClient live(server_->port(), "/api/v0/stream", Bearer(aud_));
    ASSERT_EQ(live.head().status, 200);
    EXPECT_EQ(live.head().Header("content-type"), "text/event-stream");
    for (const char* m : {"RUS", "KAZ", "BLR"}) {
      ASSERT_EQ(Post(sec_, "/api/v0/drafts/d1/positions", std::string(R"({"member":")") + m + R"(","position":"support"})").status, 201);
    }
    auto events = live.Next(3, 5000);
    ASSERT_EQ(events.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(events[i].id, head + 1 + static_cast<std::int64_t>(i));
    EXPECT_NE(events[2].data.find("\"BLR\""), std::string::npos);
    last_id = events[2].id;
  }  // disconnect
  for (const char* m : {"KGZ", "TJK"}) {
    ASSERT_EQ(Post(sec_, "/api/v0/drafts/d1/positions", std::string(R"({"member":")") + m + R"(","position":"support"})").status, 201);
  }
  SseClient resumed(server_->port(), "/api/v0/stream", {{"Authorization", "Bearer " + aud_}, {"Last-Event-ID", std::to_string(last_id)}});
  auto more = resumed.Next(3, 1500);
  ASSERT_EQ(more.size(), 2u);  // exactly the two missed, nothing repeated
  EXPECT_EQ(more[0].id, last_id + 1);
  EXPECT_EQ(more[1].id, last_id + 2);
  // From the start: every entry, in order; the token may be in the query (EventSource).
  SseClient all(server_->port(), "/api/v0/stream?from=1&access_token=" + aud_, {});
  auto everything = all.Next(static_cast<std::size_t>(last_id + 2), 5000);
  ASSERT_EQ(everything.size(), static_cast<std::size_t>(last_id + 2));
  for (std::size_t i = 0; i < everything.size(); ++i) EXPECT_EQ(everything[i].id, static_cast<std::int64_t>(i + 1));
  // Observers do not read the journal.
  SseClient observer(server_->port(), "/api/v0/stream", Bearer(obs_));
  EXPECT_EQ(observer.head().status, 403);
}

TEST_F(LiveServer, RevokedTokenStopsWorkingWhileServing) {
  const std::string t = journal_->Token("observer");
  EXPECT_EQ(Get(t, "/api/v0/members").status, 200);
  RunResult r = RunConcord({"token", "revoke", "--store", journal_->store, t});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Reply after = Get(t, "/api/v0/members");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(Detail(after), "revoked token");
}

// Adversarial finding: a revoked token's open streams went on receiving the record. They are
// closed within about a second of the revocation; other streams stay open.
TEST_F(LiveServer, ARevokedTokensOpenStreamsAreClosed) {
  const std::string t = journal_->Token("auditor");
  SseClient revoked(server_->port(), "/api/v0/stream", Bearer(t));
  SseClient kept(server_->port(), "/api/v0/updates", Bearer(obs_));
  ASSERT_EQ(revoked.head().status, 200);
  ASSERT_EQ(kept.head().status, 200);
  RunResult r = RunConcord({"token", "revoke", "--store", journal_->store, t});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(revoked.ClosedWithin(10000));
  EXPECT_FALSE(kept.ClosedWithin(1500));
}

// Limits per token: a token over its rate gets 429 with Retry-After, and so does one opening
// more live streams than it may; other tokens are served as before.
TEST(ServerLimits, ATokenOverItsRateOrItsStreamsGets429) {
  Journal journal(false);
  const std::string busy = journal.Token("observer");
  const std::string quiet = journal.Token("observer");
  const std::string reader = journal.Token("auditor");
  ServerProcess server(journal.store, {"--rate-limit", "0.2", "--burst", "5", "--streams-per-token", "2"});
  ASSERT_GT(server.port(), 0) << server.Log();
  auto get = [&](const std::string& token) { return Http(server.port(), "GET", "/api/v0/members", "", Bearer(token)); };
  for (int i = 0; i < 5; ++i) ASSERT_EQ(get(busy).status, 200) << i;
  Reply over = get(busy);
  EXPECT_EQ(over.status, 429) << over.body;
  EXPECT_EQ(over.Header("retry-after"), "5");
  EXPECT_NE(over.body.find("over its rate of 0.2 requests per second"), std::string::npos) << over.body;
  EXPECT_EQ(get(quiet).status, 200);

  auto first = std::make_unique<SseClient>(server.port(), "/api/v0/updates", Bearer(reader));
  SseClient second(server.port(), "/api/v0/stream", Bearer(reader));
  SseClient third(server.port(), "/api/v0/updates", Bearer(reader));
  EXPECT_EQ(first->head().status, 200);
  EXPECT_EQ(second.head().status, 200);
  EXPECT_EQ(third.head().status, 429) << third.head().body;
  first.reset();  // the server sees it go and counts it no more
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  SseClient again(server.port(), "/api/v0/updates", Bearer(reader));
  EXPECT_EQ(again.head().status, 200) << again.head().body;
}

// Adversarial finding: Last-Event-ID 9223372036854775807 overflowed and the server replayed the
// journal forever with negative ids (3.9 GB in 10 s from one connection). A cursor past the head
// is refused.
TEST_F(LiveServer, AStreamCursorPastTheHeadIsRefused) {
  for (const char* last : {"9223372036854775807", "9223372036854775806", "1000000"}) {
    auto headers = Bearer(aud_);
    headers.emplace_back("Last-Event-ID", last);
    Reply r = Http(server_->port(), "GET", "/api/v0/stream", "", headers);
    EXPECT_EQ(r.status, 400) << last;
    EXPECT_NE(r.body.find("past the journal's head"), std::string::npos) << r.body;
  }
  Reply from = Http(server_->port(), "GET", "/api/v0/stream?from=9223372036854775807", "", Bearer(aud_));
  EXPECT_EQ(from.status, 400);
}

// Adversarial finding: every distinct HTTP method became a permanent metrics label (20,000
// requests: +267 MiB). Unknown methods share one label.
TEST_F(LiveServer, InventedMethodsShareOneMetricsLabel) {
  for (int i = 0; i < 50; ++i) Http(server_->port(), "M" + std::to_string(i), "/healthz");
  Reply m = Get("", "/metrics");
  EXPECT_EQ(m.body.find("method=\"M1\""), std::string::npos);
  EXPECT_NE(m.body.find("method=\"other\""), std::string::npos);
}

TEST_F(LiveServer, TheHeadOfAJournalWithoutACheckpointSaysSo) {
  Reply r = Get(obs_, "/api/v0/head");
  ASSERT_EQ(r.status, 200) << r.body;
  const boost::json::object head = boost::json::parse(r.body).as_object();
  EXPECT_GT(head.at("seq").as_int64(), 0);
  EXPECT_TRUE(head.at("checkpoint").is_null());
}

// Adversarial findings: headers over the limit got 413 (not 431); conflicting Content-Length,
// Content-Length with chunked, or a bad HTTP version closed the connection with no answer.
TEST_F(LiveServer, MalformedRequestsGetTheirStatusAndWhy) {
  Reply headers = Exchange(server_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(headers.status, 431) << headers.body;
  Reply lengths = Exchange(server_->port(), "POST /api/v0/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                       "Content-Length: 5\r\n\r\n{}");
  EXPECT_EQ(lengths.status, 400) << lengths.body;
  EXPECT_NE(lengths.body.find("malformed HTTP request"), std::string::npos) << lengths.body;
  Reply chunked = Exchange(server_->port(), "POST /api/v0/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                       "Transfer-Encoding: chunked\r\n\r\n{}");
  EXPECT_EQ(chunked.status, 400) << chunked.body;
  Reply version = Exchange(server_->port(), "GET /healthz HTTP/9.x\r\nHost: x\r\n\r\n");
  EXPECT_EQ(version.status, 400) << version.body;
}

// Adversarial finding: HEAD got 405. It answers as GET does, without the body.
TEST_F(LiveServer, HeadAnswersAsGetWithoutTheBody) {
  Reply get = Get(obs_, "/api/v0/members");
  Reply head = Http(server_->port(), "HEAD", "/api/v0/members", "", Bearer(obs_));
  ASSERT_EQ(head.status, 200) << head.body;
  EXPECT_TRUE(head.body.empty()) << head.body;
  EXPECT_EQ(head.headers["content-length"], std::to_string(get.body.size()));
  EXPECT_EQ(head.headers["content-type"], get.headers["content-type"]);
  EXPECT_EQ(Http(server_->port(), "HEAD", "/healthz").status, 200);
  // Not on a live stream, nor where GET is not allowed.
  Reply stream = Http(server_->port(), "HEAD", "/api/v0/updates", "", Bearer(obs_));
  EXPECT_EQ(stream.status, 405);
  EXPECT_EQ(Http(server_->port(), "HEAD", "/api/v0/events", "", Bearer(obs_)).status, 405);
}

// Adversarial finding: "%ff%fe" was echoed into a problem body as invalid UTF-8 (invalid JSON).
TEST_F(LiveServer, AProblemBodyIsValidUtf8WhateverTheRequestHeld) {
  Reply r = Get(obs_, "/api/v0/members?lang=%ff%fe");
  EXPECT_EQ(r.status, 400);
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(r.body, ec);
  ASSERT_FALSE(ec) << r.body;
  EXPECT_NE(std::string(v.as_object().at("detail").as_string()).find("\xEF\xBF\xBD"), std::string::npos) << r.body;
}

TEST_F(LiveServer, ADuplicateKeyInABodyIsRefused) {
  Reply r = Post(sec_, "/api/v0/drafts/d1/positions", R"({"member":"KAZ","member":"RUS","position":"support"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("key 'member' appears twice in the body"), std::string::npos) << r.body;
}

TEST_F(LiveServer, HealthReadinessMetricsAndLog) {
  EXPECT_EQ(Get("", "/healthz").status, 200);
  EXPECT_EQ(Obj(Get("", "/readyz")).at("status"), "ready");
  Reply m = Get("", "/metrics");
  ASSERT_EQ(m.status, 200);
  for (const char* name : {"concord_http_requests_total{route=\"/api/v0/sessions\",method=\"POST\",status=\"201\"} 1",
                           "concord_http_request_duration_seconds_bucket", "concord_appends_total{result=\"stored\"} 8",
                           "concord_group_commit_entries_count", "concord_live_streams 0"}) {
    EXPECT_NE(m.body.find(name), std::string::npos) << name << "\n" << m.body;
  }
  EXPECT_EQ(Get("", "/api/v0/openapi.json").status, 200);
  EXPECT_NE(Get("", "/").body.find("<title>concord</title>"), std::string::npos);
  // One JSON line per request, with its id (also sent back as X-Request-Id).
  Reply tagged = Http(server_->port(), "GET", "/healthz", "", {{"X-Request-Id", "trace-42"}});
  EXPECT_EQ(tagged.Header("x-request-id"), "trace-42");
  std::string log;
  for (int i = 0; i < 50 && log.find("trace-42") == std::string::npos; ++i) {
    usleep(20000);
    log = server_->Log();
  }
  EXPECT_NE(log.find(R"("request_id":"trace-42","method":"GET","path":"/healthz","route":"/healthz","status":200)"),
            std::string::npos)
      << log;
}

TEST_F(LiveServer, SigtermFinishesInFlightWritesAndRestartServesTheSameState) {
  // Writers hammer the server; SIGTERM arrives in the middle. Every write answered 201 must be
  // in the journal after a restart, and the server must exit 0.
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::pair<std::int64_t, std::string>> acked;
  std::vector<std::thread> writers;
  const char* members[] = {"BLR", "KAZ", "KGZ", "RUS", "TJK"};
  for (int w = 0; w < 5; ++w) {
    writers.emplace_back([&, w] {
      const char* stances[] = {"support", "abstain"};
      for (int i = 0; !stop; ++i) {
        Reply r = Http(server_->port(), "POST", "/api/v0/drafts/d1/positions",
                       std::string(R"({"member":")") + members[w] + R"(","position":")" + stances[i % 2] + "\"}",
                       Bearer(sec_));
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acked.emplace_back(Obj(r).at("seq").as_int64(), std::string(Obj(r).at("hash").as_string()));
        } else if (r.status == 0) {
          break;  // the server stopped accepting
        }
      }
    });
  }
  usleep(300000);
  const int code = server_->Terminate();
  stop = true;
  for (auto& t : writers) t.join();
  EXPECT_EQ(code, 0);
  ASSERT_FALSE(acked.empty());

  // Reads every acknowledged entry one request at a time: faster than a token's rate allows.
  ServerProcess again(journal_->store, {"--rate-limit", "0"});
  ASSERT_GT(again.port(), 0);
  for (const auto& [seq, hash] : acked) {
    Reply e = Http(again.port(), "GET", "/api/v0/journal?from=" + std::to_string(seq) + "&limit=1", "", Bearer(aud_));
    ASSERT_EQ(e.status, 200);
    EXPECT_NE(e.body.find("\"hash\":\"" + hash + "\""), std::string::npos) << seq;
  }
  Reply v = Http(again.port(), "GET", "/api/v0/verify", "", Bearer(aud_));
  EXPECT_EQ(Obj(v).at("ok"), true) << v.body;
  EXPECT_EQ(Http(again.port(), "GET", "/api/v0/decisions/d1", "", Bearer(obs_)).status, 200);
}

// The shipped record, read through the API.
TEST(RecordServer, ReadsTheCstoRecordAsOfAnyDate) {
  Journal journal(true);
  const std::string obs = journal.Token("observer");
  ServerProcess server(journal.store);
  ASSERT_GT(server.port(), 0) << server.stdout_text() << server.Log();
  Reply budget = Http(server.port(), "GET", "/api/v0/decisions/minsk-2023-budget", "", Bearer(obs));
  ASSERT_EQ(budget.status, 200);
  json::object b = Obj(budget);
  EXPECT_EQ(b.at("status"), "adopted_limited");
  EXPECT_EQ(b.at("members").at("ARM"), "refused");
  // Before Armenia's refusal of 8 May 2024 it was pending.
  Reply before = Http(server.port(), "GET", "/api/v0/decisions/minsk-2023-budget?as_of=2024-01-01", "", Bearer(obs));
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(Obj(before).at("members").at("ARM"), "pending");
  // Before Minsk it did not exist.
  EXPECT_EQ(Http(server.port(), "GET", "/api/v0/decisions/minsk-2023-budget?as_of=2023-01-01", "", Bearer(obs)).status, 404);
  for (const char* list : {"members", "bodies", "sessions", "decisions", "requests", "posts"}) {
    Reply r = Http(server.port(), "GET", std::string("/api/v0/") + list, "", Bearer(obs));
    ASSERT_EQ(r.status, 200) << list;
    EXPECT_FALSE(Obj(r).at(list).as_array().empty()) << list;
  }
  Reply state = Http(server.port(), "GET", "/api/v0/state?as_of=2024-12-31", "", Bearer(obs));
  ASSERT_EQ(state.status, 200);
  // The same bytes as `concord replay --format json --as-of`.
  RunResult replay = RunConcord({"replay", "--format", "json", "--as-of", "2024-12-31", "embedded"});
  EXPECT_EQ(state.body, replay.out);
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

// Adversarial finding: out of descriptors, the accept loop spun at full CPU and served nobody.
// It now pauses, counts the pause, and serves again once connections close.
TEST(ServerLimits, OutOfDescriptorsTheServerPausesAndRecovers) {
#ifdef CONCORD_SANITIZED
  // The sanitizers' runtime opens a pipe to probe memory; starved of descriptors it reports
  // errors that are not there (an "invalid vptr" in shared_ptr). The plain build runs this test.
  GTEST_SKIP() << "needs descriptors the sanitizer runtime would lack";
#endif
  Journal journal(false);
  ServerProcess server(journal.store, {}, 64);
  ASSERT_GT(server.port(), 0) << server.Log();
  std::vector<int> held;
  for (int i = 0; i < 120; ++i) {
    const int fd = Connect(server.port());
    if (fd >= 0) held.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (int fd : held) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  Reply health = Http(server.port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 200) << server.Log().substr(0, 3000);
  Reply metrics = Http(server.port(), "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  const std::size_t at = metrics.body.find("\nconcord_accept_backoffs_total ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_GT(std::stol(metrics.body.substr(at + 31)), 0);
}

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

// Adversarial finding: `serve` checked hashes but not signatures at start-up, served a store with
// a forged entry and signed new entries on top of it. A store whose entry was altered and
// re-chained (hashes recomputed, the signature left as it was) is refused, with the entry.
TEST(ServerStart, AForgedEntryIsFoundBeforeAnythingIsServed) {
  const std::string dir = TempDir();
  const std::string real = "sqlite:" + dir + "/real.db";
  const std::string forged = "sqlite:" + dir + "/forged.db";
  ASSERT_EQ(RunConcord({"init", "--store", real}).exit_code, 0);
  ASSERT_EQ(RunConcord({"import", "--store", real, "embedded"}).exit_code, 0);
  auto source = OpenStore(real);
  ASSERT_TRUE(source);
  auto entries = (*source)->Read(1, 1000000);
  ASSERT_TRUE(entries && entries->size() > 10);
  // Entry 5 says something else; every entry from it on is chained again.
  std::vector<StoredEntry> out;
  std::string prev(kGenesisPrev);
  for (const StoredEntry& stored : *entries) {
    Result<Entry> e = ParseEntryLine(stored.line);
    ASSERT_TRUE(e) << e.error().message;
    SignedEvent se{e->event_json, e->key_id, e->sig};
    if (stored.seq == 5) {
      const std::size_t at = se.event_json.find("\"at\":\"");
      ASSERT_NE(at, std::string::npos);
      se.event_json[at + 7] = se.event_json[at + 7] == '1' ? '0' : '1';  // another year
    }
    Entry chained = ChainEntry(stored.seq, prev, se);
    prev = chained.hash;
    out.push_back({chained.seq, chained.hash, chained.line});
  }
  auto target = OpenStore(forged);
  ASSERT_TRUE(target);
  ASSERT_TRUE((*target)->Append(0, out));
  target->reset();
  WriteFile(dir + "/forged.db.key", ReadFile(dir + "/real.db.key"));
  ::chmod((dir + "/forged.db.key").c_str(), 0600);
  RunResult serve = RunConcord({"serve", "--store", forged, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(serve.exit_code, 3);
  EXPECT_NE(serve.err.find("does not verify at seq 5"), std::string::npos) << serve.err;
  EXPECT_EQ(serve.out.find("listening"), std::string::npos);
}

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

// Adversarial finding: nothing ever wrote a checkpoint, nor served one. After an import (which
// ends with one) the head and the latest signed checkpoint, its whole entry, are public.
TEST(ServerHead, TheLatestSignedCheckpointIsPublic) {
  Journal journal(true);
  const std::string observer = journal.Token("observer");
  ServerProcess server(journal.store);
  ASSERT_GT(server.port(), 0) << server.Log();
  Reply r = Http(server.port(), "GET", "/api/v0/head", "", Bearer(observer));
  ASSERT_EQ(r.status, 200) << r.body;
  const boost::json::object head = boost::json::parse(r.body).as_object();
  const boost::json::object& cp = head.at("checkpoint").as_object();
  EXPECT_EQ(cp.at("seq").as_int64(), head.at("seq").as_int64());  // the import closed with it
  const boost::json::object& entry = cp.at("entry").as_object();
  EXPECT_EQ(entry.at("seq").as_int64(), cp.at("seq").as_int64());
  EXPECT_EQ(entry.at("hash").as_string(), head.at("hash").as_string());
  EXPECT_EQ(entry.at("event").as_object().at("type").as_string(), "journal.checkpoint");
  EXPECT_EQ(entry.at("event").as_object().at("seq").as_int64(), cp.at("seq").as_int64());
  EXPECT_EQ(entry.at("sig").as_string().size(), 128u);
}

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

// Several servers on one PostgreSQL database share their Idempotency-Keys through it: a retry
// is answered once, by whichever server receives it, with the first answer; the key reused for
// another request is refused there too; a write through one server is seen by the other.
TEST(SharedDatabase, ARetryIsAppliedOnceWhicheverServerReceivesIt) {
  testing::TestStorage storage;
  if (!storage.Prepare(testing::Backend::kPostgres, "idem_servers")) GTEST_SKIP() << "CONCORD_TEST_PG_URL is not set";
  const std::string dir = TempDir();
  const std::string key = dir + "/secretariat.key", tokens = dir + "/tokens";
  RunResult init = RunConcord({"init", "--store", storage.url(), "--key", key});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  auto token = [&](const std::string& role) {
    RunResult r = RunConcord({"token", "create", "--store", storage.url(), "--tokens", tokens, "--role", role});
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  };
  const std::string sec = token("secretariat");
  const std::vector<std::string> flags = {"--key", key, "--tokens", tokens};
  ServerProcess a(storage.url(), flags), b(storage.url(), flags);
  ASSERT_GT(a.port(), 0) << a.Log();
  ASSERT_GT(b.port(), 0) << b.Log();
  const std::string body = R"({"session":"s1","body":"CSC","kind":"regular","host":"KAZ","place":"Astana","format":"in_person"})";
  auto post = [&](int port, const std::string& idem, const std::string& b0) {
    auto h = Bearer(sec);
    h.emplace_back("Idempotency-Key", idem);
    return Http(port, "POST", "/api/v0/sessions", b0, h);
  };
  Reply first = post(a.port(), "convene-s1", body);
  ASSERT_EQ(first.status, 201) << first.body;
  Reply retry = post(b.port(), "convene-s1", body);
  EXPECT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.Header("idempotent-replayed"), "true");
  Reply reused = post(b.port(), "convene-s1", R"({"session":"s2","body":"CSC","kind":"regular","host":"KAZ","place":"Astana","format":"in_person"})");
  EXPECT_EQ(reused.status, 422) << reused.body;
  // One session.convened in the journal, and b's record holds it.
  Reply journal = Http(b.port(), "GET", "/api/v0/journal?from=1&limit=100", "", Bearer(token("auditor")));
  ASSERT_EQ(journal.status, 200);
  std::size_t convened = 0;
  for (std::size_t at = 0; (at = journal.body.find(R"("type":"session.convened")", at)) != std::string::npos; ++at) ++convened;
  EXPECT_EQ(convened, 1u);
  EXPECT_EQ(Http(b.port(), "GET", "/api/v0/sessions/s1", "", Bearer(sec)).status, 200);
}

}  // namespace
}  // namespace concord::test
