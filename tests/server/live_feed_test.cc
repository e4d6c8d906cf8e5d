// The live feed without the transport: frames from the ring and from the journal, each entry
// once and in order, subscribers woken on publish and closed at shutdown.
#include "server/live_feed.h"

#include <gtest/gtest.h>

#include <atomic>

namespace concord {
namespace {

std::string Line(std::int64_t seq) {
  return R"({"seq":)" + std::to_string(seq) + R"(,"event":{"type":"position.taken","at":"2024-06-01T10:00:00Z","member":"ARM"}})";
}

struct Counting : LiveSubscriber {
  explicit Counting(std::string who = "t1") : owner_(std::move(who)) {}
  void Notify() override { ++notified; }
  void CloseFromAnyThread() override { ++closed; }
  const std::string& owner() const override { return owner_; }
  std::atomic<int> notified{0}, closed{0};
  std::string owner_;
};

// A journal of `n` entries that counts the reads the feed makes of it.
LiveFeed::ReadLines Journal(std::int64_t n, int* reads) {
  return [n, reads](std::int64_t from, std::int64_t limit) -> Result<std::vector<std::string>> {
    ++*reads;
    std::vector<std::string> out;
    for (std::int64_t s = from; s < from + limit && s <= n; ++s) out.push_back(Line(s));
    return out;
  };
}

TEST(LiveFeed, FetchesPublishedEntriesOnceInOrderFromTheRing) {
  int reads = 0;
  LiveFeed feed(Journal(3, &reads), 8);
  feed.SetHead(3);
  for (std::int64_t s = 4; s <= 6; ++s) feed.Publish(s, Line(s));
  std::string out;
  EXPECT_EQ(feed.Fetch(4, out, 1 << 20, false), 7);
  EXPECT_EQ(reads, 0);
  EXPECT_EQ(out, SseFrame(4, Line(4)) + SseFrame(5, Line(5)) + SseFrame(6, Line(6)));
  std::string none;
  EXPECT_EQ(feed.Fetch(7, none, 1 << 20, false), 7);
  EXPECT_TRUE(none.empty());
}

TEST(LiveFeed, ACursorOlderThanTheRingIsServedFromTheJournal) {
  int reads = 0;
  LiveFeed feed(Journal(10, &reads), 2);
  feed.SetHead(8);
  feed.Publish(9, Line(9));
  feed.Publish(10, Line(10));
  std::string out;
  std::int64_t next = 1;
  while (next <= 10) next = feed.Fetch(next, out, 1 << 20, false);
  std::string expected;
  for (std::int64_t s = 1; s <= 10; ++s) expected += SseFrame(s, Line(s));
  EXPECT_EQ(out, expected);
  EXPECT_GE(reads, 1);
}

TEST(LiveFeed, HeadFramesNameTheEntryWithoutItsContent) {
  LiveFeed feed(nullptr);
  feed.Publish(1, Line(1));
  std::string out;
  feed.Fetch(1, out, 1 << 20, true);
  EXPECT_EQ(out, "id: 1\nevent: head\ndata: {\"seq\":1,\"type\":\"position.taken\",\"at\":\"2024-06-01T10:00:00Z\"}\n\n");
  EXPECT_EQ(out.find("ARM"), std::string::npos);
}

TEST(LiveFeed, SubscribersAreWokenOnPublishAndClosedAtShutdown) {
  LiveFeed feed(nullptr);
  auto a = std::make_shared<Counting>(), b = std::make_shared<Counting>();
  feed.Subscribe(a);
  feed.Subscribe(b);
  feed.Publish(1, Line(1));
  feed.Unsubscribe(b.get());
  feed.Publish(2, Line(2));
  EXPECT_EQ(a->notified, 2);
  EXPECT_EQ(b->notified, 1);
  feed.CloseAll();
  EXPECT_EQ(a->closed, 1);
  EXPECT_EQ(b->closed, 0);
  auto late = std::make_shared<Counting>();
  feed.Subscribe(late);  // refused after shutdown
  feed.Publish(3, Line(3));
  EXPECT_EQ(late->notified, 0);
}

TEST(LiveFeed, ARepublishedEntryIsNotSentTwice) {
  LiveFeed feed(nullptr);
  feed.Publish(1, Line(1));
  feed.Publish(1, Line(1));
  std::string out;
  feed.Fetch(1, out, 1 << 20, false);
  EXPECT_EQ(out, SseFrame(1, Line(1)));
}

}  // namespace
TEST(LiveFeed, ClosesOnlyTheStreamsOfTheOwnersItIsToldTo) {
  LiveFeed feed({}, 8);
  auto a = std::make_shared<Counting>("revoked");
  auto b = std::make_shared<Counting>("live");
  feed.Subscribe(a);
  feed.Subscribe(b);
  feed.CloseIf([](const std::string& owner) { return owner == "revoked"; });
  EXPECT_EQ(a->closed, 1);
  EXPECT_EQ(b->closed, 0);
}

}  // namespace concord
