// Helpers shared by the fold (replay.cc) and the queries on a state (queries.cc); private to the
// core.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "concord/state.h"

namespace concord {

inline bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

inline std::optional<Stance> StanceFromName(const std::string& s) {
  if (s == "support") return Stance::kSupport;
  if (s == "object") return Stance::kObject;
  if (s == "abstain") return Stance::kAbstain;
  if (s == "not_interested") return Stance::kNotInterested;
  return std::nullopt;
}

inline bool Decided(const DecisionState& d) {
  return d.decided || d.outcome.status == DecisionStatus::kReturned ||
         d.outcome.status == DecisionStatus::kWithdrawn;
}

inline bool AdoptedSoFar(DecisionStatus s) {
  return s == DecisionStatus::kAdopted || s == DecisionStatus::kAdoptedLimited ||
         s == DecisionStatus::kPendingAccession;
}

// The charter version in force at `at`: the last whose effective time is not after it.
inline std::size_t VersionAt(const State& state, const Timestamp& at) {
  std::size_t v = 0;
  for (std::size_t i = 0; i < state.charters.size(); ++i) {
    if (!Before(at, state.charters[i].effective)) v = i;
  }
  return v;
}

}  // namespace concord
