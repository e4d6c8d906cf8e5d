#include "server/live_feed.h"

#include <algorithm>
#include <boost/json.hpp>

namespace concord {

std::string SseFrame(std::int64_t seq, const std::string& line) {
  std::string f;
  f.reserve(line.size() + 40);
  f += "id: ";
  f += std::to_string(seq);
  f += "\nevent: entry\ndata: ";
  f += line;
  f += "\n\n";
  return f;
}

std::string HeadFrame(std::int64_t seq, const std::string& line) {
  boost::json::object head{{"seq", seq}};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(line, ec);
  if (!ec && v.is_object()) {
    if (const auto* ev = v.as_object().if_contains("event"); ev && ev->is_object()) {
      for (const char* key : {"type", "at"}) {
        if (const auto* x = ev->as_object().if_contains(key)) head[key] = *x;
      }
    }
  }
  return "id: " + std::to_string(seq) + "\nevent: head\ndata: " + boost::json::serialize(head) + "\n\n";
}

LiveFeed::LiveFeed(ReadLines read_lines, std::size_t ring_size)
    : read_lines_(std::move(read_lines)), ring_size_(std::max<std::size_t>(1, ring_size)) {}

void LiveFeed::SetHead(std::int64_t seq) {
  std::lock_guard lock(mu_);
  if (seq > head_) head_ = seq;
}

void LiveFeed::Publish(std::int64_t seq, const std::string& line) {
  std::vector<std::shared_ptr<LiveSubscriber>> wake;
  {
    std::lock_guard lock(mu_);
    if (seq <= head_ && !ring_.empty() && seq <= ring_.back().first) return;
    ring_.emplace_back(seq, std::make_shared<const Frames>(Frames{SseFrame(seq, line), HeadFrame(seq, line)}));
    if (ring_.size() > ring_size_) ring_.pop_front();
    if (seq > head_) head_ = seq;
    wake.reserve(subs_.size());
    for (auto& [p, w] : subs_) {
      if (auto s = w.lock()) wake.push_back(std::move(s));
    }
  }
  for (auto& s : wake) s->Notify();
}

void LiveFeed::Subscribe(const std::shared_ptr<LiveSubscriber>& s) {
  std::lock_guard lock(mu_);
  if (closed_) return;
  subs_[s.get()] = s;
}

void LiveFeed::Unsubscribe(LiveSubscriber* s) {
  std::lock_guard lock(mu_);
  subs_.erase(s);
}

void LiveFeed::CloseAll() {
  std::vector<std::shared_ptr<LiveSubscriber>> all;
  {
    std::lock_guard lock(mu_);
    closed_ = true;
    for (auto& [p, w] : subs_) {
      if (auto s = w.lock()) all.push_back(std::move(s));
    }
  }
  for (auto& s : all) s->CloseFromAnyThread();
}

void LiveFeed::CloseIf(const std::function<bool(const std::string& owner)>& drop) {
  std::vector<std::shared_ptr<LiveSubscriber>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [p, w] : subs_) {
      if (auto s = w.lock()) all.push_back(std::move(s));
    }
  }
  for (auto& s : all) {
    if (drop(s->owner())) s->CloseFromAnyThread();
  }
}

std::int64_t LiveFeed::Fetch(std::int64_t from, std::string& out, std::size_t max_bytes, bool heads_only) {
  std::int64_t ring_front = 0;
  {
    std::lock_guard lock(mu_);
    if (from > head_) return from;  // nothing newer than what this stream has
    if (!ring_.empty() && from >= ring_.front().first) {
      std::size_t i = static_cast<std::size_t>(from - ring_.front().first);
      for (; i < ring_.size() && out.size() < max_bytes; ++i) {
        out += heads_only ? ring_[i].second->head : ring_[i].second->entry;
        from = ring_[i].first + 1;
      }
      return from;
    }
    ring_front = ring_.empty() ? head_ + 1 : ring_.front().first;
  }
  // Older than the ring: read from the journal (catching up after a reconnect).
  if (!read_lines_) return from;
  const std::int64_t limit = std::min<std::int64_t>(512, ring_front - from);
  auto lines = read_lines_(from, limit);
  if (!lines) return from;
  for (const auto& l : *lines) {
    out += heads_only ? HeadFrame(from, l) : SseFrame(from, l);
    ++from;
  }
  return from;
}

}  // namespace concord
