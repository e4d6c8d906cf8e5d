// The journal commands through the real binary, on SQLite and (when CONCORD_TEST_PG_URL is set)
// PostgreSQL: init, import of every shipped history, export, offline verify, restore byte for
// byte, tampering found at the right entry, a bad line stopping an import with nothing stored.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <cstdlib>

#include "support/run.h"

namespace concord::test {
namespace {

struct StoreParam {
  std::string name;
  bool postgres;
};

class JournalCli : public testing::TestWithParam<StoreParam> {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    if (GetParam().postgres) {
      const char* url = std::getenv("CONCORD_TEST_PG_URL");
      if (!url) GTEST_SKIP() << "CONCORD_TEST_PG_URL is not set";
      pg_url_ = url;
    }
  }
  // A fresh, empty store for each call. PostgreSQL stores are separate schemas in one database.
  std::string NewStore(const std::string& name) {
    if (!GetParam().postgres) return "sqlite:" + dir_ + "/" + name + ".db";
    // Each store gets its own schema through libpq's options parameter.
    const std::string schema = "t" + std::to_string(::getpid()) + "_" + name + "_" + std::to_string(counter_++);
    RunPsql("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema + ";");
    return pg_url_ + "&options=-csearch_path%3D" + schema;
  }
  void RunPsql(const std::string& sql) {
    // The URL's database and socket directory, through psql (Debian's postgresql-client).
    const std::string cmd = "psql -q '" + pg_url_ + "' -c \"" + sql + "\" >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  std::string Key() const { return dir_ + "/secretariat.key"; }
  std::string dir_, pg_url_;
  int counter_ = 0;
};

TEST_P(JournalCli, ImportExportVerifyAndRestoreByteForByte) {
  const std::string store = NewStore("a");
  RunResult init = RunConcord({"init", "--store", store, "--key", Key()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  RunResult imp = RunConcord({"import", "--store", store, "--key", Key(), "embedded"});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_NE(imp.out.find("imported 210 events (12 decisions recorded by the engine)"), std::string::npos) << imp.out;

  const std::string exported = dir_ + "/export.jsonl";
  RunResult exp = RunConcord({"export", "--store", store, "--out", exported});
  ASSERT_EQ(exp.exit_code, 0) << exp.err;
  RunResult ver = RunConcord({"verify", "--file", exported});
  EXPECT_EQ(ver.exit_code, 0) << ver.err;
  // journal.created, 210 events, 12 records, and 4 signed checkpoints (every 64 entries, at close).
  EXPECT_NE(ver.out.find(": ok: 227 entries"), std::string::npos) << ver.out;
  RunResult vstore = RunConcord({"verify", "--store", store});
  EXPECT_EQ(vstore.exit_code, 0) << vstore.err;

  // Restore the export into another empty store: exporting it again gives the same bytes.
  const std::string copy = NewStore("b");
  RunResult restore = RunConcord({"import", "--store", copy, "--key", Key(), exported});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  RunResult again = RunConcord({"export", "--store", copy});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, ReadFile(exported));
}

TEST_P(JournalCli, BadLineStopsImportAndNothingOfItIsStored) {
  const std::string store = NewStore("c");
  ASSERT_EQ(RunConcord({"init", "--store", store, "--key", Key()}).exit_code, 0);
  const std::string history = dir_ + "/bad.jsonl";
  WriteFile(history,
            "{\"type\":\"session.convened\",\"at\":\"2023-11-23T10:00:00+03:00\",\"session\":\"s\",\"body\":\"CSC\","
            "\"kind\":\"regular\",\"host\":\"BLR\"}\n"
            "{\"type\":\"attendance.present\",\"at\":\"2023-11-23T10:00:00+03:00\",\"session\":\"s\",\"member\":\"UZB\"}\n");
  RunResult imp = RunConcord({"import", "--store", store, "--key", Key(), history});
  EXPECT_EQ(imp.exit_code, 1);
  EXPECT_EQ(imp.err, history + ":2: error: UZB is not a member of CSC\n");
  RunResult exp = RunConcord({"export", "--store", store});
  ASSERT_EQ(exp.exit_code, 0);
  // The journal.created entry, the session and the closing checkpoint; nothing of the rejected line.
  EXPECT_EQ(std::count(exp.out.begin(), exp.out.end(), '\n'), 3);
  EXPECT_NE(exp.out.find("journal.checkpoint"), std::string::npos);
  EXPECT_EQ(exp.out.find("UZB"), std::string::npos);
}

// Adversarial finding: an event dated in the future bricked the journal (every later write "went
// back in time"). Import refuses it at its line, and stores nothing from it on.
TEST_P(JournalCli, AnEventDatedInTheFutureStopsImportAtItsLine) {
  const std::string store = NewStore("f");
  ASSERT_EQ(RunConcord({"init", "--store", store, "--key", Key()}).exit_code, 0);
  const std::string history = dir_ + "/future.jsonl";
  WriteFile(history,
            "{\"type\":\"session.convened\",\"at\":\"2023-11-23T10:00:00+03:00\",\"session\":\"s\",\"body\":\"CSC\","
            "\"kind\":\"regular\",\"host\":\"BLR\"}\n"
            "{\"type\":\"session.closed\",\"at\":\"9999-12-31T23:59:59Z\",\"session\":\"s\"}\n");
  RunResult imp = RunConcord({"import", "--store", store, "--key", Key(), history});
  EXPECT_EQ(imp.exit_code, 1);
  EXPECT_EQ(imp.err.rfind(history + ":2: error: the event is dated 9999-12-31T23:59:59Z, in the future", 0), 0u) << imp.err;
  RunResult exp = RunConcord({"export", "--store", store});
  EXPECT_EQ(std::count(exp.out.begin(), exp.out.end(), '\n'), 3);  // journal.created, the session, a checkpoint
}

INSTANTIATE_TEST_SUITE_P(Stores, JournalCli,
                         testing::Values(StoreParam{"Sqlite", false}, StoreParam{"Postgres", true}),
                         [](const auto& p) { return p.param.name; });

// Adversarial finding: the secretariat's seed was created 0644 and chmod'ed afterwards, and a key
// readable by others was used silently. It is created 0600, and a readable one is refused.
TEST(KeyFiles, AreCreatedPrivateAndAReadableOneIsRefused) {
  const std::string dir = TempDir();
  const std::string store = "sqlite:" + dir + "/k.db";
  ASSERT_EQ(RunConcord({"init", "--store", store}).exit_code, 0);
  struct stat st {};
  ASSERT_EQ(::stat((dir + "/k.db.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::chmod((dir + "/k.db.key").c_str(), 0644), 0);
  RunResult imp = RunConcord({"import", "--store", store, "embedded"});
  EXPECT_EQ(imp.exit_code, 1);
  EXPECT_NE(imp.err.find("the key file is readable by others (mode 644); make it private with: chmod 600"),
            std::string::npos)
      << imp.err;
}

// Adversarial finding: `serve` with a key the journal does not hold said it was ready and then
// answered every write 403. It refuses to start, and says why.
TEST(KeyFiles, ServeRefusesAKeyTheJournalDoesNotHold) {
  const std::string dir = TempDir();
  const std::string store = "sqlite:" + dir + "/s.db";
  ASSERT_EQ(RunConcord({"init", "--store", store}).exit_code, 0);
  ASSERT_EQ(RunConcord({"key", "new", dir + "/stranger.key"}).exit_code, 0);
  RunResult serve = RunConcord({"serve", "--store", store, "--key", dir + "/stranger.key", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(serve.exit_code, 1);
  EXPECT_NE(serve.err.find("is not a live secretariat key of the journal in " + store + " (never registered)"),
            std::string::npos)
      << serve.err;
  EXPECT_EQ(serve.out.find("listening"), std::string::npos);
}

// Adversarial findings: `verify --store sqlite:missing.db` created the file (read-only commands
// create nothing), and a file that is not SQLite at all gave exit 4 (environment) instead of 3.
TEST(ReadOnlyCommands, CreateNothingAndCallADamagedFileAFailedVerification) {
  const std::string dir = TempDir();
  for (const char* command : {"verify", "export"}) {
    RunResult r = RunConcord({command, "--store", "sqlite:" + dir + "/missing.db"});
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_NE(r.err.find("no such journal"), std::string::npos) << r.err;
    struct stat st {};
    EXPECT_NE(::stat((dir + "/missing.db").c_str(), &st), 0) << command << " created the file";
  }
  WriteFile(dir + "/junk.db", std::string(4096, 'x'));
  RunResult junk = RunConcord({"verify", "--store", "sqlite:" + dir + "/junk.db"});
  EXPECT_EQ(junk.exit_code, 3) << junk.err;
  EXPECT_NE(junk.err.find("not a concord journal or a damaged one"), std::string::npos) << junk.err;
}

// Adversarial finding: anyone with file access could delete the last entries (a delegation's
// objection, an accession refusal) and `verify` accepted the rest. A member that kept the head of
// a checkpoint finds the truncation with --expect-head.
TEST(ExpectHead, FindsATruncatedJournal) {
  const std::string dir = TempDir();
  const std::string store = "sqlite:" + dir + "/h.db";
  ASSERT_EQ(RunConcord({"init", "--store", store}).exit_code, 0);
  ASSERT_EQ(RunConcord({"import", "--store", store, "embedded"}).exit_code, 0);
  RunResult exp = RunConcord({"export", "--store", store});
  ASSERT_EQ(exp.exit_code, 0);
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < exp.out.size();) {
    const std::size_t end = exp.out.find('\n', pos);
    lines.push_back(exp.out.substr(pos, end - pos));
    pos = end + 1;
  }
  const std::string& last = lines.back();  // the closing checkpoint
  ASSERT_NE(last.find("journal.checkpoint"), std::string::npos);
  const std::string hash = last.substr(last.find("\"hash\":\"") + 8, 64);
  const std::string head = std::to_string(lines.size()) + ":" + hash;
  RunResult whole = RunConcord({"verify", "--store", store, "--expect-head", head});
  EXPECT_EQ(whole.exit_code, 0) << whole.err;
  EXPECT_NE(whole.out.find("holds the expected head"), std::string::npos);
  // The last ten entries cut off: every remaining entry still checks out, but not the head kept.
  std::string cut;
  for (std::size_t i = 0; i + 10 < lines.size(); ++i) cut += lines[i] + "\n";
  WriteFile(dir + "/cut.jsonl", cut);
  EXPECT_EQ(RunConcord({"verify", "--file", dir + "/cut.jsonl"}).exit_code, 0);
  RunResult truncated = RunConcord({"verify", "--file", dir + "/cut.jsonl", "--expect-head", head});
  EXPECT_EQ(truncated.exit_code, 3);
  EXPECT_NE(truncated.err.find("before the expected head"), std::string::npos) << truncated.err;
  RunResult bad = RunConcord({"verify", "--store", store, "--expect-head", "12:nothex"});
  EXPECT_EQ(bad.exit_code, 2);
  // Review finding: seq 0 was accepted and checked nothing.
  RunResult zero = RunConcord({"verify", "--store", store, "--expect-head", "0:" + std::string(64, 'a')});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("sequence numbers start at 1"), std::string::npos) << zero.err;
}

// Tampering with an export is found at the right entry (exit code 3).
class TamperedExport : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir());
    const std::string store = "sqlite:" + *dir_ + "/j.db";
    ASSERT_EQ(RunConcord({"init", "--store", store}).exit_code, 0);
    ASSERT_EQ(RunConcord({"import", "--store", store, "embedded"}).exit_code, 0);
    RunResult exp = RunConcord({"export", "--store", store});
    ASSERT_EQ(exp.exit_code, 0);
    std::string line;
    std::size_t pos = 0;
    lines_ = new std::vector<std::string>();
    while (pos < exp.out.size()) {
      const std::size_t end = exp.out.find('\n', pos);
      lines_->push_back(exp.out.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  static RunResult VerifyLines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    const std::string path = *dir_ + "/tampered.jsonl";
    WriteFile(path, text);
    return RunConcord({"verify", "--file", path});
  }
  static std::string* dir_;
  static std::vector<std::string>* lines_;
};
std::string* TamperedExport::dir_ = nullptr;
std::vector<std::string>* TamperedExport::lines_ = nullptr;

TEST_F(TamperedExport, UntouchedExportVerifies) { EXPECT_EQ(VerifyLines(*lines_).exit_code, 0); }

TEST_F(TamperedExport, ChangedByteInAPayloadIsFoundAtItsEntry) {
  auto lines = *lines_;
  std::size_t i = 99;  // the first entry from the 100th on that names a member
  while (i < lines.size() && lines[i].find("\"member\":\"") == std::string::npos) ++i;
  ASSERT_LT(i, lines.size());
  const auto at = lines[i].find("\"member\":\"");
  lines[i][at + 10] = lines[i][at + 10] == 'A' ? 'B' : 'A';
  RunResult r = VerifyLines(lines);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("verification failed at entry " + std::to_string(i + 1)), std::string::npos) << r.err;
}

TEST_F(TamperedExport, DeletedEntryIsFound) {
  auto lines = *lines_;
  lines.erase(lines.begin() + 49);
  RunResult r = VerifyLines(lines);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("verification failed at entry 50"), std::string::npos) << r.err;
}

TEST_F(TamperedExport, ReorderedPairIsFound) {
  auto lines = *lines_;
  std::swap(lines[59], lines[60]);
  RunResult r = VerifyLines(lines);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("verification failed at entry 60"), std::string::npos) << r.err;
}

TEST_F(TamperedExport, SignatureReplayedFromAnotherEntryIsFound) {
  auto lines = *lines_;
  auto sig_of = [](const std::string& l) { return l.substr(l.find("\"sig\":\"") + 7, 128); };
  const std::string other = sig_of(lines[20]);
  const std::string mine = sig_of(lines[30]);
  lines[30].replace(lines[30].find(mine), 128, other);
  RunResult r = VerifyLines(lines);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("verification failed at entry 31"), std::string::npos) << r.err;
}

TEST(SignOffline, DelegationSignsWithItsOwnKeyAndOnlyForItself) {
  const std::string dir = TempDir();
  const std::string store = "sqlite:" + dir + "/j.db";
  ASSERT_EQ(RunConcord({"init", "--store", store}).exit_code, 0);
  RunResult key = RunConcord({"key", "new", dir + "/arm.key"});
  ASSERT_EQ(key.exit_code, 0) << key.err;
  const std::string pub = key.out.substr(key.out.find("public ") + 7, 64);
  ASSERT_EQ(RunConcord({"key", "register", "--store", store, "--public", pub, "--holder", "ARM"}).exit_code, 0);
  const std::string convene =
      R"({"type":"session.convened","at":"2026-11-01T10:00:00+03:00","session":"s","body":"CSC","kind":"extraordinary","host":"RUS"})";
  RunResult c = RunConcord({"sign", "--key", dir + "/j.db.key", convene});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  ASSERT_EQ(RunConcord({"submit", "--store", store, c.out}).exit_code, 0);
  // Armenia's key may sign Armenia's own attendance...
  RunResult own = RunConcord({"sign", "--key", dir + "/arm.key",
                              R"({"type":"attendance.present","at":"2026-11-01T10:01:00+03:00","by":"ARM","session":"s","member":"ARM"})"});
  ASSERT_EQ(own.exit_code, 0);
  RunResult ok = RunConcord({"submit", "--store", store, own.out});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  // ...but not an event in Russia's name.
  RunResult foreign = RunConcord({"sign", "--key", dir + "/arm.key",
                                  R"({"type":"attendance.present","at":"2026-11-01T10:02:00+03:00","by":"RUS","session":"s","member":"RUS"})"});
  ASSERT_EQ(foreign.exit_code, 0);
  RunResult refused = RunConcord({"submit", "--store", store, foreign.out});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("RUS"), std::string::npos) << refused.err;
  EXPECT_EQ(RunConcord({"verify", "--store", store}).exit_code, 0);
}

}  // namespace
}  // namespace concord::test
