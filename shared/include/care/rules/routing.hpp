#pragma once

#include <span>
#include <string>
#include <vector>

#include "care/error.hpp"
#include "care/model/agent.hpp"
#include "care/model/queue.hpp"
#include "care/model/task.hpp"

namespace care {

// R-A3: an offer is withdrawn if not accepted within 15 seconds.
inline constexpr Duration kOfferTimeout = Duration(15'000);

struct Offer {
  Id task = 0;
  Id agent = 0;
  Time deadline{};

  bool operator==(const Offer&) const = default;
};

// Whether the agent has every skill in `required`, ignoring case (R-A3).
bool has_skills(const Agent& agent, const std::vector<std::string>& required);
// Whether the agent serves the queue.
bool serves(const Agent& agent, Id queue);

// Tasks an agent holds in a channel: offered to them or assigned to them (R-A4).
int load(Id agent, Channel channel, std::span<const Task> tasks);

// Whether `agent` may be given `task` of `queue`, Ready or not: serves the queue, has
// every skill the queue and the task require (ignoring case), and has capacity left in
// the task's channel. Used for pulls from the queue list (R-A5) and by choose_offers.
bool can_take(const Agent& agent, const Task& task, const Queue& queue,
              std::span<const Task> tasks);

// An agent said no to an offer: the task is not offered to them again until `until`.
struct Declined {
  Id task = 0;
  Id agent = 0;
  Time until{};

  bool operator==(const Declined&) const = default;
};

// How long a declined task stays away from the agent who declined it.
inline constexpr Duration kDeclineCooldown = Duration(120'000);

// Since when the agent has been free for the next task: the later of going Ready and
// their last task leaving their hands (closed, or declined away). Among agents equally
// busy the one idle longest is offered first, so the agent who just closed goes to the
// back of the line rather than the front (issue 15: work spreads over the team).
Time idle_since(const Agent& agent);

// R-A3, R-A4: the offers to make now. Queued tasks are considered in order of queue
// priority (higher first), then longest waiting first (earliest waiting_since), then id.
// Each goes to an agent who is Ready, can_take it, and has no offer pending (the desktop
// shows one offer at a time). Among those, the agent with the fewest tasks in hand, then
// the one idle longest (idle_since), then the lowest id: work spreads evenly and the
// choice is deterministic. Capacity used by earlier offers of the same round is counted.
// Tasks whose queue is not in `queues` are skipped; a task is not offered to an agent
// who declined it until their `declined` entry runs out.
std::vector<Offer> choose_offers(std::span<const Task> tasks, std::span<const Queue> queues,
                                 std::span<const Agent> agents, Time now,
                                 Duration timeout = kOfferTimeout,
                                 std::span<const Declined> declined = {});

// The customer left before an agent took the task (a caller hung up while waiting):
// queued or offered -> closed, with no agent. Errors: the task is assigned or closed
// (an agent's task is theirs to close).
Result<Task> abandon_task(const Task& task, Time now);

// The agent declined the offer before its deadline: the task is queued again with its
// waiting_since kept (the head of its queue, like a missed offer), and the agent keeps
// their state: a decline is a choice, not an absence. Errors: the task is not offered
// to this agent.
Result<Task> decline_offer(const Task& task, Id agent);

// The task and agent after `agent` did not accept an offer in time (R-A3): the task is
// queued again with its waiting_since kept (so it is at the head of its queue and its
// wait time counts on), and the agent is Not Ready with reason "missed_offer".
struct MissedOffer {
  Task task;
  Agent agent;

  bool operator==(const MissedOffer&) const = default;
};

// Errors: the task is not offered to this agent, or the deadline has not passed yet.
Result<MissedOffer> miss_offer(const Task& task, const Agent& agent, Time now);

// Task life cycle (R-A3, R-A5). Each returns the task with its version advanced.
// queued -> offered to `agent` until now + timeout.
Result<Task> offer_task(const Task& task, Id agent, Time now, Duration timeout = kOfferTimeout);
// offered to `agent` (before the deadline) or queued (a pull) -> assigned to `agent`.
// A task already offered to or assigned to someone else is a `conflict`: exactly one of
// two agents accepting the same task wins (R-A5).
Result<Task> accept_task(const Task& task, Id agent, Time now);
// assigned to `agent` -> closed.
Result<Task> close_task(const Task& task, Id agent, Time now);

}  // namespace care
