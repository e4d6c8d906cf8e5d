// Inside the journal module only: entry parsing that also hands back the event object.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "journal/entry.h"

namespace concord {

// ParseEntryLine, also moving the parsed event object into `event_out`.
Result<Entry> ParseEntryLineInto(std::string_view line, boost::json::object& event_out);

}  // namespace concord
