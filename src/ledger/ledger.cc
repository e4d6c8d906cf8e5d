// The Ledger (src/ledger/ledger.h): the engine in front of the journal writer.
//
// The engine's Replayer is driven from the writer's committing thread through EventValidator:
// a "working" replayer runs ahead with events validated but not yet durable; when a batch is
// durable its state is published as an immutable snapshot, and when a batch fails the working
// replayer restarts from the last published state. Readers only ever see published snapshots.
#include "ledger/ledger.h"

#include <algorithm>
#include <chrono>
#include <boost/json.hpp>
#include <future>
#include <map>
#include <mutex>
#include <utility>

#include "codec/charter_toml.h"
#include "ledger/journal_fold.h"
#include "codec/event_json.h"
#include "journal/entry.h"
#include "journal/key_registry.h"
#include "store/event_store.h"
#include "store/journal_writer.h"

namespace concord {
namespace json = boost::json;
struct Ledger::Impl : EventValidator {
  std::unique_ptr<EventStore> store;       // the writer's
  std::unique_ptr<EventStore> read_store;  // a second connection for readers (or null: use store)
  std::mutex read_mu;                      // serializes readers on read_store
  std::unique_ptr<EventStore> replica;     // a streaming replica for journal reads (or null)
  std::mutex replica_mu;
  std::unique_ptr<JournalWriter> writer;
  std::string charter_text;

  // Touched only by the committing thread (and by Open before the writer starts).
  JournalFold working;  // the engine, ahead of the store by the batch being committed
  std::vector<json::object> follow_ups;  // the decision.recorded the last put derived

  mutable std::mutex mu;  // guards view, listeners
  std::shared_ptr<const LedgerView> view;
  std::vector<std::function<void(std::int64_t, const std::string&)>> listeners;

  // At open: the stored entries, checked by the writer, folded into the engine.
  Status Replay(const json::object& event, std::int64_t seq) override {
    if (const json::value* t = event.if_contains("type"); t && t->is_string() && t->get_string() == "journal.checkpoint") {
      replayed_checkpoint = seq;
    }
    return working.Apply(event, seq);
  }
  std::int64_t replayed_checkpoint = 0;  // the last checkpoint Replay saw

  Status Validate(const json::object& event, std::int64_t seq) override {
    if (Status st = working.Apply(event, seq); !st) return st;
    if (working.derived()) follow_ups.push_back(json::parse(EncodeEvent(*working.derived())).as_object());
    return {};
  }

  std::optional<std::string> LatestTime() const override {
    const Replayer* engine = working.engine();
    if (engine == nullptr || !engine->state().last) return std::nullopt;
    return engine->state().last->ToString();
  }

  // The writer chains the derived decision.recorded right after its put, in the same batch.
  std::vector<json::object> TakeFollowUps() override { return std::exchange(follow_ups, {}); }

  // Publishes the state after the batch: an O(1) copy that shares structure with the working
  // state (State's maps are persistent), then tells the live listeners each committed line.
  void Committed(std::span<const StoredEntry> entries) override {
    auto v = std::make_shared<LedgerView>();
    v->state = std::make_shared<const State>(working.engine()->state());
    v->head_seq = entries.back().seq;
    v->head_hash = entries.back().hash;
    for (const StoredEntry& e : entries) {
      if (IsCheckpointLine(e.line)) {
        v->checkpoint_seq = e.seq;
        v->checkpoint_line = e.line;
      }
    }
    std::vector<std::function<void(std::int64_t, const std::string&)>> to_call;
    {
      std::lock_guard lock(mu);
      if (v->checkpoint_seq == 0 && view) {
        v->checkpoint_seq = view->checkpoint_seq;
        v->checkpoint_line = view->checkpoint_line;
      }
      view = v;
      to_call = listeners;
    }
    for (const StoredEntry& e : entries) {
      for (auto& listener : to_call) listener(e.seq, e.line);
    }
  }

  void Failed(std::int64_t) override {  // back to the last published state
    std::shared_ptr<const LedgerView> v;
    {
      std::lock_guard lock(mu);
      v = view;
    }
    working.Restart(State(*v->state));
    follow_ups.clear();
  }

  Result<LedgerAppend> Finish(Result<Appended> appended, Ledger&) {
    if (!appended) return appended.error();
    return LedgerAppend{appended->seq, appended->hash, appended->follow_up_seq};
  }

};

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::~Ledger() {
  if (!impl_) return;
  {
    // The closing checkpoint is for the journal alone: whoever listened (a server's live feed
    // and metrics) may be gone already.
    std::lock_guard lock(impl_->mu);
    impl_->listeners.clear();
  }
  impl_->writer.reset();  // drain the committing thread (and checkpoint) before the validator dies
}

Result<std::int64_t> Ledger::Init(const std::string& store_url, const std::string& charter_text,
                                  const SigningKey& secretariat, const std::string& at) {
  auto store = OpenStore(store_url);
  if (!store) return store.error();
  return Create(**store, charter_text, secretariat, at);
}

Result<std::int64_t> Ledger::Create(EventStore& store, const std::string& charter_text, const SigningKey& secretariat,
                                    const std::string& at) {
  if (auto parsed = ParseCharterText(charter_text, "charter"); !parsed) return parsed.error();
  auto head = store.Head();
  if (!head) return head.error();
  if (head->seq != 0) {
    return Fail(ErrorCode::kConflict, store.url() + " already holds a journal (" + std::to_string(head->seq) + " entries)");
  }
  auto event = MakeJournalCreatedEvent(at, charter_text, secretariat.public_key());
  if (!event) return event.error();
  const Entry entry = ChainEntry(1, kGenesisPrev, SignCanonicalEvent(*event, secretariat));
  const StoredEntry stored = ToStored(entry);
  if (Status st = store.Append(0, std::span<const StoredEntry>(&stored, 1)); !st) return st.error();
  return std::int64_t{1};
}

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& store_url, SigningKey signer) {
  auto store = OpenStore(store_url, StoreOpen::kExisting);
  if (!store) return store.error();
  std::unique_ptr<EventStore> read_store;
  if (store_url.rfind("memory:", 0) != 0) {
    auto second = OpenStore(store_url, StoreOpen::kExisting);
    if (!second) return second.error();
    read_store = std::move(*second);
  }
  return Open(std::move(*store), std::move(signer), std::move(read_store));
}

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& store_url, SigningKey signer, const std::string& replica_url) {
  std::unique_ptr<EventStore> replica;
  if (!replica_url.empty()) {
    auto opened = OpenStore(replica_url, StoreOpen::kExisting);
    if (!opened) return opened.error();
    replica = std::move(*opened);
  }
  auto ledger = Open(store_url, std::move(signer));
  if (!ledger) return ledger.error();
  (*ledger)->impl_->replica = std::move(replica);
  return ledger;
}

bool Ledger::HasReplica() const { return impl_->replica != nullptr; }

Result<std::int64_t> Ledger::ReplicaLag() const {
  if (!impl_->replica) return std::int64_t{0};
  std::lock_guard lock(impl_->replica_mu);
  Result<JournalHead> head = impl_->replica->Head();
  if (!head) return head.error();
  return std::max<std::int64_t>(0, View()->head_seq - head->seq);
}

Result<std::unique_ptr<Ledger>> Ledger::Open(std::unique_ptr<EventStore> store, SigningKey signer,
                                             std::unique_ptr<EventStore> read_store) {
  auto impl = std::make_unique<Impl>();
  impl->store = std::move(store);
  impl->read_store = std::move(read_store);
  const std::string& store_url = impl->store->url();
  // One pass over the store: the writer checks the chain, the hashes and every signature (and
  // that `signer` is a live secretariat key), and hands each entry to Replay, which folds it into
  // the engine. It appends nothing until asked.
  auto writer = JournalWriter::Open(*impl->store, std::move(signer), impl.get());
  if (!writer) return writer.error();
  impl->writer = std::move(*writer);
  const JournalHead head = impl->writer->head();
  const std::int64_t next = head.seq + 1;
  const std::string last_hash = head.hash;
  std::int64_t checkpoint_seq = impl->replayed_checkpoint;
  std::string checkpoint_line;
  if (checkpoint_seq > 0) {
    auto line = impl->store->Read(checkpoint_seq, 1);
    if (!line || line->empty()) return Fail(ErrorCode::kCorruption, "entry " + std::to_string(checkpoint_seq) + ": unreadable");
    checkpoint_line = std::move(line->front().line);
  }
  JournalFold& fold = impl->working;
  if (next == 1) return Fail(ErrorCode::kNotFound, store_url + " holds no journal (run concord init first)");
  impl->charter_text = fold.charter_text();
  auto v = std::make_shared<LedgerView>();
  v->state = std::make_shared<const State>(impl->working.engine()->state());
  v->head_seq = next - 1;
  v->head_hash = last_hash;
  v->checkpoint_seq = checkpoint_seq;
  v->checkpoint_line = std::move(checkpoint_line);
  impl->view = v;
  return std::unique_ptr<Ledger>(new Ledger(std::move(impl)));
}

Result<LedgerAppend> Ledger::Append(std::string_view event_json) {
  boost::system::error_code ec;
  json::value v = json::parse(event_json, ec);
  if (ec || !v.is_object()) return Fail(ErrorCode::kInvalidArgument, "an event must be a JSON object");
  return Append(v.as_object());
}

bool IsCheckpointLine(std::string_view line) {
  // Canonical JSON: the event's type appears exactly so, and cannot inside a string value (its
  // quotes would be escaped there).
  return line.find(R"("type":"journal.checkpoint")") != std::string_view::npos;
}

Status CheckNotInFuture(const Timestamp& at) {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
  if (at.utc_seconds > now + kClockAllowanceSeconds) {
    return Fail(ErrorCode::kRejected, "the event is dated " + at.ToString() +
                                          ", in the future (more than " + std::to_string(kClockAllowanceSeconds) +
                                          " s after this server's clock)");
  }
  return {};
}

namespace {

// The shape (kInvalidArgument) and the date (kRejected) of an event, before it is queued.
Status CheckAtTheEdge(const json::object& event) {
  auto decoded = DecodeEventObject(event);
  if (!decoded) return decoded.error();
  return CheckNotInFuture(decoded->at);
}

}  // namespace

Result<LedgerAppend> Ledger::Append(const json::object& event) {
  // Check the shape first so that a malformed event never reaches the committing thread.
  if (Status st = CheckAtTheEdge(event); !st) return st.error();
  return impl_->Finish(impl_->writer->Append(event), *this);
}

Result<LedgerAppend> Ledger::Append(const json::object& event, const AppendOptions& options) {
  if (Status st = CheckAtTheEdge(event); !st) return st.error();
  RequestRecord request;
  request.key = options.request_key;
  request.fingerprint = options.fingerprint;
  return impl_->Finish(impl_->writer->Append(event, request, options.server_time), *this);
}

bool Ledger::KeepsRequests() const { return impl_->store->KeepsRequests(); }

Result<std::optional<Ledger::RecordedRequest>> Ledger::FindRequest(const std::string& request_key) {
  // The readers' connection: the writer's is busy committing.
  std::unique_lock lock(impl_->read_mu);
  EventStore& store = impl_->read_store ? *impl_->read_store : *impl_->store;
  Result<std::optional<RequestRecord>> found = store.FindRequest(request_key);
  lock.unlock();
  if (!found) return found.error();
  if (!*found) return std::optional<RecordedRequest>();
  const RequestRecord& q = **found;
  return std::optional<RecordedRequest>(RecordedRequest{q.fingerprint, LedgerAppend{q.seq, q.hash, q.follow_up_seq}});
}

Ledger::Many Ledger::AppendMany(const std::vector<std::string_view>& events) {
  Many out;
  constexpr std::size_t kWindow = 4096;  // events in flight at most
  std::vector<std::future<Result<Appended>>> window;
  for (std::size_t start = 0; start < events.size() && !out.error; start += kWindow) {
    const std::size_t end = std::min(events.size(), start + kWindow);
    window.clear();
    for (std::size_t i = start; i < end; ++i) {
      boost::system::error_code ec;
      json::value v = json::parse(events[i], ec);
      std::optional<Error> bad;
      if (ec || !v.is_object()) {
        bad = Error{ErrorCode::kInvalidArgument, "an event must be a JSON object"};
      } else if (Status st = CheckAtTheEdge(v.as_object()); !st) {
        bad = st.error();
      }
      if (bad) {
        out.error = std::move(bad);
        out.failed_at = i;
        break;
      }
      window.push_back(impl_->writer->Submit(v.as_object()));
    }
    for (std::size_t k = 0; k < window.size(); ++k) {
      Result<Appended> r = window[k].get();
      if (out.error) continue;  // drain the rest of the window
      if (!r) {
        out.error = r.error();
        out.failed_at = start + k;
        continue;
      }
      out.appended.push_back(LedgerAppend{r->seq, r->hash, r->follow_up_seq});
    }
  }
  return out;
}

Result<LedgerAppend> Ledger::AppendSigned(std::string_view signed_json) {
  boost::system::error_code ec;
  json::value v = json::parse(signed_json, ec);
  if (ec || !v.is_object()) return Fail(ErrorCode::kInvalidArgument, "a signed event must be a JSON object");
  const json::object& o = v.as_object();
  const json::value* event = o.if_contains("event");
  const json::value* key = o.if_contains("key");
  const json::value* sig = o.if_contains("sig");
  if (!event || !event->is_object()) return Fail(ErrorCode::kInvalidArgument, "missing field 'event' (an object)");
  if (!key || !key->is_string()) return Fail(ErrorCode::kInvalidArgument, "missing field 'key' (a key id)");
  if (!sig || !sig->is_string()) return Fail(ErrorCode::kInvalidArgument, "missing field 'sig' (hex signature)");
  if (Status st = CheckAtTheEdge(event->as_object()); !st) return st.error();
  SignedEvent se;
  se.event_json = json::serialize(*event);
  se.key_id = std::string(key->as_string());
  se.sig = std::string(sig->as_string());
  if (Status st = CheckSignedEventShape(se); !st) return Fail(ErrorCode::kInvalidArgument, st.error().message);
  return impl_->Finish(impl_->writer->AppendSigned(std::move(se)), *this);
}

std::shared_ptr<const LedgerView> Ledger::View() const {
  std::lock_guard lock(impl_->mu);
  return impl_->view;
}

Status Ledger::Refresh() {
  Result<Appended> r = impl_->writer->Refresh();
  if (!r) return r.error();
  return {};
}

Result<std::vector<std::string>> Ledger::ReadLines(std::int64_t from_seq, std::int64_t limit) const {
  if (impl_->replica) {
    // From the replica, unless it lacks entries this ledger already holds (it lags): never a
    // page shorter than the journal is.
    const std::int64_t head = View()->head_seq;
    const std::int64_t want = std::max<std::int64_t>(0, std::min(limit, head - from_seq + 1));
    std::unique_lock lock(impl_->replica_mu);
    auto read = impl_->replica->Read(from_seq, limit);
    lock.unlock();
    if (read && static_cast<std::int64_t>(read->size()) >= want) {
      std::vector<std::string> out;
      out.reserve(read->size());
      for (auto& e : *read) out.push_back(std::move(e.line));
      return out;
    }
  }
  std::lock_guard lock(impl_->read_mu);
  EventStore& s = impl_->read_store ? *impl_->read_store : *impl_->store;
  auto read = s.Read(from_seq, limit);
  if (!read) return read.error();
  std::vector<std::string> out;
  out.reserve(read->size());
  for (auto& e : *read) out.push_back(std::move(e.line));
  return out;
}

void Ledger::OnCommitted(std::function<void(std::int64_t, const std::string&)> listener) {
  std::lock_guard lock(impl_->mu);
  impl_->listeners.push_back(std::move(listener));
}

const std::string& Ledger::charter_text() const { return impl_->charter_text; }

Result<std::shared_ptr<const State>> ReplayEntries(const std::vector<std::string>& lines,
                                                   const std::optional<Timestamp>& until) {
  JournalFold fold;
  // Each line is parsed once: the entry's event is decoded from the parsed object (the lines
  // come from a journal whose chain and signatures were checked when it was opened or verified).
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::int64_t seq = static_cast<std::int64_t>(i) + 1;
    const std::string where = "entry " + std::to_string(seq);
    boost::system::error_code ec;
    json::value entry = json::parse(lines[i], ec);
    if (ec || !entry.is_object()) return Fail(ErrorCode::kCorruption, where + ": not a JSON object");
    const json::value* ev = entry.as_object().if_contains("event");
    if (!ev || !ev->is_object()) return Fail(ErrorCode::kCorruption, where + ": bad event");
    if (until && seq > 1) {
      if (auto t = RecordTimeOf(ev->as_object()); t && Before(*until, *t)) break;
    }
    if (Status st = fold.Apply(ev->as_object(), seq); !st) {
      return Fail(seq == 1 ? ErrorCode::kCorruption : ErrorCode::kInvalidArgument, where + ": " + st.error().message);
    }
  }
  if (!fold.engine()) return Fail(ErrorCode::kNotFound, "the journal is empty");
  return std::make_shared<const State>(fold.engine()->state());
}

}  // namespace concord
