// The API without sockets or a journal: routing, authentication, roles, problem details, tokens,
// and the OpenAPI description against the router.
#include "server/api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "journal/crypto.h"
#include "server/assets.h"
#include "server/http_errors.h"
#include "server/roles.h"
#include "server/tokens.h"
#include "support/run.h"

namespace concord {
namespace {

namespace json = boost::json;

HttpRequest Req(std::string method, std::string target, std::string token = "", std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
  return r;
}

json::object Body(const HttpResponse& r) { return json::parse(r.body).as_object(); }

class ApiTest : public ::testing::Test {
 protected:
  TokenStore tokens{""};
  Metrics metrics;
  Api api{nullptr, tokens, metrics, [] { return std::string("2025-01-01T00:00:00Z"); }};
  std::string Token(const std::string& role) { return *tokens.Create(*ParseRole(role), "2025-01-01T00:00:00Z"); }
};

TEST_F(ApiTest, ProblemDetailsFollowRfc9457) {
  HttpResponse r = api.Handle(Req("GET", "/api/v0/nothing"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  json::object o = Body(r);
  EXPECT_EQ(o.at("type"), "/problems/not-found");
  EXPECT_EQ(o.at("title"), "Not Found");
  EXPECT_EQ(o.at("status"), 404);
  EXPECT_EQ(o.at("detail"), "no route /api/v0/nothing");
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
  HttpResponse r = api.Handle(Req("DELETE", "/api/v0/sessions"));
  EXPECT_EQ(r.status, 405);
  bool has_allow = false;
  for (const auto& [k, v] : r.headers) has_allow |= k == "Allow" && v == "GET, POST";
  EXPECT_TRUE(has_allow);
  EXPECT_EQ(Body(r).at("detail"), "DELETE is not allowed on /api/v0/sessions (allowed: GET, POST)");
}

TEST_F(ApiTest, MissingAndBadTokensAre401) {
  HttpResponse none = api.Handle(Req("GET", "/api/v0/members"));
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(Body(none).at("detail"), "missing bearer token (Authorization: Bearer TOKEN)");
  HttpResponse bad = api.Handle(Req("GET", "/api/v0/members", "cnc_nope"));
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(Body(bad).at("detail"), "unknown token");
}

TEST_F(ApiTest, RevokedTokenIs401) {
  const std::string t = Token("observer");
  ASSERT_TRUE(tokens.Revoke(t, "2025-01-01T00:00:01Z"));
  HttpResponse r = api.Handle(Req("GET", "/api/v0/members", t));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Body(r).at("detail"), "revoked token");
}

TEST_F(ApiTest, ObserverMayNotReadTheJournalNorWrite) {
  const std::string t = Token("observer");
  HttpResponse j = api.Handle(Req("GET", "/api/v0/journal", t));
  EXPECT_EQ(j.status, 403);
  EXPECT_EQ(Body(j).at("detail"), "the observer role may not read the journal");
  HttpResponse w = api.Handle(Req("POST", "/api/v0/events", t, "{}"));
  EXPECT_EQ(w.status, 403);
  EXPECT_EQ(Body(w).at("detail"), "the observer role may not record events");
}

// A delegation's member is any id a charter accepts (review finding: ids with '.' could not get
// a token), and nothing a charter refuses.
TEST(Roles, ADelegationNamesAMemberIdACharterWouldAccept) {
  EXPECT_EQ(ParseRole("delegation:eu.27")->member, "eu.27");
  EXPECT_FALSE(ParseRole("delegation:chair"));
  EXPECT_FALSE(ParseRole("delegation:.x"));
  EXPECT_FALSE(ParseRole("delegation:"));
}

TEST_F(ApiTest, DelegationActsOnlyForItsOwnMember) {
  EXPECT_FALSE(CheckWrite(*ParseRole("delegation:ARM"), "position.taken", "RUS"));
  EXPECT_EQ(CheckWrite(*ParseRole("delegation:ARM"), "position.taken", "RUS").error().message,
            "the delegation of ARM may act only for ARM, not for RUS");
  EXPECT_TRUE(CheckWrite(*ParseRole("delegation:ARM"), "position.taken", "ARM"));
  EXPECT_EQ(CheckWrite(*ParseRole("delegation:ARM"), "session.convened", "").error().message,
            "a delegation may not record session.convened (the secretariat does)");
  EXPECT_TRUE(CheckWrite(*ParseRole("secretariat"), "session.convened", ""));
  EXPECT_FALSE(CheckWrite(*ParseRole("auditor"), "position.taken", "ARM"));
}

TEST_F(ApiTest, RoleTable) {
  struct Row {
    const char* role;
    bool pub, journal, verify, write;
  };
  const Row rows[] = {{"secretariat", true, true, true, true},
                      {"delegation:KAZ", true, true, false, true},
                      {"observer", true, false, false, false},
                      {"auditor", true, true, true, false}};
  for (const Row& row : rows) {
    const Role role = *ParseRole(row.role);
    EXPECT_EQ(Allows(role, Right::kPublicRead), row.pub) << row.role;
    EXPECT_EQ(Allows(role, Right::kJournalRead), row.journal) << row.role;
    EXPECT_EQ(Allows(role, Right::kVerify), row.verify) << row.role;
    EXPECT_EQ(Allows(role, Right::kWrite), row.write) << row.role;
  }
  EXPECT_EQ(ParseRole("delegation:").error().message,
            "unknown role 'delegation:' (expected secretariat, delegation:MEMBER, observer or auditor)");
  EXPECT_FALSE(ParseRole("admin"));
}

TEST_F(ApiTest, MalformedBodyIs400BeforeTheJournal) {
  // Without a journal a write answers 503, but only after the body and the role were checked.
  const std::string t = Token("secretariat");
  EXPECT_EQ(api.Handle(Req("POST", "/api/v0/events", t, "{")).status, 503);
}

TEST_F(ApiTest, HealthWithoutJournalAndReadiness) {
  EXPECT_EQ(api.Handle(Req("GET", "/healthz")).status, 200);
  HttpResponse ready = api.Handle(Req("GET", "/readyz"));
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(Body(ready).at("detail"), "no journal open");
  EXPECT_EQ(api.Handle(Req("GET", "/api/v0/members", Token("observer"))).status, 503);
}

TEST_F(ApiTest, MetricsAreInPrometheusTextFormat) {
  metrics.ObserveRequest("/healthz", "GET", 200, 0.0002);
  metrics.ObserveGroupCommit(3);
  HttpResponse r = api.Handle(Req("GET", "/metrics"));
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("concord_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1\n"),
            std::string::npos);
  EXPECT_NE(r.body.find("concord_group_commit_entries_bucket{le=\"4\"} 1\n"), std::string::npos);
  EXPECT_NE(r.body.find("concord_group_commit_entries_count 1\n"), std::string::npos);
  EXPECT_NE(r.body.find("# TYPE concord_live_streams gauge\n"), std::string::npos);
}

TEST(QueryTest, DecodesPairs) {
  auto q = ParseQuery("as_of=2023-11-23T11%3A00%3A00%2B03%3A00&from=5&x");
  EXPECT_EQ(q["as_of"], "2023-11-23T11:00:00+03:00");
  EXPECT_EQ(q["from"], "5");
  EXPECT_EQ(q.count("x"), 1u);
}

TEST(TokenStoreTest, KeepsOnlyHashesInTheFile) {
  const std::string path = test::TempDir() + "/t.tokens";
  std::string token;
  {
    TokenStore store(path);
    token = *store.Create(*ParseRole("delegation:ARM"), "2025-01-01T00:00:00Z");
  }
  EXPECT_EQ(token.rfind("cnc_", 0), 0u);
  EXPECT_EQ(token.size(), 68u);
  const std::string text = test::ReadFile(path);
  EXPECT_EQ(text.find(token), std::string::npos);
  EXPECT_NE(text.find(Sha256Hex(token)), std::string::npos);
  TokenStore again(path);  // a second process sees it
  EXPECT_EQ(again.Authenticate(token)->Name(), "delegation:ARM");
  ASSERT_TRUE(again.Revoke(Sha256Hex(token).substr(0, 12), "2025-01-02T00:00:00Z"));
  TokenStore third(path);
  EXPECT_EQ(third.Authenticate(token).error().message, "revoked token");
  EXPECT_EQ(TokensPathFor("sqlite:/x/c.db", "").value(), "/x/c.db.tokens");
  EXPECT_FALSE(TokensPathFor("postgresql://h/db", ""));
}

// Every route the router has is described in docs/openapi.json, and every described operation
// is a route; the embedded copy is the file.
TEST(OpenApiTest, DescribesExactlyTheRoutes) {
  const std::string file = test::ReadFile(test::Source("docs/openapi.json"));
  EXPECT_EQ(file, std::string(OpenApiJson()));
  json::object doc = json::parse(file).as_object();
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  std::set<std::string> described, routed;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      std::string m(method);
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      described.insert(m + " " + std::string(path));
    }
  }
  for (const RouteInfo& r : Api::Routes()) routed.insert(r.method + " " + r.pattern);
  for (const auto& r : routed) EXPECT_TRUE(described.count(r)) << r << " is routed but not described";
  for (const auto& d : described) EXPECT_TRUE(routed.count(d)) << d << " is described but not routed";
}

}  // namespace
}  // namespace concord
