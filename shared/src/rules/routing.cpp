#include "care/rules/routing.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "care/case_fold.hpp"

namespace care {
namespace {

bool holds(Id agent, const Task& t) {
  return t.agent == agent && (t.state == TaskState::offered || t.state == TaskState::assigned);
}

bool eligible_ignoring_load(const Agent& agent, const Task& task, const Queue& queue) {
  return task.queue == queue.id && serves(agent, queue.id) &&
         has_skills(agent, queue.required_skills) && has_skills(agent, task.skills);
}

Error wrong_state(const Task& task, std::string_view wanted) {
  return make_error(
      ErrorCode::not_allowed, "state",
      "the task is " + std::string(enum_name(task.state)) + ", not " + std::string(wanted));
}

}  // namespace

bool has_skills(const Agent& agent, const std::vector<std::string>& required) {
  return std::all_of(required.begin(), required.end(), [&](const std::string& skill) {
    const std::string folded = fold_case(skill);
    return std::any_of(agent.skills.begin(), agent.skills.end(),
                       [&](const std::string& own) { return fold_case(own) == folded; });
  });
}

bool serves(const Agent& agent, Id queue) {
  return std::find(agent.queues.begin(), agent.queues.end(), queue) != agent.queues.end();
}

Time idle_since(const Agent& agent) {
  if (agent.last_task_end && *agent.last_task_end > agent.state.since) return *agent.last_task_end;
  return agent.state.since;
}

int load(Id agent, Channel channel, std::span<const Task> tasks) {
  return static_cast<int>(std::count_if(tasks.begin(), tasks.end(), [&](const Task& t) {
    return t.channel == channel && holds(agent, t);
  }));
}

bool can_take(const Agent& agent, const Task& task, const Queue& queue,
              std::span<const Task> tasks) {
  return eligible_ignoring_load(agent, task, queue) &&
         load(agent.id, task.channel, tasks) < capacity_for(agent.capacity, task.channel);
}

std::vector<Offer> choose_offers(std::span<const Task> tasks, std::span<const Queue> queues,
                                 std::span<const Agent> agents, Time now, Duration timeout,
                                 std::span<const Declined> declined) {
  std::map<Id, const Queue*> queue_by_id;
  for (const auto& q : queues)
    queue_by_id[q.id] = &q;

  std::vector<const Task*> waiting;
  for (const auto& t : tasks) {
    if (t.state == TaskState::queued && queue_by_id.count(t.queue)) waiting.push_back(&t);
  }
  std::sort(waiting.begin(), waiting.end(), [&](const Task* a, const Task* b) {
    return std::tuple(-queue_by_id[a->queue]->priority, a->waiting_since, a->id) <
           std::tuple(-queue_by_id[b->queue]->priority, b->waiting_since, b->id);
  });

  // What each agent holds now, per channel, plus whether an offer is pending.
  struct Hands {
    std::map<Channel, int> per_channel;
    int total = 0;
    bool offer_pending = false;
  };
  std::map<Id, Hands> hands;
  for (const auto& a : agents)
    hands[a.id];
  for (const auto& t : tasks) {
    if (!t.agent || !hands.count(*t.agent) || !holds(*t.agent, t)) continue;
    auto& h = hands[*t.agent];
    h.per_channel[t.channel] += 1;
    h.total += 1;
    h.offer_pending = h.offer_pending || t.state == TaskState::offered;
  }

  std::vector<Offer> offers;
  for (const Task* task : waiting) {
    const Queue& queue = *queue_by_id[task->queue];
    const Agent* best = nullptr;
    for (const auto& agent : agents) {
      const Hands& h = hands[agent.id];
      if (agent.state.presence != Presence::ready || h.offer_pending) continue;
      if (!eligible_ignoring_load(agent, *task, queue)) continue;
      if (std::any_of(declined.begin(), declined.end(), [&](const Declined& d) {
            return d.task == task->id && d.agent == agent.id && now < d.until;
          })) {
        continue;
      }
      const auto held = h.per_channel.count(task->channel) ? h.per_channel.at(task->channel) : 0;
      if (held >= capacity_for(agent.capacity, task->channel)) continue;
      const auto key = [&](const Agent& a) {
        return std::tuple(hands[a.id].total, idle_since(a), a.id);
      };
      if (!best || key(agent) < key(*best)) best = &agent;
    }
    if (!best) continue;
    offers.push_back(Offer{task->id, best->id, now + timeout});
    auto& h = hands[best->id];
    h.per_channel[task->channel] += 1;
    h.total += 1;
    h.offer_pending = true;
  }
  return offers;
}

Result<MissedOffer> miss_offer(const Task& task, const Agent& agent, Time now) {
  if (task.state != TaskState::offered || task.agent != agent.id) {
    return make_error(ErrorCode::not_allowed, "state", "the task is not offered to this agent");
  }
  if (!task.offer_deadline || now < *task.offer_deadline) {
    return make_error(ErrorCode::not_allowed, "offer_deadline", "the offer has not expired yet");
  }
  MissedOffer out{task, agent};
  out.task.state = TaskState::queued;
  out.task.agent.reset();
  out.task.offer_deadline.reset();
  out.task.version += 1;
  out.agent.state = AgentState{Presence::not_ready, std::string(kMissedOfferReason), now};
  out.agent.version += 1;
  return out;
}

Result<Task> decline_offer(const Task& task, Id agent) {
  if (task.state != TaskState::offered || task.agent != agent) {
    return make_error(ErrorCode::not_allowed, "task", "this task is not offered to you");
  }
  Task out = task;
  out.state = TaskState::queued;
  out.agent.reset();
  out.offer_deadline.reset();
  out.version += 1;
  return out;
}

Result<Task> offer_task(const Task& task, Id agent, Time now, Duration timeout) {
  if (task.state != TaskState::queued) return wrong_state(task, "queued");
  Task out = task;
  out.state = TaskState::offered;
  out.agent = agent;
  out.offer_deadline = now + timeout;
  out.version += 1;
  return out;
}

Result<Task> accept_task(const Task& task, Id agent, Time now) {
  const bool offered_to_me = task.state == TaskState::offered && task.agent == agent;
  if (offered_to_me && task.offer_deadline && now >= *task.offer_deadline) {
    return make_error(ErrorCode::not_allowed, "offer_deadline", "the offer has expired");
  }
  if (!offered_to_me && task.state != TaskState::queued) {
    if (task.state == TaskState::closed) return wrong_state(task, "waiting");
    return make_error(ErrorCode::conflict, "task", "another agent has taken this task");
  }
  Task out = task;
  out.state = TaskState::assigned;
  out.agent = agent;
  out.offer_deadline.reset();
  out.assigned_at = now;
  out.version += 1;
  return out;
}

Result<Task> abandon_task(const Task& task, Time now) {
  if (task.state != TaskState::queued && task.state != TaskState::offered) {
    return wrong_state(task, "queued or offered");
  }
  Task out = task;
  out.state = TaskState::closed;
  out.agent.reset();
  out.offer_deadline.reset();
  out.closed_at = now;
  out.version += 1;
  return out;
}

Result<Task> close_task(const Task& task, Id agent, Time now) {
  if (task.state != TaskState::assigned) return wrong_state(task, "assigned");
  if (task.agent != agent) {
    return make_error(ErrorCode::not_allowed, "task", "the task is assigned to another agent");
  }
  Task out = task;
  out.state = TaskState::closed;
  out.closed_at = now;
  out.version += 1;
  return out;
}

}  // namespace care
