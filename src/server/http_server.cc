// The HTTP transport (http_server.h). The only translation unit that includes Boost.Beast.
//
// Threads: `io_threads` run the io_context; each connection has a strand, so its handlers never
// run concurrently. Reads are answered on the I/O threads. Writes block until their group
// commit is durable, so they run on `blocking_pool` and post the answer back to the strand.
// Live streams are fed by the ledger's commit listener through the LiveFeed (live_feed.h).
#include "server/http_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include "ledger/ledger.h"
#include "server/api.h"
#include "server/http_errors.h"
#include "server/live_feed.h"
#include "server/metrics.h"
#include "server/request_log.h"

namespace concord {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// What a response needs to know about its request after the request is gone.
struct RequestMeta {
  std::string method, path, request_id;
  Clock::time_point start;
  bool keep_alive = true;
  unsigned version = 11;
};

}  // namespace

class HttpSession;

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
  Api& api;
  Ledger* ledger;
  Metrics& metrics;
  HttpServerOptions options;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc};
  net::steady_timer drain_timer{ioc};
  net::steady_timer token_timer{ioc};
  std::uint64_t tokens_seen = 0;  // the token store's generation when the streams were last checked
  net::thread_pool blocking_pool;
  std::shared_ptr<LiveFeed> hub;
  RequestLog log;
  std::atomic<bool> draining{false};
  std::atomic<std::uint64_t> next_id{0};
  std::string id_prefix;
  std::mutex sessions_mu;
  std::unordered_map<HttpSession*, std::weak_ptr<HttpSession>> sessions;

  Impl(Api& a, Ledger* l, Metrics& m, HttpServerOptions o)
      : api(a), ledger(l), metrics(m), options(std::move(o)),
        blocking_pool(static_cast<std::size_t>(std::max(1, options.blocking_threads))),
        hub(std::make_shared<LiveFeed>(l ? LiveFeed::ReadLines([l](std::int64_t from, std::int64_t limit) { return l->ReadLines(from, limit); }) : LiveFeed::ReadLines())), log(options.log_requests) {
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06x", rd() & 0xffffff);
    id_prefix = buf;
  }

  std::string NewRequestId(std::string_view given) {
    // A caller's X-Request-Id is kept when it is short and plain, so logs can be joined.
    const bool ok = !given.empty() && given.size() <= 64 && std::all_of(given.begin(), given.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
    if (ok) return std::string(given);
    return id_prefix + "-" + std::to_string(next_id.fetch_add(1) + 1);
  }

  void LogRequest(const RequestMeta& m, int status, const std::string& route, const std::string& role,
                  std::size_t bytes) {
    const double secs = std::chrono::duration<double>(Clock::now() - m.start).count();
    metrics.ObserveRequest(route.empty() ? "unmatched" : route, m.method, status, secs);
    if (!options.log_requests) return;
    boost::json::object o{{"ts", NowIso()},       {"request_id", m.request_id}, {"method", m.method},
                          {"path", m.path},        {"route", route},            {"status", status},
                          {"duration_ms", std::round(secs * 1e6) / 1e3}, {"role", role},       {"bytes", bytes}};
    log.Write(boost::json::serialize(o));
  }

  void Accept();
  void WatchTokens();
  void BeginShutdown();
  void CheckDrained();

  std::atomic<int> inflight{0};  // requests on the blocking pool
  Clock::time_point drain_deadline;
};

// A live stream: a connection that receives journal entries as Server-Sent Events.
class SseSession : public LiveSubscriber, public std::enable_shared_from_this<SseSession> {
 public:
  SseSession(beast::tcp_stream&& stream, std::shared_ptr<HttpServer::Impl> srv, const Api::StreamGrant& grant,
             RequestMeta meta)
      : stream_(std::move(stream)), srv_(std::move(srv)), next_(grant.from_seq), meta_(std::move(meta)),
        role_(grant.role), owner_(grant.token_id), heads_only_(grant.heads_only) {}

  const std::string& owner() const override { return owner_; }

  void Start() {
    stream_.expires_never();
    srv_->metrics.StreamOpened();
    out_ = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
           "X-Accel-Buffering: no\r\nX-Request-Id: " + meta_.request_id + "\r\n\r\n";
    // A comment line first, so a client knows the stream is open before any entry arrives.
    out_ += ": concord stream from " + std::to_string(next_) + "\n\n";
    srv_->hub->Subscribe(shared_from_this());
    writing_ = true;
    net::async_write(stream_, net::buffer(out_),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnWrite(ec, 0); });
    ReadLoop();
  }

  // From any thread: there may be more to send.
  void Notify() override {
    if (notify_pending_.exchange(true)) return;
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->notify_pending_ = false;
      self->Pump();
    });
  }

  void CloseFromAnyThread() override {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
  }

 private:
  void Pump() {
    if (writing_ || closed_) return;
    out_.clear();
    const std::int64_t before = next_;
    next_ = srv_->hub->Fetch(next_, out_, 256 * 1024, heads_only_);
    if (out_.empty()) return;
    srv_->metrics.StreamEventsSent(static_cast<std::uint64_t>(next_ - before));
    writing_ = true;
    net::async_write(stream_, net::buffer(out_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->OnWrite(ec, 1);
    });
  }

  void OnWrite(beast::error_code ec, int) {
    writing_ = false;
    if (ec) return Close();
    Pump();
  }

  // Clients send nothing on a stream; a read completes only when they go away.
  void ReadLoop() {
    stream_.socket().async_read_some(net::buffer(rbuf_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->Close();
      self->ReadLoop();
    });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    srv_->hub->Unsubscribe(this);
    srv_->api.StreamClosed(owner_);
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
    srv_->metrics.StreamClosed();
    srv_->LogRequest(meta_, 200, heads_only_ ? "/api/v0/updates" : "/api/v0/stream", role_, 0);
  }

  beast::tcp_stream stream_;
  std::shared_ptr<HttpServer::Impl> srv_;
  std::int64_t next_;
  RequestMeta meta_;
  std::string role_;
  std::string owner_;  // the token's id
  bool heads_only_;
  std::string out_;
  bool writing_ = false;
  bool closed_ = false;
  std::atomic<bool> notify_pending_{false};
  char rbuf_[256];
};


// One HTTP/1.1 connection: reads requests one after another (keep-alive) and answers each.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, std::shared_ptr<HttpServer::Impl> srv)
      : stream_(std::move(socket)), srv_(std::move(srv)) {}

  ~HttpSession() {
    std::lock_guard lock(srv_->sessions_mu);
    srv_->sessions.erase(this);
  }

  void Run() {
    {
      std::lock_guard lock(srv_->sessions_mu);
      srv_->sessions[this] = weak_from_this();
    }
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->DoRead(); });
  }

  // SIGTERM: an idle connection closes now; a busy one after its answer.
  void Drain() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void DoRead() {
    if (srv_->draining) return Close();
    parser_.emplace();
    parser_->body_limit(srv_->options.max_body);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(60));
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->OnRead(ec);
    });
  }

  void OnRead(beast::error_code ec) {
    // A malformed request (a bad version, conflicting or repeated Content-Length, Content-Length
    // with chunked, ...) gets a 400 that says why, then the connection closes; a client that
    // went away (end of stream) just goes.
    const bool malformed = ec && ec.category() == http::make_error_code(http::error::bad_version).category() &&
                           ec != http::error::end_of_stream && ec != http::error::partial_message &&
                           ec != http::error::body_limit && ec != http::error::header_limit;
    if (malformed) {
      busy_ = true;
      RequestMeta meta;
      meta.start = Clock::now();
      meta.method = "?";
      meta.path = "?";
      meta.request_id = srv_->NewRequestId("");
      meta.keep_alive = false;
      HttpResponse r = Problem(400, "malformed HTTP request: " + ec.message());
      r.route = "unmatched";
      return Respond(meta, std::move(r));
    }
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      busy_ = true;
      RequestMeta meta;
      meta.start = Clock::now();
      meta.method = std::string(parser_->get().method_string());
      meta.path = std::string(parser_->get().target().substr(0, parser_->get().target().find('?')));
      meta.request_id = srv_->NewRequestId("");
      meta.keep_alive = false;
      const std::string what = ec == http::error::body_limit
                                   ? "request body over the limit of " + std::to_string(srv_->options.max_body) + " bytes"
                                   : "request headers over the limit of 16384 bytes";
      HttpResponse r = Problem(ec == http::error::body_limit ? 413 : 431, what);
      r.route = "unmatched";
      linger_ = true;  // the client may still be sending: read it away so the answer is not reset
      return Respond(meta, std::move(r));
    }
    if (ec) return Close();
    auto& req = parser_->get();
    HttpRequest hreq;
    hreq.method = std::string(req.method_string());
    hreq.target = std::string(req.target());
    for (const auto& f : req) {
      std::string name(f.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      hreq.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    hreq.body = std::move(req.body());
    RequestMeta meta;
    meta.start = Clock::now();
    meta.method = hreq.method;
    meta.path = hreq.target.substr(0, hreq.target.find('?'));  // never log the query: it may hold a token
    meta.request_id = srv_->NewRequestId(hreq.Header("x-request-id"));
    meta.keep_alive = req.keep_alive();
    meta.version = req.version();
    hreq.request_id = meta.request_id;
    busy_ = true;

    Api::Routed routed = srv_->api.Route(hreq.method, hreq.target);  // matched once
    switch (routed.kind) {
      case RouteKind::kStream: {
        auto opened = srv_->api.OpenStream(hreq, routed);
        if (auto* r = std::get_if<HttpResponse>(&opened)) return Respond(meta, std::move(*r));
        const auto& grant = std::get<Api::StreamGrant>(opened);
        if (srv_->draining) {
          srv_->api.StreamClosed(grant.token_id);
          return Respond(meta, Problem(503, "shutting down"));
        }
        auto sse = std::make_shared<SseSession>(std::move(stream_), srv_, grant, meta);
        sse->Start();
        return;  // this connection now belongs to the stream
      }
      case RouteKind::kBlocking: {
        auto guard = net::make_work_guard(srv_->ioc);
        ++srv_->inflight;
        net::post(srv_->blocking_pool, [self = shared_from_this(), hreq = std::move(hreq), routed = std::move(routed), meta,
                                        guard]() mutable {
          HttpResponse resp = self->srv_->api.Handle(hreq, routed);
          net::post(self->stream_.get_executor(), [self, meta, resp = std::move(resp), guard]() mutable {
            --self->srv_->inflight;
            self->Respond(meta, std::move(resp));
          });
        });
        return;
      }
      case RouteKind::kInline:
        return Respond(meta, srv_->api.Handle(hreq, routed));
    }
  }

  void Respond(const RequestMeta& meta, HttpResponse r) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), meta.version);
    res->set(http::field::server, "concord");
    res->set(http::field::content_type, r.content_type);
    res->set("X-Request-Id", meta.request_id);
    for (const auto& [k, v] : r.headers) res->set(k, v);
    res->body() = std::move(r.body);
    const bool keep = meta.keep_alive && !srv_->draining;
    res->keep_alive(keep);
    res->prepare_payload();
    if (meta.method == "HEAD") {  // the GET's headers, Content-Length included, and no body
      res->body().clear();
    }
    srv_->LogRequest(meta, r.status, r.route, r.role, res->body().size());
    res_ = res;
    http::async_write(stream_, *res, [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
      self->res_.reset();
      self->busy_ = false;
      if (!ec && self->linger_) return self->Linger();
      if (ec || !keep) return self->Close();
      self->DoRead();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  // Half-closes, then discards what the client still sends (for at most 2 s) before closing:
  // closing with unread data would reset the connection and lose the answer.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    DiscardLoop();
  }
  void DiscardLoop() {
    stream_.async_read_some(net::buffer(discard_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        beast::error_code ignored;
        self->stream_.socket().close(ignored);
        return;
      }
      self->DiscardLoop();
    });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<HttpServer::Impl> srv_;
  bool linger_ = false;
  char discard_[16384];
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<void> res_;
  bool busy_ = false;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !self->acceptor.is_open()) return;
      if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec == net::error::no_memory) {
        // Out of descriptors: accepting again at once would spin at full CPU and serve nobody.
        // Wait for open connections to close, then try again.
        self->metrics.AcceptBackoff();
        auto timer = std::make_shared<net::steady_timer>(self->ioc, std::chrono::milliseconds(100));
        timer->async_wait([self, timer](beast::error_code) {
          if (!self->draining) self->Accept();
        });
        return;
      }
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<HttpSession>(std::move(socket), self)->Run();
    }
    if (!self->draining) self->Accept();
  });
}

// Once a second: when the tokens changed, the streams of tokens no longer live are closed (a
// revoked token stops receiving the record within about a second).
void HttpServer::Impl::WatchTokens() {
  token_timer.expires_after(std::chrono::seconds(1));
  token_timer.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->draining) return;
    const std::uint64_t now = self->api.TokensGeneration();
    if (now != self->tokens_seen) {
      self->tokens_seen = now;
      self->hub->CloseIf([&](const std::string& owner) { return !self->api.TokenLive(owner); });
    }
    self->WatchTokens();
  });
}

void HttpServer::Impl::BeginShutdown() {
  if (draining.exchange(true)) return;
  api.SetDraining();
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  hub->CloseAll();  // the token watch sees `draining` and stops
  std::vector<std::shared_ptr<HttpSession>> all;
  {
    std::lock_guard lock(sessions_mu);
    for (auto& [p, w] : sessions) {
      if (auto s = w.lock()) all.push_back(std::move(s));
    }
  }
  for (auto& s : all) s->Drain();
  drain_deadline = Clock::now() + std::chrono::seconds(options.drain_seconds);
  CheckDrained();
}

// Stops the I/O threads once every connection and stream has finished, or at the deadline
// (whatever is still running then is cut off).
void HttpServer::Impl::CheckDrained() {
  bool idle = inflight == 0 && metrics.live_streams() == 0;
  if (idle) {
    std::lock_guard lock(sessions_mu);
    idle = sessions.empty();
  }
  if (idle || Clock::now() >= drain_deadline) {
    ioc.stop();
    return;
  }
  drain_timer.expires_after(std::chrono::milliseconds(10));
  drain_timer.async_wait([self = shared_from_this()](beast::error_code e) {
    if (!e) self->CheckDrained();
  });
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(Api& api, Ledger* ledger, Metrics& metrics,
                                                      HttpServerOptions options) {
  const std::size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "listen address '" + options.listen + "': expected HOST:PORT");
  }
  std::string host = options.listen.substr(0, colon);
  const std::string port_text = options.listen.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost" || host.empty()) host = "127.0.0.1";
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    return Fail(ErrorCode::kInvalidArgument, "listen address '" + options.listen + "': bad port '" + port_text + "'");
  }
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) return Fail(ErrorCode::kInvalidArgument, "listen address '" + options.listen + "': bad host '" + host + "'");

  auto impl = std::make_shared<Impl>(api, ledger, metrics, std::move(options));
  const tcp::endpoint endpoint(address, static_cast<std::uint16_t>(port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "cannot listen on " + impl->options.listen + ": " + ec.message());

  if (ledger) {
    // Register first, then read the head: an entry committed in between is in the ring.
    std::weak_ptr<LiveFeed> weak_hub = impl->hub;
    Metrics* m = &metrics;
    ledger->OnCommitted([weak_hub, m, ledger, last_end = std::make_shared<std::int64_t>(-1)](std::int64_t seq,
                                                                                            const std::string& line) {
      // The listener runs on the committing thread once per entry of a durable batch, after the
      // batch's view is published: the view's head is the batch's last entry.
      if (*last_end < 0) *last_end = seq - 1;
      if (seq == ledger->View()->head_seq) {
        m->ObserveGroupCommit(static_cast<std::size_t>(seq - *last_end));
        *last_end = seq;
      }
      m->SetHead(seq);
      if (auto hub = weak_hub.lock()) hub->Publish(seq, line);
    });
    const std::int64_t head = ledger->View()->head_seq;
    impl->hub->SetHead(head);
    metrics.SetHead(head);
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  impl_->blocking_pool.join();
}

std::uint16_t HttpServer::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

std::string HttpServer::host() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).address().to_string();
}

void HttpServer::Run() {
  std::signal(SIGPIPE, SIG_IGN);
  if (impl_->options.handle_signals) {
    impl_->signals.add(SIGTERM);
    impl_->signals.add(SIGINT);
    impl_->signals.async_wait([self = impl_](beast::error_code ec, int) {
      if (!ec) self->BeginShutdown();
    });
  }
  impl_->Accept();
  impl_->tokens_seen = impl_->api.TokensGeneration();
  impl_->WatchTokens();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  // Writes still waiting for the journal finish before the caller closes it.
  impl_->blocking_pool.join();
}

void HttpServer::Stop() {
  net::post(impl_->ioc, [self = impl_] { self->BeginShutdown(); });
}

}  // namespace concord
