#include "journal/verifier.h"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "journal/entry_internal.h"

namespace concord {

namespace json = boost::json;

void ParallelFor(std::size_t n, int threads, const std::function<void(std::size_t)>& fn) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  constexpr std::size_t kBlock = 16;  // small blocks keep the cores evenly loaded
  std::size_t workers = std::min<std::size_t>(threads, (n + kBlock - 1) / kBlock);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (;;) {
      std::size_t begin = next.fetch_add(kBlock, std::memory_order_relaxed);
      if (begin >= n) return;
      std::size_t end = std::min(n, begin + kBlock);
      for (std::size_t i = begin; i < end; ++i) fn(i);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(run);
  run();
  for (std::thread& t : pool) t.join();
}

namespace {

bool EntrySignatureOk(const Entry& e, const PublicKey& key) {
  Result<std::string> raw = HexDecode(e.sig);
  return raw && VerifySignature(key, SigningPayload(e.event_json, e.key_id), *raw);
}

struct Checked {
  Result<Entry> entry = Fail(ErrorCode::kInternal, "not parsed");
  json::object event;
  bool hash_ok = false;
  PublicKey signer;
  bool sig_ok = true;
};

}  // namespace

JournalVerifier::JournalVerifier(VerifyOptions options) : options_(std::move(options)) {}

bool JournalVerifier::Feed(const std::vector<std::string>& lines) {
  std::vector<std::string_view> views(lines.begin(), lines.end());
  return Feed(std::span<const std::string_view>(views));
}

bool JournalVerifier::Feed(std::span<const std::string_view> lines) {
  if (failure_) return false;
  const std::size_t n = lines.size();
  std::vector<Checked> checked(n);

  // 1. Per line, independent of the others: canonical form, fields, hash (all cores).
  ParallelFor(n, options_.threads, [&](std::size_t i) {
    Checked& c = checked[i];
    c.entry = ParseEntryLineInto(lines[i], c.event);
    if (c.entry) {
      c.hash_ok = Sha256Hex(HashPayload(c.entry->seq, c.entry->prev, c.entry->event_json,
                                        c.entry->key_id, c.entry->sig)) == c.entry->hash;
    }
  });

  // 2. In order: seq, prev, hash, then the key registry (which also says which public key
  //    each signature must match). Stops at the first failure.
  std::optional<VerifyFailure> found;
  std::size_t stop = n;
  JournalHead head = head_;
  std::vector<JournalHead> heads(n);
  for (std::size_t i = 0; i < n && !found; ++i) {
    const std::int64_t want = head.seq + 1;
    auto fail = [&](std::string reason) {
      found = VerifyFailure{want, lines_fed_ + static_cast<std::int64_t>(i) + 1, std::move(reason)};
      stop = i;
    };
    Checked& c = checked[i];
    if (!c.entry) { fail(c.entry.error().message); break; }
    const Entry& e = *c.entry;
    if (e.seq != want) {
      fail("expected seq " + std::to_string(want) + ", found seq " + std::to_string(e.seq) +
           (e.seq > want ? " (entries missing or out of order)" : " (out of order or repeated)"));
      break;
    }
    if (e.prev != head.hash) {
      fail("prev does not match the hash of entry " + std::to_string(head.seq) +
           (head.seq == 0 ? " (64 zeros for the first entry)" : ""));
      break;
    }
    if (!c.hash_ok) { fail("hash does not match the entry's content"); break; }
    Result<PublicKey> signer = keys_.Authorize(c.event, e.key_id, e.seq);
    if (!signer) {
      // An unknown key cannot be checked; a known one is checked first (signature before
      // permission), so a forged entry under a revoked key reads "bad signature".
      const KeyRecord* rec = keys_.Find(e.key_id);
      if (rec != nullptr && options_.check_signatures && !EntrySignatureOk(e, rec->public_key)) {
        fail("bad signature by key " + e.key_id);
      } else {
        fail(signer.error().message);
      }
      break;
    }
    if (const json::value* type = c.event.if_contains("type");
        type != nullptr && type->is_string() && type->get_string() == "journal.checkpoint" &&
        c.event.at("prev").get_string() != e.prev) {
      fail("journal.checkpoint: prev does not match the chain (entries before it were altered)");
      break;
    }
    c.signer = *signer;
    keys_.Apply(c.event, e.seq);
    head = JournalHead{e.seq, e.hash};
    heads[i] = head;
  }

  // 3. Signatures of the entries before the first failure (all cores).
  if (options_.check_signatures) {
    ParallelFor(stop, options_.threads, [&](std::size_t i) {
      checked[i].sig_ok = EntrySignatureOk(*checked[i].entry, checked[i].signer);
    });
    for (std::size_t i = 0; i < stop; ++i) {
      if (!checked[i].sig_ok) {
        found = VerifyFailure{checked[i].entry->seq, lines_fed_ + static_cast<std::int64_t>(i) + 1,
                              "bad signature by key " + checked[i].entry->key_id};
        stop = i;
        break;
      }
    }
  }

  // 4. The caller's re-validation, in order, up to the first failure.
  if (options_.on_event) {
    for (std::size_t i = 0; i < stop; ++i) {
      Status s = options_.on_event(checked[i].event, checked[i].entry->seq);
      if (!s) {
        found = VerifyFailure{checked[i].entry->seq, lines_fed_ + static_cast<std::int64_t>(i) + 1,
                              "rejected: " + s.error().message};
        stop = i;
        break;
      }
    }
  }

  if (stop > 0) head_ = heads[stop - 1];
  lines_fed_ += static_cast<std::int64_t>(n);
  if (found) {
    failure_ = std::move(found);
    return false;
  }
  return true;
}

VerifyReport VerifyJournal(std::span<const std::string_view> lines, VerifyOptions options) {
  JournalVerifier verifier(std::move(options));
  verifier.Feed(lines);
  VerifyReport report;
  report.head = verifier.head();
  report.entries = report.head.seq;
  report.failure = verifier.failure();
  return report;
}

VerifyReport VerifyJournal(const std::vector<std::string>& lines, VerifyOptions options) {
  std::vector<std::string_view> views(lines.begin(), lines.end());
  return VerifyJournal(std::span<const std::string_view>(views), std::move(options));
}

}  // namespace concord
