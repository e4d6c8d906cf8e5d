// Journal lines -> JournalVerifier (signatures checked, the event decoded as `verify` does),
// fed in two chunks so that continuing after a chunk is exercised too; a journal that verifies
// is then folded into the engine's state. Lines are separated by '\n'.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codec/event_json.h"
#include "journal/verifier.h"
#include "ledger/ledger.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }

  concord::VerifyOptions options;
  options.threads = 1;  // one input at a time; threads would only blur the coverage
  options.on_event = [](const boost::json::object& event, std::int64_t) -> concord::Status {
    auto decoded = concord::DecodeEventObject(event);
    if (!decoded) return decoded.error();
    return {};
  };
  concord::JournalVerifier verifier(options);
  const std::span<const std::string_view> all(lines);
  const std::size_t half = all.size() / 2;
  if (verifier.Feed(all.first(half)) && verifier.Feed(all.subspan(half))) {
    const std::vector<std::string> owned(lines.begin(), lines.end());
    (void)concord::ReplayEntries(owned);
  }
  return 0;
}
