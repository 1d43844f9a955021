#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "actions.hpp"
#include "panels/panel.hpp"

namespace care::client {
namespace {

// What a frame of panels asks, as the desktop will apply it: a name per action.
std::vector<std::string> applied(ActionQueue& queue) {
  std::vector<std::string> names;
  for (const Action& action : queue.take()) {
    std::visit(
        [&](const auto& a) {
          using A = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<A, action::AddTag>)
            names.push_back("tag " + a.tag);
          else if constexpr (std::is_same_v<A, action::SendMessage>)
            names.push_back("send");
          else if constexpr (std::is_same_v<A, action::SelectTask>)
            names.push_back("select " + std::to_string(a.task));
          else
            names.push_back("other");
        },
        action);
  }
  return names;
}

TEST(ActionQueue, TwoActionsInOneFrameAreBothAppliedInOrder) {
  DesktopState state;
  ActionQueue queue;
  panels::Frame frame{state, queue};
  // Tab adds a tag and, in the same frame, Enter sends the composer's line: before the
  // queue, the second one silently replaced the first.
  frame.ask(action::AddTag{"billing"});
  frame.ask(action::SendMessage{});
  frame.ask(action::SelectTask{7});
  EXPECT_EQ(applied(queue), (std::vector<std::string>{"tag billing", "send", "select 7"}));
}

TEST(ActionQueue, TakingEmptiesTheQueueSoNothingIsAppliedTwice) {
  DesktopState state;
  ActionQueue queue;
  panels::Frame frame{state, queue};
  frame.ask(action::SendMessage{});
  EXPECT_EQ(applied(queue).size(), 1u);
  EXPECT_TRUE(queue.empty());
  EXPECT_TRUE(applied(queue).empty());
}

TEST(ActionQueue, AnActionAskedWhileApplyingWaitsForTheNextBatch) {
  ActionQueue queue;
  queue.push(action::SendMessage{});
  std::vector<Action> batch = queue.take();
  queue.push(action::AddTag{"late"});  // asked while the first batch is applied
  EXPECT_EQ(batch.size(), 1u);
  ASSERT_FALSE(queue.empty());
  EXPECT_TRUE(std::holds_alternative<action::AddTag>(queue.take().front()));
}

}  // namespace
}  // namespace care::client
