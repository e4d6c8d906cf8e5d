// The idempotency store alone: a retry gets the first settled answer, a different request under
// the same key is refused, an unsettled answer frees the key, and the oldest keys go first.
#include "server/idempotency.h"

#include <gtest/gtest.h>

namespace concord {
namespace {

HttpResponse Answer(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(IdempotencyStore, ARetryGetsTheFirstAnswer) {
  IdempotencyStore store(10);
  EXPECT_EQ(store.Begin("k", "f").kind, IdempotencyStore::kNew);
  EXPECT_EQ(store.Begin("k", "f").kind, IdempotencyStore::kInProgress);
  store.Finish("k", "f", Answer(201, R"({"seq":7})"));
  IdempotencyStore::Start again = store.Begin("k", "f");
  EXPECT_EQ(again.kind, IdempotencyStore::kReplay);
  EXPECT_EQ(again.response.status, 201);
  EXPECT_EQ(again.response.body, R"({"seq":7})");
}

TEST(IdempotencyStore, AKeyReusedForAnotherRequestIsRefused) {
  IdempotencyStore store(10);
  ASSERT_EQ(store.Begin("k", "f").kind, IdempotencyStore::kNew);
  store.Finish("k", "f", Answer(422, "refused"));  // a refusal settles the request too
  EXPECT_EQ(store.Begin("k", "other").kind, IdempotencyStore::kMismatch);
  EXPECT_EQ(store.Begin("k", "f").kind, IdempotencyStore::kReplay);
}

TEST(IdempotencyStore, AnUnsettledAnswerFreesTheKeyForARealRetry) {
  IdempotencyStore store(10);
  for (int status : {409, 500, 503}) {
    ASSERT_EQ(store.Begin("k", "f").kind, IdempotencyStore::kNew) << status;
    store.Finish("k", "f", Answer(status, "try again"));
  }
  EXPECT_EQ(store.Begin("k", "f").kind, IdempotencyStore::kNew);
}

TEST(IdempotencyStore, TheOldestKeysAreForgottenFirst) {
  IdempotencyStore store(2);
  for (const char* k : {"a", "b", "c"}) {
    ASSERT_EQ(store.Begin(k, "f").kind, IdempotencyStore::kNew);
    store.Finish(k, "f", Answer(201, k));
  }
  EXPECT_EQ(store.Begin("a", "f").kind, IdempotencyStore::kNew);  // forgotten
  EXPECT_EQ(store.Begin("c", "f").kind, IdempotencyStore::kReplay);
}

}  // namespace
}  // namespace concord
