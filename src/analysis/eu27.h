// The Council of the EU's qualified majority (TEU 16(4), TFEU 238(3)) with the 27 member
// states' populations: a real vector-weighted game for the tests and the benchmark.
//
//   Result<PowerIndices> p = VectorGamePower(Eu27QualifiedMajority());
//   p->shapley_shubik[0];  // Germany's share of the pivots
//
// Populations: Eurostat, population on 1 January 2024 (dataset tps00001, first published in
// the news release "EU population increases again in 2024" of 11 July 2024), in thousands of
// inhabitants, rounded to the nearest thousand from figures given to the hundred (a half up).
// The Council itself uses the figures of Annex III to its Rules of Procedure, which differ by
// a few thousand; charters/eu-council.toml carries those the engine votes with.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "analysis/power.h"

namespace concord {

struct Eu27State {
  std::string_view code;  // ISO 3166-1 alpha-3
  std::int64_t thousands;
};

// Largest first, as Eurostat ranks them.
inline constexpr std::array<Eu27State, 27> kEu27Population2024 = {{
    {"DEU", 83445}, {"FRA", 68402}, {"ITA", 58990}, {"ESP", 48611}, {"POL", 36621},
    {"ROU", 19064}, {"NLD", 17943}, {"BEL", 11832}, {"CZE", 10901}, {"PRT", 10640},
    {"SWE", 10552}, {"GRC", 10397}, {"HUN", 9585},  {"AUT", 9159},  {"BGR", 6446},
    {"DNK", 5961},  {"FIN", 5604},  {"SVK", 5425},  {"IRL", 5344},  {"HRV", 3862},
    {"LTU", 2886},  {"SVN", 2124},  {"LVA", 1872},  {"EST", 1375},  {"CYP", 934},
    {"LUX", 672},   {"MLT", 563},
}};

// At least 15 of the 27 states (55 %) holding at least 65 % of the population, or fewer than
// four states against (the blocking minority needs four).
inline VectorGame Eu27QualifiedMajority() {
  VectorGame game;
  game.players = static_cast<int>(kEu27Population2024.size());
  GameCriterion population;
  std::int64_t total = 0;
  for (const Eu27State& s : kEu27Population2024) {
    population.weights.push_back(s.thousands);
    total += s.thousands;
  }
  population.quota = (65 * total + 99) / 100;  // 65 %, rounded up: "at least"
  game.criteria.push_back(population);
  game.min_members = 15;
  game.fewer_opponents_than = 4;
  return game;
}

}  // namespace concord
