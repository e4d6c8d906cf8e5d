// Draft evaluations per second (EvaluateDraft) on the shipped charters:
//   BM_EvaluateCstoConsensus   the 6-member CSC, substantive matter (quorum of all, consensus)
//   BM_EvaluateCstoAdReferendum  the same with Armenia absent (quorum missed, ad referendum)
//   BM_EvaluateEuQmv           the 27-member Council, QMV (55 % / 65 % / computed blocking minority)
//   BM_EvaluateEuQmvPartial    the same with three members not taking part (recomputed minority)
// Compare the items_per_second counters.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>

#include "codec/charter_toml.h"
#include "concord/engine.h"

namespace concord {
namespace {

// bench/CMakeLists.txt defines no source directory: take it from this file's own path, unless
// the environment names one.
std::string SourceDir() {
  if (const char* env = std::getenv("CONCORD_SOURCE_DIR")) return env;
  const std::string file = __FILE__;
  return file.substr(0, file.rfind("/bench/"));
}

const Charter& Shipped(const std::string& name) {
  static std::map<std::string, Charter> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    Result<Charter> c = LoadCharterFile(SourceDir() + "/charters/" + name);
    if (!c) std::abort();
    it = cache.emplace(name, std::move(*c)).first;
  }
  return it->second;
}

Ballot AllIn(const Charter& c, const std::string& body, const std::string& matter) {
  Ballot b;
  b.body = body;
  b.matter = matter;
  for (const auto& [id, m] : c.members) {
    Vote v;
    v.member = id;
    v.attendance = Attendance::kPresent;
    v.stance = Stance::kSupport;
    b.votes.push_back(v);
  }
  return b;
}

void Run(benchmark::State& state, const Charter& c, const Ballot& b) {
  for (auto _ : state) {
    Result<Outcome> out = EvaluateDraft(c, b);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EvaluateCstoConsensus(benchmark::State& state) {
  const Charter& c = Shipped("csto.toml");
  Ballot b = AllIn(c, "CSC", "substantive");
  b.votes[1].stance = Stance::kAbstain;  // BLR abstains: does not block
  Run(state, c, b);
}
BENCHMARK(BM_EvaluateCstoConsensus);

void BM_EvaluateCstoAdReferendum(benchmark::State& state) {
  const Charter& c = Shipped("csto.toml");
  Ballot b = AllIn(c, "CSC", "substantive");
  b.votes[0].attendance = Attendance::kAbsent;  // ARM
  b.votes[0].stance = Stance::kNone;
  Run(state, c, b);
}
BENCHMARK(BM_EvaluateCstoAdReferendum);

void BM_EvaluateEuQmv(benchmark::State& state) {
  const Charter& c = Shipped("eu-council.toml");
  Ballot b = AllIn(c, "COUNCIL", "qmv");
  for (auto& v : b.votes) {
    if (v.member == "DEU" || v.member == "FRA" || v.member == "ITA") v.stance = Stance::kObject;
    if (v.member == "BEL") v.stance = Stance::kAbstain;
  }
  Run(state, c, b);
}
BENCHMARK(BM_EvaluateEuQmv);

void BM_EvaluateEuQmvPartial(benchmark::State& state) {
  const Charter& c = Shipped("eu-council.toml");
  Ballot b = AllIn(c, "COUNCIL", "qmv");
  for (auto& v : b.votes) {
    if (v.member == "DNK" || v.member == "IRL" || v.member == "HUN") v.stance = Stance::kNotInterested;
    if (v.member == "POL") v.stance = Stance::kObject;
  }
  Run(state, c, b);
}
BENCHMARK(BM_EvaluateEuQmvPartial);

}  // namespace
}  // namespace concord
