// Timestamps as data. The core never reads a clock: every instant arrives on an event or as
// an explicit "as of" argument, written in RFC 3339 with its offset.
//
//   Result<Timestamp> t = ParseTimestamp("2023-11-23T11:00:00+03:00");
//   t->LocalDay();  // days since 1970-01-01 in the offset written (for "day N" counting)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "concord/result.h"

namespace concord {

// A calendar date as days since 1970-01-01 (proleptic Gregorian).
using Day = std::int64_t;

struct Timestamp {
  std::int64_t utc_seconds = 0;   // seconds since 1970-01-01T00:00:00Z
  std::int32_t offset_minutes = 0;  // the offset the author wrote (+03:00 -> 180)

  // The calendar day in the author's own offset: "day N of a request" counts these.
  Day LocalDay() const;
  // RFC 3339 with the original offset, e.g. "2023-11-23T11:00:00+03:00".
  std::string ToString() const;

  friend bool operator==(const Timestamp& a, const Timestamp& b) {
    return a.utc_seconds == b.utc_seconds && a.offset_minutes == b.offset_minutes;
  }
};

// Instants compare by UTC; the offset is presentation only.
inline bool Before(const Timestamp& a, const Timestamp& b) { return a.utc_seconds < b.utc_seconds; }

// Parses "YYYY-MM-DDTHH:MM:SS(.fff)?(Z|+HH:MM|-HH:MM)". Fractions are dropped.
// Returns kInvalidArgument with a message naming what is wrong.
Result<Timestamp> ParseTimestamp(std::string_view text);

// Parses an "as of" argument: a full timestamp, or a date "YYYY-MM-DD" meaning the end of that
// day everywhere (23:59:59 at UTC-12), so that everything dated that day, in any offset, counts.
Result<Timestamp> ParseAsOf(std::string_view text);

// Days since 1970-01-01 for a civil date, and back.
Day DaysFromCivil(int year, unsigned month, unsigned day);
void CivilFromDays(Day days, int& year, unsigned& month, unsigned& day);
// "YYYY-MM-DD".
std::string FormatDay(Day day);
Result<Day> ParseDay(std::string_view text);

}  // namespace concord
