#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "care/rules/routing.hpp"

namespace care {
namespace {

const Time kNow = time_from_unix_ms(1'700'000'000'000);

Agent ready_agent(Id id, std::vector<std::string> skills, std::vector<Id> queues,
                  std::int64_t ready_since_ms = 0) {
  Agent a;
  a.id = id;
  a.username = "agent" + std::to_string(id);
  a.skills = std::move(skills);
  a.queues = std::move(queues);
  a.state = AgentState{Presence::ready, "", time_from_unix_ms(ready_since_ms)};
  return a;
}

Queue queue(Id id, int priority, std::vector<std::string> skills = {}) {
  Queue q;
  q.id = id;
  q.name = "q" + std::to_string(id);
  q.priority = priority;
  q.required_skills = std::move(skills);
  return q;
}

Task task(Id id, Id queue_id, Channel channel, std::int64_t waiting_since_ms) {
  Task t;
  t.id = id;
  t.activity = 100 + id;
  t.queue = queue_id;
  t.channel = channel;
  t.waiting_since = time_from_unix_ms(waiting_since_ms);
  return t;
}

Task held(Id id, Id agent, Channel channel, TaskState state = TaskState::assigned) {
  Task t = task(id, 1, channel, 0);
  t.state = state;
  t.agent = agent;
  if (state == TaskState::offered) t.offer_deadline = kNow + kOfferTimeout;
  return t;
}

TEST(Routing, LongestWaitingTaskIsOfferedFirst) {
  const std::vector<Queue> queues = {queue(1, 0)};
  const std::vector<Agent> agents = {ready_agent(1, {}, {1})};
  const std::vector<Task> tasks = {task(1, 1, Channel::chat, 300), task(2, 1, Channel::chat, 100),
                                   task(3, 1, Channel::chat, 200)};
  const auto offers = choose_offers(tasks, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 1u);  // one offer at a time per agent
  EXPECT_EQ(offers[0], (Offer{2, 1, kNow + kOfferTimeout}));
}

TEST(Routing, HigherQueuePriorityComesBeforeLongerWait) {
  const std::vector<Queue> queues = {queue(1, 0), queue(2, 5)};
  const std::vector<Agent> agents = {ready_agent(1, {}, {1, 2})};
  const std::vector<Task> tasks = {task(1, 1, Channel::chat, 0), task(2, 2, Channel::chat, 500)};
  const auto offers = choose_offers(tasks, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].task, 2);
}

TEST(Routing, OnlyReadyAgentsWhoServeTheQueueAndHaveTheSkills) {
  const std::vector<Queue> queues = {queue(1, 0, {"bg"}), queue(2, 0)};
  Agent not_ready = ready_agent(1, {"bg"}, {1});
  not_ready.state.presence = Presence::not_ready;
  const std::vector<Agent> agents = {not_ready, ready_agent(2, {"hu"}, {1}),
                                     ready_agent(3, {"BG"}, {2}),
                                     ready_agent(4, {"Bg", "hu"}, {1})};
  Task needs_more = task(2, 1, Channel::chat, 0);
  needs_more.skills = {"billing"};
  const std::vector<Task> tasks = {needs_more, task(1, 1, Channel::chat, 10)};
  const auto offers = choose_offers(tasks, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0], (Offer{1, 4, kNow + kOfferTimeout}));  // skills compared ignoring case
}

TEST(Routing, OneCallAtATime) {
  const std::vector<Queue> queues = {queue(1, 0)};
  const std::vector<Agent> agents = {ready_agent(1, {}, {1})};
  const std::vector<Task> on_call = {held(9, 1, Channel::call), task(1, 1, Channel::call, 0),
                                     task(2, 1, Channel::chat, 50)};
  const auto offers = choose_offers(on_call, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].task, 2);  // the chat, not a second call
}

TEST(Routing, ChatCapacityIsPerChannel) {
  const std::vector<Queue> queues = {queue(1, 0)};
  Agent agent = ready_agent(1, {}, {1});
  agent.capacity.chats = 2;
  const std::vector<Agent> agents = {agent};
  const std::vector<Task> full = {held(8, 1, Channel::chat), held(9, 1, Channel::chat),
                                  task(1, 1, Channel::chat, 0), task(2, 1, Channel::email, 10)};
  const auto offers = choose_offers(full, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].task, 2);
}

TEST(Routing, AnAgentWithAPendingOfferGetsNoOther) {
  const std::vector<Queue> queues = {queue(1, 0)};
  const std::vector<Agent> agents = {ready_agent(1, {}, {1})};
  const std::vector<Task> tasks = {held(9, 1, Channel::chat, TaskState::offered),
                                   task(1, 1, Channel::email, 0)};
  EXPECT_TRUE(choose_offers(tasks, queues, agents, kNow).empty());
}

TEST(Routing, WorkSpreadsToTheLeastBusyThenLongestReady) {
  const std::vector<Queue> queues = {queue(1, 0)};
  const std::vector<Agent> agents = {ready_agent(1, {}, {1}, 100), ready_agent(2, {}, {1}, 500),
                                     ready_agent(3, {}, {1}, 50)};
  const std::vector<Task> tasks = {held(9, 3, Channel::email), task(1, 1, Channel::chat, 0),
                                   task(2, 1, Channel::chat, 10), task(3, 1, Channel::chat, 20)};
  const auto offers = choose_offers(tasks, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 3u);
  EXPECT_EQ(offers[0], (Offer{1, 1, kNow + kOfferTimeout}));  // idle, Ready longest
  EXPECT_EQ(offers[1], (Offer{2, 2, kNow + kOfferTimeout}));  // idle
  EXPECT_EQ(offers[2], (Offer{3, 3, kNow + kOfferTimeout}));  // busy with an email
}

// Issue 15: idle since = the later of going Ready and the last task leaving their hands.
TEST(Routing, IdleSinceIsTheLaterOfGoingReadyAndTheLastTaskEnd) {
  Agent agent = ready_agent(1, {}, {1}, 500);
  EXPECT_EQ(idle_since(agent), time_from_unix_ms(500));
  agent.last_task_end = time_from_unix_ms(900);
  EXPECT_EQ(idle_since(agent), time_from_unix_ms(900));
  agent.state.since = time_from_unix_ms(1200);  // a break after that task, then Ready
  EXPECT_EQ(idle_since(agent), time_from_unix_ms(1200));
}

TEST(Routing, TheAgentWhoJustClosedIsNotChosenAgain) {
  const std::vector<Queue> queues = {queue(1, 0)};
  Agent closed_just_now = ready_agent(1, {}, {1}, 100);   // Ready the longest…
  closed_just_now.last_task_end = kNow - Duration(1000);  // …but closed a chat a second ago
  const std::vector<Agent> agents = {closed_just_now, ready_agent(2, {}, {1}, 500)};
  const std::vector<Task> tasks = {task(1, 1, Channel::chat, 0)};
  const auto offers = choose_offers(tasks, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2);  // idle since 500, the other only since kNow - 1 s
}

// The round trip bench_offer_latency makes: a chat arrives, is offered, accepted and
// closed, forty times over fifty equal agents. Each goes to someone who has not had one.
TEST(Routing, FortyChatsInTurnGoToFortyAgents) {
  const std::vector<Queue> queues = {queue(1, 0)};
  std::vector<Agent> agents;
  for (Id id = 1; id <= 50; ++id)
    agents.push_back(ready_agent(id, {}, {1}, 0));
  std::set<Id> chosen;
  for (int round = 0; round < 40; ++round) {
    const Time arrived = kNow + Duration(round * 10'000);
    const std::vector<Task> tasks = {task(round + 1, 1, Channel::chat, unix_ms(arrived))};
    const auto offers = choose_offers(tasks, queues, agents, arrived);
    ASSERT_EQ(offers.size(), 1u);
    chosen.insert(offers[0].agent);
    Task offered = offer_task(tasks[0], offers[0].agent, arrived).value();
    Task taken = accept_task(offered, offers[0].agent, arrived + Duration(100)).value();
    Task closed = close_task(taken, offers[0].agent, arrived + Duration(5000)).value();
    agents[static_cast<size_t>(offers[0].agent - 1)].last_task_end = closed.closed_at;
  }
  EXPECT_EQ(chosen.size(), 40u);
}

TEST(Routing, MixedChannelsAndSkillsAcrossAgents) {
  const std::vector<Queue> queues = {queue(1, 1, {"phone"}), queue(2, 0, {"uk"})};
  const std::vector<Agent> agents = {ready_agent(1, {"phone"}, {1, 2}),
                                     ready_agent(2, {"uk"}, {1, 2})};
  const std::vector<Task> tasks = {task(1, 2, Channel::chat, 0), task(2, 1, Channel::call, 100),
                                   task(3, 2, Channel::email, 50)};
  const auto offers = choose_offers(tasks, queues, agents, kNow);
  ASSERT_EQ(offers.size(), 2u);
  EXPECT_EQ(offers[0], (Offer{2, 1, kNow + kOfferTimeout}));  // priority queue, phone skill
  EXPECT_EQ(offers[1], (Offer{1, 2, kNow + kOfferTimeout}));  // the uk chat waited longest
}

TEST(Routing, DeclinedOfferRequeuesKeepingWaitTime) {
  Task offered = held(7, 1, Channel::chat, TaskState::offered);
  offered.waiting_since = kNow - Duration(9000);
  EXPECT_FALSE(decline_offer(offered, 2));  // not offered to agent 2
  const auto declined = decline_offer(offered, 1);
  ASSERT_TRUE(declined);
  EXPECT_EQ(declined->state, TaskState::queued);
  EXPECT_FALSE(declined->agent);
  EXPECT_FALSE(declined->offer_deadline);
  EXPECT_EQ(declined->waiting_since, offered.waiting_since);  // still at the head
  EXPECT_EQ(declined->version, offered.version + 1);
  EXPECT_FALSE(decline_offer(*declined, 1));  // queued: nothing to decline
}

TEST(Routing, ADeclinedTaskGoesToAnotherAgentUntilTheCooldownEnds) {
  const std::vector<Queue> queues = {queue(1, 0)};
  const std::vector<Agent> agents = {ready_agent(1, {}, {1}), ready_agent(2, {}, {1})};
  const std::vector<Task> tasks = {task(5, 1, Channel::chat, 0)};
  const std::vector<Declined> declined = {{5, 1, kNow + kDeclineCooldown}};
  auto offers = choose_offers(tasks, queues, agents, kNow, kOfferTimeout, declined);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 2);
  // Alone, the agent who declined is not offered it again before the cooldown ends…
  const std::vector<Agent> alone = {ready_agent(1, {}, {1})};
  EXPECT_TRUE(choose_offers(tasks, queues, alone, kNow, kOfferTimeout, declined).empty());
  // …and is after it.
  offers = choose_offers(tasks, queues, alone, kNow + kDeclineCooldown, kOfferTimeout, declined);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].agent, 1);
}

TEST(Routing, MissedOfferRequeuesKeepingWaitTimeAndSetsNotReady) {
  const Agent agent = ready_agent(1, {}, {1});
  const Task queued = task(1, 1, Channel::chat, 123);
  const Task offered = offer_task(queued, 1, kNow).value();
  EXPECT_EQ(offered.offer_deadline, kNow + kOfferTimeout);

  EXPECT_FALSE(miss_offer(offered, agent, kNow + kOfferTimeout - Duration(1)));
  const auto missed = miss_offer(offered, agent, kNow + kOfferTimeout);
  ASSERT_TRUE(missed);
  EXPECT_EQ(missed->task.state, TaskState::queued);
  EXPECT_EQ(missed->task.waiting_since, time_from_unix_ms(123));
  EXPECT_EQ(missed->task.agent, std::nullopt);
  EXPECT_EQ(missed->task.offer_deadline, std::nullopt);
  EXPECT_EQ(missed->agent.state.presence, Presence::not_ready);
  EXPECT_EQ(missed->agent.state.reason, "missed_offer");
  EXPECT_EQ(missed->agent.state.since, kNow + kOfferTimeout);

  // Back at the head of its queue: it waited longer than a newer task.
  const std::vector<Task> tasks = {task(2, 1, Channel::chat, 200), missed->task};
  const std::vector<Queue> queues = {queue(1, 0)};
  const std::vector<Agent> agents = {ready_agent(2, {}, {1})};
  EXPECT_EQ(choose_offers(tasks, queues, agents, kNow)[0].task, 1);
}

TEST(TaskFlow, AcceptBeforeTheDeadlineOnly) {
  const Task offered = offer_task(task(1, 1, Channel::chat, 0), 7, kNow).value();
  EXPECT_TRUE(accept_task(offered, 7, kNow + kOfferTimeout - Duration(1)));
  EXPECT_EQ(accept_task(offered, 7, kNow + kOfferTimeout).error().code, ErrorCode::not_allowed);
}

TEST(TaskFlow, OfTwoAgentsAcceptingTheSameTaskExactlyOneWins) {
  const Task queued = task(1, 1, Channel::chat, 0);
  const auto first = accept_task(queued, 7, kNow);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->state, TaskState::assigned);
  EXPECT_EQ(first->agent, 7);
  const auto second = accept_task(*first, 8, kNow);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_EQ(second.error().message, "task: another agent has taken this task");
  // An offer to one agent cannot be accepted by another.
  const Task offered = offer_task(queued, 7, kNow).value();
  EXPECT_EQ(accept_task(offered, 8, kNow).error().code, ErrorCode::conflict);
}

TEST(TaskFlow, CloseOnlyByTheAssignedAgent) {
  const Task assigned = accept_task(task(1, 1, Channel::chat, 0), 7, kNow).value();
  EXPECT_FALSE(close_task(assigned, 8, kNow));
  const auto closed = close_task(assigned, 7, kNow);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->state, TaskState::closed);
  EXPECT_EQ(closed->closed_at, kNow);
  EXPECT_FALSE(close_task(*closed, 7, kNow));
  EXPECT_FALSE(offer_task(*closed, 7, kNow));
}

// The customer left first: a waiting or offered task closes with nobody on it; an
// agent's task stays theirs to close.
TEST(TaskFlow, AnAbandonedTaskClosesOnlyWhileWaiting) {
  const Task queued = task(1, 1, Channel::call, 0);
  auto closed = abandon_task(queued, kNow);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->state, TaskState::closed);
  EXPECT_EQ(closed->closed_at, kNow);
  EXPECT_EQ(closed->version, queued.version + 1);
  auto offered = offer_task(queued, 7, kNow);
  ASSERT_TRUE(offered);
  auto withdrawn = abandon_task(*offered, kNow);
  ASSERT_TRUE(withdrawn);
  EXPECT_FALSE(withdrawn->agent);
  EXPECT_FALSE(withdrawn->offer_deadline);
  EXPECT_FALSE(abandon_task(held(2, 7, Channel::call), kNow));
  EXPECT_FALSE(abandon_task(*closed, kNow));
}

TEST(TaskFlow, CanTakeCountsCapacityForPulls) {
  const Queue q = queue(1, 0, {"bg"});
  Agent agent = ready_agent(1, {"bg"}, {1});
  agent.state.presence = Presence::not_ready;  // pulling from the queue list is deliberate
  const Task call = task(1, 1, Channel::call, 0);
  EXPECT_TRUE(can_take(agent, call, q, {}));
  const std::vector<Task> busy = {held(9, 1, Channel::call)};
  EXPECT_FALSE(can_take(agent, call, q, busy));
  EXPECT_EQ(load(1, Channel::call, busy), 1);
}

}  // namespace
}  // namespace care
