#include "server/token_limits.h"

#include <algorithm>
#include <cmath>

namespace concord {

std::optional<std::int64_t> TokenLimits::TakeRequest(const std::string& token_id, TimePoint now) {
  if (options_.requests_per_second <= 0) return std::nullopt;
  std::lock_guard lock(mu_);
  Bucket& b = buckets_[token_id];
  if (b.fresh) {
    b = Bucket{options_.burst, now, false};
  } else if (now > b.refilled) {
    const double elapsed = std::chrono::duration<double>(now - b.refilled).count();
    b.tokens = std::min(options_.burst, b.tokens + elapsed * options_.requests_per_second);
    b.refilled = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return std::nullopt;
  }
  const double wait = (1 - b.tokens) / options_.requests_per_second;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait)));
}

bool TokenLimits::OpenStream(const std::string& token_id) {
  if (options_.streams_per_token <= 0) return true;
  std::lock_guard lock(mu_);
  int& open = streams_[token_id];
  if (open >= options_.streams_per_token) return false;
  ++open;
  return true;
}

void TokenLimits::CloseStream(const std::string& token_id) {
  if (options_.streams_per_token <= 0) return;
  std::lock_guard lock(mu_);
  auto it = streams_.find(token_id);
  if (it == streams_.end()) return;
  if (--it->second <= 0) streams_.erase(it);
}

}  // namespace concord
