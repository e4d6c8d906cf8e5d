// Per-token limits without the transport: the request bucket refills at its rate and never past
// its burst; streams are counted per token and freed when they close.
#include "server/token_limits.h"

#include <gtest/gtest.h>

namespace concord {
namespace {

using std::chrono::milliseconds;

TEST(TokenLimits, ABurstIsAllowedThenTheRateHolds) {
  TokenLimits limits({.requests_per_second = 10, .burst = 5, .streams_per_token = 0});
  const auto t0 = TokenLimits::TimePoint{} + std::chrono::hours(1);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limits.TakeRequest("a", t0)) << i;
  const auto refused = limits.TakeRequest("a", t0);
  ASSERT_TRUE(refused);
  EXPECT_EQ(*refused, 1);  // Retry-After is whole seconds, at least one
  // Another token is untouched.
  EXPECT_FALSE(limits.TakeRequest("b", t0));
  // 100 ms at 10 per second: one more.
  EXPECT_FALSE(limits.TakeRequest("a", t0 + milliseconds(100)));
  EXPECT_TRUE(limits.TakeRequest("a", t0 + milliseconds(100)));
  // A long quiet spell refills to the burst, not beyond.
  const auto later = t0 + std::chrono::hours(1);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limits.TakeRequest("a", later)) << i;
  EXPECT_TRUE(limits.TakeRequest("a", later));
}

TEST(TokenLimits, RetryAfterSaysHowLongASlowRateNeeds) {
  TokenLimits limits({.requests_per_second = 0.25, .burst = 1, .streams_per_token = 0});
  const auto t0 = TokenLimits::TimePoint{} + std::chrono::hours(1);
  EXPECT_FALSE(limits.TakeRequest("a", t0));
  EXPECT_EQ(limits.TakeRequest("a", t0), 4);
}

TEST(TokenLimits, ZeroMeansNoLimit) {
  TokenLimits limits({.requests_per_second = 0, .burst = 1, .streams_per_token = 0});
  const auto t0 = TokenLimits::TimePoint{};
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(limits.TakeRequest("a", t0));
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limits.OpenStream("a"));
}

TEST(TokenLimits, StreamsAreCountedPerTokenAndFreedOnClose) {
  TokenLimits limits({.requests_per_second = 0, .burst = 1, .streams_per_token = 2});
  EXPECT_TRUE(limits.OpenStream("a"));
  EXPECT_TRUE(limits.OpenStream("a"));
  EXPECT_FALSE(limits.OpenStream("a"));
  EXPECT_TRUE(limits.OpenStream("b"));
  limits.CloseStream("a");
  EXPECT_TRUE(limits.OpenStream("a"));
  EXPECT_FALSE(limits.OpenStream("a"));
  limits.CloseStream("never-opened");  // harmless
}

}  // namespace
}  // namespace concord
