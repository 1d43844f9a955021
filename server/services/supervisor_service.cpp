#include "services/supervisor_service.hpp"

#include <algorithm>
#include <unordered_map>

namespace care::server::services {

SupervisorService::SupervisorService(store::Store& store, const Clock& clock)
    : store_(store), clock_(clock) {}

Overview SupervisorService::overview(Time since) {
  Overview view;
  view.now = now();
  view.since = since;

  std::unordered_map<Id, size_t> queue_at;
  for (Queue& queue : store_.queues()) {
    queue_at[queue.id] = view.queues.size();
    QueueLoad load;
    load.queue = std::move(queue);
    view.queues.push_back(std::move(load));
  }
  std::unordered_map<Id, size_t> agent_at;
  for (Agent& agent : store_.routing_agents()) {
    agent_at[agent.id] = view.agents.size();
    AgentLoad load;
    load.agent = std::move(agent);
    view.agents.push_back(std::move(load));
  }

  for (const Task& task : store_.open_tasks()) {
    auto queue = queue_at.find(task.queue);
    if (queue != queue_at.end()) {
      QueueLoad& load = view.queues[queue->second];
      if (task.state == TaskState::queued || task.state == TaskState::offered) {
        ++load.waiting;
        if (task.state == TaskState::offered) ++load.offered;
        if (!load.oldest_waiting || task.waiting_since < *load.oldest_waiting) {
          load.oldest_waiting = task.waiting_since;
        }
      } else if (task.state == TaskState::assigned) {
        ++load.in_progress;
      }
    }
    if (!task.agent) continue;
    auto agent = agent_at.find(*task.agent);
    if (agent == agent_at.end()) continue;
    AgentLoad& load = view.agents[agent->second];
    if (task.state == TaskState::assigned) {
      ++load.in_hand[static_cast<size_t>(task.channel)];
    } else if (task.state == TaskState::offered) {
      ++load.offered;
    }
  }
  for (QueueLoad& load : view.queues) {
    if (load.oldest_waiting) {
      load.longest_wait = std::max(Duration{0}, std::chrono::duration_cast<Duration>(
                                                    view.now - *load.oldest_waiting));
    }
  }

  for (const store::HandledTasks& handled : store_.handled_tasks(since)) {
    view.handled.add(handled.count, handled.handle_ms);
    view.handled_by_channel[static_cast<size_t>(handled.channel)].add(handled.count,
                                                                       handled.handle_ms);
    if (auto queue = queue_at.find(handled.queue); queue != queue_at.end()) {
      view.queues[queue->second].handled.add(handled.count, handled.handle_ms);
    }
    if (auto agent = agent_at.find(handled.agent); agent != agent_at.end()) {
      view.agents[agent->second].handled.add(handled.count, handled.handle_ms);
    }
  }
  return view;
}

}  // namespace care::server::services
