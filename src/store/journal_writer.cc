#include "store/journal_writer.h"

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <functional>
#include <random>
#include <optional>
#include <thread>
#include <vector>

#include "concord/time.h"
#include "journal/canonical_json.h"
#include "journal/key_registry.h"
#include "journal/verifier.h"

namespace concord {

namespace json = boost::json;

namespace {

struct Item {
  json::object event;
  SignedEvent signed_event;
  bool presigned = false;
  bool checkpoint = false;  // a request for a signed checkpoint of what is committed so far
  bool catch_up = false;    // another writer appended: fold its entries in (shared stores)
  RequestRecord request;    // key and fingerprint of the request it answers (key empty: none)
  bool server_time = false; // "at" is the server's clock: may move forward to keep time in order
  std::promise<Result<Appended>> promise;
};

std::future<Result<Appended>> Ready(Result<Appended> r) {
  std::promise<Result<Appended>> p;
  p.set_value(std::move(r));
  return p.get_future();
}

constexpr std::int64_t kReadChunk = 4096;
// On a shared store another writer may append between our read of the head and our append:
// the batch is validated again on the new head, this many times at most, before 409.
constexpr int kConflictRetries = 32;

enum class CommitOutcome { kDone, kConflict };
using Answers = std::vector<std::optional<Result<Appended>>>;

}  // namespace

struct JournalWriter::Impl {
  EventStore& store;
  SigningKey signer;
  EventValidator* validator;
  JournalWriterOptions options;

  mutable std::mutex mu;
  std::condition_variable cv;
  std::deque<Item> queue;
  bool stopping = false;
  bool committing = false;  // a thread is in Drive(): commits are made by one thread at a time
  JournalHead head;      // guarded by mu for readers; written by the committing thread
  KeyRegistry keys;      // committing thread only (after Open)
  std::int64_t last_checkpoint_seq = 0;  // committing thread: the head at open or the last checkpoint
  // Guarded by mu: when the background thread queues a checkpoint of entries left unsigned (the
  // first such entry's commit + checkpoint_after); unset while every entry is under one.
  std::optional<std::chrono::steady_clock::time_point> checkpoint_due;
  bool signer_is_secretariat = false;    // only a secretariat key signs checkpoints
  std::thread thread;
  // A store several servers write: its watch wakes us when anyone appends (watch_thread), and
  // every commit first folds in what others appended.
  std::unique_ptr<AppendWatch> watch;
  std::thread watch_thread;
  bool catch_up_queued = false;  // guarded by mu: one catch-up item in the queue is enough
  bool stale = false;  // committing thread: the store may hold entries we have not folded in

  Impl(EventStore& s, SigningKey k, EventValidator* v, JournalWriterOptions o)
      : store(s), signer(std::move(k)), validator(v), options(o) {}

  // Rebuilds head and key registry from the store; with `signatures`, checks every signature too
  // (on every core).
  // At open (`opening`) every entry also goes to the validator's Replay.
  Status Load(bool signatures, bool opening = false) {
    VerifyOptions vo;
    vo.check_signatures = signatures;
    vo.threads = signatures ? 0 : 1;
    if (opening && validator != nullptr) {
      vo.on_event = [this](const json::object& event, std::int64_t seq) { return validator->Replay(event, seq); };
    }
    JournalVerifier verifier(vo);
    for (std::int64_t from = 1;; from += kReadChunk) {
      Result<std::vector<StoredEntry>> chunk = store.Read(from, kReadChunk);
      if (!chunk) return chunk.error();
      std::vector<std::string_view> lines;
      lines.reserve(chunk->size());
      for (const StoredEntry& e : *chunk) lines.push_back(e.line);
      if (!verifier.Feed(lines)) {
        const VerifyFailure& f = *verifier.failure();
        return Fail(ErrorCode::kCorruption, store.url() + ": journal does not verify at seq " +
                                                std::to_string(f.seq) + ": " + f.reason);
      }
      if (static_cast<std::int64_t>(chunk->size()) < kReadChunk) break;
    }
    std::lock_guard lock(mu);
    head = verifier.head();
    keys = verifier.keys();
    return {};
  }

  // The background committer, for events submitted without waiting (Submit): it commits
  // whatever is queued when no other thread is committing.
  // It also queues the time-triggered checkpoint.
  void Run() {
    std::unique_lock lock(mu);
    const auto ready = [&] { return !committing && (stopping || !queue.empty()); };
    for (;;) {
      if (checkpoint_due && !stopping) {
        if (!cv.wait_until(lock, *checkpoint_due, ready)) {
          if (checkpoint_due && std::chrono::steady_clock::now() >= *checkpoint_due) {
            // Due: whoever commits next (this thread, or one already committing) signs it.
            Item item;
            item.checkpoint = true;
            queue.push_back(std::move(item));
            checkpoint_due.reset();
          }
          continue;
        }
      } else {
        cv.wait(lock, [&] { return ready() || (checkpoint_due && !stopping); });
        if (!ready()) continue;
      }
      if (queue.empty()) return;  // stopping, and everything is committed
      lock.unlock();
      Drive();
      lock.lock();
    }
  }

  // Commits everything queued, batch by batch, in this thread, unless another thread is already
  // committing (that one takes what is queued before it stops). A writer waiting for its own
  // event calls this right after queueing it, so a lone client's commit costs no hand-over to
  // another thread and back; under load the first waiter leads and commits for all.
  void Drive() {
    std::unique_lock lock(mu);
    if (committing) return;
    committing = true;
    while (!queue.empty()) {
      std::vector<Item> batch;
      while (!queue.empty() && batch.size() < options.max_batch) {
        if (queue.front().catch_up) catch_up_queued = false;
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
      }
      lock.unlock();
      Commit(batch);
      lock.lock();
    }
    committing = false;
    // The queue is empty: the background committer has nothing to do, unless it waits to stop.
    if (stopping) cv.notify_all();
  }

  // Commits one batch; on a shared store, after folding in what others appended, and again on
  // their new head when one of them appended first (kConflictRetries times at most). Every item
  // is answered once, at the end.
  void Commit(std::vector<Item>& batch) {
    Answers answers;
    for (int attempt = 0;; ++attempt) {
      answers.assign(batch.size(), std::nullopt);
      if (watch || stale) {
        if (Status s = CatchUp(); !s) {
          for (auto& a : answers) a = s.error();
          break;
        }
      }
      if (TryCommit(batch, answers, attempt < kConflictRetries) == CommitOutcome::kDone) break;
      // Servers racing for the head: a random pause of up to a few milliseconds, growing with
      // the attempts, spreads their next tries apart.
      thread_local std::minstd_rand jitter(static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id())));
      std::this_thread::sleep_for(std::chrono::microseconds(jitter() % (250 * std::min(attempt + 1, 8))));
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].promise.set_value(answers[i] ? std::move(*answers[i])
                                            : Result<Appended>(Fail(ErrorCode::kInternal, "the writer left an event unanswered")));
    }
  }

  // Reads what other writers appended after our head, checks it as at open (chain, hashes,
  // signatures, keys), folds it into the engine and publishes it (live streams included).
  Status CatchUp() {
    for (;;) {
      Result<std::vector<StoredEntry>> chunk = store.Read(head.seq + 1, kReadChunk);
      if (!chunk) return chunk.error();
      if (chunk->empty()) break;
      VerifyOptions vo;
      if (validator != nullptr) {
        vo.on_event = [this](const json::object& event, std::int64_t seq) { return validator->Replay(event, seq); };
      }
      JournalVerifier verifier(vo);
      verifier.Resume(head, keys);
      std::vector<std::string_view> lines;
      lines.reserve(chunk->size());
      for (const StoredEntry& e : *chunk) lines.push_back(e.line);
      if (!verifier.Feed(lines)) {
        const VerifyFailure& f = *verifier.failure();
        return Fail(ErrorCode::kCorruption, store.url() + ": an entry appended by another writer does not verify at seq " +
                                                std::to_string(f.seq) + ": " + f.reason);
      }
      keys = verifier.keys();
      for (const StoredEntry& e : *chunk) {
        if (e.line.find(R"("type":"journal.checkpoint")") != std::string::npos) last_checkpoint_seq = e.seq;
      }
      {
        std::lock_guard lock(mu);
        head = verifier.head();
      }
      if (validator != nullptr) validator->Committed(*chunk);
      if (static_cast<std::int64_t>(chunk->size()) < kReadChunk) break;
    }
    stale = false;
    return {};
  }

  CommitOutcome TryCommit(std::vector<Item>& batch, Answers& answers, bool may_retry) {
    auto answer = [&](Item& item, Result<Appended> r) { answers[static_cast<std::size_t>(&item - batch.data())] = std::move(r); };
    KeyRegistry next_keys = keys;
    const JournalHead durable = head;  // only this thread writes head
    JournalHead next = durable;
    std::vector<StoredEntry> entries;
    std::vector<Item*> accepted;
    entries.reserve(batch.size());
    std::vector<std::int64_t> follow_up_seqs;  // per accepted item: its last follow-up, or 0
    std::vector<Item*> checkpoint_requested;
    std::vector<std::size_t> entry_index;  // per accepted item: its place in `entries`
    // A signed checkpoint every `checkpoint_every` entries (placed after an event and what it
    // entails, never between them), by a secretariat key only.
    std::int64_t checkpointed = last_checkpoint_seq;
    auto add_checkpoint = [&] {
      if (!options.checkpoints || !signer_is_secretariat || next.seq == 0) return;
      Entry cp = CheckpointEntry(next);
      if (validator != nullptr) (void)validator->Validate(json::parse(cp.event_json).as_object(), cp.seq);
      next = {cp.seq, cp.hash};
      checkpointed = cp.seq;
      entries.push_back({cp.seq, std::move(cp.hash), std::move(cp.line)});
    };
    bool follow_up_failed = false;
    Status follow_up_error;
    std::size_t processed = 0;  // items looked at (an unprocessed one has no answer yet)
    for (Item& item : batch) {
      ++processed;
      if (item.checkpoint) {
        checkpoint_requested.push_back(&item);
        continue;
      }
      if (item.catch_up) {  // done before this batch (Commit): just say where the journal is
        answer(item, Appended{next.seq, next.hash, 0});
        continue;
      }
      const std::int64_t seq = next.seq + 1;
      if (item.server_time && validator != nullptr) Restamp(item);
      Result<PublicKey> key = next_keys.Authorize(item.event, item.signed_event.key_id, seq);
      if (!key) {
        answer(item, key.error());
        continue;
      }
      if (item.presigned && !CheckSignature(item.signed_event, *key)) {
        answer(item, Fail(ErrorCode::kPermissionDenied,
                                    "bad signature by key " + item.signed_event.key_id));
        continue;
      }
      if (const json::value* type = item.event.if_contains("type");
          type != nullptr && type->is_string() && type->get_string() == "journal.checkpoint" &&
          item.event.at("prev").get_string() != next.hash) {
        answer(item, Fail(ErrorCode::kInvalidArgument,
                                    "journal.checkpoint: prev is not the current head"));
        continue;
      }
      if (validator != nullptr) {
        Status s = validator->Validate(item.event, seq);
        if (!s) {
          answer(item, s.error());
          continue;
        }
      }
      next_keys.Apply(item.event, seq);
      Entry e = ChainEntry(seq, next.hash, item.signed_event);
      next = {seq, e.hash};
      entry_index.push_back(entries.size());
      entries.push_back({seq, std::move(e.hash), std::move(e.line)});
      accepted.push_back(&item);
      follow_up_seqs.push_back(0);
      // What the event entails is chained right after it, in this batch.
      for (json::object& follow : validator ? validator->TakeFollowUps() : std::vector<json::object>{}) {
        const std::int64_t fseq = next.seq + 1;
        Result<SignedEvent> signed_follow = SignEvent(follow, signer);
        Status ok = signed_follow ? validator->Validate(follow, fseq) : Status(signed_follow.error());
        if (!ok) {
          follow_up_failed = true;
          follow_up_error = ok;
          break;
        }
        Entry f = ChainEntry(fseq, next.hash, *signed_follow);
        next = {fseq, f.hash};
        entries.push_back({fseq, std::move(f.hash), std::move(f.line)});
        follow_up_seqs.back() = fseq;
      }
      if (follow_up_failed) break;
      if (next.seq - checkpointed >= options.checkpoint_every) add_checkpoint();
    }
    if (follow_up_failed) {
      // Never expected (the engine derived the follow-up itself): nothing of the batch is kept.
      if (validator != nullptr) validator->Failed(durable.seq);
      const Error why{ErrorCode::kInternal, "a derived event was refused: " + follow_up_error.error().message};
      for (Item* item : accepted) answer(*item, why);
      for (std::size_t i = processed; i < batch.size(); ++i) answer(batch[i], why);
      return CommitOutcome::kDone;
    }
    // When asked (the end of an import, closing), a checkpoint of whatever came since the last.
    if (!checkpoint_requested.empty() && next.seq > checkpointed) add_checkpoint();
    if (entries.empty()) {
      for (Item* item : checkpoint_requested) answer(*item, Appended{next.seq, next.hash, 0});
      return CommitOutcome::kDone;
    }

    std::vector<RequestRecord> requests;
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      if (accepted[i]->request.key.empty()) continue;
      RequestRecord q = accepted[i]->request;
      q.seq = entries[entry_index[i]].seq;
      q.hash = entries[entry_index[i]].hash;
      q.follow_up_seq = follow_up_seqs[i];
      requests.push_back(std::move(q));
    }
    Status s = store.AppendWithRequests(durable.seq, entries, requests);
    if (!s && s.error().code == ErrorCode::kUnavailable) {
      // A connection lost during commit leaves the outcome unknown: if the store's head is
      // exactly our last entry, the batch is durable; if it is still ours from before, nothing
      // was written (e.g. a stale connection) and one more try is safe, the head guard
      // preventing a double append.
      Result<JournalHead> now = store.Head();
      if (now && *now == next) {
        s = Status();
      } else if (now && *now == durable) {
        s = store.AppendWithRequests(durable.seq, entries, requests);
      }
    }
    if (s) {
      keys = std::move(next_keys);
      last_checkpoint_seq = checkpointed;
      {
        std::lock_guard lock(mu);
        head = next;
        if (last_checkpoint_seq == next.seq) {
          checkpoint_due.reset();
        } else if (!checkpoint_due && options.checkpoint_after.count() > 0 && options.checkpoints &&
                   signer_is_secretariat) {
          checkpoint_due = std::chrono::steady_clock::now() + options.checkpoint_after;
          cv.notify_all();  // the background thread waits until then
        }
      }
      if (validator != nullptr) validator->Committed(entries);
      for (Item* item : checkpoint_requested) answer(*item, Appended{next.seq, next.hash, 0});
      for (std::size_t i = 0; i < accepted.size(); ++i) {
        const StoredEntry& own = entries[entry_index[i]];
        answer(*accepted[i], Appended{own.seq, own.hash, follow_up_seqs[i]});
      }
      return CommitOutcome::kDone;
    }
    if (validator != nullptr) validator->Failed(durable.seq);
    // What the store holds now is read before the next batch (verified, signatures included):
    // another writer's entries after a conflict, or ours if a lost connection had committed them.
    stale = true;
    if (s.error().code == ErrorCode::kConflict && may_retry) return CommitOutcome::kConflict;
    for (Item* item : accepted) answer(*item, s.error());
    for (Item* item : checkpoint_requested) answer(*item, s.error());
    return CommitOutcome::kDone;
  }

  // An event stamped with the server's clock at receipt, behind the latest event validated: it
  // takes that time (it could not have happened before what is already in the journal) and is
  // signed again.
  void Restamp(Item& item) {
    const std::optional<std::string> latest = validator->LatestTime();
    const json::value* at = item.event.if_contains("at");
    if (!latest || at == nullptr || !at->is_string()) return;
    Result<Timestamp> mine = ParseTimestamp(at->get_string());
    Result<Timestamp> theirs = ParseTimestamp(*latest);
    if (!mine || !theirs || !Before(*mine, *theirs)) return;
    item.event["at"] = *latest;
    if (Result<SignedEvent> resigned = SignEvent(item.event, signer)) item.signed_event = std::move(*resigned);
  }

  // The signed checkpoint entry after `head`: its event names its own seq and the chain's hash.
  Entry CheckpointEntry(const JournalHead& after) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    const std::string at = Timestamp{now, 0}.ToString();
    Result<std::string> event = MakeCheckpointEvent(at, after.seq + 1, after.hash);
    return ChainEntry(after.seq + 1, after.hash, SignCanonicalEvent(*event, signer));
  }

  // Waits on the store's watch and queues a catch-up when anyone appended (at most one queued).
  void WatchLoop() {
    for (;;) {
      {
        std::lock_guard lock(mu);
        if (stopping) return;
      }
      Result<bool> appended = watch->Wait(std::chrono::milliseconds(250));
      if (!appended) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));  // the database is away
        continue;
      }
      if (!*appended) continue;
      {
        std::lock_guard lock(mu);
        if (catch_up_queued || stopping) continue;
        catch_up_queued = true;
      }
      Item item;
      item.catch_up = true;
      (void)Enqueue(std::move(item), true);
    }
  }

  // Queues an item; `wake` calls the background committer (the caller will not drive).
  std::future<Result<Appended>> Enqueue(Item item, bool wake) {
    std::future<Result<Appended>> f = item.promise.get_future();
    {
      std::lock_guard lock(mu);
      if (stopping) {
        return Ready(Fail(ErrorCode::kUnavailable, "journal writer is shutting down"));
      }
      queue.push_back(std::move(item));
    }
    if (wake) cv.notify_all();
    return f;
  }

  Result<Appended> EnqueueAndDrive(Item item) {
    std::future<Result<Appended>> f = Enqueue(std::move(item), false);
    Drive();
    return f.get();
  }
};

std::vector<json::object> EventValidator::TakeFollowUps() { return {}; }

Result<std::unique_ptr<JournalWriter>> JournalWriter::Open(EventStore& store, SigningKey signer,
                                                           EventValidator* validator,
                                                           JournalWriterOptions options) {
  if (options.max_batch == 0) options.max_batch = 1;
  auto impl = std::make_unique<Impl>(store, std::move(signer), validator, options);
  if (Status s = impl->Load(options.verify_signatures, true); !s) return s.error();
  impl->last_checkpoint_seq = impl->head.seq;
  if (const KeyRecord* own = impl->keys.Find(impl->signer.Id())) {
    impl->signer_is_secretariat = own->live() && own->holder == kSecretariatHolder;
  } else {
    impl->signer_is_secretariat = impl->head.seq == 0;  // a new journal: its first entry registers the key
  }
  if (impl->head.seq > 0) {
    // A writer whose key the journal does not hold as a live secretariat key would answer every
    // write 403: refuse to start instead.
    const KeyRecord* own = impl->keys.Find(impl->signer.Id());
    if (own == nullptr || !own->live() || own->holder != kSecretariatHolder) {
      return Fail(ErrorCode::kPermissionDenied,
                  "key " + impl->signer.Id() + " is not a live secretariat key of the journal in " + store.url() +
                      (own == nullptr ? " (never registered)" : !own->live() ? " (revoked)" : " (held by " + own->holder + ")"));
    }
  }
  Result<std::unique_ptr<AppendWatch>> watch = store.Watch();
  if (!watch) return watch.error();
  impl->watch = std::move(*watch);
  Impl* raw = impl.get();
  raw->thread = std::thread([raw] { raw->Run(); });
  if (raw->watch) raw->watch_thread = std::thread([raw] { raw->WatchLoop(); });
  return std::unique_ptr<JournalWriter>(new JournalWriter(std::move(impl)));
}

JournalWriter::JournalWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

JournalWriter::~JournalWriter() {
  (void)Checkpoint();  // what this writer wrote ends under a signature (if the store is up)
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  impl_->thread.join();
  if (impl_->watch_thread.joinable()) impl_->watch_thread.join();
}

namespace {

Result<Item> SignedItem(const json::object& event, const SigningKey& signer) {
  Result<SignedEvent> signed_event = SignEvent(event, signer);
  if (!signed_event) return signed_event.error();
  Item item;
  item.event = event;
  item.signed_event = std::move(*signed_event);
  return item;
}

Result<Item> PresignedItem(SignedEvent signed_event) {
  if (Status s = CheckSignedEventShape(signed_event); !s) return s.error();
  Item item;
  item.event = json::parse(signed_event.event_json).as_object();
  item.signed_event = std::move(signed_event);
  item.presigned = true;
  return item;
}

}  // namespace

std::future<Result<Appended>> JournalWriter::Submit(const json::object& event) {
  Result<Item> item = SignedItem(event, impl_->signer);
  if (!item) return Ready(item.error());
  return impl_->Enqueue(std::move(*item), true);
}

Result<Appended> JournalWriter::Append(const json::object& event) {
  Result<Item> item = SignedItem(event, impl_->signer);
  if (!item) return item.error();
  return impl_->EnqueueAndDrive(std::move(*item));
}

Result<Appended> JournalWriter::Append(const json::object& event, const RequestRecord& request, bool server_time) {
  Result<Item> item = SignedItem(event, impl_->signer);
  if (!item) return item.error();
  item->request = request;
  item->server_time = server_time;
  return impl_->EnqueueAndDrive(std::move(*item));
}

std::future<Result<Appended>> JournalWriter::SubmitSigned(SignedEvent signed_event) {
  Result<Item> item = PresignedItem(std::move(signed_event));
  if (!item) return Ready(item.error());
  return impl_->Enqueue(std::move(*item), true);
}

Result<Appended> JournalWriter::AppendSigned(SignedEvent signed_event) {
  Result<Item> item = PresignedItem(std::move(signed_event));
  if (!item) return item.error();
  return impl_->EnqueueAndDrive(std::move(*item));
}

Result<Appended> JournalWriter::Checkpoint() {
  Item item;
  item.checkpoint = true;
  return impl_->EnqueueAndDrive(std::move(item));
}

Result<Appended> JournalWriter::Refresh() {
  Item item;
  item.catch_up = true;
  return impl_->EnqueueAndDrive(std::move(item));
}

JournalHead JournalWriter::head() const {
  std::lock_guard lock(impl_->mu);
  return impl_->head;
}

}  // namespace concord
