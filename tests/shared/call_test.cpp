#include "care/rules/call.hpp"

#include <gtest/gtest.h>

namespace care {
namespace {

Time at(int seconds) {
  return time_from_unix_ms(1'800'000'000'000 + seconds * 1000LL);
}

std::vector<CallEvent> calls(std::initializer_list<std::pair<CallEventKind, int>> list) {
  std::vector<CallEvent> events;
  for (auto [kind, second] : list)
    events.push_back({kind, at(second)});
  return events;
}

// R-B4: a connector's retry is recognised by its kind and time, or by repeating the
// call's latest kind; a second hold after a resume is new.
TEST(Call, ARepeatedEventIsRecognised) {
  auto events = calls({{CallEventKind::ringing, 0},
                       {CallEventKind::answered, 5},
                       {CallEventKind::held, 9},
                       {CallEventKind::resumed, 12}});
  EXPECT_TRUE(is_repeated_call_event(events, CallEventKind::answered, at(5)));
  EXPECT_TRUE(is_repeated_call_event(events, CallEventKind::resumed, std::nullopt));
  EXPECT_TRUE(is_repeated_call_event(events, CallEventKind::resumed, at(40)));
  EXPECT_FALSE(is_repeated_call_event(events, CallEventKind::held, at(20)));
  EXPECT_FALSE(is_repeated_call_event(events, CallEventKind::held, std::nullopt));
  EXPECT_FALSE(is_repeated_call_event(events, CallEventKind::answered, at(6)));
  EXPECT_FALSE(is_repeated_call_event({}, CallEventKind::ringing, std::nullopt));
}

TEST(Call, StagesFollowTheEvents) {
  EXPECT_EQ(call_stage({}), CallStage::ringing);
  EXPECT_EQ(call_stage(calls({{CallEventKind::ringing, 0}})), CallStage::ringing);
  EXPECT_EQ(call_stage(calls({{CallEventKind::ringing, 0}, {CallEventKind::answered, 5}})),
            CallStage::connected);
  EXPECT_EQ(call_stage(calls({{CallEventKind::answered, 5}, {CallEventKind::held, 9}})),
            CallStage::on_hold);
  EXPECT_EQ(
      call_stage(calls(
          {{CallEventKind::answered, 5}, {CallEventKind::held, 9}, {CallEventKind::resumed, 20}})),
      CallStage::connected);
  // Nothing after the end reopens the call.
  EXPECT_EQ(
      call_stage(calls(
          {{CallEventKind::answered, 5}, {CallEventKind::ended, 9}, {CallEventKind::resumed, 20}})),
      CallStage::ended);
}

TEST(Call, ControlsAllowedOnlyWhereTheyMakeSense) {
  auto connected = calls({{CallEventKind::answered, 5}});
  auto held = calls({{CallEventKind::answered, 5}, {CallEventKind::held, 9}});
  auto ended = calls({{CallEventKind::answered, 5}, {CallEventKind::ended, 9}});
  EXPECT_TRUE(check_call_control(connected, CallEventKind::held).ok());
  EXPECT_FALSE(check_call_control(held, CallEventKind::held).ok());
  EXPECT_TRUE(check_call_control(held, CallEventKind::resumed).ok());
  EXPECT_FALSE(check_call_control(connected, CallEventKind::resumed).ok());
  EXPECT_TRUE(check_call_control(held, CallEventKind::ended).ok());
  EXPECT_TRUE(check_call_control({}, CallEventKind::ended).ok());  // hang up while ringing
  auto twice = check_call_control(ended, CallEventKind::ended);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().field, "action");
  EXPECT_FALSE(check_call_control(connected, CallEventKind::answered).ok());
}

TEST(Call, TimerRunsFromAnswerToEnd) {
  EXPECT_EQ(call_duration({}, at(100)), Duration{0});
  auto live = calls({{CallEventKind::ringing, 0}, {CallEventKind::answered, 10}});
  EXPECT_EQ(call_duration(live, at(70)), std::chrono::seconds(60));
  auto over =
      calls({{CallEventKind::answered, 10}, {CallEventKind::held, 20}, {CallEventKind::ended, 40}});
  EXPECT_EQ(call_duration(over, at(500)), std::chrono::seconds(30));
}

}  // namespace
}  // namespace care
