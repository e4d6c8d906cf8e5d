// Exact voting power against enumeration (src/analysis):
//   BM_Eu27Exact           EU-27 qualified majority, Banzhaf + Shapley-Shubik by the (size,
//                          population) table
//   BM_Eu27BruteForce      the same game by enumerating its 2^27 coalitions
//   BM_Weighted200Banzhaf  200 players, total weight 100,000, quota a half: Banzhaf only
//   BM_Weighted200Full     the same with Shapley-Shubik (the 2-D table)
// Compare the real times; the results are checked equal once before timing.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "analysis/brute_force.h"
#include "analysis/eu27.h"
#include "analysis/power.h"

namespace concord {
namespace {

// Deterministic weights 1..~1000 summing to exactly 100,000 (a linear congruential sequence,
// scaled, so the game is the same on every machine); quota a simple majority of the weight.
WeightedGame Weighted200() {
  std::vector<std::int64_t> raw;
  std::int64_t raw_total = 0;
  std::uint64_t x = 20240711;
  for (int i = 0; i < 200; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    raw.push_back(1 + static_cast<std::int64_t>((x >> 33) % 999));
    raw_total += raw.back();
  }
  WeightedGame g;
  std::int64_t total = 0;
  for (std::int64_t r : raw) {
    g.weights.push_back(1 + r * (100000 - 200) / raw_total);
    total += g.weights.back();
  }
  for (std::size_t i = 0; total < 100000; ++i, ++total) ++g.weights[i];
  g.quota = 50001;
  return g;
}

void BM_Eu27Exact(benchmark::State& state) {
  const VectorGame game = Eu27QualifiedMajority();
  for (auto _ : state) {
    Result<PowerIndices> p = VectorGamePower(game);
    if (!p) std::abort();
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Eu27Exact)->Unit(benchmark::kMillisecond);

void BM_Eu27BruteForce(benchmark::State& state) {
  const VectorGame game = Eu27QualifiedMajority();
  for (auto _ : state) {
    Result<PowerIndices> p = BruteForceVectorPower(game);
    if (!p) std::abort();
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Eu27BruteForce)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Weighted200Banzhaf(benchmark::State& state) {
  const WeightedGame game = Weighted200();
  for (auto _ : state) {
    Result<PowerIndices> p = WeightedGamePower(game, {.shapley_shubik = false});
    if (!p) std::abort();
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Weighted200Banzhaf)->Unit(benchmark::kMillisecond);

void BM_Weighted200Full(benchmark::State& state) {
  const WeightedGame game = Weighted200();
  for (auto _ : state) {
    Result<PowerIndices> p = WeightedGamePower(game);
    if (!p) std::abort();
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Weighted200Full)->Unit(benchmark::kMillisecond)->Iterations(1);

// The exact and enumerated EU-27 figures must agree before their times mean anything.
const bool kChecked = [] {
  const VectorGame game = Eu27QualifiedMajority();
  Result<PowerIndices> fast = VectorGamePower(game);
  Result<PowerIndices> slow = BruteForceVectorPower(game);
  if (!fast || !slow || fast->swings != slow->swings || fast->pivots != slow->pivots ||
      fast->winning != slow->winning) {
    std::cerr << "voting_power: the EU-27 table and the enumeration disagree\n";
    std::abort();
  }
  return true;
}();

}  // namespace
}  // namespace concord
