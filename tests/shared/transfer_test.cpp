// Transfer and consult (issue 18, R-K1): the task's hand-on and who a chat's guests are.
#include <gtest/gtest.h>

#include "care/codec/json.hpp"
#include "care/rules/transfer.hpp"

namespace care {
namespace {

const Time kNow = time_from_unix_ms(1'700'000'000'000);

Task in_hand() {
  Task t;
  t.id = 7;
  t.activity = 70;
  t.queue = 1;
  t.state = TaskState::assigned;
  t.agent = 3;
  t.assigned_at = kNow - Duration(60'000);
  t.waiting_since = kNow - Duration(90'000);
  t.version = 4;
  return t;
}

Handoff line(Id id, HandoffKind kind, Id task, std::optional<Id> to_agent) {
  Handoff h;
  h.id = id;
  h.activity = 70;
  h.task = task;
  h.kind = kind;
  h.to_agent = to_agent;
  return h;
}

TEST(Transfer, TheTaskLeavesItsAgentAndWaitsFromNowInTheNamedQueue) {
  auto moved = transfer_task(in_hand(), 2, kNow);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->state, TaskState::queued);
  EXPECT_EQ(moved->queue, 2);
  EXPECT_FALSE(moved->agent.has_value());
  EXPECT_FALSE(moved->assigned_at.has_value());
  EXPECT_EQ(moved->waiting_since, kNow);
  EXPECT_EQ(moved->version, 5);
}

TEST(Transfer, WithoutAQueueTheTaskKeepsItsOwn) {
  auto moved = transfer_task(in_hand(), std::nullopt, kNow);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->queue, 1);
}

TEST(Transfer, OnlyATaskInHandIsTransferred) {
  Task waiting = in_hand();
  waiting.state = TaskState::queued;
  waiting.agent.reset();
  auto refused = transfer_task(waiting, 2, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
}

TEST(Consult, GuestsAreThoseInvitedAndNotGone) {
  std::vector<Handoff> lines = {
      line(1, HandoffKind::consult, 7, 5), line(2, HandoffKind::consult, 7, 6),
      line(3, HandoffKind::consult_left, 7, 5), line(4, HandoffKind::consult, 8, 9)};
  EXPECT_EQ(consult_guests(lines, 7), std::vector<Id>{6});
  lines.push_back(line(5, HandoffKind::consult, 7, 5));  // invited again
  EXPECT_EQ(consult_guests(lines, 7), (std::vector<Id>{6, 5}));
}

TEST(Transfer, TheOfferShowsTheTransferThatBroughtIt) {
  std::vector<Handoff> lines = {line(1, HandoffKind::transfer, 7, 4),
                                line(2, HandoffKind::consult, 7, 5),
                                line(3, HandoffKind::transfer, 7, 6)};
  Task offered = in_hand();
  offered.state = TaskState::offered;
  ASSERT_TRUE(pending_transfer(lines, offered));
  EXPECT_EQ(pending_transfer(lines, offered)->id, 3);
  EXPECT_FALSE(pending_transfer(lines, in_hand()));  // accepted: no longer pending
}

TEST(Transfer, DraftNamesAQueueOrAnAgentNotBoth) {
  auto both = decode<TransferDraft>(Json{{"queue", 1}, {"agent", 2}});
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().code, ErrorCode::invalid);
  auto neither = decode<TransferDraft>(Json{{"note", "x"}});
  ASSERT_FALSE(neither);
  EXPECT_EQ(neither.error().code, ErrorCode::missing);
  auto to_agent = decode<TransferDraft>(Json{{"agent", 2}, {"note", "VIP"}});
  ASSERT_TRUE(to_agent);
  EXPECT_EQ(to_agent->agent, 2);
  EXPECT_EQ(Json(*to_agent), (Json{{"agent", 2}, {"note", "VIP"}}));
}

TEST(Transfer, HandoffRoundTrips) {
  Handoff h = line(3, HandoffKind::transfer, 7, 6);
  h.by = 3;
  h.by_name = "Anna";
  h.to_agent_name = "Ivan";
  h.note = "Wants a refund";
  h.at = kNow;
  auto back = decode<Handoff>(Json(h));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, h);
}

}  // namespace
}  // namespace care
