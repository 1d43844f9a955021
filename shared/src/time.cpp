#include "care/time.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace care {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
// Gregorian calendar, with no dependence on <chrono>'s calendar types (libc++ 14 in the
// Emscripten build has only part of them).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

constexpr Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{y + (m <= 2 ? 1 : 0), m, d};
}

constexpr bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) {
  constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

constexpr std::int64_t kMsPerDay = 86'400'000;

void put_digits(std::string& out, std::int64_t value, int width) {
  std::array<char, 8> buf{};
  for (int i = width - 1; i >= 0; --i) {
    buf[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf.data(), static_cast<std::size_t>(width));
}

// Reads exactly `width` ASCII digits at `pos`.
std::optional<unsigned> digits(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return value;
}

}  // namespace

std::string format_rfc3339(Time t) {
  const std::int64_t ms = unix_ms(std::clamp(t, kEarliestTime, kLatestTime));
  std::int64_t days = ms / kMsPerDay;
  std::int64_t rest = ms % kMsPerDay;
  if (rest < 0) {
    rest += kMsPerDay;
    days -= 1;
  }
  const Civil c = civil_from_days(days);
  std::string out;
  out.reserve(24);
  put_digits(out, c.year, 4);
  out += '-';
  put_digits(out, c.month, 2);
  out += '-';
  put_digits(out, c.day, 2);
  out += 'T';
  put_digits(out, rest / 3'600'000, 2);
  out += ':';
  put_digits(out, rest / 60'000 % 60, 2);
  out += ':';
  put_digits(out, rest / 1000 % 60, 2);
  out += '.';
  put_digits(out, rest % 1000, 3);
  out += 'Z';
  return out;
}

Result<Time> parse_rfc3339(std::string_view s, std::string_view field) {
  const auto bad = [&] {
    return make_error(ErrorCode::invalid, field,
                      "a time in RFC 3339 form, such as 2024-05-01T09:30:00.000Z");
  };
  // YYYY-MM-DDTHH:MM:SS is 19 characters; then fraction, then zone.
  const auto year = digits(s, 0, 4);
  const auto month = digits(s, 5, 2);
  const auto day = digits(s, 8, 2);
  const auto hour = digits(s, 11, 2);
  const auto minute = digits(s, 14, 2);
  const auto second = digits(s, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return bad();
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':') {
    return bad();
  }
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) || *hour > 23 ||
      *minute > 59 || *second > 59) {
    return bad();
  }
  std::size_t pos = 19;
  std::int64_t millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t count = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (++count > 3) {
        return make_error(ErrorCode::invalid, field,
                          "a time with at most millisecond precision (3 fraction digits)");
      }
      millis = millis * 10 + (s[pos] - '0');
      ++pos;
    }
    if (count == 0) return bad();
    for (std::size_t i = count; i < 3; ++i)
      millis *= 10;
  }
  std::int64_t offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const auto oh = digits(s, pos + 1, 2);
    const auto om = digits(s, pos + 4, 2);
    if (!oh || !om || s[pos + 3] != ':' || *oh > 23 || *om > 59) return bad();
    offset_minutes = (s[pos] == '+' ? 1 : -1) * static_cast<std::int64_t>(*oh * 60 + *om);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();

  const std::int64_t days = days_from_civil(*year, *month, *day);
  const std::int64_t ms = days * kMsPerDay + *hour * 3'600'000LL + *minute * 60'000LL +
                          *second * 1000LL + millis - offset_minutes * 60'000LL;
  const Time t = time_from_unix_ms(ms);
  // An offset can push a time written in year 0000 or 9999 outside what we can write back.
  if (t < kEarliestTime || t > kLatestTime) return bad();
  return t;
}

std::string local_date_time(Time t, int offset_minutes) {
  std::string text = format_rfc3339(t + std::chrono::minutes(offset_minutes));
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

std::string local_moment(Time t, int t_offset_minutes, Time now, int now_offset_minutes) {
  std::string at = local_date_time(t, t_offset_minutes);
  std::string today = local_date_time(now, now_offset_minutes);
  return at.compare(0, 10, today, 0, 10) == 0 ? at.substr(11) : at;
}

}  // namespace care
