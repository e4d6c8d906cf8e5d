// Ledger: a journal store with the engine in front of it. It is what the server and the journal
// commands of the CLI work with: it opens a store, replays (and, on open, checks the chain of)
// every entry into the engine's State, and appends new events through the group-commit writer,
// each validated by the engine first. After a draft.put_to_decision it appends the
// decision.recorded the engine derived, so the journal holds the outcome as well as the facts.
//
// Thread-safe: any thread may Append or read a snapshot. Reads never wait for a commit.
//
//   auto ledger = Ledger::Open("sqlite:concord.db", secretariat_key);
//   Result<Appended> r = (*ledger)->Append(R"({"type":"position.taken",...})");
//   std::shared_ptr<const LedgerView> view = (*ledger)->View();  // State as of the last commit
#pragma once

#include <boost/json/fwd.hpp>  // forward declarations only
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/result.h"
#include "concord/state.h"
#include "journal/crypto.h"
#include "store/event_store.h"

namespace concord {

struct LedgerAppend {
  std::int64_t seq = 0;
  std::string hash;
  // For a draft.put_to_decision: the decision.recorded chained right after it, in the same
  // durable batch.
  std::int64_t recorded_seq = 0;
};

// An immutable picture of the journal after some entry: the engine's state and the head.
struct LedgerView {
  std::shared_ptr<const State> state;
  std::int64_t head_seq = 0;
  std::string head_hash;
  // The latest signed journal.checkpoint (its entry line, as stored), if any: what a member keeps
  // to detect a truncation later (`verify --expect-head`).
  std::int64_t checkpoint_seq = 0;
  std::string checkpoint_line;
};

// Whether a stored entry line is a journal.checkpoint (lines are canonical JSON).
bool IsCheckpointLine(std::string_view line);

class Ledger {
 public:
  // Creates a journal in an empty store: entry 1 is journal.created holding `charter_text` and
  // the secretariat's public key, self-signed. kConflict if the store is not empty;
  // kInvalidArgument if the charter is invalid (with its diagnostics).
  static Result<std::int64_t> Init(const std::string& store_url, const std::string& charter_text,
                                   const SigningKey& secretariat, const std::string& at);

  // The same on a store already open (a test's in-memory or failing store).
  static Result<std::int64_t> Create(EventStore& store, const std::string& charter_text,
                                     const SigningKey& secretariat, const std::string& at);

  // Opens a journal and replays it. `signer` signs what this ledger appends (a live secretariat
  // key of the journal, or the server fails writes with kPermissionDenied).
  // kNotFound for an empty store (run init first); kCorruption if the stored chain is broken.
  static Result<std::unique_ptr<Ledger>> Open(const std::string& store_url, SigningKey signer);
  // The same, reading journal pages and stream backfill from a streaming replica of the store
  // (`replica_url`); what the replica has not received yet is read from the primary.
  static Result<std::unique_ptr<Ledger>> Open(const std::string& store_url, SigningKey signer,
                                              const std::string& replica_url);
  // The same on stores already open: `store` for the writer, `read_store` (optional: a second
  // connection to the same journal) for readers.
  static Result<std::unique_ptr<Ledger>> Open(std::unique_ptr<EventStore> store, SigningKey signer,
                                              std::unique_ptr<EventStore> read_store = nullptr);
  ~Ledger();

  // Validates `event_json` (one event object, docs/journal-format.md) with the engine and appends it,
  // signed by this ledger's key; blocks until durable. kInvalidArgument for malformed JSON or a
  // missing field (the server answers 400); kRejected with the engine's reason for an event the
  // record forbids (422); kConflict if another writer moved the head; kUnavailable if the
  // store failed. Nothing of a rejected event is stored.
  Result<LedgerAppend> Append(std::string_view event_json);
  // The same for an event already parsed (the server's request body): parsed once, never again.
  Result<LedgerAppend> Append(const boost::json::object& event);
  // With an Idempotency-Key (scope and key, and the request's fingerprint): recorded with the
  // entries where the store keeps requests (several servers on one database), so that a retry
  // reaching any server finds it (FindRequest) instead of writing again.
  struct AppendOptions {
    std::string request_key, fingerprint;  // an Idempotency-Key and its request ("": none)
    bool server_time = false;              // "at" is the server's clock (JournalWriter::Append)
  };
  Result<LedgerAppend> Append(const boost::json::object& event, const AppendOptions& options);
  // The write recorded under `request_key`, if the store keeps requests and holds it.
  struct RecordedRequest {
    std::string fingerprint;
    LedgerAppend appended;
  };
  Result<std::optional<RecordedRequest>> FindRequest(const std::string& request_key);
  bool KeepsRequests() const;
  // With a replica: how many entries it is behind this ledger's head (0 without one).
  Result<std::int64_t> ReplicaLag() const;
  bool HasReplica() const;
  // Appends events in order, pipelined so that the writer commits them in large batches (an
  // import runs at the speed of signing, not of one durable commit per event). Stops at the first
  // event that fails: `appended` holds the ones before it, `error` its reason, `failed_at` its
  // index. Events queued behind a refused one in the same window may already be stored, so a
  // caller that must stop exactly at a bad event checks the events first (`import` replays them
  // on a copy of the state).
  struct Many {
    std::vector<LedgerAppend> appended;
    std::optional<Error> error;
    std::size_t failed_at = 0;
  };
  Many AppendMany(const std::vector<std::string_view>& events);
  // The same for an event signed elsewhere (`concord sign`): {"event":{...},"key":..,"sig":..}.
  Result<LedgerAppend> AppendSigned(std::string_view signed_json);

  // The state after the last durable entry.
  std::shared_ptr<const LedgerView> View() const;
  // With several servers on one database: reads now what the others appended (the view moves);
  // nothing otherwise.
  Status Refresh();

  // Entry lines (canonical JSON, as stored) from `from_seq`, at most `limit`.
  Result<std::vector<std::string>> ReadLines(std::int64_t from_seq, std::int64_t limit) const;

  // Called (from the committing thread) after each durable entry, with its seq and line; the
  // server's live stream hangs off this.
  void OnCommitted(std::function<void(std::int64_t seq, const std::string& line)> listener);

  // The charter text of the journal (entry 1).
  const std::string& charter_text() const;

  struct Impl;

 private:
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// How far ahead of this machine's clock an event may be dated: clocks of different machines
// disagree a little, but an event dated later than that would make every later write "go back in
// time" and be refused, forever.
inline constexpr std::int64_t kClockAllowanceSeconds = 300;

// kRejected if `at` is later than now plus kClockAllowanceSeconds.
Status CheckNotInFuture(const Timestamp& at);

// Replays entry lines (e.g. an export) into State with the engine, without checking signatures:
// used by `verify` (after the verifier) and by `replay --store`. Stops at the first event the
// engine rejects: kInvalidArgument "entry SEQ: REASON". With `until`, stops before the first
// event of the record after it (the state as of that time).
Result<std::shared_ptr<const State>> ReplayEntries(const std::vector<std::string>& lines,
                                                   const std::optional<Timestamp>& until = std::nullopt);

}  // namespace concord
