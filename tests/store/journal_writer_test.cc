// Group commit: many submitters, one committing thread, one durable append per batch.
#include "store/journal_writer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>
#include <utility>

#include "journal/key_registry.h"
#include "journal/verifier.h"
#include "store_backends.h"

namespace concord {
namespace {

namespace json = boost::json;
using testing::Backend;
using testing::TestStorage;

SigningKey KeyFromByte(char b) { return *SigningKey::FromSeed(std::string(32, b)); }

json::object Parse(const std::string& text) { return json::parse(text).as_object(); }

json::object Position(const std::string& member, int n) {
  return json::object{{"type", "position.taken"}, {"by", member}, {"member", member},
                      {"draft", "d" + std::to_string(n)}, {"position", "support"}};
}

// These tests count entries exactly: no checkpoints (WriterCheckpoints tests those).
JournalWriterOptions NoCheckpoints() {
  JournalWriterOptions o;
  o.checkpoints = false;
  return o;
}

// Records what the writer tells it; rejects events whose draft is "bad".
class RecordingValidator : public EventValidator {
 public:
  Status Validate(const json::object& event, std::int64_t seq) override {
    std::lock_guard lock(mu);
    EXPECT_EQ(seq, next_seq) << "validated out of order";
    if (const json::value* d = event.if_contains("draft"); d && d->as_string() == "bad") {
      return Fail(ErrorCode::kInvalidArgument, "draft bad is not tabled");
    }
    ++next_seq;
    return {};
  }
  void Committed(std::span<const StoredEntry> entries) override {
    std::lock_guard lock(mu);
    ++commits;
    EXPECT_FALSE(entries.empty());
    EXPECT_EQ(entries.front().seq, durable + 1) << "a batch starts right after the last";
    const std::int64_t last_seq = entries.back().seq;
    durable = last_seq;
    EXPECT_EQ(last_seq + 1, next_seq);
  }
  void Failed(std::int64_t durable_seq) override {
    std::lock_guard lock(mu);
    ++failures;
    next_seq = durable_seq + 1;  // roll back the provisional state
  }
  std::mutex mu;
  std::int64_t next_seq = 1;
  std::int64_t durable = 0;
  int commits = 0;
  int failures = 0;
};

VerifyReport VerifyStore(EventStore& store) {
  Result<std::vector<StoredEntry>> all = store.Read(1, 1 << 30);
  EXPECT_TRUE(all);
  std::vector<std::string> lines;
  for (const StoredEntry& e : *all) lines.push_back(e.line);
  return VerifyJournal(lines);
}

class WriterTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    if (!storage_.Prepare(GetParam(), "w_" + name)) GTEST_SKIP() << "CONCORD_TEST_PG_URL is not set";
    store_ = storage_.Open();
    ASSERT_NE(store_, nullptr);
  }
  std::unique_ptr<JournalWriter> OpenWriter(EventValidator* validator = nullptr) {
    Result<std::unique_ptr<JournalWriter>> w = JournalWriter::Open(*store_, server_, validator, NoCheckpoints());
    EXPECT_TRUE(w) << w.error().message;
    return w ? std::move(*w) : nullptr;
  }
  void Genesis(JournalWriter& w) {
    Result<Appended> r = w.Append(Parse(*MakeJournalCreatedEvent(
        "2024-01-01T00:00:00Z", "name = \"t\"\n", server_.public_key())));
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->seq, 1);
  }
  TestStorage storage_;
  std::unique_ptr<EventStore> store_;
  SigningKey server_ = KeyFromByte('s');
};

TEST_P(WriterTest, ManyThreadsGroupCommitIntoOneVerifiableChain) {
  RecordingValidator validator;
  std::unique_ptr<JournalWriter> w = OpenWriter(&validator);
  Genesis(*w);
  constexpr int kThreads = 32;
  constexpr int kEach = 20;
  std::vector<std::vector<Result<Appended>>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        results[t].push_back(w->Append(Position("ARM", t * 1000 + i)));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<std::int64_t> seqs;
  for (const auto& per_thread : results) {
    for (const Result<Appended>& r : per_thread) {
      ASSERT_TRUE(r) << r.error().message;
      seqs.insert(r->seq);
    }
  }
  EXPECT_EQ(seqs.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*seqs.begin(), 2);
  EXPECT_EQ(*seqs.rbegin(), 1 + kThreads * kEach);
  // Batches form while a commit waits for the disk; the memory store commits in microseconds, so
  // there a waiting thread may well find the queue empty every time (the leader/follower writer
  // commits each lone event at once). Only a durable store must show batching.
  if (GetParam() != Backend::kMemory) {
    EXPECT_LT(validator.commits, 1 + kThreads * kEach) << "no batch held more than one event";
  }
  EXPECT_EQ(validator.durable, 1 + kThreads * kEach);
  VerifyReport report = VerifyStore(*store_);
  ASSERT_TRUE(report.ok()) << report.failure->reason;
  EXPECT_EQ(report.head, w->head());
  EXPECT_EQ(report.head, *store_->Head());
}

// A validator whose "put" events entail a follow-up (as a put to decision entails its
// decision.recorded); a follow-up marked "refuse" is refused when validated.
class EntailingValidator : public RecordingValidator {
 public:
  Status Validate(const json::object& event, std::int64_t seq) override {
    if (const json::value* d = event.if_contains("draft"); d && d->as_string() == "refuse") {
      return Fail(ErrorCode::kRejected, "the follow-up does not match");
    }
    if (Status s = RecordingValidator::Validate(event, seq); !s) return s;
    if (const json::value* d = event.if_contains("draft"); d && (d->as_string() == "put" || d->as_string() == "put-bad")) {
      json::object follow = event;
      follow["draft"] = d->as_string() == "put" ? "recorded" : "refuse";
      pending.push_back(std::move(follow));
    }
    return {};
  }
  std::vector<json::object> TakeFollowUps() override { return std::exchange(pending, {}); }
  std::vector<json::object> pending;
};

// The put and what it entails are chained together in one batch, or not at all.
TEST_P(WriterTest, FollowUpsAreChainedInTheSameBatch) {
  EntailingValidator validator;
  std::unique_ptr<JournalWriter> w = OpenWriter(&validator);
  Genesis(*w);
  json::object put = Position("ARM", 1);
  put["draft"] = "put";
  Result<Appended> r = w->Append(put);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->seq, 2);
  EXPECT_EQ(r->follow_up_seq, 3);  // right after it
  EXPECT_EQ(validator.durable, 3);
  Result<Appended> plain = w->Append(Position("ARM", 2));
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->seq, 4);
  EXPECT_EQ(plain->follow_up_seq, 0);
  // A follow-up refused: nothing of the batch is stored, and the head does not move.
  json::object bad = Position("ARM", 3);
  bad["draft"] = "put-bad";
  Result<Appended> refused = w->Append(bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(w->head().seq, 4);
  EXPECT_EQ(store_->Head()->seq, 4);
  VerifyReport report = VerifyStore(*store_);
  ASSERT_TRUE(report.ok()) << report.failure->reason;
}

TEST_P(WriterTest, ValidatorRejectsOneEventWithoutFailingOthers) {
  RecordingValidator validator;
  std::unique_ptr<JournalWriter> w = OpenWriter(&validator);
  Genesis(*w);
  json::object bad = Position("ARM", 0);
  bad["draft"] = "bad";
  std::future<Result<Appended>> f1 = w->Submit(Position("ARM", 1));
  std::future<Result<Appended>> f2 = w->Submit(bad);
  std::future<Result<Appended>> f3 = w->Submit(Position("ARM", 3));
  Result<Appended> r1 = f1.get(), r2 = f2.get(), r3 = f3.get();
  ASSERT_TRUE(r1);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r2.error().message, "draft bad is not tabled");
  ASSERT_TRUE(r3);
  EXPECT_EQ(r1->seq, 2);
  EXPECT_EQ(r3->seq, 3);
  EXPECT_TRUE(VerifyStore(*store_).ok());
}

TEST_P(WriterTest, PresignedEventsFromDelegations) {
  std::unique_ptr<JournalWriter> w = OpenWriter();
  Genesis(*w);
  SigningKey arm = KeyFromByte('a');
  ASSERT_TRUE(w->Append(Parse(*MakeKeyRegisteredEvent("2024-01-01T00:00:01Z", arm.public_key(), "ARM"))));
  // Signed offline by ARM, before anyone knew its seq.
  Result<SignedEvent> mine = SignEvent(Position("ARM", 1), arm);
  Result<Appended> ok = w->SubmitSigned(*mine).get();
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->seq, 3);
  // ARM's key cannot act for BLR.
  Result<Appended> foreign = w->SubmitSigned(*SignEvent(Position("BLR", 2), arm)).get();
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(foreign.error().message, "key " + arm.Id() + " of ARM may not sign an event by BLR");
  // A tampered event no longer matches its signature.
  SignedEvent tampered = *mine;
  tampered.event_json = R"({"by":"ARM","draft":"d1","member":"ARM","position":"object","type":"position.taken"})";
  Result<Appended> forged = w->SubmitSigned(tampered).get();
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().message, "bad signature by key " + arm.Id());
  // Not canonical: refused before queueing.
  SignedEvent spaced = *mine;
  spaced.event_json = "{ }";
  EXPECT_EQ(w->SubmitSigned(spaced).get().error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(VerifyStore(*store_).ok());
}

TEST_P(WriterTest, FirstEventMustCreateTheJournal) {
  std::unique_ptr<JournalWriter> w = OpenWriter();
  Result<Appended> r = w->Append(Position("ARM", 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the first entry must be journal.created");
  EXPECT_EQ(store_->Head()->seq, 0);
}

TEST_P(WriterTest, ReopenedWriterContinuesTheChain) {
  SigningKey arm = KeyFromByte('a');
  {
    std::unique_ptr<JournalWriter> w = OpenWriter();
    Genesis(*w);
    ASSERT_TRUE(w->Append(Parse(*MakeKeyRegisteredEvent("2024-01-01T00:00:01Z", arm.public_key(), "ARM"))));
  }
  std::unique_ptr<JournalWriter> w = OpenWriter();
  EXPECT_EQ(w->head().seq, 2);
  Result<Appended> r = w->SubmitSigned(*SignEvent(Position("ARM", 1), arm)).get();  // key known
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->seq, 3);
  EXPECT_TRUE(VerifyStore(*store_).ok());
}

TEST_P(WriterTest, SurvivesALostDatabaseConnection) {
  if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  std::unique_ptr<JournalWriter> w = OpenWriter();
  Genesis(*w);
  // Kill every other session of this database: the store's connection goes stale.
  PGconn* admin = PQconnectdb(testing::PgUrlFromEnv());
  PQclear(PQexec(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE pid <> pg_backend_pid() AND datname = current_database()"));
  PQfinish(admin);
  Result<Appended> r = w->Append(Position("ARM", 1));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->seq, 2);
  EXPECT_TRUE(VerifyStore(*store_).ok());
}

INSTANTIATE_TEST_SUITE_P(Stores, WriterTest,
                         ::testing::Values(Backend::kMemory, Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return testing::BackendName(param_info.param); });

// A store whose appends fail while `down` is set, as a full disk or a lost database would.
class FlakyStore final : public EventStore {
 public:
  Result<JournalHead> Head() override { return inner->Head(); }
  Status Append(std::int64_t e, std::span<const StoredEntry> entries) override {
    if (down) return Fail(ErrorCode::kUnavailable, "sqlite:x: cannot commit: disk full");
    return inner->Append(e, entries);
  }
  Result<std::vector<StoredEntry>> Read(std::int64_t f, std::int64_t l) override {
    return inner->Read(f, l);
  }
  const std::string& url() const override { return inner->url(); }
  std::unique_ptr<EventStore> inner = NewMemoryStore();
  std::atomic<bool> down{false};
};

TEST(WriterFailureTest, FailedCommitFailsTheBatchRollsBackAndRecovers) {
  FlakyStore store;
  RecordingValidator validator;
  SigningKey server = KeyFromByte('s');
  std::unique_ptr<JournalWriter> w = *JournalWriter::Open(store, server, &validator, NoCheckpoints());
  ASSERT_TRUE(w->Append(Parse(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", server.public_key()))));
  store.down = true;
  std::vector<std::future<Result<Appended>>> during;
  for (int i = 0; i < 10; ++i) during.push_back(w->Submit(Position("ARM", i)));
  for (auto& f : during) {
    Result<Appended> r = f.get();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(r.error().message, "sqlite:x: cannot commit: disk full");
  }
  EXPECT_GE(validator.failures, 1);
  EXPECT_EQ(w->head().seq, 1);
  store.down = false;
  Result<Appended> after = w->Append(Position("ARM", 99));
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->seq, 2);
  EXPECT_TRUE(VerifyStore(store).ok());
}

// Two writers on one store (two servers on one database): the one that finds the head moved
// reads the other's entries (checking them as at open), folds them in, and appends after them;
// the store never forks and nothing is refused for it.
TEST(WriterFailureTest, AnotherWriterMovingTheHeadIsCaughtUpNotAFork) {
  std::shared_ptr<EventStore> shared(NewMemoryStore());
  testing::SharedHandle h1(shared), h2(shared);
  SigningKey server = KeyFromByte('s');
  std::unique_ptr<JournalWriter> w1 = *JournalWriter::Open(h1, server, nullptr, NoCheckpoints());
  ASSERT_TRUE(w1->Append(Parse(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", server.public_key()))));
  std::unique_ptr<JournalWriter> w2 = *JournalWriter::Open(h2, server, nullptr, NoCheckpoints());
  ASSERT_TRUE(w2->Append(Position("ARM", 1)));  // seq 2, unknown to w1
  Result<Appended> after = w1->Append(Position("ARM", 2));
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->seq, 3);
  EXPECT_EQ(w1->head().seq, 3);
  EXPECT_TRUE(VerifyStore(*shared).ok());
}

// A forged entry slipped in by another writer is not folded in: the append fails as corrupt.
TEST(WriterFailureTest, AForeignEntryThatDoesNotVerifyIsRefused) {
  std::shared_ptr<EventStore> shared(NewMemoryStore());
  testing::SharedHandle h1(shared);
  SigningKey server = KeyFromByte('s');
  std::unique_ptr<JournalWriter> w1 = *JournalWriter::Open(h1, server, nullptr, NoCheckpoints());
  ASSERT_TRUE(w1->Append(Parse(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", server.public_key()))));
  // An entry chained correctly but signed by a key the journal never registered.
  SigningKey stranger = KeyFromByte('x');
  const JournalHead head = *shared->Head();
  Entry forged = ChainEntry(2, head.hash, *SignEvent(Position("ARM", 1), stranger));
  const StoredEntry stored = ToStored(forged);
  ASSERT_TRUE(shared->Append(1, std::span<const StoredEntry>(&stored, 1)));
  Result<Appended> r = w1->Append(Position("ARM", 2));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kCorruption) << r.error().message;
  EXPECT_EQ(shared->Head()->seq, 2);  // nothing signed on top of it
}

}  // namespace
// Adversarial finding: nothing ever wrote a journal.checkpoint, so deleting entries and
// re-chaining the rest went unnoticed. The writer signs one every `checkpoint_every` entries and
// when it closes; each names its own seq and the hash before it.
TEST(WriterCheckpoints, AreSignedEveryNEntriesAndAtClose) {
  std::unique_ptr<EventStore> store = NewMemoryStore();
  SigningKey server = KeyFromByte('s');
  JournalWriterOptions options;
  options.checkpoint_every = 10;
  {
    std::unique_ptr<JournalWriter> w = *JournalWriter::Open(*store, server, nullptr, options);
    ASSERT_TRUE(w->Append(Parse(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", server.public_key()))));
    for (int i = 0; i < 24; ++i) ASSERT_TRUE(w->Append(Position("ARM", i)));
  }  // closing adds the last one
  auto entries = store->Read(1, 1000);
  ASSERT_TRUE(entries);
  std::vector<std::int64_t> checkpoints;
  for (const StoredEntry& e : *entries) {
    if (e.line.find(R"("type":"journal.checkpoint")") != std::string::npos) checkpoints.push_back(e.seq);
  }
  EXPECT_EQ(checkpoints, (std::vector<std::int64_t>{11, 22, 28}));
  EXPECT_TRUE(VerifyStore(*store).ok());
}

}  // namespace concord

namespace concord {
namespace {

std::vector<std::int64_t> CheckpointSeqs(EventStore& store) {
  std::vector<std::int64_t> out;
  auto entries = store.Read(1, 1000);
  if (!entries) return out;
  for (const StoredEntry& e : *entries) {
    if (e.line.find(R"("type":"journal.checkpoint")") != std::string::npos) out.push_back(e.seq);
  }
  return out;
}

}  // namespace

// A quiet journal's last entries are signed too: a checkpoint comes `checkpoint_after` after the
// first unsigned entry, without another write or a close.
TEST(WriterCheckpoints, AreSignedAfterAQuietSpell) {
  std::unique_ptr<EventStore> store = NewMemoryStore();
  SigningKey server = KeyFromByte('s');
  JournalWriterOptions options;
  options.checkpoint_every = 1000;
  options.checkpoint_after = std::chrono::milliseconds(50);
  std::unique_ptr<JournalWriter> w = *JournalWriter::Open(*store, server, nullptr, options);
  ASSERT_TRUE(w->Append(Parse(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", server.public_key()))));
  ASSERT_TRUE(w->Append(Position("ARM", 1)));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (w->head().seq < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(CheckpointSeqs(*store), (std::vector<std::int64_t>{3}));
  // Nothing new: no more checkpoints however long it stays quiet.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(w->head().seq, 3);
  // The next write starts the clock again.
  ASSERT_TRUE(w->Append(Position("ARM", 2)));
  while (w->head().seq < 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(CheckpointSeqs(*store), (std::vector<std::int64_t>{3, 5}));
  EXPECT_TRUE(VerifyStore(*store).ok());
}

}  // namespace concord
