// Counters and histograms for /metrics, rendered in the Prometheus text format (version 0.0.4).
// Thread-safe; cheap enough to update on every request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace concord {

class Histogram {
 public:
  // Upper bounds of the buckets; +Inf is implicit.
  explicit Histogram(std::initializer_list<double> bounds);
  Histogram(const Histogram& other);
  void Observe(double value);
  // Appends the _bucket, _sum and _count lines of `name` with the extra `labels` ("" or 'a="b"').
  void Render(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  static constexpr std::size_t kMaxBuckets = 24;
  std::array<double, kMaxBuckets> bounds_{};
  std::size_t n_ = 0;
  std::array<std::atomic<std::uint64_t>, kMaxBuckets + 1> counts_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};  // sums kept in micro-units to stay atomic
};

class Metrics {
 public:
  Metrics();

  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);
  // A write through the ledger: its latency until durable, and whether it was stored.
  void ObserveAppend(double seconds, bool ok);
  // One durable commit of the journal holding `entries` entries.
  void ObserveGroupCommit(std::size_t entries);
  void SetHead(std::int64_t seq) { head_seq_.store(seq, std::memory_order_relaxed); }
  void StreamOpened() { live_streams_.fetch_add(1, std::memory_order_relaxed); streams_total_.fetch_add(1); }
  void StreamClosed() { live_streams_.fetch_sub(1, std::memory_order_relaxed); }
  void StreamEventsSent(std::uint64_t n) { stream_events_.fetch_add(n, std::memory_order_relaxed); }
  void IdempotentReplay() { idempotent_replays_.fetch_add(1, std::memory_order_relaxed); }
  void AcceptBackoff() { accept_backoffs_.fetch_add(1, std::memory_order_relaxed); }
  // Entries the read replica is behind (-1: no replica, or it could not be asked).
  void SetReplicaLag(std::int64_t entries) { replica_lag_.store(entries, std::memory_order_relaxed); }

  std::int64_t live_streams() const { return live_streams_.load(); }
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
  Histogram append_latency_;
  Histogram group_commit_;
  std::atomic<std::uint64_t> appends_ok_{0}, appends_failed_{0}, commits_{0}, committed_entries_{0};
  std::atomic<std::int64_t> head_seq_{0}, live_streams_{0}, replica_lag_{-1};
  std::atomic<std::uint64_t> streams_total_{0}, stream_events_{0}, idempotent_replays_{0},
      accept_backoffs_{0};
};

}  // namespace concord
