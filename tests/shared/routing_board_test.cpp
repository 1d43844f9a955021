#include "care/rules/routing_board.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace care {
namespace {

const Time kNow = time_from_unix_ms(1'700'000'000'000);

Agent ready_agent(Id id, std::vector<Id> queues, std::int64_t ready_since_ms = 0) {
  Agent a;
  a.id = id;
  a.queues = std::move(queues);
  a.state = AgentState{Presence::ready, "", time_from_unix_ms(ready_since_ms)};
  return a;
}

Queue queue(Id id, int priority = 0, std::vector<std::string> skills = {}) {
  Queue q;
  q.id = id;
  q.name = "q" + std::to_string(id);
  q.priority = priority;
  q.required_skills = std::move(skills);
  return q;
}

Task queued_task(Id id, Id queue, Channel channel, Time since) {
  Task t;
  t.id = id;
  t.activity = 1000 + id;
  t.queue = queue;
  t.channel = channel;
  t.waiting_since = since;
  return t;
}

std::vector<Offer> offers_of(RoutingBoard& board, Time now,
                             std::span<const Declined> declined = {}) {
  std::vector<Offer> offers;
  board.make_offers(now, kOfferTimeout, declined, [&](const Task& offered) {
    offers.push_back(Offer{offered.id, *offered.agent, *offered.offer_deadline});
    return true;
  });
  return offers;
}

TEST(RoutingBoard, OffersToTheAgentIdleLongestAndCountsTheOffer) {
  RoutingBoard board;
  const std::vector<Queue> queues = {queue(1)};
  board.set_queues(queues);
  board.put_agent(ready_agent(1, {1}, 300));
  board.put_agent(ready_agent(2, {1}, 100));
  board.put_task(queued_task(1, 1, Channel::chat, kNow));
  board.put_task(queued_task(2, 1, Channel::chat, kNow + Duration(5)));
  board.put_task(queued_task(3, 1, Channel::chat, kNow + Duration(9)));
  const auto offers = offers_of(board, kNow);
  ASSERT_EQ(offers.size(), 2u);  // one offer at a time per agent
  EXPECT_EQ(offers[0], (Offer{1, 2, kNow + kOfferTimeout}));
  EXPECT_EQ(offers[1], (Offer{2, 1, kNow + kOfferTimeout}));
  EXPECT_EQ(board.free_agents(), 0u);
  EXPECT_EQ(board.next_deadline(), kNow + kOfferTimeout);
  EXPECT_EQ(board.expired_offers(kNow + kOfferTimeout).size(), 2u);
  EXPECT_TRUE(board.expired_offers(kNow).empty());
  const auto waiting = board.waiting_in(1);  // offered ones still wait for the customer
  ASSERT_EQ(waiting.size(), 3u);
  EXPECT_EQ(waiting[0].id, 1);
  EXPECT_EQ(waiting[2].id, 3);
}

TEST(RoutingBoard, AnOfferNotStoredChangesNothing) {
  RoutingBoard board;
  const std::vector<Queue> queues = {queue(1)};
  board.set_queues(queues);
  board.put_agent(ready_agent(1, {1}));
  board.put_task(queued_task(1, 1, Channel::chat, kNow));
  board.make_offers(kNow, kOfferTimeout, {}, [](const Task&) { return false; });
  EXPECT_EQ(board.task(1)->state, TaskState::queued);
  EXPECT_EQ(board.free_agents(), 1u);
  EXPECT_EQ(offers_of(board, kNow).size(), 1u);
}

TEST(RoutingBoard, ClosingFreesCapacityAndSendsTheAgentToTheBackOfTheLine) {
  RoutingBoard board;
  const std::vector<Queue> queues = {queue(1)};
  board.set_queues(queues);
  Agent first = ready_agent(1, {1}, 0);
  first.capacity.chats = 1;
  board.put_agent(first);
  board.put_agent(ready_agent(2, {1}, 10));
  board.put_task(queued_task(1, 1, Channel::chat, kNow));
  ASSERT_EQ(offers_of(board, kNow)[0].agent, 1);
  Task taken = accept_task(*board.task(1), 1, kNow).value();
  board.put_task(taken);
  EXPECT_EQ(board.tasks_of(1).size(), 1u);
  EXPECT_FALSE(board.can_take(first, queued_task(9, 1, Channel::chat, kNow)));  // full
  EXPECT_TRUE(board.can_take(first, queued_task(9, 1, Channel::email, kNow)));
  board.put_task(close_task(taken, 1, kNow + Duration(60'000)).value());
  first.last_task_end = kNow + Duration(60'000);
  board.put_agent(first);
  EXPECT_TRUE(board.tasks_of(1).empty());
  EXPECT_FALSE(board.task(1));
  board.put_task(queued_task(2, 1, Channel::chat, kNow + Duration(61'000)));
  EXPECT_EQ(offers_of(board, kNow + Duration(61'000))[0].agent, 2);
}

// The board against choose_offers over a long random life of a contact centre: tasks
// arrive, are offered, accepted, declined, missed and closed; agents come and go. After
// every change both must make the same offers.
// queue.changed goes to the agents serving the queue (issue 15): the board knows them
// whatever their state, and follows a change of an agent's queues.
TEST(RoutingBoard, KnowsWhoServesEachQueue) {
  RoutingBoard board;
  board.set_queues(std::vector<Queue>{queue(1), queue(2)});
  board.put_agent(ready_agent(3, {1, 2}));
  board.put_agent(ready_agent(1, {1}));
  Agent away = ready_agent(2, {2});
  away.state.presence = Presence::not_ready;
  board.put_agent(away);
  EXPECT_EQ(board.serving(1), (std::vector<Id>{1, 3}));
  EXPECT_EQ(board.serving(2), (std::vector<Id>{2, 3}));
  board.put_agent(ready_agent(3, {2}));
  EXPECT_EQ(board.serving(1), (std::vector<Id>{1}));
  EXPECT_EQ(board.serving(2), (std::vector<Id>{2, 3}));
  EXPECT_TRUE(board.serving(9).empty());
}

TEST(RoutingBoard, MakesTheSameOffersAsChooseOffersThroughARandomDay) {
  std::mt19937 random(15);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<Queue> queues = {queue(1), queue(2, 3), queue(3, 0, {"BG"})};
  const std::vector<std::string> skills = {"bg", "hu", "billing"};
  std::vector<Agent> agents;
  for (Id id = 1; id <= 30; ++id) {
    Agent a = ready_agent(id, {}, pick(1000));
    for (Id q = 1; q <= 3; ++q)
      if (pick(3) != 0) a.queues.push_back(q);
    for (const auto& s : skills)
      if (pick(2) == 0) a.skills.push_back(s);
    a.capacity = Capacity{1 + pick(3), 1 + pick(4)};
    if (pick(3) == 0) a.state.presence = Presence::not_ready;
    agents.push_back(a);
  }
  RoutingBoard board;
  board.set_queues(queues);
  for (const Agent& a : agents)
    board.put_agent(a);

  std::vector<Task> tasks;  // open ones, as the store would list them
  std::vector<Declined> declined;
  Id next_id = 1;
  Time now = kNow;
  int offers_made = 0;
  auto replace = [&](const Task& t) {
    auto at = std::find_if(tasks.begin(), tasks.end(), [&](const Task& x) { return x.id == t.id; });
    if (t.state == TaskState::closed) {
      tasks.erase(at);
    } else if (at == tasks.end()) {
      tasks.push_back(t);
    } else {
      *at = t;
    }
    board.put_task(t);
  };
  auto touch_agent = [&](Id id, auto change) {
    Agent& a = agents[static_cast<size_t>(id - 1)];
    change(a);
    board.put_agent(a);
  };

  for (int step = 0; step < 3000; ++step) {
    now += Duration(1 + pick(4000));
    std::erase_if(declined, [&](const Declined& d) { return d.until <= now; });
    const int action = pick(10);
    auto of_state = [&](TaskState s) {
      std::vector<Task> found;
      for (const Task& t : tasks)
        if (t.state == s) found.push_back(t);
      return found;
    };
    if (action <= 2) {
      Task t = queued_task(next_id++, 1 + pick(3), static_cast<Channel>(pick(3)), now);
      if (pick(5) == 0) t.skills = {skills[static_cast<size_t>(pick(3))]};
      replace(t);
    } else if (action == 3) {
      touch_agent(1 + pick(30), [&](Agent& a) {
        a.state.presence =
            a.state.presence == Presence::ready ? Presence::not_ready : Presence::ready;
        a.state.since = now;
      });
    } else if (auto offered = of_state(TaskState::offered); action <= 6 && !offered.empty()) {
      const Task t = offered[static_cast<size_t>(pick(static_cast<int>(offered.size())))];
      const Id agent = *t.agent;
      if (action == 4) {
        if (auto taken = accept_task(t, agent, now)) replace(*taken);
      } else if (action == 5) {
        replace(decline_offer(t, agent).value());
        declined.push_back(Declined{t.id, agent, now + kDeclineCooldown});
        touch_agent(agent, [&](Agent& a) { a.last_task_end = now; });
      } else if (auto missed = miss_offer(t, agents[static_cast<size_t>(agent - 1)],
                                          std::max(now, *t.offer_deadline))) {
        replace(missed->task);
        touch_agent(agent, [&](Agent& a) { a.state = missed->agent.state; });
      }
    } else if (auto assigned = of_state(TaskState::assigned); !assigned.empty()) {
      const Task t = assigned[static_cast<size_t>(pick(static_cast<int>(assigned.size())))];
      replace(close_task(t, *t.agent, now).value());
      touch_agent(*t.agent, [&](Agent& a) { a.last_task_end = now; });
    }

    const auto expected = choose_offers(tasks, queues, agents, now, kOfferTimeout, declined);
    const auto made = offers_of(board, now, declined);
    ASSERT_EQ(made, expected) << "step " << step;
    for (const Offer& offer : made) {
      auto at = std::find_if(tasks.begin(), tasks.end(),
                             [&](const Task& x) { return x.id == offer.task; });
      *at = offer_task(*at, offer.agent, now).value();
    }
    offers_made += static_cast<int>(made.size());
    std::vector<Task> expected_waiting;
    for (const Task& t : tasks)
      if (t.queue == 2 && (t.state == TaskState::queued || t.state == TaskState::offered))
        expected_waiting.push_back(t);
    std::sort(expected_waiting.begin(), expected_waiting.end(), [](const Task& a, const Task& b) {
      return std::tuple(a.waiting_since, a.id) < std::tuple(b.waiting_since, b.id);
    });
    ASSERT_EQ(board.waiting_in(2), expected_waiting) << "step " << step;
  }
  EXPECT_GT(offers_made, 300);  // the day was busy enough to mean something
}

}  // namespace
}  // namespace care
