// IdempotencyStore: the first settled answer to a write, replayed to its retries (the
// Idempotency-Key header). Keys are scoped by the caller (the API prefixes the token's hash) and
// fingerprinted by the request (method, target and body), so a key reused for a different
// request is refused rather than answered with another request's result. Bounded: the oldest
// keys are forgotten first.
//
//   IdempotencyStore store(10000);
//   auto start = store.Start(key, fingerprint);
//   if (start.kind == IdempotencyStore::kReplay) return start.response;   // a retry
//   HttpResponse r = DoTheWrite();
//   store.Finish(key, fingerprint, r);   // remembered if it settled the request
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/http_types.h"

namespace concord {

class IdempotencyStore {
 public:
  explicit IdempotencyStore(std::size_t capacity) : capacity_(capacity) {}

  enum Kind {
    kNew,         // go ahead: the key is now held as in progress
    kReplay,      // answered before: `response` is that answer
    kMismatch,    // the key was used for a different request
    kInProgress,  // the same request is being written right now
  };
  struct Start {
    Kind kind;
    HttpResponse response;
  };
  Start Begin(const std::string& key, const std::string& fingerprint);

  // The answer of a request begun with kNew. Only answers that settled the request are kept
  // (not a 409, 500 or 503, which a retry may overcome); the others release the key.
  void Finish(const std::string& key, const std::string& fingerprint, const HttpResponse& response);

 private:
  struct Remembered {
    std::string fingerprint;
    bool done = false;
    HttpResponse response;
  };
  std::size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, Remembered> remembered_;
  std::deque<std::string> order_;  // oldest first
};

}  // namespace concord
