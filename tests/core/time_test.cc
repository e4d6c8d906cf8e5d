// RFC 3339 timestamps, local days and "as of" dates (include/concord/time.h).
#include <gtest/gtest.h>

#include "concord/time.h"

namespace concord {
namespace {

Timestamp Must(std::string_view text) {
  Result<Timestamp> t = ParseTimestamp(text);
  if (!t) {
    ADD_FAILURE() << t.error().message;
    return Timestamp{};
  }
  return *t;
}

std::string ErrorOf(std::string_view text) {
  Result<Timestamp> t = ParseTimestamp(text);
  if (t) return "(parsed)";
  EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
  return t.error().message;
}

TEST(TimeTest, OffsetsNameTheSameInstant) {
  const Timestamp minsk = Must("2023-11-23T11:00:00+03:00");
  const Timestamp utc = Must("2023-11-23T08:00:00Z");
  const Timestamp yerevan = Must("2023-11-23T12:00:00+04:00");
  const Timestamp ny = Must("2023-11-23T03:00:00-05:00");
  EXPECT_EQ(minsk.utc_seconds, utc.utc_seconds);
  EXPECT_EQ(minsk.utc_seconds, yerevan.utc_seconds);
  EXPECT_EQ(minsk.utc_seconds, ny.utc_seconds);
  EXPECT_EQ(minsk.offset_minutes, 180);
  EXPECT_EQ(ny.offset_minutes, -300);
  EXPECT_EQ(utc.utc_seconds, 1700726400);
  EXPECT_FALSE(Before(minsk, utc));
  EXPECT_FALSE(Before(utc, minsk));
  EXPECT_FALSE(minsk == utc);  // same instant, different presentation
  EXPECT_TRUE(Before(Must("2023-11-23T11:00:00+03:00"), Must("2023-11-23T08:00:01Z")));
}

TEST(TimeTest, ToStringKeepsTheAuthorsOffset) {
  EXPECT_EQ(Must("2023-11-23T11:00:00+03:00").ToString(), "2023-11-23T11:00:00+03:00");
  EXPECT_EQ(Must("2023-11-23T08:00:00Z").ToString(), "2023-11-23T08:00:00Z");
  EXPECT_EQ(Must("2023-11-23T08:00:00+00:00").ToString(), "2023-11-23T08:00:00Z");
  EXPECT_EQ(Must("2024-02-29T23:59:59-09:30").ToString(), "2024-02-29T23:59:59-09:30");
  EXPECT_EQ(Must("1969-12-31T23:00:00-01:00").ToString(), "1969-12-31T23:00:00-01:00");
  // Fractions are dropped; lower-case separators are accepted.
  EXPECT_EQ(Must("2023-11-23T11:00:00.750+03:00").ToString(), "2023-11-23T11:00:00+03:00");
  EXPECT_EQ(Must("2023-11-23t08:00:00z").ToString(), "2023-11-23T08:00:00Z");
}

TEST(TimeTest, LocalDayAcrossMidnight) {
  // 01:00 in Minsk on 23 Nov is still 22 Nov in UTC: the local day is the author's.
  const Timestamp early = Must("2023-11-23T01:00:00+03:00");
  EXPECT_EQ(FormatDay(early.LocalDay()), "2023-11-23");
  EXPECT_EQ(FormatDay(Must("2023-11-22T22:00:00Z").LocalDay()), "2023-11-22");
  EXPECT_EQ(early.utc_seconds, Must("2023-11-22T22:00:00Z").utc_seconds);
  // 23:30 in New York is the next day in UTC.
  EXPECT_EQ(FormatDay(Must("2022-01-05T23:30:00-05:00").LocalDay()), "2022-01-05");
  EXPECT_EQ(FormatDay(Must("2022-01-06T04:30:00Z").LocalDay()), "2022-01-06");
  // Before the epoch the day still floors.
  EXPECT_EQ(Must("1969-12-31T23:59:59Z").LocalDay(), -1);
  EXPECT_EQ(Must("1970-01-01T00:00:00Z").LocalDay(), 0);
}

TEST(TimeTest, CivilDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2023, 11, 23), 19684);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28), 2);  // 2000 is a leap year
  EXPECT_EQ(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28), 1);  // 1900 is not
  for (Day d = -800000; d <= 800000; d += 997) {
    int y;
    unsigned m, dd;
    CivilFromDays(d, y, m, dd);
    ASSERT_EQ(DaysFromCivil(y, m, dd), d);
  }
  EXPECT_EQ(FormatDay(19684), "2023-11-23");
  ASSERT_TRUE(ParseDay("2024-02-29"));
  EXPECT_EQ(*ParseDay("2024-02-29"), DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(ParseDay("2023-02-29").error().message, "no such date: 2023-02-29");
  EXPECT_EQ(ParseDay("2023-2-9").error().message, "expected a date YYYY-MM-DD");
  EXPECT_EQ(ParseDay("2023-11-23T00").error().message, "expected a date YYYY-MM-DD");
}

TEST(TimeTest, BadTimestampsSayWhatIsWrong) {
  EXPECT_EQ(ErrorOf("2023-11-23"),
            "'2023-11-23' is not an RFC 3339 timestamp with offset (too short; expected e.g. "
            "2023-11-23T11:00:00+03:00)");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00"),
            "'2023-11-23T11:00' is not an RFC 3339 timestamp with offset (too short; expected e.g. "
            "2023-11-23T11:00:00+03:00)");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00:00"),
            "'2023-11-23T11:00:00' is not an RFC 3339 timestamp with offset (missing offset (Z or +HH:MM))");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00:00+0300"),
            "'2023-11-23T11:00:00+0300' is not an RFC 3339 timestamp with offset (bad offset; expected +HH:MM)");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00:00 +03:00"),
            "'2023-11-23T11:00:00 +03:00' is not an RFC 3339 timestamp with offset (missing offset (Z or +HH:MM))");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00:00+24:00"),
            "'2023-11-23T11:00:00+24:00' is not an RFC 3339 timestamp with offset (bad offset; expected +HH:MM)");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00:00+03:00Z"),
            "'2023-11-23T11:00:00+03:00Z' is not an RFC 3339 timestamp with offset (unexpected text after the "
            "offset)");
  EXPECT_EQ(ErrorOf("2023-02-30T11:00:00+03:00"),
            "'2023-02-30T11:00:00+03:00' is not an RFC 3339 timestamp with offset (no such date: 2023-02-30)");
  EXPECT_EQ(ErrorOf("23-11-2023T11:00:00+03:00"),
            "'23-11-2023T11:00:00+03:00' is not an RFC 3339 timestamp with offset (expected a date YYYY-MM-DD)");
  EXPECT_EQ(ErrorOf("2023-11-23_11:00:00+03:00"),
            "'2023-11-23_11:00:00+03:00' is not an RFC 3339 timestamp with offset (expected 'T' after the date)");
  EXPECT_EQ(ErrorOf("2023-11-23T11h00m00+03:00"),
            "'2023-11-23T11h00m00+03:00' is not an RFC 3339 timestamp with offset (expected HH:MM:SS)");
  EXPECT_EQ(ErrorOf("2023-11-23T24:00:00+03:00"),
            "'2023-11-23T24:00:00+03:00' is not an RFC 3339 timestamp with offset (time of day out of range)");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00:00.+03:00"),
            "'2023-11-23T11:00:00.+03:00' is not an RFC 3339 timestamp with offset (empty fraction of a second)");
  EXPECT_EQ(ErrorOf("2023-11-23T11:00:00+3:00"),
            "'2023-11-23T11:00:00+3:00' is not an RFC 3339 timestamp with offset (bad offset; expected +HH:MM)");
}

// Adversarial finding: "10:00:60" was accepted and became 10:00:59, silently. A leap second is
// refused with its reason (the old behaviour, held at :59, is gone deliberately).
TEST(TimeTest, ALeapSecondIsRefusedWithItsReason) {
  EXPECT_EQ(ErrorOf("2016-12-31T23:59:60Z"),
            "'2016-12-31T23:59:60Z' is not an RFC 3339 timestamp with offset (second 60, a leap second, is not "
            "accepted; write :59)");
  EXPECT_NE(ErrorOf("2023-11-23T10:00:60+03:00").find("(second 60, a leap second"), std::string::npos);
}

TEST(TimeTest, AnAsOfErrorDoesNotNameTheFlagTwice) {
  Result<Timestamp> bad = ParseAsOf("2023-13-01");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.find("--as-of"), std::string::npos) << bad.error().message;
}

TEST(TimeTest, AsOfDateMeansTheEndOfThatDayEverywhere) {
  Result<Timestamp> d = ParseAsOf("2023-12-01");
  ASSERT_TRUE(d);
  // Every event written on 1 December, in any offset down to -12:00, is not after it...
  EXPECT_FALSE(Before(*d, Must("2023-12-01T23:59:59-12:00")));
  EXPECT_FALSE(Before(*d, Must("2023-12-01T23:59:59+14:00")));
  // ...which reaches into 2 December elsewhere: 14:59:59 in Minsk is 11:59:59 UTC, still "as of 1
  // December" (documented in time.h); from 15:00 Minsk time it is after.
  EXPECT_FALSE(Before(*d, Must("2023-12-02T14:59:59+03:00")));
  EXPECT_TRUE(Before(*d, Must("2023-12-02T15:00:00+03:00")));
  EXPECT_EQ(ParseAsOf("2023-12-32").error().message, "no such date: 2023-12-32");  // the CLI names the flag
  Result<Timestamp> full = ParseAsOf("2024-06-01T12:00:00+03:00");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->ToString(), "2024-06-01T12:00:00+03:00");
  EXPECT_FALSE(ParseAsOf("June 2024"));
}

}  // namespace
}  // namespace concord
