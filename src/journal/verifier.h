// Verifies a journal: canonical form, seq continuity, prev links, hashes, signatures and the
// key registry, in that order per entry, and optionally re-validates every event through a
// caller's hook (the engine). Signature checks run on every core; the chain runs in order.
//
//   VerifyReport report = VerifyJournal(lines);
//   if (!report.ok()) std::cerr << "seq " << report.failure->seq << ": " << report.failure->reason;
//
// For journals read in chunks, feed a JournalVerifier one chunk at a time.
#pragma once

#include <boost/json/fwd.hpp>  // forward declarations only
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "concord/result.h"
#include "journal/entry.h"
#include "journal/key_registry.h"

namespace concord {

struct VerifyFailure {
  std::int64_t seq = 0;   // the seq the failing line should have had (its position)
  std::int64_t line = 0;  // 1-based line number among the lines fed
  std::string reason;     // e.g. "bad signature by key 3f2a...", "prev does not match ..."
};

struct VerifyOptions {
  // Called in journal order for each entry that passed every other check; an error stops the
  // verification at that entry with reason "rejected: " + message.
  std::function<Status(const boost::json::object& event, std::int64_t seq)> on_event;
  bool check_signatures = true;  // false only to reload a trusted store quickly
  int threads = 0;               // 0: every core
};

class JournalVerifier {
 public:
  explicit JournalVerifier(VerifyOptions options = {});

  // Checks the next lines of the journal, continuing after the lines fed before. Returns false
  // once a failure is found (then and later: nothing more is checked).
  bool Feed(std::span<const std::string_view> lines);
  // Continues after entries checked elsewhere: the next line fed must follow `head`, signed by
  // keys live in `keys` (a writer catching up with what other writers appended).
  void Resume(const JournalHead& head, const KeyRegistry& keys) {
    head_ = head;
    keys_ = keys;
  }
  bool Feed(const std::vector<std::string>& lines);

  const std::optional<VerifyFailure>& failure() const { return failure_; }
  // The last entry that passed every check.
  const JournalHead& head() const { return head_; }
  const KeyRegistry& keys() const { return keys_; }
  std::int64_t lines_fed() const { return lines_fed_; }

 private:
  VerifyOptions options_;
  JournalHead head_;
  KeyRegistry keys_;
  std::int64_t lines_fed_ = 0;
  std::optional<VerifyFailure> failure_;
};

struct VerifyReport {
  std::int64_t entries = 0;  // entries that passed
  JournalHead head;          // the last entry that passed
  std::optional<VerifyFailure> failure;
  bool ok() const { return !failure.has_value(); }
};

VerifyReport VerifyJournal(std::span<const std::string_view> lines, VerifyOptions options = {});
VerifyReport VerifyJournal(const std::vector<std::string>& lines, VerifyOptions options = {});

// Runs fn(i) for i in [0, n) on up to `threads` threads (0: every core), the caller's included.
void ParallelFor(std::size_t n, int threads, const std::function<void(std::size_t)>& fn);

}  // namespace concord
