#include <gtest/gtest.h>

#include <vector>

#include "care/rules/auto_close.hpp"

namespace care {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
const Time kStart = time_from_unix_ms(1'700'000'000'000);

Request open_request(Time updated) {
  Request r;
  r.id = 1;
  r.customer = 3;
  r.created_at = kStart;
  r.updated = Stamp{5, updated};
  return r;
}

Activity activity_of(Id request, Time updated) {
  Activity a;
  a.id = 10;
  a.request = request;
  a.created_at = kStart;
  a.updated = Stamp{5, updated};
  return a;
}

TEST(AutoClose, DefaultPeriodIsFiveDays) {
  EXPECT_EQ(kDefaultAutoClosePeriod, Duration(5 * kDayMs));
}

TEST(AutoClose, DueExactlyAtThePeriodNotOneMillisecondBefore) {
  const Request r = open_request(kStart);
  const Time due = kStart + kDefaultAutoClosePeriod;
  EXPECT_FALSE(is_due_to_close(r, {}, due - Duration(1)));
  EXPECT_TRUE(is_due_to_close(r, {}, due));
  EXPECT_TRUE(is_due_to_close(r, {}, due + Duration(1)));
  EXPECT_EQ(auto_close_due_at(r, {}), due);
}

TEST(AutoClose, AnActivityUpdateKeepsTheRequestOpen) {
  const Request r = open_request(kStart);
  const Time later = kStart + Duration(2 * kDayMs);
  const std::vector<Activity> activities = {activity_of(1, later)};
  const Time due = later + kDefaultAutoClosePeriod;
  EXPECT_FALSE(is_due_to_close(r, activities, due - Duration(1)));
  EXPECT_TRUE(is_due_to_close(r, activities, due));
}

TEST(AutoClose, AMessageCountsAsAnUpdateOfItsActivity) {
  const Request r = open_request(kStart);
  Activity a = activity_of(1, kStart);
  Message m;
  m.at = kStart + Duration(kDayMs);
  a.messages.push_back(m);
  const std::vector<Activity> activities = {a};
  EXPECT_EQ(last_update(r, activities), m.at);
}

TEST(AutoClose, ActivitiesOfOtherRequestsDoNotCount) {
  const Request r = open_request(kStart);
  const std::vector<Activity> activities = {activity_of(2, kStart + Duration(3 * kDayMs))};
  EXPECT_TRUE(is_due_to_close(r, activities, kStart + kDefaultAutoClosePeriod));
}

TEST(AutoClose, ConfiguredPeriodIsUsed) {
  const Request r = open_request(kStart);
  EXPECT_FALSE(is_due_to_close(r, {}, kStart + Duration(999), Duration(1000)));
  EXPECT_TRUE(is_due_to_close(r, {}, kStart + Duration(1000), Duration(1000)));
}

TEST(AutoClose, ClosedRequestsAreNeverDue) {
  const Request closed = close_request(open_request(kStart), kStart + Duration(1));
  EXPECT_EQ(auto_close_due_at(closed, {}), std::nullopt);
  EXPECT_FALSE(is_due_to_close(closed, {}, kStart + Duration(100 * kDayMs)));
}

TEST(AutoClose, ClosingRecordsTheClosedDateAndAdvancesTheVersion) {
  const Time now = kStart + kDefaultAutoClosePeriod;
  const Request closed = close_request(open_request(kStart), now);
  EXPECT_EQ(closed.status, RequestStatus::closed);
  EXPECT_EQ(closed.closed_at, now);
  EXPECT_EQ(closed.updated, (Stamp{0, now}));
  EXPECT_EQ(closed.version, 2);
}

}  // namespace
}  // namespace care
