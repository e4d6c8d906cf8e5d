// The HTTP API without the transport (api.h).
#include "server/api.h"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "analysis/rule_game.h"
#include "analysis/whatif.h"
#include "codec/analysis_json.h"
#include "codec/event_json.h"
#include "codec/exports.h"
#include "codec/json_keys.h"
#include "codec/record_json.h"
#include "codec/report.h"
#include "concord/wording.h"
#include "journal/crypto.h"
#include "journal/verifier.h"
#include "ledger/ledger.h"
#include "server/assets.h"
#include "server/http_errors.h"
#include "server/idempotency.h"

namespace concord {
namespace json = boost::json;

using Params = std::map<std::string, std::string>;

namespace {

constexpr std::string_view kApi = "/api/v0";

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    const std::size_t j = path.find('/', i);
    const std::size_t end = j == std::string_view::npos ? path.size() : j;
    parts.push_back(path.substr(i, end - i));
    i = end;
  }
  return parts;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && s[i] == '+') ? ' ' : s[i];
  }
  return out;
}

// A last pattern segment "{path}" takes the rest of the path, slashes included (the web
// application's assets live in folders).
constexpr std::string_view kRestSegment = "{path}";

// Matches `path` against a pattern with "{name}" segments, filling `params`.
bool Match(std::string_view pattern, const std::vector<std::string_view>& path, Params& params) {
  const auto want = Split(pattern);
  const bool rest = !want.empty() && want.back() == kRestSegment;
  if (rest ? path.size() < want.size() : want.size() != path.size()) return false;
  Params found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (rest && i + 1 == want.size()) {
      std::string joined;
      for (std::size_t j = i; j < path.size(); ++j) joined += (j > i ? "/" : "") + PercentDecode(path[j], false);
      found["path"] = std::move(joined);
    } else if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      found[std::string(want[i].substr(1, want[i].size() - 2))] = PercentDecode(path[i], false);
    } else if (want[i] != path[i]) {
      return false;
    }
  }
  for (auto& [k, v] : found) params[k] = std::move(v);
  return true;
}

HttpResponse Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  if (r.body.empty() || r.body.back() != '\n') r.body += '\n';
  return r;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string StringField(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// "100" or "2.5": a rate as a person would write it.
std::string FormatRate(double per_second) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", per_second);
  return buf;
}

std::string_view BearerToken(const HttpRequest& req) {
  std::string_view h = req.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (h.size() > kBearer.size() && std::equal(kBearer.begin(), kBearer.end(), h.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
      })) {
    return h.substr(kBearer.size());
  }
  return {};
}

// A list's paging: `limit` items from `cursor` (a position in the list's order, opaque to
// clients), oldest first unless `order=desc`.
struct ListQuery {
  std::size_t limit = 100;
  std::size_t cursor = 0;
  bool descending = false;
};
constexpr std::int64_t kMaxLimit = 500;

std::variant<ListQuery, HttpResponse> ParseListQuery(const Params& params) {
  ListQuery q;
  if (auto it = params.find("limit"); it != params.end()) {
    auto v = ParseInt(it->second);
    if (!v || *v < 1 || *v > kMaxLimit) {
      return Problem(400, "limit: expected 1 to " + std::to_string(kMaxLimit) + ", got '" + it->second + "'");
    }
    q.limit = static_cast<std::size_t>(*v);
  }
  if (auto it = params.find("cursor"); it != params.end() && !it->second.empty()) {
    auto v = ParseInt(it->second);
    if (!v || *v < 0) return Problem(400, "cursor: not a cursor this server gave out: '" + it->second + "'");
    q.cursor = static_cast<std::size_t>(*v);
  }
  if (auto it = params.find("order"); it != params.end()) {
    if (it->second != "asc" && it->second != "desc") return Problem(400, "order: expected asc or desc, got '" + it->second + "'");
    q.descending = it->second == "desc";
  }
  return q;
}

// Puts one page of `items` (those `keep` accepts, rendered by `render`) into out[name], and
// out["next_cursor"]: where the next page starts, or null after the last.
template <class T, class Keep, class Render>
void PageInto(json::object& out, const std::string& name, const std::vector<T>& items, const ListQuery& q,
              Keep keep, Render render) {
  json::array page;
  std::size_t i = q.cursor;
  std::optional<std::size_t> next;
  for (; i < items.size(); ++i) {
    const T& item = items[q.descending ? items.size() - 1 - i : i];
    if (!keep(item)) continue;
    if (page.size() == q.limit) {
      next = i;
      break;
    }
    page.push_back(render(item));
  }
  out[name] = std::move(page);
  out["next_cursor"] = next ? json::value(std::to_string(*next)) : json::value(nullptr);
}

}  // namespace

std::map<std::string, std::string> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i <= query.size() && !query.empty()) {
    const std::size_t amp = query.find('&', i);
    const std::string_view pair = query.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      out[PercentDecode(pair.substr(0, eq), true)] =
          eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    i = amp + 1;
  }
  return out;
}

struct Api::Impl {
  Ledger* ledger;
  TokenStore& tokens;
  Metrics& metrics;
  Clock clock;
  ApiOptions options;
  std::atomic<bool> draining{false};
  TokenLimits limits;

  // A handler gets the request, its path and query parameters, and the caller's role (null for
  // routes that need no token).
  using Handler = HttpResponse (Impl::*)(const HttpRequest&, const Params&, const Role*);
  struct Route {
    RouteInfo info;
    Handler handler;
  };
  std::vector<Route> routes;

  // The record as of a date. The state at the journal's head serves every as_of at or after its
  // last event; an earlier as_of replays a prefix of the journal once, and is kept.
  struct Snapshot {
    std::shared_ptr<const State> state;
    std::int64_t head = 0;
    // Sessions and decisions in the order the API pages them, sorted once per snapshot.
    mutable std::once_flag ordered;
    mutable std::vector<const SessionState*> sessions;
    mutable std::vector<const DecisionState*> decisions;
    void Order() const {
      std::call_once(ordered, [this] {
        sessions = SessionsInOrder(*state);
        decisions = DecisionsInOrder(*state);
      });
    }
  };
  struct AsOf {
    std::shared_ptr<const Snapshot> snap;
    Timestamp at;
  };
  std::mutex cache_mu;
  std::map<std::string, std::shared_ptr<const Snapshot>> snapshots;  // key: as_of text, or "head"
  std::map<std::string, std::pair<std::int64_t, HttpResponse>> rendered;  // key: target
  std::size_t rendered_bytes = 0;  // bodies and keys held by `rendered`
  static constexpr std::size_t kCacheEntries = 4096;
  static constexpr std::size_t kCacheBytes = 64 << 20;

  IdempotencyStore idempotency;  // Idempotency-Key: the first answer to a write, replayed

  Impl(Ledger* l, TokenStore& t, Metrics& m, Clock c, ApiOptions o)
      : ledger(l), tokens(t), metrics(m), clock(std::move(c)), options(std::move(o)), limits(options.limits),
        idempotency(options.idempotency_capacity) {
    auto add = [this](std::string method, std::string pattern, RouteKind kind, std::optional<Right> right, Handler h) {
      routes.push_back({RouteInfo{std::move(method), std::move(pattern), kind, right}, h});
    };
    using K = RouteKind;
    const std::optional<Right> none;
    add("GET", "/", K::kInline, none, &Impl::Asset);
    add("GET", "/assets/{path}", K::kInline, none, &Impl::Asset);
    add("GET", "/healthz", K::kInline, none, &Impl::Healthz);
    add("GET", "/readyz", K::kInline, none, &Impl::Readyz);
    add("GET", "/metrics", K::kInline, none, &Impl::MetricsText);
    add("GET", "/api/v0/openapi.json", K::kInline, none, &Impl::OpenApi);
    add("GET", "/api/v0/state", K::kInline, Right::kPublicRead, &Impl::GetState);
    add("GET", "/api/v0/members", K::kInline, Right::kPublicRead, &Impl::GetList);
    add("GET", "/api/v0/bodies", K::kInline, Right::kPublicRead, &Impl::GetList);
    add("GET", "/api/v0/sessions", K::kInline, Right::kPublicRead, &Impl::GetList);
    add("GET", "/api/v0/sessions/{id}", K::kInline, Right::kPublicRead, &Impl::GetSession);
    add("GET", "/api/v0/drafts", K::kInline, Right::kPublicRead, &Impl::GetList);
    add("GET", "/api/v0/decisions", K::kInline, Right::kPublicRead, &Impl::GetList);
    add("GET", "/api/v0/decisions/{id}", K::kInline, Right::kPublicRead, &Impl::GetDecision);
    add("GET", "/api/v0/decisions/{id}/whatif", K::kBlocking, Right::kPublicRead, &Impl::GetWhatIf);
    add("GET", "/api/v0/drafts/{id}/whatif", K::kBlocking, Right::kPublicRead, &Impl::GetWhatIf);
    add("GET", "/api/v0/bodies/{id}/power", K::kBlocking, Right::kPublicRead, &Impl::GetPower);
    add("GET", "/api/v0/requests", K::kInline, Right::kPublicRead, &Impl::GetList);
    add("GET", "/api/v0/requests/{id}", K::kInline, Right::kPublicRead, &Impl::GetRequest);
    add("GET", "/api/v0/posts", K::kInline, Right::kPublicRead, &Impl::GetList);
    add("GET", "/api/v0/accessions", K::kInline, Right::kPublicRead, &Impl::GetAccessions);
    add("GET", "/api/v0/export", K::kInline, Right::kPublicRead, &Impl::GetExport);
    add("GET", "/api/v0/charter", K::kInline, Right::kPublicRead, &Impl::GetCharter);
    add("GET", "/api/v0/whoami", K::kInline, Right::kPublicRead, &Impl::GetWhoami);
    add("GET", "/api/v0/updates", K::kStream, Right::kPublicRead, nullptr);
    add("GET", "/api/v0/journal", K::kInline, Right::kJournalRead, &Impl::GetJournal);
    add("GET", "/api/v0/head", K::kInline, Right::kPublicRead, &Impl::GetHead);
    add("GET", "/api/v0/stream", K::kStream, Right::kJournalRead, nullptr);
    add("GET", "/api/v0/verify", K::kBlocking, Right::kVerify, &Impl::GetVerify);
    add("POST", "/api/v0/events", K::kBlocking, Right::kWrite, &Impl::PostEvent);
    add("POST", "/api/v0/sessions", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/sessions/{id}/attendance", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/sessions/{id}/drafts", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/sessions/{id}/close", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/drafts/{id}/positions", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/drafts/{id}/decision", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/decisions/{id}/transmissions", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/decisions/{id}/accessions", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/decisions/{id}/refusals", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/requests", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/requests/{id}/offers", K::kBlocking, Right::kWrite, &Impl::PostCommand);
    add("POST", "/api/v0/requests/{id}/answers", K::kBlocking, Right::kWrite, &Impl::PostCommand);
  }

  // Finds the route for a request (its index in `routes`), or 404/405 as a problem.
  Api::Routed MatchRoute(std::string_view method, std::string_view target) const {
    Api::Routed routed;
    const std::size_t q = target.find('?');
    const std::string_view path = target.substr(0, q);
    if (q != std::string_view::npos) routed.params = ParseQuery(target.substr(q + 1));
    const auto parts = Split(path);
    std::string allow;
    for (std::size_t i = 0; i < routes.size(); ++i) {
      const Route& r = routes[i];
      Params p;
      if (!Match(r.info.pattern, parts, p)) continue;
      // HEAD is GET without the body (the transport drops it), except on the live streams.
      const bool head_of_get = method == "HEAD" && r.info.method == "GET" && r.info.kind != RouteKind::kStream;
      if (r.info.method == method || head_of_get) {
        for (auto& [k, v] : p) routed.params[k] = std::move(v);
        routed.route = static_cast<int>(i);
        routed.kind = r.info.kind;
        return routed;
      }
      if (allow.find(r.info.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.info.method;
    }
    if (!allow.empty()) {
      routed.problem = Problem(405, std::string(method) + " is not allowed on " + std::string(path) + " (allowed: " + allow + ")");
      routed.problem->headers.emplace_back("Allow", allow);
    } else {
      routed.problem = Problem(404, "no route " + std::string(path));
    }
    routed.problem->route = "unmatched";
    return routed;
  }

  // Authenticates, holds the token to its rate, and authorizes; the token (its role and id), or a
  // 401/403/429/503 problem.
  std::variant<TokenInfo, HttpResponse> Authorize(const HttpRequest& req, const RouteInfo& route, const Params& query) {
    std::string_view token = BearerToken(req);
    std::string from_query;
    const auto format = query.find("format");
    const bool download = format != query.end() && (format->second == "csv" || format->second == "ical" ||
                                                     format->second == "popolo" || format->second == "akn");
    if (token.empty() && (route.kind == RouteKind::kStream || download)) {
      // EventSource cannot send headers, nor can a download link or a calendar subscription:
      // streams and exports (CSV, iCalendar, Popolo, Akoma Ntoso) also take ?access_token=.
      auto it = query.find("access_token");
      if (it != query.end()) token = it->second;
    }
    if (token.empty()) return Problem(401, "missing bearer token (Authorization: Bearer TOKEN)");
    Result<TokenInfo> found = tokens.Find(token);
    if (!found) {
      if (found.error().code == ErrorCode::kNotFound) return Problem(401, found.error().message);
      return ProblemFor(found.error());
    }
    const Role& role = found->role;
    if (auto wait = limits.TakeRequest(found->id, std::chrono::steady_clock::now())) {
      HttpResponse r = Problem(429, "token " + found->id + " is over its rate of " +
                                        FormatRate(limits.options().requests_per_second) + " requests per second");
      r.headers.emplace_back("Retry-After", std::to_string(*wait));
      r.role = role.Name();
      return r;
    }
    if (route.right && !Allows(role, *route.right)) {
      HttpResponse r = Problem(403, "the " + role.Name() + " role may not " + std::string(RightName(*route.right)));
      r.role = role.Name();
      return r;
    }
    return std::move(*found);
  }

  HttpResponse Handle(const HttpRequest& req, const Api::Routed& routed) {
    if (routed.problem || routed.route < 0) return routed.problem ? *routed.problem : Problem(404, "no route");
    const Route& route = routes[static_cast<std::size_t>(routed.route)];
    const Params& query = routed.params;
    Params params = routed.params;
    if (auto it = query.find("lang"); it != query.end() && !Speaks(it->second)) {
      HttpResponse bad = Problem(400, "lang: expected en or ru, got '" + it->second + "'");
      bad.route = route.info.pattern;
      return bad;
    }
    HttpResponse resp;
    if (route.info.kind == RouteKind::kStream) {
      resp = Problem(400, "the stream is served by the transport");
    } else if (!route.info.right) {
      resp = (this->*route.handler)(req, params, nullptr);
    } else {
      auto auth = Authorize(req, route.info, query);
      if (auto* r = std::get_if<HttpResponse>(&auth)) {
        resp = std::move(*r);
      } else {
        const Role& role = std::get<TokenInfo>(auth).role;
        try {
          resp = (this->*route.handler)(req, params, &role);
        } catch (const std::exception& e) {
          resp = Problem(500, std::string("internal error: ") + e.what());
        }
        resp.role = role.Name();
      }
    }
    resp.route = route.info.pattern;
    return resp;
  }

  // --- reads -------------------------------------------------------------------------------

  // The web application: "/" and its assets, embedded (or read from --web-root).
  HttpResponse Asset(const HttpRequest& req, const Params&, const Role*) {
    const std::string_view path = std::string_view(req.target).substr(0, req.target.find('?'));
    std::optional<FoundAsset> asset = FindWebAsset(path, options.web_root);
    if (!asset) return Problem(404, "no asset " + std::string(path));
    HttpResponse r;
    r.content_type = std::move(asset->content_type);
    r.body = std::move(asset->bytes);
    // The page is small and changes with the binary: revalidate rather than cache stale code.
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  }

  HttpResponse Healthz(const HttpRequest&, const Params&, const Role*) { return Json(200, R"({"status":"ok"})"); }

  HttpResponse Readyz(const HttpRequest&, const Params&, const Role*) {
    if (draining) return Problem(503, "shutting down");
    if (!ledger) return Problem(503, "no journal open");
    json::object o{{"status", "ready"}, {"head", ledger->View()->head_seq}};
    return Json(200, json::serialize(o));
  }

  HttpResponse MetricsText(const HttpRequest&, const Params&, const Role*) {
    if (ledger && ledger->HasReplica()) {
      Result<std::int64_t> lag = ledger->ReplicaLag();
      metrics.SetReplicaLag(lag ? *lag : -1);
    }
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
    return r;
  }

  HttpResponse OpenApi(const HttpRequest&, const Params&, const Role*) { return Json(200, std::string(OpenApiJson())); }

  // The state as of ?as_of= (default: now), replaying a prefix of the journal when it is earlier
  // than the last event.
  std::variant<AsOf, HttpResponse> SnapshotFor(const Params& params) {
    if (!ledger) return Problem(503, "no journal open");
    auto it = params.find("as_of");
    const std::string as_of_text = it != params.end() ? it->second : clock();
    Result<Timestamp> as_of = ParseAsOf(as_of_text);
    if (!as_of) return Problem(400, "as_of: " + as_of.error().message);
    std::shared_ptr<const LedgerView> view = ledger->View();
    const State& now = *view->state;
    const bool at_head = !now.last || !Before(*as_of, *now.last);
    const std::string key = at_head ? "head" : as_of->ToString();
    {
      std::lock_guard lock(cache_mu);
      auto c = snapshots.find(key);
      if (c != snapshots.end() && c->second->head == view->head_seq) return AsOf{c->second, *as_of};
    }
    auto snap = std::make_shared<Snapshot>();
    snap->head = view->head_seq;
    if (at_head) {
      snap->state = view->state;
    } else {
      auto lines = ledger->ReadLines(1, view->head_seq);
      if (!lines) return ProblemFor(lines.error());
      auto state = ReplayEntries(*lines, *as_of);
      if (!state) return ProblemFor(state.error());
      snap->state = *state;
    }
    std::lock_guard lock(cache_mu);
    if (snapshots.size() > 256) snapshots.clear();
    snapshots[key] = snap;
    return AsOf{snap, *as_of};
  }

  // The language of the words in an answer: ?lang=, else the first of Accept-Language that the
  // wording table speaks, else English. (An unknown ?lang= is refused by CheckLang.)
  static std::string LangOf(const HttpRequest& req, const Params& params) {
    if (auto it = params.find("lang"); it != params.end() && Speaks(it->second)) return it->second;
    const std::string_view accept = req.Header("accept-language");
    std::size_t i = 0;
    while (i < accept.size()) {
      const std::size_t end = std::min(accept.find(',', i), accept.size());
      std::string_view tag = accept.substr(i, end - i);
      while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
      tag = tag.substr(0, std::min(tag.find(';'), tag.find('-')));
      if (Speaks(tag)) return std::string(tag);
      i = end + 1;
    }
    return "en";
  }

  // Answers a read from the cache of rendered bodies while the journal head has not moved.
  template <class F>
  HttpResponse Cached(const HttpRequest& req, const Params& params, F render) {
    const std::int64_t head = ledger ? ledger->View()->head_seq : 0;
    // Without an explicit as_of the answer depends on the clock: key it by the second.
    const std::string key = req.target + "\n" + LangOf(req, params) + (params.count("as_of") ? "" : "\n" + clock());
    {
      std::lock_guard lock(cache_mu);
      auto it = rendered.find(key);
      if (it != rendered.end() && it->second.first == head) return it->second.second;
    }
    HttpResponse r = render();
    if (r.status == 200) {
      std::lock_guard lock(cache_mu);
      // Bounded in entries and in bytes: URLs are the client's to vary (?junk=N), answers can be
      // large; when either bound is passed the cache starts again.
      if (rendered.size() >= kCacheEntries || rendered_bytes + r.body.size() > kCacheBytes) {
        rendered.clear();
        rendered_bytes = 0;
      }
      if (r.body.size() <= kCacheBytes) {
        auto [it, fresh] = rendered.insert_or_assign(key, std::make_pair(head, r));
        (void)it;
        (void)fresh;
        rendered_bytes += r.body.size() + key.size();
      }
    }
    return r;
  }

  HttpResponse GetState(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&] {
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      return Json(200, StateJson(*s.snap->state, s.at));
    });
  }

  // The lists: one page of the named collection, in the record's order, filtered by the query.
  HttpResponse GetList(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&]() -> HttpResponse {
      const std::string lang = LangOf(req, params);
      auto query = ParseListQuery(params);
      if (auto* r = std::get_if<HttpResponse>(&query)) return std::move(*r);
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      const State& state = *s.snap->state;
      const std::string_view path = std::string_view(req.target).substr(0, req.target.find('?'));
      const std::string name(path.substr(path.rfind('/') + 1));
      const ListQuery& q = std::get<ListQuery>(query);
      auto param = [&](const char* key) {
        auto it = params.find(key);
        return it == params.end() ? std::string() : it->second;
      };
      json::object out{{"as_of", s.at.ToString()}};
      if (name == "members") {
        std::vector<const std::pair<const std::string, MemberState>*> items;
        for (const auto& m : state.members) items.push_back(&m);
        PageInto(out, name, items, q, [](auto*) { return true; },
                 [&](auto* m) { return MemberObject(state, m->first, m->second, s.at); });
      } else if (name == "bodies") {
        std::vector<const Body*> items;
        for (const auto& [id, b] : state.CurrentCharter().bodies) items.push_back(&b);
        PageInto(out, name, items, q, [](auto*) { return true; }, [&](auto* b) { return BodyObject(state, *b, s.at); });
      } else if (name == "sessions") {
        s.snap->Order();
        const std::string body = param("body");
        PageInto(out, name, s.snap->sessions, q, [&](const SessionState* x) { return body.empty() || x->body == body; },
                 [&](const SessionState* x) { return SessionObject(state, *x); });
      } else if (name == "decisions" || name == "drafts") {
        // Drafts: everything tabled and not yet decided (nor returned, nor withdrawn).
        s.snap->Order();
        const bool drafts = name == "drafts";
        const std::string session = param("session"), body = param("body"), status = param("status"),
                          member = param("member");
        auto keep = [&](const DecisionState* d) {
          if (drafts && !(d->outcome.status == DecisionStatus::kPending && !d->decided)) return false;
          return (session.empty() || d->session == session) && (body.empty() || d->body == body) &&
                 (status.empty() || DecisionStatusName(d->outcome.status) == status) &&
                 (member.empty() || d->outcome.members.count(member));
        };
        PageInto(out, name, s.snap->decisions, q, keep,
                 [&](const DecisionState* d) { return DecisionObject(state, *d, s.at, lang); });
      } else if (name == "requests") {
        const std::string member = param("member");
        std::vector<const RequestState*> items;
        for (const auto& [id, r] : state.requests) items.push_back(&r);
        PageInto(out, name, items, q, [&](const RequestState* r) { return member.empty() || r->member == member; },
                 [&](const RequestState* r) { return RequestObject(state, *r, s.at); });
      } else {  // posts
        std::vector<const std::pair<const std::string, PostState>*> items;
        for (const auto& p : state.posts) items.push_back(&p);
        PageInto(out, name, items, q, [](auto*) { return true; },
                 [&](auto* p) { return PostObject(state, p->first, p->second, s.at); });
      }
      return Json(200, json::serialize(out));
    });
  }

  // The accession matrix: decided documents x members, each cell with its state and date,
  // filtered by session and member; as JSON pages, or whole as CSV (?format=csv).
  HttpResponse GetAccessions(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&]() -> HttpResponse {
      auto query = ParseListQuery(params);
      if (auto* r = std::get_if<HttpResponse>(&query)) return std::move(*r);
      const std::string format = params.count("format") ? params.at("format") : "json";
      if (format != "json" && format != "csv") return Problem(400, "format: expected json or csv, got '" + format + "'");
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      const State& state = *s.snap->state;
      s.snap->Order();
      const std::string session = params.count("session") ? params.at("session") : "";
      const std::string member = params.count("member") ? params.at("member") : "";
      if (!member.empty() && !state.members.count(member)) return Problem(404, "no member '" + member + "'");
      std::vector<std::string> members;
      for (const auto& [id, m] : state.members) {
        if (member.empty() || id == member) members.push_back(id);
      }
      auto keep = [&](const DecisionState* d) {
        return d->decided && (session.empty() || d->session == session) &&
               (member.empty() || d->outcome.members.count(member));
      };
      if (format == "csv") {
        HttpResponse r;
        r.content_type = "text/csv; charset=utf-8";
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"accessions.csv\"");
        std::vector<const DecisionState*> kept;
        for (const DecisionState* d : s.snap->decisions) {
          if (keep(d)) kept.push_back(d);
        }
        r.body = AccessionsCsv(kept, members);
        return r;
      }
      json::object out{{"as_of", s.at.ToString()}, {"members", [&] {
                          json::array a;
                          for (const auto& m : members) a.emplace_back(m);
                          return a;
                        }()}};
      PageInto(out, "documents", s.snap->decisions, std::get<ListQuery>(query), keep,
               [&](const DecisionState* d) { return AccessionRow(*d, members); });
      return Json(200, json::serialize(out));
    });
  }

  // The record in an open data format (docs/exports.md): ?format=popolo|ical|csv, and for csv
  // ?table=decisions|accessions|requests; whole, as of ?as_of=.
  HttpResponse GetExport(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&]() -> HttpResponse {
      const std::string format = params.count("format") ? params.at("format") : "";
      const std::string table = params.count("table") ? params.at("table") : "";
      if (format != "popolo" && format != "ical" && format != "csv") {
        return Problem(400, "format: expected popolo, ical or csv, got '" + format + "'");
      }
      if (format == "csv" && table.empty()) return Problem(400, "table: required with format=csv (decisions, accessions or requests)");
      if (format != "csv" && !table.empty()) return Problem(400, "table: only with format=csv");
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      const State& state = *s.snap->state;
      HttpResponse r;
      if (format == "popolo") {
        r.body = PopoloJson(state, state.CurrentCharter(), s.at);
      } else if (format == "ical") {
        r.content_type = "text/calendar; charset=utf-8";
        r.body = SessionsICalendar(state, state.CurrentCharter(), s.at);
      } else {
        Result<std::string> csv = CsvTable(state, table, s.at);
        if (!csv) return Problem(400, "table: " + csv.error().message);
        r.content_type = "text/csv; charset=utf-8";
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + table + ".csv\"");
        r.body = std::move(*csv);
      }
      return r;
    });
  }

  HttpResponse GetSession(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&] {
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      const State& state = *s.snap->state;
      const std::string& id = params.at("id");
      auto it = state.sessions.find(id);
      if (it == state.sessions.end()) return Problem(404, "no session '" + id + "'");
      json::object o = SessionObject(state, it->second);
      json::array decisions;
      const std::string lang = LangOf(req, params);
      for (const auto& draft : it->second.drafts) {
        if (auto d = state.decisions.find(draft); d != state.decisions.end()) {
          decisions.push_back(DecisionObject(state, d->second, s.at, lang));
        }
      }
      o["decisions"] = std::move(decisions);
      return Json(200, json::serialize(o));
    });
  }

  HttpResponse GetDecision(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&]() -> HttpResponse {
      const std::string format = params.count("format") ? params.at("format") : "json";
      if (format != "json" && format != "akn") return Problem(400, "format: expected json or akn, got '" + format + "'");
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      if (format == "akn") {
        const State& state = *s.snap->state;
        Result<std::string> xml = DecisionAkomaNtoso(state, state.CurrentCharter(), params.at("id"), s.at);
        if (!xml) return ProblemFor(xml.error());
        HttpResponse r;
        r.content_type = "application/akn+xml";
        r.body = std::move(*xml);
        return r;
      }
      Result<std::string> body = ExplainDecisionJson(*s.snap->state, params.at("id"), s.at, LangOf(req, params));
      if (!body) return ProblemFor(body.error());
      return Json(200, std::move(*body));
    });
  }

  HttpResponse GetRequest(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&] {
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      Result<std::string> body = ExplainRequestJson(*s.snap->state, params.at("id"), s.at);
      if (!body) return ProblemFor(body.error());
      return Json(200, std::move(*body));
    });
  }

  // What-if on a draft or decision: ?absent=, present=, non_objection=, accedes=, refuses=,
  // refuses_objecting= (member lists), position=M=stance,..., max_changes= (1 to 3). On the
  // blocking pool: a search may evaluate thousands of ballots.
  HttpResponse GetWhatIf(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&] {
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      WhatIfQuery query;
      auto param = [&](const char* name) {
        auto it = params.find(name);
        return it == params.end() ? std::string() : it->second;
      };
      const ChangeLists lists{param("present"), param("absent"), param("non_objection"), param("position"),
                              param("accedes"), param("refuses"), param("refuses_objecting")};
      Result<std::vector<Change>> changes = ParseChanges(
          lists, {"present", "absent", "non_objection", "position", "accedes", "refuses", "refuses_objecting"});
      if (!changes) return Problem(400, changes.error().message);
      query.changes = std::move(*changes);
      if (auto it = params.find("max_changes"); it != params.end()) {
        auto v = ParseInt(it->second);
        if (!v || *v < 1 || *v > 3) return Problem(400, "max_changes: expected 1 to 3, got '" + it->second + "'");
        query.max_changes = static_cast<int>(*v);
      }
      Result<WhatIfAnswer> answer = WhatIf(*s.snap->state, params.at("id"), s.at, query);
      if (!answer) return ProblemFor(answer.error());
      return Json(200, json::serialize(WhatIfObject(*answer, query, LangOf(req, params))));
    });
  }

  // The voting power of a body's members under a matter's rule (?matter=, required), among the
  // members of the body on the as_of day.
  HttpResponse GetPower(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&] {
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      const AsOf& s = std::get<AsOf>(snap);
      auto matter = params.find("matter");
      if (matter == params.end() || matter->second.empty()) return Problem(400, "matter: required (a matter of the body)");
      const Charter& charter = s.snap->state->CurrentCharter();
      Result<RuleGame> game = GameOfRule(charter, params.at("id"), matter->second, s.at.LocalDay());
      if (!game) return ProblemFor(game.error());
      std::string method;
      Result<PowerIndices> p = PowerOfRuleGame(*game, {}, &method);
      if (!p) return ProblemFor(p.error());
      json::object doc{{"body", game->body}, {"matter", game->matter}, {"rule", game->rule}, {"method", method}};
      for (auto& [k, v] : PowerObject(game->members, *p, {}, game->notes)) doc[k] = std::move(v);
      // Each member's share of every weight the charter declares, to set beside its power.
      json::object shares;
      for (const auto& [weight, def] : charter.weights) {
        std::int64_t total = 0;
        for (const auto& m : game->members) {
          const auto it = charter.members.find(m);
          if (it != charter.members.end() && it->second.weights.count(weight)) total += it->second.weights.at(weight);
        }
        json::object per;
        for (const auto& m : game->members) {
          const auto it = charter.members.find(m);
          const std::int64_t v = it != charter.members.end() && it->second.weights.count(weight) ? it->second.weights.at(weight) : 0;
          per[m] = total > 0 ? static_cast<double>(v) / static_cast<double>(total) : 0.0;
        }
        shares[weight] = std::move(per);
      }
      doc["weight_shares"] = std::move(shares);
      return Json(200, json::serialize(doc));
    });
  }

  // The charter in force as of ?as_of=: names in every language, bodies and their matters,
  // posts, measures, kinds of draft, and the clauses a derivation cites.
  HttpResponse GetCharter(const HttpRequest& req, const Params& params, const Role*) {
    return Cached(req, params, [&] {
      auto snap = SnapshotFor(params);
      if (auto* r = std::get_if<HttpResponse>(&snap)) return std::move(*r);
      return Json(200, json::serialize(CharterObject(std::get<AsOf>(snap).snap->state->CurrentCharter())));
    });
  }

  // Who the token speaks for, what it may do, and which events it may record: a client offers
  // only the actions this allows.
  HttpResponse GetWhoami(const HttpRequest&, const Params&, const Role* role) {
    json::array rights, events;
    for (Right r : AllRights()) {
      if (Allows(*role, r)) rights.emplace_back(RightId(r));
    }
    for (std::string_view type : RecordableEventTypes(*role)) events.emplace_back(type);
    json::object o{{"role", role->Name()},
                   {"member", role->kind == RoleKind::kDelegation ? json::value(role->member) : json::value(nullptr)},
                   {"rights", std::move(rights)}, {"may_record", std::move(events)}};
    return Json(200, json::serialize(o));
  }

  // The journal's head and its latest signed checkpoint (the whole entry, signature included),
  // for anyone to keep and later check with `concord verify --expect-head SEQ:HASH`.
  HttpResponse GetHead(const HttpRequest&, const Params&, const Role*) {
    if (!ledger) return Problem(503, "no journal open");
    const auto view = ledger->View();
    json::object out{{"seq", view->head_seq}, {"hash", view->head_hash}};
    if (view->checkpoint_seq > 0) {
      boost::system::error_code ec;
      json::value entry = json::parse(view->checkpoint_line, ec);
      json::object cp{{"seq", view->checkpoint_seq}};
      if (!ec) cp["entry"] = std::move(entry);
      out["checkpoint"] = std::move(cp);
    } else {
      out["checkpoint"] = nullptr;
    }
    if (ledger->HasReplica()) {
      Result<std::int64_t> lag = ledger->ReplicaLag();
      out["replica"] = lag ? json::value(json::object{{"lag", *lag}}) : json::value(json::object{{"error", lag.error().message}});
    }
    return Json(200, json::serialize(out));
  }

  HttpResponse GetJournal(const HttpRequest&, const Params& params, const Role*) {
    if (!ledger) return Problem(503, "no journal open");
    std::int64_t from = 1, limit = 1000;
    if (auto it = params.find("from"); it != params.end()) {
      auto v = ParseInt(it->second);
      if (!v || *v < 1) return Problem(400, "from: expected a sequence number >= 1, got '" + it->second + "'");
      from = *v;
    }
    if (auto it = params.find("limit"); it != params.end()) {
      auto v = ParseInt(it->second);
      if (!v || *v < 1 || *v > 10000) return Problem(400, "limit: expected 1 to 10000, got '" + it->second + "'");
      limit = *v;
    }
    auto lines = ledger->ReadLines(from, limit);
    if (!lines) return ProblemFor(lines.error());
    HttpResponse r;
    r.content_type = "application/jsonl";
    for (const auto& l : *lines) r.body += l + "\n";
    r.headers.emplace_back("X-Next-From", std::to_string(from + static_cast<std::int64_t>(lines->size())));
    return r;
  }

  HttpResponse GetVerify(const HttpRequest&, const Params&, const Role*) {
    if (!ledger) return Problem(503, "no journal open");
    const std::int64_t head = ledger->View()->head_seq;
    auto lines = ledger->ReadLines(1, head);
    if (!lines) return ProblemFor(lines.error());
    VerifyReport report = VerifyJournal(*lines);
    json::object o{{"ok", report.ok()}, {"entries", report.entries},
                   {"head", json::object{{"seq", report.head.seq}, {"hash", report.head.hash}}}};
    if (report.failure) {
      o["failure"] = json::object{{"seq", report.failure->seq}, {"reason", report.failure->reason}};
    } else if (auto state = ReplayEntries(*lines); !state) {
      o["ok"] = false;
      o["failure"] = json::object{{"seq", head}, {"reason", state.error().message}};
    }
    return Json(200, json::serialize(o));
  }

  // --- writes ------------------------------------------------------------------------------

  HttpResponse PostEvent(const HttpRequest& req, const Params&, const Role* role) {
    return Write(req, *role, [](json::object& event) -> std::optional<HttpResponse> {
      (void)event;
      return std::nullopt;
    });
  }

  // The named commands: each builds one event from its path and body.
  HttpResponse PostCommand(const HttpRequest& req, const Params& params, const Role* role) {
    const std::string path = req.target.substr(0, req.target.find('?'));
    const auto parts = Split(path);  // api v0 <collection> [{id} <action>]
    const std::string collection(parts.size() > 2 ? parts[2] : "");
    const std::string action(parts.size() > 4 ? parts[4] : "");
    const std::string id = params.count("id") ? params.at("id") : "";
    return Write(req, *role, [&](json::object& e) -> std::optional<HttpResponse> {
      auto take = [&](std::string_view field) -> std::string {
        std::string v = StringField(e, field);
        e.erase(field);
        return v;
      };
      if (e.contains("type")) return Problem(400, "field 'type' is set by the route; use POST /api/v0/events for raw events");
      if (collection == "sessions" && action.empty()) {
        e["type"] = "session.convened";
      } else if (collection == "sessions" && action == "attendance") {
        const std::string status = take("status");
        if (status == "present") e["type"] = "attendance.present";
        else if (status == "absent") e["type"] = "attendance.absent";
        else if (status == "non_objection") e["type"] = "absence.non_objection";
        else return Problem(400, "field 'status' must be present, absent or non_objection");
        e["session"] = id;
      } else if (collection == "sessions" && action == "drafts") {
        e["type"] = "draft.tabled";
        e["session"] = id;
      } else if (collection == "sessions" && action == "close") {
        e["type"] = "session.closed";
        e["session"] = id;
      } else if (collection == "drafts" && action == "positions") {
        e["type"] = "position.taken";
        e["draft"] = id;
      } else if (collection == "drafts" && action == "decision") {
        e["type"] = "draft.put_to_decision";
        e["draft"] = id;
      } else if (collection == "decisions") {
        e["type"] = action == "transmissions" ? "document.transmitted"
                    : action == "accessions"  ? "accession.deposited"
                                              : "accession.refused";
        e["decision"] = id;
      } else if (collection == "requests" && action.empty()) {
        e["type"] = "request.submitted";
      } else if (collection == "requests" && action == "offers") {
        e["type"] = "measure.offered";
        e["request"] = id;
      } else if (collection == "requests" && action == "answers") {
        const std::string answer = take("answer");
        if (answer == "accepted") e["type"] = "measure.accepted";
        else if (answer == "declined") e["type"] = "measure.declined";
        else return Problem(400, "field 'answer' must be accepted or declined");
        e["request"] = id;
      } else {
        return Problem(404, "no command " + path);
      }
      return std::nullopt;
    });
  }

  // The one write path: body -> event (shaped by `build`) -> role check -> engine -> journal.
  template <class Build>
  HttpResponse Write(const HttpRequest& req, const Role& role, Build build) {
    if (draining) return Problem(503, "shutting down: no new writes");
    if (!ledger) return Problem(503, "no journal open");
    const std::string_view idem = req.Header("idempotency-key");
    std::string idem_key;
    const std::string fingerprint = Sha256Hex(req.method + " " + req.target + "\n" + req.body);
    if (!idem.empty()) {
      if (idem.size() > 200) return Problem(400, "Idempotency-Key longer than 200 characters");
      idem_key = Sha256Hex(BearerToken(req)) + "\n" + std::string(idem);
      IdempotencyStore::Start start = idempotency.Begin(idem_key, fingerprint);
      switch (start.kind) {
        case IdempotencyStore::kMismatch:
          return Problem(422, "Idempotency-Key '" + std::string(idem) + "' was used for a different request");
        case IdempotencyStore::kInProgress:
          return Problem(409, "a request with Idempotency-Key '" + std::string(idem) + "' is in progress");
        case IdempotencyStore::kReplay:
          metrics.IdempotentReplay();
          start.response.headers.emplace_back("Idempotent-Replayed", "true");
          return start.response;
        case IdempotencyStore::kNew:
          break;
      }
      // Several servers on one database: the key may have been answered by another (or by one
      // that crashed before answering); the database keeps it with the write.
      if (ledger->KeepsRequests()) {
        Result<std::optional<Ledger::RecordedRequest>> found = ledger->FindRequest(idem_key);
        if (!found) {
          HttpResponse r = ProblemFor(found.error());
          idempotency.Finish(idem_key, fingerprint, r);
          return r;
        }
        if (*found) {
          HttpResponse r = (*found)->fingerprint != fingerprint
                               ? Problem(422, "Idempotency-Key '" + std::string(idem) + "' was used for a different request")
                               : Created((*found)->appended);
          idempotency.Finish(idem_key, fingerprint, r);
          if (r.status == 201) {
            metrics.IdempotentReplay();
            r.headers.emplace_back("Idempotent-Replayed", "true");
          }
          return r;
        }
      }
    }
    HttpResponse resp = WriteOnce(req, role, build, idem_key, fingerprint);
    if (!idem_key.empty()) idempotency.Finish(idem_key, fingerprint, resp);
    return resp;
  }

  // 201 for a durable write: its seq and hash (and the record it entailed), and where to read it.
  static HttpResponse Created(const LedgerAppend& appended) {
    json::object out{{"seq", appended.seq}, {"hash", appended.hash}};
    if (appended.recorded_seq) out["recorded_seq"] = appended.recorded_seq;
    HttpResponse r = Json(201, json::serialize(out));
    r.headers.emplace_back("Location", "/api/v0/journal?from=" + std::to_string(appended.seq) + "&limit=1");
    return r;
  }

  template <class Build>
  HttpResponse WriteOnce(const HttpRequest& req, const Role& role, Build build, const std::string& idem_key,
                         const std::string& fingerprint) {
    if (auto dup = FindDuplicateKey(req.body)) return Problem(400, "key '" + *dup + "' appears twice in the body");
    boost::system::error_code ec;
    json::value body = json::parse(req.body, ec);
    if (ec) return Problem(400, "malformed JSON body: " + ec.message());
    if (!body.is_object()) return Problem(400, "the body must be a JSON object");
    json::object& event = body.as_object();
    if (auto problem = build(event)) return std::move(*problem);
    const std::string type = StringField(event, "type");
    if (type.empty()) return Problem(400, "missing field 'type'");
    if (type.rfind("journal.", 0) == 0 || type.rfind("key.", 0) == 0 || type == "decision.recorded") {
      return Problem(403, type + " is written by the journal itself, not through the API");
    }
    // Who acts comes from the token; when the event happens comes from the server's clock,
    // except that the secretariat may record an earlier act with its own `at`.
    bool server_time = false;
    if (role.kind == RoleKind::kDelegation) {
      const std::string by = StringField(event, "by");
      if (!by.empty() && by != role.member) {
        return Problem(403, "the delegation of " + role.member + " may act only for " + role.member + ", not for " + by);
      }
      event["by"] = role.member;
      event["at"] = clock();
      server_time = true;
    } else {
      if (!event.contains("by")) event["by"] = "secretariat";
      if (!event.contains("at")) {
        event["at"] = clock();
        server_time = true;
      }
    }
    if (Status s = CheckWrite(role, type, StringField(event, "member")); !s) return ProblemFor(s.error());
    const auto start = std::chrono::steady_clock::now();
    Result<LedgerAppend> appended = ledger->Append(event, Ledger::AppendOptions{idem_key, fingerprint, server_time});
    metrics.ObserveAppend(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                          appended.has_value());
    // Malformed (kInvalidArgument) is 400; refused by the engine under the rules (kRejected) 422.
    if (!appended) return ProblemFor(appended.error());
    return Created(*appended);
  }
};

Api::Api(Ledger* ledger, TokenStore& tokens, Metrics& metrics, Clock clock, ApiOptions options)
    : impl_(std::make_unique<Impl>(ledger, tokens, metrics, std::move(clock), std::move(options))) {}

Api::~Api() = default;

const std::vector<RouteInfo>& Api::Routes() {
  static const std::vector<RouteInfo> kRoutes = [] {
    TokenStore tokens("");
    Metrics metrics;
    Impl impl(nullptr, tokens, metrics, UtcNow, {});
    std::vector<RouteInfo> out;
    for (const auto& r : impl.routes) out.push_back(r.info);
    return out;
  }();
  return kRoutes;
}

void Api::SetDraining() { impl_->draining = true; }

Api::Routed Api::Route(std::string_view method, std::string_view target) const {
  return impl_->MatchRoute(method, target);
}

HttpResponse Api::Handle(const HttpRequest& request, const Routed& routed) { return impl_->Handle(request, routed); }

HttpResponse Api::Handle(const HttpRequest& request) { return Handle(request, Route(request.method, request.target)); }

std::variant<HttpResponse, Api::StreamGrant> Api::OpenStream(const HttpRequest& req, const Routed& routed) {
  if (routed.problem || routed.route < 0) return routed.problem ? *routed.problem : Problem(404, "no route");
  const Params& query = routed.params;
  const RouteInfo& route = impl_->routes[static_cast<std::size_t>(routed.route)].info;
  auto auth = impl_->Authorize(req, route, query);
  if (auto* r = std::get_if<HttpResponse>(&auth)) {
    r->route = route.pattern;
    return std::move(*r);
  }
  if (!impl_->ledger) return Problem(503, "no journal open");
  const TokenInfo& token = std::get<TokenInfo>(auth);
  StreamGrant grant;
  grant.role = token.role.Name();
  grant.token_id = token.id;
  grant.heads_only = route.pattern == "/api/v0/updates";
  std::int64_t head = impl_->ledger->View()->head_seq;
  // A cursor past our head may be another server's (several on one database): read what the
  // others appended before judging it.
  auto past_head = [&](std::int64_t cursor) {
    if (cursor <= head) return false;
    (void)impl_->ledger->Refresh();
    head = impl_->ledger->View()->head_seq;
    return cursor > head;
  };
  grant.from_seq = head + 1;
  // A client cannot have seen an entry past the head: such a cursor is refused rather than
  // waited for (a huge one used to overflow and replay the journal forever).
  if (std::string_view last = req.Header("last-event-id"); !last.empty()) {
    auto v = ParseInt(last);
    if (!v || *v < 0) return Problem(400, "Last-Event-ID: expected a sequence number, got '" + std::string(last) + "'");
    if (past_head(*v)) {
      return Problem(400, "Last-Event-ID: " + std::string(last) + " is past the journal's head (" + std::to_string(head) + ")");
    }
    grant.from_seq = *v + 1;
  } else if (auto it = query.find("from"); it != query.end()) {
    auto v = ParseInt(it->second);
    if (!v || *v < 1) return Problem(400, "from: expected a sequence number >= 1, got '" + it->second + "'");
    if (past_head(*v - 1)) {
      return Problem(400, "from: " + it->second + " is past the journal's head (" + std::to_string(head) + ")");
    }
    grant.from_seq = *v;
  }
  if (!impl_->limits.OpenStream(token.id)) {
    HttpResponse r = Problem(429, "token " + token.id + " has " + std::to_string(impl_->limits.options().streams_per_token) +
                                      " live streams open, the most one token may");
    r.route = route.pattern;
    r.role = grant.role;
    return r;
  }
  return grant;
}

void Api::StreamClosed(const std::string& token_id) { impl_->limits.CloseStream(token_id); }

bool Api::TokenLive(const std::string& token_id) { return impl_->tokens.IsLive(token_id); }

std::uint64_t Api::TokensGeneration() { return impl_->tokens.Generation(); }

}  // namespace concord
