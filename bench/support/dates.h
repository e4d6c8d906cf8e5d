// Dates for generated histories: 2000-01-01T00:00:00+03:00 plus a number of seconds, so that a
// generated record is dated in the past, one event a second.
#pragma once

#include <cstdio>
#include <string>

namespace concord::bench {

inline std::string At(long seconds) {
  const long day = seconds / 86400, rest = seconds % 86400;
  // Civil date from days since 0000-03-01 (2000-01-01 is day 10957 after 1970-01-01), by the
  // usual era arithmetic.
  const long z = day + 10957 + 719468;
  const long era = z / 146097, doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ldT%02ld:%02ld:%02ld+03:00", y, m, d, rest / 3600, rest / 60 % 60,
                rest % 60);
  return buf;
}

}  // namespace concord::bench
