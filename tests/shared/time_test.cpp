#include <gtest/gtest.h>

#include "care/time.hpp"

namespace care {
namespace {

TEST(Time, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_rfc3339(time_from_unix_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(time_from_unix_ms(1714555800250)), "2024-05-01T09:30:00.250Z");
  EXPECT_EQ(format_rfc3339(time_from_unix_ms(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(time_from_unix_ms(951782400000)), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(kLatestTime), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(kEarliestTime), "0000-01-01T00:00:00.000Z");
}

TEST(Time, ParsesWhatItFormats) {
  for (std::int64_t ms :
       {std::int64_t{0}, std::int64_t{1714555800250}, std::int64_t{-1}, std::int64_t{951782400000},
        unix_ms(kLatestTime), unix_ms(kEarliestTime)}) {
    const Time t = time_from_unix_ms(ms);
    const auto parsed = parse_rfc3339(format_rfc3339(t));
    ASSERT_TRUE(parsed) << ms;
    EXPECT_EQ(*parsed, t);
  }
}

TEST(Time, ParsesOffsetsAndShortFractions) {
  EXPECT_EQ(parse_rfc3339("2024-05-01T11:30:00+02:00").value(), time_from_unix_ms(1714555800000));
  EXPECT_EQ(parse_rfc3339("2024-05-01t09:30:00.25z").value(), time_from_unix_ms(1714555800250));
  EXPECT_EQ(parse_rfc3339("2024-05-01T09:30:00.2Z").value(), time_from_unix_ms(1714555800200));
  EXPECT_EQ(parse_rfc3339("2024-05-01T04:00:00-05:30").value(), time_from_unix_ms(1714555800000));
}

TEST(Time, RefusesMalformedTimesNamingTheField) {
  for (const char* bad :
       {"", "2024-05-01", "2024-05-01T09:30:00", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-05-01T24:00:00Z", "2024-05-01T09:60:00Z", "2024-05-01T09:30:60Z",
        "2024-05-01T09:30:00.Z", "2024-05-01T09:30:00.1234Z", "2024-05-01T09:30:00Zx",
        "2024-05-01 09:30:00Z", "+2024-05-01T09:30:00Z", "2024-05-01T09:30:00+2:00",
        "9999-12-31T23:59:59-01:00"}) {
    const auto t = parse_rfc3339(bad, "at");
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().field, "at");
    EXPECT_EQ(t.error().code, ErrorCode::invalid);
  }
}

// The agent's wall clock: Sofia is UTC+2 in December, UTC+3 in summer.
TEST(Time, LocalDateTimeIsTheWallClockOfTheZone) {
  const Time t = parse_rfc3339("2026-12-03T18:41:46.763Z").value();
  EXPECT_EQ(local_date_time(t, 0), "2026-12-03 18:41");
  EXPECT_EQ(local_date_time(t, 120), "2026-12-03 20:41");
  EXPECT_EQ(local_date_time(t, 330), "2026-12-04 00:11");  // past midnight in India
  EXPECT_EQ(local_date_time(t, -600), "2026-12-03 08:41");
}

TEST(Time, LocalMomentDropsTheDateOnlyForToday) {
  const Time t = parse_rfc3339("2026-12-03T18:41:46.763Z").value();
  const Time later = parse_rfc3339("2026-12-03T21:30:00Z").value();
  EXPECT_EQ(local_moment(t, 120, later, 120), "20:41");
  // 21:30 UTC is already tomorrow in Sofia; 18:41 UTC was still yesterday there.
  const Time next = parse_rfc3339("2026-12-03T22:30:00Z").value();
  EXPECT_EQ(local_moment(t, 120, next, 120), "2026-12-03 20:41");
  EXPECT_EQ(local_moment(t, 0, next, 0), "18:41");
  // Across a change of offset (DST ends), each instant with its own.
  const Time summer = parse_rfc3339("2026-10-25T00:30:00Z").value();  // 03:30 EEST
  const Time winter = parse_rfc3339("2026-10-25T08:00:00Z").value();  // 10:00 EET
  EXPECT_EQ(local_moment(summer, 180, winter, 120), "03:30");
}

}  // namespace
}  // namespace care
