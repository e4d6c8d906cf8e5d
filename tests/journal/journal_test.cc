// Entries, chaining, the key registry and verification, including tamper detection.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "journal/canonical_json.h"
#include "journal/entry.h"
#include "journal/key_registry.h"
#include "journal/verifier.h"

namespace concord {
namespace {

namespace json = boost::json;

SigningKey KeyFromByte(char b) { return *SigningKey::FromSeed(std::string(32, b)); }

// Builds a journal entry by entry, the way the writer does.
class Builder {
 public:
  Builder() : secretariat_(KeyFromByte('s')) {
    AddCanonical(*MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "name = \"test\"\n",
                                          secretariat_.public_key()),
                 secretariat_);
  }
  const SigningKey& secretariat() const { return secretariat_; }

  void AddCanonical(const std::string& event_json, const SigningKey& key) {
    AddSigned(SignCanonicalEvent(event_json, key));
  }
  void AddSigned(const SignedEvent& signed_event) {
    Entry e = ChainEntry(head_.seq + 1, head_.hash, signed_event);
    head_ = {e.seq, e.hash};
    lines.push_back(e.line);
  }
  void Add(const json::object& event, const SigningKey& key) {
    AddSigned(*SignEvent(event, key));
  }
  void Register(const SigningKey& key, std::string_view holder) {
    AddCanonical(*MakeKeyRegisteredEvent("2024-01-01T00:00:01Z", key.public_key(), holder),
                 secretariat_);
  }
  void Position(std::string_view member, const SigningKey& key) {
    Add(json::object{{"type", "position.taken"},
                     {"at", "2024-01-02T10:00:00+03:00"},
                     {"by", member},
                     {"member", member},
                     {"draft", "d1"},
                     {"position", "support"}},
        key);
  }
  JournalHead head() const { return head_; }

  std::vector<std::string> lines;

 private:
  SigningKey secretariat_;
  JournalHead head_;
};

// Re-chains lines[from..] after an edit: recomputes prev and hash, keeps events and signatures,
// as a forger without the keys would.
void Rechain(std::vector<std::string>& lines, std::size_t from) {
  std::string prev = from == 0 ? std::string(kGenesisPrev) : ParseEntryLine(lines[from - 1])->hash;
  for (std::size_t i = from; i < lines.size(); ++i) {
    Result<Entry> e = ParseEntryLine(lines[i]);
    ASSERT_TRUE(e) << e.error().message;
    Entry again = ChainEntry(static_cast<std::int64_t>(i) + 1, prev,
                             SignedEvent{e->event_json, e->key_id, e->sig});
    lines[i] = again.line;
    prev = again.hash;
  }
}

void ExpectFailure(const std::vector<std::string>& lines, std::int64_t seq,
                   const std::string& reason) {
  VerifyReport report = VerifyJournal(lines);
  ASSERT_FALSE(report.ok()) << "journal verified but should fail at seq " << seq;
  EXPECT_EQ(report.failure->seq, seq);
  EXPECT_EQ(report.failure->reason, reason);
  EXPECT_EQ(report.head.seq, seq - 1);
}

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    b.Register(arm, "ARM");  // seq 2
    b.Register(blr, "BLR");  // seq 3
    b.Position("ARM", arm);  // seq 4
    b.Position("BLR", blr);  // seq 5
    b.Position("KAZ", b.secretariat());  // seq 6: the secretariat records for anyone
  }
  SigningKey arm = KeyFromByte('a');
  SigningKey blr = KeyFromByte('b');
  Builder b;
};

TEST(EntryTest, ChainEntryProducesCanonicalLineWithHashAndSignature) {
  SigningKey key = KeyFromByte('k');
  json::object event{{"type", "draft.tabled"}, {"draft", "d1"}, {"at", "2024-01-01T00:00:00Z"}};
  Result<SignedEvent> signed_event = SignEvent(event, key);
  ASSERT_TRUE(signed_event);
  EXPECT_EQ(signed_event->event_json,
            R"({"at":"2024-01-01T00:00:00Z","draft":"d1","type":"draft.tabled"})");
  EXPECT_EQ(signed_event->key_id, key.Id());
  EXPECT_TRUE(CheckSignature(*signed_event, key.public_key()));
  EXPECT_FALSE(CheckSignature(*signed_event, KeyFromByte('x').public_key()));

  Entry e = ChainEntry(7, std::string(64, 'a'), *signed_event);
  EXPECT_EQ(e.hash, Sha256Hex(R"({"event":{"at":"2024-01-01T00:00:00Z","draft":"d1","type":"draft.tabled"},"key":")" +
                              key.Id() + R"(","prev":")" + std::string(64, 'a') +
                              R"(","seq":7,"sig":")" + signed_event->sig + R"("})"));
  Result<json::value> line = ParseCanonicalJson(e.line);
  ASSERT_TRUE(line) << line.error().message;
  EXPECT_EQ(line->at("hash").as_string(), e.hash);
  EXPECT_EQ(line->at("seq").as_int64(), 7);

  Result<Entry> parsed = ParseEntryLine(e.line);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->event_json, e.event_json);
  EXPECT_EQ(parsed->seq, 7);
  EXPECT_EQ(parsed->prev, e.prev);
  EXPECT_EQ(parsed->key_id, e.key_id);
  EXPECT_EQ(parsed->sig, e.sig);
  EXPECT_EQ(parsed->hash, e.hash);
}

TEST(EntryTest, ParseEntryLineRejectsBadShapes) {
  Result<Entry> spaced = ParseEntryLine(R"({"event": {}})");
  ASSERT_FALSE(spaced);
  EXPECT_EQ(spaced.error().code, ErrorCode::kCorruption);
  EXPECT_EQ(ParseEntryLine(R"({"event":{}})").error().message,
            "entry: fields must be exactly event, hash, key, prev, seq, sig");
  std::string z64(64, '0');
  std::string good_tail = R"(,"key":"0123456789abcdef","prev":")" + z64 + R"(","seq":1,"sig":")" +
                          std::string(128, 'f') + R"("})";
  EXPECT_TRUE(ParseEntryLine(R"({"event":{},"hash":")" + z64 + "\"" + good_tail));
  EXPECT_EQ(ParseEntryLine(R"({"event":{},"hash":")" + std::string(64, 'A') + "\"" + good_tail)
                .error()
                .message,
            "entry: field \"hash\" must be 64 lowercase hex chars");
  EXPECT_EQ(ParseEntryLine(R"({"event":[],"hash":")" + z64 + "\"" + good_tail).error().message,
            "entry: field \"event\" must be a JSON object");
}

TEST_F(JournalTest, HonestJournalVerifies) {
  VerifyReport report = VerifyJournal(b.lines);
  ASSERT_TRUE(report.ok()) << report.failure->reason;
  EXPECT_EQ(report.entries, 6);
  EXPECT_EQ(report.head, b.head());
}

TEST_F(JournalTest, ChangedByteInPayloadIsFoundAtItsSeq) {
  std::vector<std::string> lines = b.lines;
  std::size_t at = lines[4].find("support");
  ASSERT_NE(at, std::string::npos);
  lines[4][at] = 'S';  // "Support": still canonical JSON
  ExpectFailure(lines, 5, "hash does not match the entry's content");
  // A forger who also recomputes every hash after it still fails on the signature.
  Rechain(lines, 4);
  ExpectFailure(lines, 5, "bad signature by key " + blr.Id());
}

TEST_F(JournalTest, DeletedEntryIsFoundAtItsSeq) {
  std::vector<std::string> lines = b.lines;
  lines.erase(lines.begin() + 3);  // seq 4
  ExpectFailure(lines, 4, "expected seq 4, found seq 5 (entries missing or out of order)");
  Rechain(lines, 3);  // renumbered and rehashed: the chain is whole, the signatures still hold
  // ...so deletion must be caught by the chain ending: seq 4 now holds BLR's event, which is
  // genuine. The journal verifies up to a shorter head; a stored head or an export's last hash
  // (published elsewhere) is what shows the gap.
  VerifyReport report = VerifyJournal(lines);
  EXPECT_TRUE(report.ok());
  EXPECT_NE(report.head.hash, b.head().hash);
}

TEST_F(JournalTest, CheckpointCatchesADeletionHiddenByRechaining) {
  b.AddCanonical(*MakeCheckpointEvent("2024-01-03T00:00:00Z", b.head().seq + 1, b.head().hash), b.secretariat());
  ASSERT_TRUE(VerifyJournal(b.lines).ok());
  std::vector<std::string> lines = b.lines;
  lines.erase(lines.begin() + 3);  // seq 4
  Rechain(lines, 3);
  // The checkpoint names its own place (7): after a deletion it stands at 6, and says so.
  ExpectFailure(lines, 6, "journal.checkpoint: field \"seq\" must be its own place in the journal (6)");
  // Only the secretariat may checkpoint.
  b.AddCanonical(*MakeCheckpointEvent("2024-01-03T00:00:00Z", b.head().seq + 1, b.head().hash), arm);
  ExpectFailure(b.lines, 8, "journal.checkpoint must be signed by a secretariat key, not by key " +
                                arm.Id() + " of ARM");
}

TEST_F(JournalTest, ReorderedPairIsFoundAtTheFirstOfThem) {
  std::vector<std::string> lines = b.lines;
  std::swap(lines[3], lines[4]);
  ExpectFailure(lines, 4, "expected seq 4, found seq 5 (entries missing or out of order)");
}

TEST_F(JournalTest, BrokenPrevLinkIsFound) {
  std::vector<std::string> lines = b.lines;
  Result<Entry> e = ParseEntryLine(lines[4]);
  lines[4] = ChainEntry(5, std::string(64, '1'), SignedEvent{e->event_json, e->key_id, e->sig}).line;
  ExpectFailure(lines, 5, "prev does not match the hash of entry 4");
}

TEST_F(JournalTest, ReplayedSignatureFromAnotherEntryIsFound) {
  std::vector<std::string> lines = b.lines;
  Result<Entry> donor = ParseEntryLine(lines[3]);   // ARM's signed position at seq 4
  Result<Entry> victim = ParseEntryLine(lines[4]);  // BLR's position at seq 5
  // The donor's key and signature on the victim's event:
  lines[4] = ChainEntry(5, donor->hash, SignedEvent{victim->event_json, donor->key_id, donor->sig}).line;
  Rechain(lines, 5);
  ExpectFailure(lines, 5, "bad signature by key " + arm.Id());
}

TEST_F(JournalTest, EventSignedWithAnotherMembersKeyIsRejected) {
  b.Position("ARM", blr);  // seq 7: BLR's key signs an event by ARM
  ExpectFailure(b.lines, 7, "key " + blr.Id() + " of BLR may not sign an event by ARM");
}

// Adversarial finding: a member's key could sign member.suspended for another member, which the
// server refuses a delegation; `verify` accepted it. The journal applies the server's rule.
TEST_F(JournalTest, AMemberKeySignsOnlyWhatTheDelegationMayRecord) {
  b.Add(json::object{{"type", "member.suspended"}, {"at", "2024-01-03T10:00:00+03:00"}, {"by", "ARM"},
                     {"member", "BLR"}},
        arm);
  ExpectFailure(b.lines, 7,
                "key " + arm.Id() + " of ARM: a delegation may not record member.suspended (the secretariat does)");
}

TEST_F(JournalTest, AMemberKeyActsOnlyForItsOwnMember) {
  b.Add(json::object{{"type", "position.taken"}, {"at", "2024-01-03T10:00:00+03:00"}, {"by", "ARM"},
                     {"member", "BLR"}, {"draft", "d1"}, {"position", "object"}},
        arm);
  ExpectFailure(b.lines, 7, "key " + arm.Id() + " of ARM: the delegation of ARM may act only for ARM, not for BLR");
}

TEST_F(JournalTest, MemberKeyCannotSignWithoutBy) {
  b.Add(json::object{{"type", "session.closed"}, {"session", "s1"}}, arm);
  ExpectFailure(b.lines, 7,
                "key " + arm.Id() + " of ARM may not sign an event by no one (missing \"by\")");
}

TEST_F(JournalTest, RevokedKeyIsRejectedAfterRevocationOnly) {
  b.AddCanonical(*MakeKeyRevokedEvent("2024-01-03T00:00:00Z", arm.Id()), b.secretariat());  // 7
  b.Position("ARM", arm);  // 8
  ExpectFailure(b.lines, 8, "key " + arm.Id() + " was revoked at seq 7");
}

TEST_F(JournalTest, RotatedKeyWorksAfterOldOneIsRevoked) {
  SigningKey arm2 = KeyFromByte('A');
  b.Register(arm2, "ARM");                                                                   // 7
  b.AddCanonical(*MakeKeyRevokedEvent("2024-01-03T00:00:00Z", arm.Id()), b.secretariat());  // 8
  b.Position("ARM", arm2);                                                                   // 9
  VerifyReport report = VerifyJournal(b.lines);
  ASSERT_TRUE(report.ok()) << report.failure->reason;
  EXPECT_EQ(report.entries, 9);
}

TEST_F(JournalTest, ForgedSignatureUnderRevokedKeyReadsBadSignature) {
  b.AddCanonical(*MakeKeyRevokedEvent("2024-01-03T00:00:00Z", arm.Id()), b.secretariat());  // 7
  b.AddSigned(SignedEvent{R"({"by":"ARM","type":"x"})", arm.Id(), std::string(128, '0')});  // 8
  ExpectFailure(b.lines, 8, "bad signature by key " + arm.Id());
}

TEST_F(JournalTest, UnknownKeyIsRejected) {
  SigningKey stranger = KeyFromByte('z');
  b.Position("ARM", stranger);
  ExpectFailure(b.lines, 7, "unknown key " + stranger.Id());
}

TEST_F(JournalTest, KeyEventsNeedASecretariatKey) {
  SigningKey extra = KeyFromByte('e');
  b.AddCanonical(*MakeKeyRegisteredEvent("2024-01-03T00:00:00Z", extra.public_key(), "ARM"), arm);
  ExpectFailure(b.lines, 7, "key.registered must be signed by a secretariat key, not by key " +
                                arm.Id() + " of ARM");
}

TEST_F(JournalTest, KeyRegistryRules) {
  // Registering the same key twice.
  Builder twice;
  twice.Register(arm, "ARM");
  twice.Register(arm, "BLR");
  ExpectFailure(twice.lines, 3, "key.registered: key " + arm.Id() + " is already registered");
  // The last secretariat key cannot be revoked.
  Builder last;
  last.AddCanonical(*MakeKeyRevokedEvent("2024-01-03T00:00:00Z", last.secretariat().Id()),
                    last.secretariat());
  ExpectFailure(last.lines, 2,
                "key.revoked: cannot revoke the last live secretariat key " +
                    last.secretariat().Id());
  // A key id that does not belong to its public key.
  Builder lying;
  lying.Add(json::object{{"type", "key.registered"},
                         {"at", "2024-01-03T00:00:00Z"},
                         {"key", json::object{{"id", "0000000000000000"},
                                              {"public", arm.public_key().Hex()},
                                              {"holder", "ARM"}}}},
            lying.secretariat());
  ExpectFailure(lying.lines, 2,
                "key.registered: key.id \"0000000000000000\" is not the id of key.public (" +
                    arm.Id() + ")");
}

TEST(JournalStartTest, FirstEntryMustBeJournalCreatedSignedByItsKey) {
  SigningKey s = KeyFromByte('s');
  SigningKey other = KeyFromByte('o');
  std::vector<std::string> lines{
      ChainEntry(1, kGenesisPrev, *SignEvent(json::object{{"type", "x"}}, s)).line};
  ExpectFailure(lines, 1, "the first entry must be journal.created");
  std::string created = *MakeJournalCreatedEvent("2024-01-01T00:00:00Z", "", s.public_key());
  lines = {ChainEntry(1, kGenesisPrev, SignCanonicalEvent(created, other)).line};
  ExpectFailure(lines, 1, "journal.created must be signed by the key it creates (" + s.Id() +
                              "), not by " + other.Id());
  lines = {ChainEntry(1, std::string(64, 'f'), SignCanonicalEvent(created, s)).line};
  ExpectFailure(lines, 1, "prev does not match the hash of entry 0 (64 zeros for the first entry)");
  lines = {ChainEntry(1, kGenesisPrev, SignCanonicalEvent(created, s)).line};
  EXPECT_TRUE(VerifyJournal(lines).ok());
  lines.push_back(ChainEntry(2, ParseEntryLine(lines[0])->hash, SignCanonicalEvent(created, s)).line);
  ExpectFailure(lines, 2, "journal.created may only be the first entry");
}

TEST_F(JournalTest, NonCanonicalLineIsFound) {
  std::vector<std::string> lines = b.lines;
  lines[1].insert(1, " ");
  ExpectFailure(lines, 2, "entry: not in canonical form (RFC 8785): first difference at byte 1");
  lines = b.lines;
  lines[2] = "not json";
  VerifyReport report = VerifyJournal(lines);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.failure->seq, 3);
  EXPECT_EQ(report.failure->line, 3);
}

TEST_F(JournalTest, EventHookRunsInOrderAndCanReject) {
  std::vector<std::int64_t> seen;
  VerifyOptions options;
  options.on_event = [&](const json::object& event, std::int64_t seq) -> Status {
    seen.push_back(seq);
    if (seq == 5) {
      EXPECT_EQ(event.at("by").as_string(), "BLR");
      return Fail(ErrorCode::kInvalidArgument, "BLR is not a member");
    }
    return {};
  };
  VerifyReport report = VerifyJournal(b.lines, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.failure->seq, 5);
  EXPECT_EQ(report.failure->reason, "rejected: BLR is not a member");
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(report.head.seq, 4);
}

TEST(JournalScaleTest, ParallelVerificationFindsTheFirstBadSignatureInChunks) {
  Builder big;
  SigningKey arm = KeyFromByte('a');
  big.Register(arm, "ARM");
  for (int i = 0; i < 1500; ++i) big.Position("ARM", arm);
  ASSERT_TRUE(VerifyJournal(big.lines).ok());
  std::vector<std::string> lines = big.lines;
  for (std::size_t bad : {1200u, 900u}) {  // two forgeries: the earlier one is reported
    Result<Entry> e = ParseEntryLine(lines[bad]);
    std::string sig = e->sig;
    sig[0] = sig[0] == '0' ? '1' : '0';
    lines[bad] = ChainEntry(e->seq, e->prev, SignedEvent{e->event_json, e->key_id, sig}).line;
  }
  Rechain(lines, 900);
  for (int threads : {1, 2, 4}) {
    VerifyOptions options;
    options.threads = threads;
    JournalVerifier verifier(options);
    bool ok = true;
    for (std::size_t i = 0; i < lines.size() && ok; i += 256) {
      std::vector<std::string> chunk(lines.begin() + i,
                                     lines.begin() + std::min(lines.size(), i + 256));
      ok = verifier.Feed(chunk);
    }
    ASSERT_TRUE(verifier.failure());
    EXPECT_EQ(verifier.failure()->seq, 901);
    EXPECT_EQ(verifier.failure()->line, 901);
    EXPECT_EQ(verifier.head().seq, 900);
  }
}

}  // namespace
}  // namespace concord
