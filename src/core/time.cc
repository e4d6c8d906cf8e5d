// RFC 3339 timestamps and civil dates, in integers (include/concord/time.h).
#include "concord/time.h"

#include <cstdlib>

namespace concord {
namespace {

// Reads exactly `n` digits at `pos`; -1 if they are not all digits.
int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::string Pad(long v, int width) {
  std::string s = std::to_string(v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

Result<Day> ParseDate(std::string_view text) {
  const int y = Digits(text, 0, 4), mo = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (text.size() < 10 || y < 0 || mo < 0 || d < 0 || text[4] != '-' || text[7] != '-') {
    return Fail(ErrorCode::kInvalidArgument, "expected a date YYYY-MM-DD");
  }
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(mo))) {
    return Fail(ErrorCode::kInvalidArgument, "no such date: " + std::string(text.substr(0, 10)));
  }
  return DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
}

}  // namespace

// Howard Hinnant's well-known civil-date algorithms, written out here for the core.
Day DaysFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const Day era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<Day>(doe) - 719468;
}

void CivilFromDays(Day days, int& year, unsigned& month, unsigned& day) {
  days += 719468;
  const Day era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(static_cast<Day>(yoe) + era * 400 + (month <= 2));
}

std::string FormatDay(Day d) {
  int y;
  unsigned m, dd;
  CivilFromDays(d, y, m, dd);
  return Pad(y, 4) + "-" + Pad(m, 2) + "-" + Pad(dd, 2);
}

Result<Day> ParseDay(std::string_view text) {
  if (text.size() != 10) return Fail(ErrorCode::kInvalidArgument, "expected a date YYYY-MM-DD");
  return ParseDate(text);
}

Day Timestamp::LocalDay() const {
  const std::int64_t local = utc_seconds + std::int64_t{offset_minutes} * 60;
  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

std::string Timestamp::ToString() const {
  const std::int64_t local = utc_seconds + std::int64_t{offset_minutes} * 60;
  const Day day = LocalDay();
  const std::int64_t sec = local - day * 86400;
  std::string s = FormatDay(day) + "T" + Pad(sec / 3600, 2) + ":" + Pad(sec / 60 % 60, 2) + ":" +
                  Pad(sec % 60, 2);
  if (offset_minutes == 0) return s + "Z";
  const int off = std::abs(offset_minutes);
  return s + (offset_minutes < 0 ? "-" : "+") + Pad(off / 60, 2) + ":" + Pad(off % 60, 2);
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  const auto bad = [&](const std::string& why) {
    return Fail(ErrorCode::kInvalidArgument,
                "'" + std::string(text) + "' is not an RFC 3339 timestamp with offset (" + why + ")");
  };
  if (text.size() < 19) return bad("too short; expected e.g. 2023-11-23T11:00:00+03:00");
  auto day = ParseDate(text);
  if (!day) return bad(day.error().message);
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return bad("expected 'T' after the date");
  const int h = Digits(text, 11, 2), mi = Digits(text, 14, 2), s = Digits(text, 17, 2);
  if (h < 0 || mi < 0 || s < 0 || text[13] != ':' || text[16] != ':') return bad("expected HH:MM:SS");
  if (h > 23 || mi > 59 || s > 59) {
    // A leap second (:60) is refused rather than silently moved to :59: two events would share a
    // second the writer did not choose.
    return bad(s == 60 ? "second 60, a leap second, is not accepted; write :59" : "time of day out of range");
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return bad("empty fraction of a second");
  }
  int offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int oh = Digits(text, pos + 1, 2), om = Digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || pos + 3 >= text.size() || text[pos + 3] != ':' || oh > 23 || om > 59) {
      return bad("bad offset; expected +HH:MM");
    }
    offset = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad("missing offset (Z or +HH:MM)");
  }
  if (pos != text.size()) return bad("unexpected text after the offset");
  Timestamp t;
  t.offset_minutes = offset;
  t.utc_seconds = *day * 86400 + h * 3600 + mi * 60 + s - std::int64_t{offset} * 60;
  return t;
}

Result<Timestamp> ParseAsOf(std::string_view text) {
  if (text.size() == 10) {
    auto day = ParseDate(text);
    if (!day) return day.error();
    // The end of that day anywhere on Earth (UTC-12), so that every event dated that day counts.
    return Timestamp{*day * 86400 + 86399 + 12 * 3600, -12 * 60};
  }
  return ParseTimestamp(text);
}

}  // namespace concord
