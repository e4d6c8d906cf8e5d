// The EventStore contract, run against every backend (memory, SQLite, PostgreSQL when
// CONCORD_TEST_PG_URL is set).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/event_store.h"
#include "store_backends.h"

namespace concord {
namespace {

using testing::Backend;
using testing::TestStorage;

// Entries with distinct content (the store does not check hashes; it keeps what it is given).
std::vector<StoredEntry> Entries(std::int64_t first, int n, const std::string& tag = "a") {
  std::vector<StoredEntry> out;
  for (int i = 0; i < n; ++i) {
    std::int64_t seq = first + i;
    std::string hash = Sha256Hex(tag + std::to_string(seq));
    out.push_back({seq, hash, R"({"event":{"n":)" + std::to_string(seq) + R"(,"tag":")" + tag +
                                  R"("},"hash":")" + hash + "\"}"});
  }
  return out;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    if (!storage_.Prepare(GetParam(), name)) GTEST_SKIP() << "CONCORD_TEST_PG_URL is not set";
    store_ = storage_.Open();
    ASSERT_NE(store_, nullptr);
  }
  TestStorage storage_;
  std::unique_ptr<EventStore> store_;
};

TEST_P(StoreTest, EmptyStoreHasGenesisHead) {
  Result<JournalHead> head = store_->Head();
  ASSERT_TRUE(head) << head.error().message;
  EXPECT_EQ(head->seq, 0);
  EXPECT_EQ(head->hash, kGenesisPrev);
  Result<std::vector<StoredEntry>> all = store_->Read(1, 100);
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->empty());
}

TEST_P(StoreTest, AppendReadHead) {
  std::vector<StoredEntry> first = Entries(1, 3);
  ASSERT_TRUE(store_->Append(0, first));
  std::vector<StoredEntry> second = Entries(4, 2);
  ASSERT_TRUE(store_->Append(3, second));
  Result<JournalHead> head = store_->Head();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->seq, 5);
  EXPECT_EQ(head->hash, second.back().hash);
  Result<std::vector<StoredEntry>> all = store_->Read(1, 100);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 5u);
  EXPECT_EQ((*all)[0], first[0]);
  EXPECT_EQ((*all)[4], second[1]);
  Result<std::vector<StoredEntry>> middle = store_->Read(2, 2);
  ASSERT_TRUE(middle);
  ASSERT_EQ(middle->size(), 2u);
  EXPECT_EQ((*middle)[0].seq, 2);
  EXPECT_EQ((*middle)[1].seq, 3);
  // Another handle (connection) sees the same journal.
  std::unique_ptr<EventStore> again = storage_.Open();
  EXPECT_EQ(again->Head()->hash, second.back().hash);
}

TEST_P(StoreTest, StaleExpectedHeadIsAConflictAndStoresNothing) {
  ASSERT_TRUE(store_->Append(0, Entries(1, 2)));
  Status s = store_->Append(1, Entries(2, 2, "b"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.error().message, "append: expected head seq 1, store is at 2");
  Status ahead = store_->Append(5, Entries(6, 1, "b"));
  ASSERT_FALSE(ahead);
  EXPECT_EQ(ahead.error().code, ErrorCode::kConflict);
  Result<std::vector<StoredEntry>> all = store_->Read(1, 100);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1], Entries(1, 2)[1]);
}

TEST_P(StoreTest, MisnumberedEntriesAreRejected) {
  std::vector<StoredEntry> gap = Entries(1, 3);
  gap[2].seq = 4;
  Status s = store_->Append(0, gap);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.error().message, "append: entry 2 has seq 4, expected 3");
  EXPECT_EQ(store_->Head()->seq, 0);
}

TEST_P(StoreTest, TwoWritersRaceOneWinsNoFork) {
  for (int round = 0; round < 20; ++round) {
    std::int64_t head = store_->Head()->seq;
    std::unique_ptr<EventStore> a = storage_.Open();
    std::unique_ptr<EventStore> b = storage_.Open();
    std::vector<StoredEntry> ea = Entries(head + 1, 3, "a");
    std::vector<StoredEntry> eb = Entries(head + 1, 2, "b");
    Status sa, sb;
    std::atomic<int> ready{0};
    std::thread ta([&] { ready++; while (ready < 2) {} sa = a->Append(head, ea); });
    std::thread tb([&] { ready++; while (ready < 2) {} sb = b->Append(head, eb); });
    ta.join();
    tb.join();
    ASSERT_NE(bool(sa), bool(sb)) << "exactly one writer must win (round " << round << ")";
    const Status& loser = sa ? sb : sa;
    EXPECT_EQ(loser.error().code, ErrorCode::kConflict) << loser.error().message;
    const std::vector<StoredEntry>& won = sa ? ea : eb;
    Result<std::vector<StoredEntry>> tail = store_->Read(head + 1, 100);
    ASSERT_TRUE(tail);
    EXPECT_EQ(*tail, won);  // the winner's batch whole, nothing of the loser's
  }
}

TEST_P(StoreTest, LargeBatchIsAtomic) {
  ASSERT_TRUE(store_->Append(0, Entries(1, 5000)));
  EXPECT_EQ(store_->Head()->seq, 5000);
  // A batch that collides part-way (its seq range starts at a taken seq) stores nothing.
  Status s = store_->Append(4999, Entries(5000, 5000, "b"));
  ASSERT_FALSE(s);
  EXPECT_EQ(store_->Head()->seq, 5000);
  Result<std::vector<StoredEntry>> last = store_->Read(5000, 10);
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ((*last)[0], Entries(5000, 1)[0]);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreTest,
                         ::testing::Values(Backend::kMemory, Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return testing::BackendName(param_info.param); });

TEST(OpenStoreTest, SchemesAndErrors) {
  Result<std::unique_ptr<EventStore>> memory = OpenStore("memory:");
  ASSERT_TRUE(memory);
  EXPECT_EQ((*memory)->url(), "memory:");
  Result<std::unique_ptr<EventStore>> bad = OpenStore("mysql://x");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message,
            "unknown store URL \"mysql://x\" (expected sqlite:PATH, postgresql://... or memory:)");
  Result<std::unique_ptr<EventStore>> nodir = OpenStore("sqlite:/nonexistent-dir/x/journal.db");
  ASSERT_FALSE(nodir);
  EXPECT_EQ(nodir.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(nodir.error().message.rfind("sqlite:/nonexistent-dir/x/journal.db: cannot open: ", 0), 0u)
      << nodir.error().message;
}

TEST(OpenStoreTest, PostgresDownIsUnavailable) {
  Result<std::unique_ptr<EventStore>> down =
      OpenStore("postgresql:///nodb?host=/nonexistent-socket-dir&connect_timeout=2");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(down.error().message.rfind("postgresql: cannot connect: ", 0), 0u) << down.error().message;
}

}  // namespace
}  // namespace concord
