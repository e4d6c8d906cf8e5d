// Charter TOML -> ParseCharter: any bytes give a charter or diagnostics, never a crash. A
// charter the parser accepts is handed to the engine, which must take it as it is.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "codec/charter_toml.h"
#include "concord/state.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  concord::CharterParse parsed = concord::ParseCharter(text, "fuzz.toml");
  for (const concord::Diagnostic& d : parsed.errors) (void)concord::FormatDiagnostic(d);
  if (parsed.charter) {
    concord::Replayer replayer(std::make_shared<const concord::Charter>(std::move(*parsed.charter)),
                               concord::CharterTomlParser());
    (void)replayer.state();
  }
  return 0;
}
