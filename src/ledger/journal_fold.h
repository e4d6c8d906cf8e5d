// JournalFold: the one way a journal's events become the engine's state.
//
// Entry 1 (journal.created) builds the engine from the charter it holds; the journal's own
// bookkeeping (journal.*, key.*) is the key registry's business and is skipped; every other event
// is decoded from its parsed object (never parsed again) and applied. Used by the ledger when it
// opens a store, by ReplayEntries (the server's past dates, `replay --store`) and by `verify`.
//
//   JournalFold fold;
//   for (each entry) if (Status s = fold.Apply(event_object, seq); !s) return s;  // "..."
//   const State& state = fold.engine()->state();
#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "concord/result.h"
#include "concord/state.h"

namespace concord {

class JournalFold {
 public:
  // Applies the event of entry `seq`. kCorruption if entry 1 is not a journal.created with a valid
  // charter (or a later entry comes first); the engine's error if it refuses the event.
  Status Apply(const boost::json::object& event, std::int64_t seq);

  // Continues from a state reached earlier (the ledger, after a batch failed to commit).
  void Restart(State state);

  // What the last applied event entails (a put's decision.recorded), if anything.
  const std::optional<Event>& derived() const { return derived_; }

  // Null until entry 1 is applied.
  Replayer* engine() { return engine_ ? &*engine_ : nullptr; }
  const Replayer* engine() const { return engine_ ? &*engine_ : nullptr; }
  // The charter text entry 1 holds.
  const std::string& charter_text() const { return charter_text_; }

 private:
  std::optional<Replayer> engine_;
  std::string charter_text_;
  std::optional<Event> derived_;
};

// Whether an event type is the journal's own bookkeeping rather than part of the record.
bool IsJournalEvent(std::string_view type);

// An event's time ("at"), if it is part of the record and has one.
std::optional<Timestamp> RecordTimeOf(const boost::json::object& event);

}  // namespace concord
