// A history file -> ParseHistory (one DecodeEvent per line) -> the engine. Every event decoded
// must encode and decode again to the same line, and the engine must accept or refuse each with
// a reason, never crash. The engine runs on the CSTO charter, the one the shipped histories use.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "codec/charter_toml.h"
#include "codec/event_json.h"
#include "concord/state.h"

namespace {

std::shared_ptr<const concord::Charter> CstoCharter() {
  std::ifstream in(CONCORD_SOURCE_DIR "/charters/csto.toml", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  auto charter = concord::ParseCharterText(s.str(), "charters/csto.toml");
  if (!charter) {
    std::fprintf(stderr, "history_fuzz: cannot load charters/csto.toml: %s\n", charter.error().message.c_str());
    std::abort();
  }
  return *charter;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const concord::Charter> charter = CstoCharter();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto lines = concord::ParseHistory(text, "fuzz.jsonl");
  if (!lines) return 0;
  concord::Replayer replayer(charter, concord::CharterTomlParser());
  for (const concord::HistoryLine& line : *lines) {
    const std::string encoded = concord::EncodeEvent(line.event);
    auto again = concord::DecodeEvent(encoded);
    if (!again) {
      std::fprintf(stderr, "encoded event does not decode: %s\n%s\n", again.error().message.c_str(), encoded.c_str());
      std::abort();
    }
    if (concord::EncodeEvent(*again) != encoded) {
      std::fprintf(stderr, "encoding is not stable:\n%s\n%s\n", encoded.c_str(), concord::EncodeEvent(*again).c_str());
      std::abort();
    }
    (void)replayer.Apply(line.event);
  }
  return 0;
}
