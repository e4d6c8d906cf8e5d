// JournalWriter: the one writer of a journal, with group commit.
//
// Any number of threads submit events. Each is signed in the submitting thread (the signature
// does not depend on the event's place in the chain). One thread at a time commits: a thread
// waiting for its own event (Append), or the background committer for events submitted without
// waiting (Submit). It takes everything queued, checks each event in order (key registry, then the caller's validator), chains the
// accepted ones and stores them in ONE atomic append, then answers every submitter with its
// seq and hash, or with the error for its event alone. If the append fails, every accepted
// event of the batch fails with the store's error (kUnavailable; kConflict if another writer
// moved the head), the validator is told to roll back, and the writer reloads the head.
//
//   auto writer = JournalWriter::Open(*store, server_key, &engine_validator);
//   Result<Appended> r = (*writer)->Append(event);           // blocks until durable
//   std::future<Result<Appended>> f = (*writer)->Submit(event);  // or later
#pragma once

#include <boost/json/fwd.hpp>  // forward declarations only
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "concord/result.h"
#include "journal/crypto.h"
#include "journal/entry.h"
#include "store/event_store.h"

namespace concord {

// The caller's state machine (the engine), driven by one committing thread at a time, in
// journal order. State changes made by Validate are provisional until Committed.
class EventValidator {
 public:
  virtual ~EventValidator() = default;
  // Checks `event` as entry `seq` against the state so far and, if it is accepted, applies it.
  // An error rejects this event alone (its submitter gets the error; later events are checked
  // against the state without it).
  virtual Status Validate(const boost::json::object& event, std::int64_t seq) = 0;
  // The stored journal, entry by entry in order, once when the writer opens (after each entry's
  // chain, hash and signature checked out): the caller builds its state in the same pass over the
  // store. An error makes the open fail at that entry.
  virtual Status Replay(const boost::json::object& event, std::int64_t seq) {
    (void)event;
    (void)seq;
    return {};
  }
  // Events the last accepted one entails (a put to decision entails the decision.recorded the
  // engine derives): the writer signs them with its own key, validates and chains each right
  // after it, in the same batch, so that the event and what follows from it are durable together
  // or not at all.
  virtual std::vector<boost::json::object> TakeFollowUps();  // none, unless overridden
  // The time of the latest event validated (RFC 3339), if any: an event the server stamped with
  // its clock is stamped no earlier than this when it commits, since another writer (or thread)
  // may have committed a later-stamped event first.
  virtual std::optional<std::string> LatestTime() const { return std::nullopt; }
  // Everything validated so far is durable: `entries` are the batch just stored, in order (their
  // lines and hashes, so that nobody reads them back from the store).
  virtual void Committed(std::span<const StoredEntry> entries) { (void)entries; }
  // The batch was not stored: undo every Validate since the last Committed, back to
  // `durable_seq` (the store's head as the writer knows it).
  virtual void Failed(std::int64_t durable_seq) { (void)durable_seq; }
};

struct Appended {
  std::int64_t seq = 0;
  std::string hash;
  std::int64_t follow_up_seq = 0;  // the last entry the event entailed (0: none)
};

struct JournalWriterOptions {
  std::size_t max_batch = 4096;  // events per durable commit at most
  // Check every signature of the stored journal at open (on every core), so that nothing is
  // signed on top of a forged entry; false trusts the store (chain and hashes are still checked).
  bool verify_signatures = true;
  // A signed journal.checkpoint after every this many entries (and at Checkpoint(), and when the
  // writer closes), so that deleting entries and re-chaining the rest is found by `verify`.
  std::int64_t checkpoint_every = 64;
  // ...and once this long has passed since the first entry not yet under a checkpoint, so that a
  // quiet journal's last entries are signed too (0: only by count).
  std::chrono::milliseconds checkpoint_after{10000};
  bool checkpoints = true;  // false: none at all (unit tests that count entries exactly)
};

class JournalWriter {
 public:
  // Reads `store` to learn its head and key registry, checking the chain, the hashes and (unless
  // options say otherwise) every signature. `store` and `validator`
  // (may be null) must outlive the writer. kCorruption if the stored chain is broken.
  static Result<std::unique_ptr<JournalWriter>> Open(EventStore& store, SigningKey signer,
                                                     EventValidator* validator,
                                                     JournalWriterOptions options = {});
  // Commits what is queued, then stops the committing thread.
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Signs `event` with the writer's key (in this thread) and queues it for the background
  // committer: the caller may go on signing more (an import) while earlier ones commit.
  std::future<Result<Appended>> Submit(const boost::json::object& event);
  // Queues an event signed elsewhere (`concord sign`); its signature is checked on commit.
  std::future<Result<Appended>> SubmitSigned(SignedEvent signed_event);
  // Sign, queue and wait until durable. The waiting thread commits the queue itself unless
  // another thread is committing (which then takes this event too): no hand-over to the
  // background thread for a lone writer.
  Result<Appended> Append(const boost::json::object& event);
  // The same for a request with an Idempotency-Key: the store records `request` (key and
  // fingerprint) with the entries, in the same transaction, where it keeps requests.
  // `server_time`: the event's "at" is the server's clock at receipt (not the caller's word), and
  // may be moved forward to the latest event's time at commit (re-signed) rather than refused as
  // going back in time.
  Result<Appended> Append(const boost::json::object& event, const RequestRecord& request, bool server_time = false);
  Result<Appended> AppendSigned(SignedEvent signed_event);
  // Appends a signed checkpoint if anything was written since the last one; the head either way.
  Result<Appended> Checkpoint();
  // On a shared store, folds in now what other writers appended (else nothing); the head after.
  Result<Appended> Refresh();

  // The last durable entry as this writer knows it.
  JournalHead head() const;

  struct Impl;

 private:
  explicit JournalWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord
