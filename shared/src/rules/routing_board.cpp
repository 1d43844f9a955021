#include "care/rules/routing_board.hpp"

#include <algorithm>

namespace care {
namespace {

constexpr std::array<Channel, 3> kChannels = {Channel::chat, Channel::call, Channel::email};

size_t slot(Channel channel) {
  return static_cast<size_t>(channel);
}

bool holds(const Task& task) {
  return task.agent && (task.state == TaskState::offered || task.state == TaskState::assigned);
}

bool waits(const Task& task) {
  return task.state == TaskState::queued || task.state == TaskState::offered;
}

}  // namespace

void RoutingBoard::set_queues(std::span<const Queue> queues) {
  queues_.clear();
  for (const Queue& q : queues)
    queues_[q.id] = q;
  queued_.clear();
  for (const auto& [id, task] : tasks_) {
    if (auto key = queued_key(task)) queued_.insert(*key);
  }
  for (auto& [id, seat] : seats_)
    relist(id);
}

void RoutingBoard::put_agent(const Agent& agent) {
  auto [at, added] = seats_.try_emplace(agent.id);
  if (!added) {
    unlist(at->second);
    for (Id queue : at->second.agent.queues) {
      auto agents = serving_.find(queue);
      if (agents == serving_.end()) continue;
      agents->second.erase(agent.id);
      if (agents->second.empty()) serving_.erase(agents);
    }
  }
  at->second.agent = agent;
  for (Id queue : agent.queues)
    serving_[queue].insert(agent.id);
  list(at->second);
}

std::vector<Id> RoutingBoard::serving(Id queue) const {
  auto agents = serving_.find(queue);
  if (agents == serving_.end()) return {};
  return {agents->second.begin(), agents->second.end()};
}

void RoutingBoard::put_task(const Task& task) {
  if (auto old = tasks_.find(task.id); old != tasks_.end()) {
    const Task before = old->second;
    index_task(before, false);
    tasks_.erase(old);
    if (before.agent) relist(*before.agent);
  }
  if (task.state == TaskState::closed) return;
  tasks_[task.id] = task;
  index_task(task, true);
  if (task.agent) relist(*task.agent);
}

const Agent* RoutingBoard::agent(Id id) const {
  auto found = seats_.find(id);
  return found == seats_.end() ? nullptr : &found->second.agent;
}

const Task* RoutingBoard::task(Id id) const {
  auto found = tasks_.find(id);
  return found == tasks_.end() ? nullptr : &found->second;
}

const Queue* RoutingBoard::queue(Id id) const {
  auto found = queues_.find(id);
  return found == queues_.end() ? nullptr : &found->second;
}

std::optional<Task> RoutingBoard::task_of_activity(Id activity) const {
  auto found = task_of_activity_.find(activity);
  if (found == task_of_activity_.end()) return std::nullopt;
  return tasks_.at(found->second);
}

std::optional<RoutingBoard::TaskKey> RoutingBoard::queued_key(const Task& task) const {
  if (task.state != TaskState::queued) return std::nullopt;
  const Queue* q = queue(task.queue);
  if (!q) return std::nullopt;  // as choose_offers: a task of an unknown queue waits
  return TaskKey{-q->priority, task.waiting_since, task.id};
}

void RoutingBoard::index_task(const Task& task, bool add) {
  if (auto key = queued_key(task)) add ? (void)queued_.insert(*key) : (void)queued_.erase(*key);
  if (task.state == TaskState::offered && task.offer_deadline) {
    std::pair<Time, Id> entry{*task.offer_deadline, task.id};
    add ? (void)deadlines_.insert(entry) : (void)deadlines_.erase(entry);
  }
  if (waits(task)) {
    auto& waiting = waiting_[task.queue];
    std::pair<Time, Id> entry{task.waiting_since, task.id};
    add ? (void)waiting.insert(entry) : (void)waiting.erase(entry);
    if (waiting.empty()) waiting_.erase(task.queue);
  }
  if (add) {
    task_of_activity_[task.activity] = task.id;
  } else if (auto found = task_of_activity_.find(task.activity);
             found != task_of_activity_.end() && found->second == task.id) {
    task_of_activity_.erase(found);
  }
  if (holds(task)) {
    const int delta = add ? 1 : -1;
    Hands& hands = hands_[*task.agent];
    hands.per_channel[slot(task.channel)] += delta;
    hands.total += delta;
    if (task.state == TaskState::offered) hands.offers += delta;
    auto& held = held_[*task.agent];
    add ? (void)held.insert(task.id) : (void)held.erase(task.id);
    if (held.empty()) held_.erase(*task.agent);
  }
}

void RoutingBoard::unlist(Seat& seat) {
  if (seat.listed.empty()) return;
  for (const auto& group : seat.listed) {
    auto found = free_.find(group);
    found->second.erase(seat.key);
    if (found->second.empty()) free_.erase(found);
  }
  seat.listed.clear();
  --listed_agents_;
}

void RoutingBoard::list(Seat& seat) {
  const Agent& agent = seat.agent;
  if (agent.state.presence != Presence::ready) return;
  const Hands& hands = hands_[agent.id];
  if (hands.offers > 0) return;  // the desktop shows one offer at a time
  seat.key = AgentKey{hands.total, idle_since(agent), agent.id};
  for (Id queue_id : agent.queues) {
    const Queue* q = queue(queue_id);
    if (!q || !has_skills(agent, q->required_skills)) continue;
    for (Channel channel : kChannels) {
      if (hands.per_channel[slot(channel)] >= capacity_for(agent.capacity, channel)) continue;
      free_[{queue_id, channel}].insert(seat.key);
      seat.listed.emplace_back(queue_id, channel);
    }
  }
  if (!seat.listed.empty()) ++listed_agents_;
}

void RoutingBoard::relist(Id agent) {
  auto found = seats_.find(agent);
  if (found == seats_.end()) return;
  unlist(found->second);
  list(found->second);
}

void RoutingBoard::make_offers(Time now, Duration timeout, std::span<const Declined> declined,
                               const std::function<bool(const Task&)>& commit) {
  auto waiting = queued_.begin();
  while (waiting != queued_.end() && listed_agents_ > 0) {
    auto next = std::next(waiting);
    const Task task = tasks_.at(std::get<2>(*waiting));
    if (auto group = free_.find({task.queue, task.channel}); group != free_.end()) {
      for (const AgentKey& key : group->second) {
        const Id agent_id = std::get<2>(key);
        if (!has_skills(seats_.at(agent_id).agent, task.skills)) continue;
        if (std::any_of(declined.begin(), declined.end(), [&](const Declined& d) {
              return d.task == task.id && d.agent == agent_id && now < d.until;
            })) {
          continue;
        }
        // The group changes under us once the offer is on the board: stop looking.
        auto offered = offer_task(task, agent_id, now, timeout);
        if (offered && commit(*offered)) put_task(*offered);
        break;
      }
    }
    waiting = next;
  }
}

bool RoutingBoard::can_take(const Agent& agent, const Task& task) const {
  const Queue* q = queue(task.queue);
  if (!q || task.queue != q->id || !serves(agent, q->id) ||
      !has_skills(agent, q->required_skills) || !has_skills(agent, task.skills)) {
    return false;
  }
  auto hands = hands_.find(agent.id);
  const int held = hands == hands_.end() ? 0 : hands->second.per_channel[slot(task.channel)];
  return held < capacity_for(agent.capacity, task.channel);
}

std::optional<Time> RoutingBoard::next_deadline() const {
  if (deadlines_.empty()) return std::nullopt;
  return deadlines_.begin()->first;
}

std::vector<Task> RoutingBoard::expired_offers(Time now) const {
  std::vector<Task> expired;
  for (const auto& [deadline, id] : deadlines_) {
    if (deadline > now) break;
    expired.push_back(tasks_.at(id));
  }
  return expired;
}

std::vector<Task> RoutingBoard::waiting_in(Id queue) const {
  std::vector<Task> waiting;
  auto found = waiting_.find(queue);
  if (found == waiting_.end()) return waiting;
  for (const auto& [since, id] : found->second)
    waiting.push_back(tasks_.at(id));
  return waiting;
}

std::vector<Task> RoutingBoard::queued_in(std::span<const Id> queues) const {
  std::vector<Task> queued;
  for (Id queue : queues) {
    auto found = waiting_.find(queue);
    if (found == waiting_.end()) continue;
    for (const auto& [since, id] : found->second) {
      const Task& task = tasks_.at(id);
      if (task.state == TaskState::queued) queued.push_back(task);
    }
  }
  return queued;
}

std::vector<Task> RoutingBoard::tasks_of(Id agent) const {
  std::vector<Task> tasks;
  auto found = held_.find(agent);
  if (found == held_.end()) return tasks;
  for (Id id : found->second)
    tasks.push_back(tasks_.at(id));
  return tasks;
}

}  // namespace care
