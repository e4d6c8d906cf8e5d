// The in-memory store, for unit tests: the same contract as the durable ones, no durability.
#include <mutex>

#include "store/event_store.h"

namespace concord {
namespace {

class MemoryStore final : public EventStore {
 public:
  Result<JournalHead> Head() override {
    std::lock_guard lock(mu_);
    if (entries_.empty()) return JournalHead{};
    return JournalHead{entries_.back().seq, entries_.back().hash};
  }

  Status Append(std::int64_t expected_head_seq, std::span<const StoredEntry> entries) override {
    if (Status s = CheckAppendNumbering(expected_head_seq, entries); !s) return s;
    std::lock_guard lock(mu_);
    std::int64_t head = entries_.empty() ? 0 : entries_.back().seq;
    if (head != expected_head_seq) {
      return Fail(ErrorCode::kConflict, "append: expected head seq " +
                                            std::to_string(expected_head_seq) + ", store is at " +
                                            std::to_string(head));
    }
    entries_.insert(entries_.end(), entries.begin(), entries.end());
    return {};
  }

  Result<std::vector<StoredEntry>> Read(std::int64_t from_seq, std::int64_t limit) override {
    std::lock_guard lock(mu_);
    std::vector<StoredEntry> out;
    std::int64_t begin = std::max<std::int64_t>(from_seq, 1) - 1;  // seq k is at index k - 1
    for (std::int64_t i = begin;
         i < static_cast<std::int64_t>(entries_.size()) && static_cast<std::int64_t>(out.size()) < limit;
         ++i) {
      out.push_back(entries_[i]);
    }
    return out;
  }

  const std::string& url() const override { return url_; }

 private:
  std::mutex mu_;
  std::vector<StoredEntry> entries_;
  std::string url_ = "memory:";
};

}  // namespace

std::unique_ptr<EventStore> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace concord
