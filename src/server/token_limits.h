// What one token may use at once: a request rate (a token bucket) and a number of open live
// streams. A stolen or runaway token slows only itself; the others are served as before. Keyed
// by the token's id, and only for tokens that authenticated, so the table is bounded by the
// tokens issued, not by what clients send.
//
//   TokenLimits limits({.requests_per_second = 50, .burst = 200, .streams_per_token = 8});
//   if (auto wait = limits.TakeRequest(token_id, now)) { ...429, Retry-After: *wait... }
//   if (!limits.OpenStream(token_id)) { ...429... }   ...   limits.CloseStream(token_id);
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace concord {

struct TokenLimitOptions {
  double requests_per_second = 100;  // sustained; 0: no rate limit
  double burst = 400;                // requests a quiet token may send at once
  int streams_per_token = 16;        // open /stream and /updates connections; 0: no limit
};

class TokenLimits {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  explicit TokenLimits(TokenLimitOptions options = {}) : options_(options) {}

  // Takes one request from the token's bucket. nullopt when allowed; otherwise the whole seconds
  // to wait before the next one would be (for Retry-After, at least 1).
  std::optional<std::int64_t> TakeRequest(const std::string& token_id, TimePoint now);
  // Counts a stream opened by the token; false (nothing counted) when it has its limit open.
  bool OpenStream(const std::string& token_id);
  void CloseStream(const std::string& token_id);

  const TokenLimitOptions& options() const { return options_; }

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint refilled{};
    bool fresh = true;
  };
  TokenLimitOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::unordered_map<std::string, int> streams_;
};

}  // namespace concord
