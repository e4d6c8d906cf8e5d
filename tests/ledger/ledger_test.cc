// The ledger, the engine in front of the writer, on SQLite and on the in-memory store: a put to
// decision and the decision.recorded it entails land together; a refused or malformed event
// stores nothing; listeners see every committed entry once, in order; snapshots stay as they
// were published. On a store that fails on purpose: a failed commit rolls the engine back and
// stores neither the put nor its record.
#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "journal/key_registry.h"
#include "store/store_backends.h"
#include "support/run.h"

namespace concord::test {
namespace {

const char* kTabled = R"({"type":"draft.tabled","at":"2024-06-01T10:01:00+03:00","by":"secretariat","session":"s","draft":"d","title":"t","kind":"decision","matter":"substantive"})";
const char* kPut = R"({"type":"draft.put_to_decision","at":"2024-06-01T10:02:00+03:00","by":"secretariat","draft":"d"})";

std::string Present(const std::string& member) {
  return R"({"type":"attendance.present","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","member":")" +
         member + "\"}";
}

// A store whose appends fail while `down` is set, as a full disk or a lost database would.
class FailingStore final : public EventStore {
 public:
  explicit FailingStore(std::shared_ptr<std::atomic<bool>> down) : down_(std::move(down)) {}
  Result<JournalHead> Head() override { return inner_->Head(); }
  Status Append(std::int64_t expected, std::span<const StoredEntry> entries) override {
    if (*down_) return Fail(ErrorCode::kUnavailable, "memory: cannot commit: disk full");
    return inner_->Append(expected, entries);
  }
  Result<std::vector<StoredEntry>> Read(std::int64_t from, std::int64_t limit) override { return inner_->Read(from, limit); }
  const std::string& url() const override { return inner_->url(); }

 private:
  std::unique_ptr<EventStore> inner_ = *OpenStore("memory:");
  std::shared_ptr<std::atomic<bool>> down_;
};

enum class Backend { kSqlite, kMemory, kFailing };

class LedgerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::unique_ptr<EventStore> store;
    if (GetParam() == Backend::kSqlite) {
      store = *OpenStore("sqlite:" + TempDir() + "/ledger.db");
    } else if (GetParam() == Backend::kMemory) {
      store = *OpenStore("memory:");
    } else {
      store = std::make_unique<FailingStore>(down_);
    }
    ASSERT_TRUE(Ledger::Create(*store, ReadFile(Source("charters/csto.toml")), key_, "2024-01-01T00:00:00Z"));
    auto ledger = Ledger::Open(std::move(store), key_);
    ASSERT_TRUE(ledger) << ledger.error().message;
    ledger_ = std::move(*ledger);
  }
  Result<LedgerAppend> Append(const std::string& event) { return ledger_->Append(event); }
  void Sitting() {
    ASSERT_TRUE(Append(R"({"type":"session.convened","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","body":"CSC","kind":"extraordinary"})"));
    for (const char* m : {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}) ASSERT_TRUE(Append(Present(m)));
    ASSERT_TRUE(Append(kTabled));
  }
  std::shared_ptr<std::atomic<bool>> down_ = std::make_shared<std::atomic<bool>>(false);
  SigningKey key_ = *SigningKey::FromSeedHex(std::string(64, '7'));
  std::unique_ptr<Ledger> ledger_;
};

TEST_P(LedgerTest, APutAndTheRecordItEntailsLandTogether) {
  Sitting();
  Result<LedgerAppend> put = Append(kPut);
  ASSERT_TRUE(put) << put.error().message;
  EXPECT_EQ(put->recorded_seq, put->seq + 1);
  EXPECT_EQ(ledger_->View()->head_seq, put->recorded_seq);
  auto lines = ledger_->ReadLines(put->recorded_seq, 1);
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_NE((*lines)[0].find(R"("type":"decision.recorded")"), std::string::npos);
  EXPECT_EQ(ledger_->View()->state->decisions.at("d").outcome.status, DecisionStatus::kAdopted);
  EXPECT_TRUE(ledger_->View()->state->decisions.at("d").recorded);
}

TEST_P(LedgerTest, ARefusedOrMalformedEventStoresNothing) {
  Sitting();
  const std::int64_t head = ledger_->View()->head_seq;
  Result<LedgerAppend> late = Append(R"({"type":"position.taken","at":"2024-06-01T10:02:00+03:00","by":"UZB","draft":"d","member":"UZB","position":"support"})");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kRejected);
  EXPECT_EQ(late.error().message, "UZB is not a member of CSC");
  Result<LedgerAppend> broken = Append(R"({"type":"position.taken","at":"2024-06-01T10:02:00+03:00","draft":"d"})");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ledger_->View()->head_seq, head);
  auto lines = ledger_->ReadLines(head + 1, 10);
  ASSERT_TRUE(lines);
  EXPECT_TRUE(lines->empty());
}

TEST_P(LedgerTest, ListenersSeeEveryCommittedEntryOnceInOrder) {
  std::mutex mu;
  std::vector<std::int64_t> seen;
  ledger_->OnCommitted([&](std::int64_t seq, const std::string&) {
    std::lock_guard lock(mu);
    seen.push_back(seq);
  });
  const std::int64_t first = ledger_->View()->head_seq + 1;
  Sitting();
  ASSERT_TRUE(Append(kPut));
  std::lock_guard lock(mu);
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(ledger_->View()->head_seq - first + 1));
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], first + static_cast<std::int64_t>(i));
}

TEST_P(LedgerTest, APublishedSnapshotStaysAsItWasWhileTheRecordMovesOn) {
  Sitting();
  const std::shared_ptr<const LedgerView> before = ledger_->View();
  ASSERT_TRUE(Append(R"({"type":"position.taken","at":"2024-06-01T10:01:30+03:00","by":"secretariat","draft":"d","member":"ARM","position":"object"})"));
  ASSERT_TRUE(Append(kPut));
  const std::shared_ptr<const LedgerView> after = ledger_->View();
  EXPECT_TRUE(before->state->decisions.at("d").positions.empty());
  EXPECT_FALSE(before->state->decisions.at("d").decided);
  EXPECT_EQ(after->state->decisions.at("d").positions.size(), 1u);
  EXPECT_EQ(after->state->decisions.at("d").outcome.status, DecisionStatus::kNotAdopted);
  EXPECT_EQ(after->head_seq, before->head_seq + 3);  // the position, the put, its record
}

TEST_P(LedgerTest, ManyEventsArePipelinedAndStopAtTheFirstRefused) {
  Sitting();
  const std::vector<std::string> events = {
      R"({"type":"position.taken","at":"2024-06-01T10:01:10+03:00","by":"secretariat","draft":"d","member":"ARM","position":"support"})",
      R"({"type":"position.taken","at":"2024-06-01T10:01:20+03:00","by":"secretariat","draft":"d","member":"UZB","position":"support"})",
  };
  std::vector<std::string_view> views(events.begin(), events.end());
  Ledger::Many many = ledger_->AppendMany(views);
  ASSERT_EQ(many.appended.size(), 1u);
  ASSERT_TRUE(many.error);
  EXPECT_EQ(many.failed_at, 1u);
  EXPECT_EQ(many.error->code, ErrorCode::kRejected);
  EXPECT_EQ(ledger_->View()->head_seq, many.appended[0].seq);
}

// Adversarial finding: an event dated 9999-12-31 was accepted, and every later write failed with
// "time goes backwards", forever. Such an event is refused and the journal goes on.
TEST_P(LedgerTest, AnEventDatedInTheFutureIsRefusedAndTheJournalGoesOn) {
  Sitting();
  const std::int64_t head = ledger_->View()->head_seq;
  Result<LedgerAppend> future = Append(R"({"type":"position.taken","at":"9999-12-31T23:59:59Z","by":"secretariat","draft":"d","member":"ARM","position":"support"})");
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().code, ErrorCode::kRejected);
  EXPECT_NE(future.error().message.find("in the future"), std::string::npos) << future.error().message;
  EXPECT_EQ(ledger_->View()->head_seq, head);
  std::vector<std::string_view> many = {
      R"({"type":"position.taken","at":"9999-12-31T23:59:59Z","by":"secretariat","draft":"d","member":"ARM","position":"support"})"};
  EXPECT_EQ(ledger_->AppendMany(many).error->code, ErrorCode::kRejected);
  EXPECT_TRUE(Append(kPut)) << "a later write still lands";
}

// Adversarial finding: under concurrent writes a put was answered without its record, which a
// later write then made impossible ("time goes backwards"). The record is chained in the put's
// batch: whatever else commits, every put has its decision.recorded right after it.
TEST_P(LedgerTest, EveryPutHasItsRecordRightAfterItUnderConcurrentWrites) {
  ASSERT_TRUE(Append(R"({"type":"session.convened","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","body":"CSC","kind":"extraordinary"})"));
  for (const char* m : {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}) ASSERT_TRUE(Append(Present(m)));
  constexpr int kDrafts = 20;
  for (int i = 0; i < kDrafts; ++i) {
    ASSERT_TRUE(Append(R"({"type":"draft.tabled","at":"2024-06-01T10:01:00+03:00","by":"secretariat","session":"s","draft":"d)" +
                       std::to_string(i) + R"(","title":"t","kind":"decision","matter":"substantive"})"));
  }
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<LedgerAppend> puts;
  for (int i = 0; i < kDrafts; ++i) {
    threads.emplace_back([&, i] {
      // Positions from other writers race with the put (same time: neither goes back in time).
      (void)Append(R"({"type":"position.taken","at":"2024-06-01T10:02:00+03:00","by":"secretariat","draft":"d)" +
                   std::to_string((i + 1) % kDrafts) + R"(","member":"ARM","position":"support"})");
      Result<LedgerAppend> put = Append(R"({"type":"draft.put_to_decision","at":"2024-06-01T10:02:00+03:00","by":"secretariat","draft":"d)" +
                                        std::to_string(i) + R"("})");
      std::lock_guard lock(mu);
      if (put) puts.push_back(*put);
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_FALSE(puts.empty());
  for (const LedgerAppend& p : puts) {
    EXPECT_EQ(p.recorded_seq, p.seq + 1);
    auto lines = ledger_->ReadLines(p.recorded_seq, 1);
    ASSERT_TRUE(lines && lines->size() == 1u);
    EXPECT_NE((*lines)[0].find(R"("type":"decision.recorded")"), std::string::npos);
  }
}

// Adversarial finding: a key could be registered for a holder that is not a member, and verify
// accepted it. Only the secretariat's and members' keys are registered.
TEST_P(LedgerTest, AKeyIsRegisteredOnlyForTheSecretariatOrAMember) {
  const SigningKey stranger = *SigningKey::FromSeedHex(std::string(64, '3'));
  auto event = MakeKeyRegisteredEvent("2024-06-01T09:00:00Z", stranger.public_key(), "UZB");
  ASSERT_TRUE(event);
  Result<LedgerAppend> refused = Append(*event);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "key.registered: holder 'UZB' is neither the secretariat nor a member");
  auto member = MakeKeyRegisteredEvent("2024-06-01T09:00:00Z", stranger.public_key(), "ARM");
  EXPECT_TRUE(Append(*member));
}

INSTANTIATE_TEST_SUITE_P(Stores, LedgerTest, ::testing::Values(Backend::kSqlite, Backend::kMemory, Backend::kFailing),
                         [](const auto& p) {
                           return p.param == Backend::kSqlite ? "Sqlite" : p.param == Backend::kMemory ? "Memory" : "Failing";
                         });

using FailingLedgerTest = LedgerTest;

TEST_P(FailingLedgerTest, AFailedCommitStoresNeitherThePutNorItsRecordAndRollsTheEngineBack) {
  Sitting();
  std::mutex mu;
  std::vector<std::int64_t> seen;
  ledger_->OnCommitted([&](std::int64_t seq, const std::string&) {
    std::lock_guard lock(mu);
    seen.push_back(seq);
  });
  const std::shared_ptr<const LedgerView> before = ledger_->View();
  *down_ = true;
  Result<LedgerAppend> objection = Append(R"({"type":"position.taken","at":"2024-06-01T10:01:30+03:00","by":"secretariat","draft":"d","member":"ARM","position":"object"})");
  ASSERT_FALSE(objection);
  EXPECT_EQ(objection.error().code, ErrorCode::kUnavailable);
  Result<LedgerAppend> put = Append(kPut);
  ASSERT_FALSE(put);
  EXPECT_EQ(ledger_->View()->head_seq, before->head_seq);
  EXPECT_FALSE(ledger_->View()->state->decisions.at("d").decided);
  *down_ = false;
  // The objection never happened: the engine was rolled back, so the draft is adopted.
  Result<LedgerAppend> again = Append(kPut);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->seq, before->head_seq + 1);
  EXPECT_EQ(again->recorded_seq, again->seq + 1);
  EXPECT_EQ(ledger_->View()->state->decisions.at("d").outcome.status, DecisionStatus::kAdopted);
  EXPECT_TRUE(ledger_->View()->state->decisions.at("d").positions.empty());
  std::lock_guard lock(mu);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{again->seq, again->recorded_seq}));
}

INSTANTIATE_TEST_SUITE_P(Store, FailingLedgerTest, ::testing::Values(Backend::kFailing),
                         [](const auto&) { return "Failing"; });

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

// Two servers on one PostgreSQL database: each ledger writes, and each sees what the other
// wrote — in its state, its published view and its commit listeners (the live streams) — with
// no write of its own (LISTEN/NOTIFY), in the journal's order.
TEST(SharedLedger, TwoLedgersOnOneDatabaseSeeEachOthersWrites) {
  testing::TestStorage storage;
  if (!storage.Prepare(testing::Backend::kPostgres, "shared_ledger")) GTEST_SKIP() << "CONCORD_TEST_PG_URL is not set";
  const std::string url = storage.url();
  SigningKey key = *SigningKey::FromSeedHex(std::string(64, '7'));
  std::unique_ptr<EventStore> fresh = storage.Open();
  ASSERT_TRUE(fresh);
  ASSERT_TRUE(Ledger::Create(*fresh, ReadFile(Source("charters/csto.toml")), key, "2024-01-01T00:00:00Z"));
  auto a = Ledger::Open(url, key);
  auto b = Ledger::Open(url, key);
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  std::mutex mu;
  std::vector<std::int64_t> heard_by_b;
  (*b)->OnCommitted([&](std::int64_t seq, const std::string&) {
    std::lock_guard lock(mu);
    heard_by_b.push_back(seq);
  });
  ASSERT_TRUE((*a)->Append(R"({"type":"session.convened","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","body":"CSC","kind":"extraordinary"})"));
  // b learns of it without writing.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((*b)->View()->head_seq < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ((*b)->View()->head_seq, 2);
  EXPECT_EQ((*b)->View()->state->sessions.count("s"), 1u);
  // Both write at once; neither is refused, and each ends with the whole journal.
  std::thread ta([&] {
    for (const char* m : {"ARM", "BLR", "KAZ"}) ASSERT_TRUE((*a)->Append(std::string(R"({"type":"attendance.present","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","member":")") + m + "\"}"));
  });
  std::thread tb([&] {
    for (const char* m : {"KGZ", "RUS", "TJK"}) ASSERT_TRUE((*b)->Append(std::string(R"({"type":"attendance.present","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","member":")") + m + "\"}"));
  });
  ta.join();
  tb.join();
  while (((*a)->View()->head_seq < 8 || (*b)->View()->head_seq < 8) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ((*a)->View()->head_seq, 8);
  EXPECT_EQ((*b)->View()->head_seq, 8);
  EXPECT_EQ((*a)->View()->state->sessions.at("s").attendance.size(), 6u);
  EXPECT_EQ((*b)->View()->state->sessions.at("s").attendance.size(), 6u);
  std::lock_guard lock(mu);
  ASSERT_EQ(heard_by_b.size(), 7u);  // entries 2..8, each once, in order
  for (std::size_t i = 0; i < heard_by_b.size(); ++i) EXPECT_EQ(heard_by_b[i], static_cast<std::int64_t>(i + 2));
}

}  // namespace
}  // namespace concord::test

namespace concord::test {
namespace {

// Review finding (several writers): an event stamped with the server's clock at receipt could
// commit behind a later-stamped event (another server's, or another thread's) and be refused as
// "time goes backwards". It takes the latest time instead (re-signed); an event whose time the
// caller gave is still refused.
TEST(SharedLedger, AServerStampedEventBehindALaterOneIsMovedForwardNotRefused) {
  std::unique_ptr<EventStore> store = NewMemoryStore();
  SigningKey key = *SigningKey::FromSeedHex(std::string(64, '7'));
  ASSERT_TRUE(Ledger::Create(*store, ReadFile(Source("charters/csto.toml")), key, "2024-01-01T00:00:00Z"));
  auto opened = Ledger::Open(std::move(store), key);
  ASSERT_TRUE(opened);
  Ledger& ledger = **opened;
  ASSERT_TRUE(ledger.Append(R"({"type":"session.convened","at":"2024-06-01T10:00:05+03:00","by":"secretariat","session":"s","body":"CSC","kind":"extraordinary"})"));
  const boost::json::object late = boost::json::parse(
      R"({"type":"attendance.present","at":"2024-06-01T10:00:01+03:00","by":"secretariat","session":"s","member":"ARM"})").as_object();
  Result<LedgerAppend> stamped = ledger.Append(late, Ledger::AppendOptions{"", "", /*server_time=*/true});
  ASSERT_TRUE(stamped) << stamped.error().message;
  auto line = ledger.ReadLines(stamped->seq, 1);
  ASSERT_TRUE(line && line->size() == 1);
  EXPECT_NE((*line)[0].find(R"("at":"2024-06-01T10:00:05+03:00")"), std::string::npos) << (*line)[0];
  const boost::json::object given = boost::json::parse(
      R"({"type":"attendance.present","at":"2024-06-01T10:00:01+03:00","by":"secretariat","session":"s","member":"BLR"})").as_object();
  Result<LedgerAppend> refused = ledger.Append(given, Ledger::AppendOptions{});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("time goes backwards"), std::string::npos);
}

}  // namespace
}  // namespace concord::test
