#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "care/rules/routing.hpp"

namespace care {

// What the router decides over, kept up to date one change at a time so that a
// decision costs the same with 50 or 10,000 agents (issue 15). It holds the open tasks,
// the queues and the agents, indexed as choose_offers ranks them: per queue and
// channel, the Ready agents free to take one more task there (no offer pending, the
// queue's skills, capacity left), by fewest tasks in hand, then idle longest, then
// id; and the queued tasks by queue priority, then wait, then id. It makes the same
// offers choose_offers would over the same records (tested side by side).
// Going Ready, an ingest, an offer, an accept, a decline and a close each re-index
// only the task and the one agent they touch.
class RoutingBoard {
 public:
  // Replaces the queues (an admin adds one now and then) and indexes all again.
  void set_queues(std::span<const Queue> queues);
  // Adds or replaces an agent: presence, queues, skills, capacity, last task end.
  void put_agent(const Agent& agent);
  // Adds or replaces an open task; a closed one leaves the board.
  void put_task(const Task& task);

  const Agent* agent(Id id) const;
  const Task* task(Id id) const;
  const Queue* queue(Id id) const;
  std::optional<Task> task_of_activity(Id activity) const;

  // choose_offers over the board: the waiting tasks in order, each to the best free
  // agent. `commit` stores the offered task and says whether it did; only a stored
  // offer changes the board (and counts against the agent for the rest of the round).
  void make_offers(Time now, Duration timeout, std::span<const Declined> declined,
                   const std::function<bool(const Task&)>& commit);
  // can_take with the load the board counts (a pull from the queue list, R-A5).
  bool can_take(const Agent& agent, const Task& task) const;

  std::optional<Time> next_deadline() const;
  // Offered tasks whose deadline is at or before `now`, earliest first.
  std::vector<Task> expired_offers(Time now) const;
  // A queue's queued and offered tasks, longest waiting first (a chat's place, R-A3).
  std::vector<Task> waiting_in(Id queue) const;
  // Queued tasks of the given queues.
  std::vector<Task> queued_in(std::span<const Id> queues) const;
  // Tasks offered or assigned to the agent, by id.
  std::vector<Task> tasks_of(Id agent) const;
  // The agents serving a queue, whatever their state, by id (who hears of its changes).
  std::vector<Id> serving(Id queue) const;
  // Agents listed as free for some queue and channel (for tests and metrics).
  size_t free_agents() const { return listed_agents_; }

 private:
  using AgentKey = std::tuple<int, Time, Id>;  // tasks in hand, idle since, id
  using TaskKey = std::tuple<int, Time, Id>;   // -queue priority, waiting since, id
  struct Hands {
    std::array<int, 3> per_channel{};
    int total = 0;
    int offers = 0;
  };
  struct Seat {
    Agent agent;
    AgentKey key;
    std::vector<std::pair<Id, Channel>> listed;  // the free_ groups it is in
  };

  void unlist(Seat& seat);
  void list(Seat& seat);
  void relist(Id agent);
  void index_task(const Task& task, bool add);
  std::optional<TaskKey> queued_key(const Task& task) const;

  std::map<Id, Queue> queues_;
  std::unordered_map<Id, Seat> seats_;
  std::unordered_map<Id, Hands> hands_;  // also for agents not (yet) on the board
  std::unordered_map<Id, Task> tasks_;
  std::unordered_map<Id, Id> task_of_activity_;
  std::unordered_map<Id, std::set<Id>> held_;  // agent → tasks offered or assigned
  std::set<TaskKey> queued_;
  std::set<std::pair<Time, Id>> deadlines_;
  std::map<Id, std::set<std::pair<Time, Id>>> waiting_;  // queue → queued and offered
  std::map<std::pair<Id, Channel>, std::set<AgentKey>> free_;
  std::map<Id, std::set<Id>> serving_;  // queue → agents serving it
  size_t listed_agents_ = 0;
};

}  // namespace care
