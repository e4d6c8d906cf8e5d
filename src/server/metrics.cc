// Prometheus text rendering (metrics.h).
#include "server/metrics.h"

#include <cstdio>

namespace concord {
namespace {

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void Header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += " ";
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += " ";
  out += type;
  out += "\n";
}

Histogram LatencyHistogram() {
  return Histogram({0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
}

}  // namespace

Histogram::Histogram(std::initializer_list<double> bounds) {
  for (double b : bounds) {
    if (n_ < kMaxBuckets) bounds_[n_++] = b;
  }
}

Histogram::Histogram(const Histogram& other) : bounds_(other.bounds_), n_(other.n_) {
  for (std::size_t i = 0; i <= kMaxBuckets; ++i) counts_[i].store(other.counts_[i].load());
  count_.store(other.count_.load());
  sum_micros_.store(other.sum_micros_.load());
}

void Histogram::Observe(double value) {
  std::size_t i = 0;
  while (i < n_ && value > bounds_[i]) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(value * 1e6), std::memory_order_relaxed);
}

void Histogram::Render(std::string& out, std::string_view name, std::string_view labels) const {
  const std::string sep = labels.empty() ? "" : std::string(labels) + ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= n_; ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    out += std::string(name) + "_bucket{" + sep + "le=\"" + (i < n_ ? Num(bounds_[i]) : "+Inf") + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  const std::string braces = labels.empty() ? "" : "{" + std::string(labels) + "}";
  out += std::string(name) + "_sum" + braces + " " + Num(static_cast<double>(sum_micros_.load()) / 1e6) + "\n";
  out += std::string(name) + "_count" + braces + " " + std::to_string(count_.load()) + "\n";
}

Metrics::Metrics()
    : append_latency_(LatencyHistogram()),
      group_commit_({1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096}) {}

namespace {

// The methods a label may name; any other becomes "other", so that a client inventing methods
// cannot grow the metrics (and /metrics) without bound.
std::string_view MethodLabel(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    if (method == known) return known;
  }
  return "other";
}

}  // namespace

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(route), std::string(MethodLabel(method)), status}];
  auto it = latency_.find(std::string(route));
  if (it == latency_.end()) it = latency_.emplace(std::string(route), LatencyHistogram()).first;
  it->second.Observe(seconds);
}

void Metrics::ObserveAppend(double seconds, bool ok) {
  (ok ? appends_ok_ : appends_failed_).fetch_add(1, std::memory_order_relaxed);
  append_latency_.Observe(seconds);
}

void Metrics::ObserveGroupCommit(std::size_t entries) {
  commits_.fetch_add(1, std::memory_order_relaxed);
  committed_entries_.fetch_add(entries, std::memory_order_relaxed);
  group_commit_.Observe(static_cast<double>(entries));
}

std::string Metrics::Render() const {
  std::string out;
  {
    std::lock_guard lock(mu_);
    Header(out, "concord_http_requests_total", "counter", "HTTP requests answered, by route, method and status.");
    for (const auto& [key, n] : requests_) {
      const auto& [route, method, status] = key;
      out += "concord_http_requests_total{route=\"" + route + "\",method=\"" + method + "\",status=\"" +
             std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
    Header(out, "concord_http_request_duration_seconds", "histogram", "Time to answer a request, by route.");
    for (const auto& [route, h] : latency_) h.Render(out, "concord_http_request_duration_seconds", "route=\"" + route + "\"");
  }
  Header(out, "concord_appends_total", "counter", "Events submitted to the journal, by result.");
  out += "concord_appends_total{result=\"stored\"} " + std::to_string(appends_ok_.load()) + "\n";
  out += "concord_appends_total{result=\"rejected\"} " + std::to_string(appends_failed_.load()) + "\n";
  Header(out, "concord_append_duration_seconds", "histogram", "Time from submitting an event to its durable append.");
  append_latency_.Render(out, "concord_append_duration_seconds", "");
  Header(out, "concord_group_commit_entries", "histogram", "Journal entries made durable per store commit.");
  group_commit_.Render(out, "concord_group_commit_entries", "");
  Header(out, "concord_journal_head_seq", "gauge", "Sequence number of the last durable journal entry.");
  out += "concord_journal_head_seq " + std::to_string(head_seq_.load()) + "\n";
  if (const std::int64_t lag = replica_lag_.load(); lag >= 0) {
    Header(out, "concord_replica_lag_entries", "gauge", "Entries the read replica (--read-store) is behind the head.");
    out += "concord_replica_lag_entries " + std::to_string(lag) + "\n";
  }
  Header(out, "concord_live_streams", "gauge", "Server-Sent Events streams open now.");
  out += "concord_live_streams " + std::to_string(live_streams_.load()) + "\n";
  Header(out, "concord_streams_opened_total", "counter", "Server-Sent Events streams opened.");
  out += "concord_streams_opened_total " + std::to_string(streams_total_.load()) + "\n";
  Header(out, "concord_stream_events_total", "counter", "Journal entries delivered over live streams.");
  out += "concord_stream_events_total " + std::to_string(stream_events_.load()) + "\n";
  Header(out, "concord_idempotent_replays_total", "counter", "Writes answered from the Idempotency-Key cache.");
  out += "concord_idempotent_replays_total " + std::to_string(idempotent_replays_.load()) + "\n";
  Header(out, "concord_accept_backoffs_total", "counter",
         "Times the server ran out of descriptors and paused accepting for 100 ms.");
  out += "concord_accept_backoffs_total " + std::to_string(accept_backoffs_.load()) + "\n";
  return out;
}

}  // namespace concord
