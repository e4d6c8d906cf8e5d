// A small real journal for the fuzz targets that need one: the board charter of
// tests/golden/charters, signed by a key from a fixed seed (the same bytes on every run), with a
// sitting, one draft decided (its decision.recorded derived by the ledger) and one still open.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "journal/crypto.h"
#include "journal/entry.h"
#include "ledger/ledger.h"
#include "store/event_store.h"

namespace concord::fuzz {

inline const SigningKey& BoardKey() {
  static const SigningKey key = *SigningKey::FromSeed(std::string(kSeedSize, '\x2a'));
  return key;
}

[[noreturn]] inline void Die(const std::string& what) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  std::abort();
}

inline std::string BoardCharter() {
  std::ifstream in(CONCORD_SOURCE_DIR "/tests/golden/charters/board.toml", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in) Die("cannot read tests/golden/charters/board.toml");
  return s.str();
}

// The journal's entries, as a store keeps them.
inline std::vector<StoredEntry> BoardJournal() {
  std::unique_ptr<EventStore> store = NewMemoryStore();
  if (auto made = Ledger::Create(*store, BoardCharter(), BoardKey(), "2024-01-01T00:00:00Z"); !made) {
    Die(made.error().message);
  }
  auto ledger = Ledger::Open(std::move(store), BoardKey());
  if (!ledger) Die(ledger.error().message);
  const char* const events[] = {
      R"({"type":"session.convened","at":"2024-03-01T10:00:00Z","session":"b1","body":"BOARD","kind":"regular"})",
      R"({"type":"attendance.present","at":"2024-03-01T10:00:00Z","session":"b1","member":"ada"})",
      R"({"type":"attendance.present","at":"2024-03-01T10:00:00Z","session":"b1","member":"bo"})",
      R"({"type":"attendance.present","at":"2024-03-01T10:00:00Z","session":"b1","member":"cy"})",
      R"({"type":"attendance.absent","at":"2024-03-01T10:00:00Z","session":"b1","member":"di","reason":"ill"})",
      R"({"type":"draft.tabled","at":"2024-03-01T10:05:00Z","session":"b1","draft":"d1","title":"Budget","kind":"decision","matter":"ordinary"})",
      R"({"type":"position.taken","at":"2024-03-01T10:06:00Z","draft":"d1","member":"ada","position":"support"})",
      R"({"type":"position.taken","at":"2024-03-01T10:06:00Z","draft":"d1","member":"bo","position":"object"})",
      R"({"type":"draft.put_to_decision","at":"2024-03-01T10:07:00Z","draft":"d1"})",
      R"({"type":"draft.tabled","at":"2024-03-01T10:10:00Z","session":"b1","draft":"d2","title":"Audit","kind":"decision","matter":"ordinary"})",
      R"({"type":"position.taken","at":"2024-03-01T10:11:00Z","draft":"d2","member":"cy","position":"abstain"})",
  };
  for (const char* e : events) {
    if (auto appended = (*ledger)->Append(e); !appended) Die(std::string(e) + ": " + appended.error().message);
  }
  auto lines = (*ledger)->ReadLines(1, 1000);
  if (!lines) Die(lines.error().message);
  std::vector<StoredEntry> out;
  for (const std::string& line : *lines) {
    auto entry = ParseEntryLine(line);
    if (!entry) Die(entry.error().message);
    out.push_back(ToStored(*entry));
  }
  return out;
}

}  // namespace concord::fuzz
