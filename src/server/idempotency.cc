#include "server/idempotency.h"

namespace concord {

IdempotencyStore::Start IdempotencyStore::Begin(const std::string& key, const std::string& fingerprint) {
  std::lock_guard lock(mu_);
  auto it = remembered_.find(key);
  if (it != remembered_.end()) {
    if (it->second.fingerprint != fingerprint) return {kMismatch, {}};
    if (!it->second.done) return {kInProgress, {}};
    return {kReplay, it->second.response};
  }
  remembered_[key] = Remembered{fingerprint, false, {}};
  order_.push_back(key);
  return {kNew, {}};
}

void IdempotencyStore::Finish(const std::string& key, const std::string& fingerprint, const HttpResponse& response) {
  std::lock_guard lock(mu_);
  if (response.status == 503 || response.status == 409 || response.status == 500) {
    remembered_.erase(key);
  } else {
    remembered_[key] = Remembered{fingerprint, true, response};
  }
  while (order_.size() > capacity_) {
    remembered_.erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace concord
