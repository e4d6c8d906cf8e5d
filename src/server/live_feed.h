// LiveFeed: what the live streams (/stream, /updates) send, free of the HTTP transport.
//
// The ledger's commit listener publishes each durable entry; the feed keeps the latest frames in
// a ring (both frames of an entry made once) and tells each subscriber, at most once until it
// has caught up, that there is more. Each stream keeps its own cursor (the next seq) and fetches
// from it, so nothing is lost or sent twice; a cursor older than the ring is served from the
// journal through `read_lines`.
//
//   LiveFeed feed([&](std::int64_t from, std::int64_t n) { return ledger.ReadLines(from, n); });
//   feed.Subscribe(session);             // session->Notify() when an entry arrives
//   feed.Publish(seq, line);             // from the commit listener
//   std::string out;
//   next = feed.Fetch(next, out, 256 * 1024, /*heads_only=*/false);   // "id: 7\nevent: entry..."
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "concord/result.h"

namespace concord {

// A live stream, woken from any thread.
class LiveSubscriber {
 public:
  virtual ~LiveSubscriber() = default;
  // There may be more to fetch.
  virtual void Notify() = 0;
  // The feed is closing (the server stops), or the stream's token was revoked.
  virtual void CloseFromAnyThread() = 0;
  // Who opened the stream (a token's id), so that a revocation can close it.
  virtual const std::string& owner() const = 0;
};

// "id: SEQ\nevent: entry\ndata: LINE\n\n": one journal entry, for /stream.
std::string SseFrame(std::int64_t seq, const std::string& line);
// "id: SEQ\nevent: head\ndata: {"seq","type","at"}\n\n": which entry arrived, for /updates (the
// entry itself stays behind the journal-read right).
std::string HeadFrame(std::int64_t seq, const std::string& line);

class LiveFeed {
 public:
  using ReadLines = std::function<Result<std::vector<std::string>>(std::int64_t from, std::int64_t limit)>;
  // `read_lines` (may be empty) serves cursors older than the ring of `ring_size` entries.
  explicit LiveFeed(ReadLines read_lines, std::size_t ring_size = 8192);

  // The journal's head at start: a cursor past it has nothing to fetch yet.
  void SetHead(std::int64_t seq);
  // A durable entry, in order; wakes every subscriber.
  void Publish(std::int64_t seq, const std::string& line);
  void Subscribe(const std::shared_ptr<LiveSubscriber>& s);
  void Unsubscribe(LiveSubscriber* s);
  // Closes every subscriber; later subscriptions are refused.
  void CloseAll();
  // Closes the subscribers whose owner `drop` names (called outside the feed's lock).
  void CloseIf(const std::function<bool(const std::string& owner)>& drop);

  // Appends the frames from `from` on to `out` (at most about `max_bytes`); returns the next seq.
  // `heads_only`: the /updates frames instead of whole entries.
  std::int64_t Fetch(std::int64_t from, std::string& out, std::size_t max_bytes, bool heads_only);

 private:
  struct Frames {
    std::string entry, head;
  };
  ReadLines read_lines_;
  std::size_t ring_size_;
  std::mutex mu_;
  std::deque<std::pair<std::int64_t, std::shared_ptr<const Frames>>> ring_;
  std::int64_t head_ = 0;  // the last seq published (or durable at start)
  std::unordered_map<LiveSubscriber*, std::weak_ptr<LiveSubscriber>> subs_;
  bool closed_ = false;
};

}  // namespace concord
