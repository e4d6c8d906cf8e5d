// `concord power`: the exact voting power of each member under a charter's rule, or of a plain
// weighted voting game (src/analysis/, docs/analysis.md).
//
//   PowerCommandOptions o;  o.body = "SC";  o.matter = "substantive";
//   o.charter = "embedded:charters/un-security-council.toml";
//   RunPower(o, std::cout, std::cerr);      // a table; o.format = "json" for the fields below
#pragma once

#include <iosfwd>
#include <string>

namespace concord {

struct PowerCommandOptions {
  std::string charter;         // path (or embedded:...); empty: the CSTO charter
  std::string body, matter;    // the rule of this body's matter
  std::string as_of;           // YYYY-MM-DD: the body's members on that day; empty: today (UTC)
  std::string weights;         // "4,4,4,2,2,1": a weighted game instead of a charter's rule
  std::string quota;           // with --weights
  std::string names;           // with --weights: "FR,DE,IT,BE,NL,LU" (default P1, P2, ...)
  std::string index = "all";   // banzhaf | shapley-shubik | all
  std::string format = "text"; // text | json
};

int RunPower(const PowerCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace concord
