// The ledger on a real SQLite journal: the engine in front of the writer. A put to decision and
// the decision.recorded it entails land together; a refused or malformed event stores nothing;
// listeners see every committed entry once, in order.
#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "support/run.h"

namespace concord::test {
namespace {

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = "sqlite:" + TempDir() + "/ledger.db";
    key_ = *SigningKey::FromSeedHex(std::string(64, '7'));
    ASSERT_TRUE(Ledger::Init(store_, ReadFile(Source("charters/csto.toml")), key_, "2024-01-01T00:00:00Z"));
    auto ledger = Ledger::Open(store_, key_);
    ASSERT_TRUE(ledger) << ledger.error().message;
    ledger_ = std::move(*ledger);
  }
  Result<LedgerAppend> Append(const std::string& event) { return ledger_->Append(event); }
  void Sitting() {
    ASSERT_TRUE(Append(R"({"type":"session.convened","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","body":"CSC","kind":"extraordinary"})"));
    for (const char* m : {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}) {
      ASSERT_TRUE(Append(std::string(R"({"type":"attendance.present","at":"2024-06-01T10:00:00+03:00","by":"secretariat","session":"s","member":")") + m + "\"}"));
    }
    ASSERT_TRUE(Append(R"({"type":"draft.tabled","at":"2024-06-01T10:01:00+03:00","by":"secretariat","session":"s","draft":"d","title":"t","kind":"decision","matter":"substantive"})"));
  }
  std::string store_;
  SigningKey key_ = *SigningKey::FromSeedHex(std::string(64, '7'));
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(LedgerTest, APutAndTheRecordItEntailsLandTogether) {
  Sitting();
  Result<LedgerAppend> put = Append(R"({"type":"draft.put_to_decision","at":"2024-06-01T10:02:00+03:00","by":"secretariat","draft":"d"})");
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

TEST_F(LedgerTest, ARefusedOrMalformedEventStoresNothing) {
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

TEST_F(LedgerTest, ListenersSeeEveryCommittedEntryOnceInOrder) {
  std::mutex mu;
  std::vector<std::int64_t> seen;
  ledger_->OnCommitted([&](std::int64_t seq, const std::string&) {
    std::lock_guard lock(mu);
    seen.push_back(seq);
  });
  const std::int64_t first = ledger_->View()->head_seq + 1;
  Sitting();
  ASSERT_TRUE(Append(R"({"type":"draft.put_to_decision","at":"2024-06-01T10:02:00+03:00","by":"secretariat","draft":"d"})"));
  std::lock_guard lock(mu);
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(ledger_->View()->head_seq - first + 1));
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], first + static_cast<std::int64_t>(i));
}

}  // namespace
}  // namespace concord::test
