#include "services/supervisor_service.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "care/rules/floor.hpp"
#include "http/log.hpp"

namespace care::server::services {
namespace {

// Tasks accepted and closed, summed; the average when there were any.
struct Handled {
  std::int64_t count = 0;
  std::int64_t handle_ms = 0;
  void add(std::int64_t tasks, std::int64_t ms) {
    count += tasks;
    handle_ms += ms;
  }
  HandledWork work() const {
    HandledWork out{count, std::nullopt};
    if (count > 0) out.average_handle_ms = handle_ms / count;
    return out;
  }
};

bool still_waiting(const Task& task) {
  return task.state == TaskState::queued || task.state == TaskState::offered;
}

std::size_t samples_for(Duration every) {
  if (every <= Duration{0}) return 1;
  // Bounded also when the interval is tiny (tests): never more than the codec reads.
  return std::clamp<std::size_t>(static_cast<std::size_t>(SupervisorService::kHistory / every), 1,
                                 1000);
}

}  // namespace

SupervisorService::SupervisorService(store::Store& store, const Clock& clock, Duration sample_every)
    : store_(store),
      clock_(clock),
      sample_every_(sample_every),
      samples_kept_(samples_for(sample_every)) {}

SupervisorService::~SupervisorService() {
  stop();
}

void SupervisorService::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(thread_mutex_);
    while (!stopping_) {
      lock.unlock();
      http::run_step_logging_failure("floor_samples", [this] { sample_now(); });
      lock.lock();
      wake_.wait_for(lock, sample_every_, [this] { return stopping_; });
    }
  });
}

void SupervisorService::stop() {
  {
    std::lock_guard lock(thread_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SupervisorService::sample_now() {
  const Time at = now();
  std::map<Id, FloorSample> counts;
  for (const Queue& queue : store_.queues())
    counts[queue.id] = FloorSample{at, 0, 0};
  for (const Task& task : store_.open_tasks()) {
    auto it = counts.find(task.queue);
    if (it == counts.end()) continue;
    if (still_waiting(task)) {
      ++it->second.waiting;
    } else if (task.state == TaskState::assigned) {
      ++it->second.in_progress;
    }
  }
  std::lock_guard lock(history_mutex_);
  for (auto& [queue, sample] : counts) {
    std::deque<FloorSample>& ring = history_[queue];
    ring.push_back(sample);
    while (ring.size() > samples_kept_)
      ring.pop_front();
  }
  // A queue that no longer exists keeps no history.
  std::erase_if(history_, [&](const auto& entry) { return !counts.contains(entry.first); });
}

FloorOverview SupervisorService::overview(Time since) {
  FloorOverview view;
  view.now = now();
  view.since = since;
  view.sample_every = sample_every_;

  std::unordered_map<Id, size_t> queue_at;
  for (Queue& queue : store_.queues()) {
    queue_at[queue.id] = view.queues.size();
    FloorQueue load;
    load.id = queue.id;
    load.name = std::move(queue.name);
    load.priority = queue.priority;
    load.targets = queue.targets;
    view.queues.push_back(std::move(load));
  }
  const std::vector<Id> signed_in_list = store_.signed_in_agents(clock_.now_ms());
  const std::unordered_set<Id> signed_in(signed_in_list.begin(), signed_in_list.end());
  std::unordered_map<Id, size_t> agent_at;
  for (Agent& agent : store_.routing_agents()) {
    if (agent.role != Role::agent) continue;  // the floor is the agents
    agent_at[agent.id] = view.agents.size();
    FloorAgent load;
    load.id = agent.id;
    load.display_name = std::move(agent.display_name);
    load.state = floor_presence(agent.state, signed_in.contains(agent.id));
    if (load.state == FloorPresence::not_ready) load.reason = agent.state.reason;
    load.since = agent.state.since;
    view.agents.push_back(std::move(load));
  }

  std::vector<std::vector<Duration>> waits_now(view.queues.size());
  std::vector<std::optional<Time>> oldest(view.queues.size());
  for (const Task& task : store_.open_tasks()) {
    auto queue = queue_at.find(task.queue);
    if (queue != queue_at.end()) {
      FloorQueue& load = view.queues[queue->second];
      if (still_waiting(task)) {
        ++load.waiting;
        if (task.state == TaskState::offered) ++load.offered;
        std::optional<Time>& first = oldest[queue->second];
        if (!first || task.waiting_since < *first) first = task.waiting_since;
        waits_now[queue->second].push_back(std::max(
            Duration{0}, std::chrono::duration_cast<Duration>(view.now - task.waiting_since)));
      } else if (task.state == TaskState::assigned) {
        ++load.in_progress;
      }
    }
    if (!task.agent) continue;
    auto agent = agent_at.find(*task.agent);
    if (agent == agent_at.end()) continue;
    FloorAgent& load = view.agents[agent->second];
    if (task.state == TaskState::assigned) {
      load.in_hand.push_back(FloorTask{task.id, task.activity, task.channel,
                                       task.assigned_at.value_or(task.waiting_since)});
      switch (task.channel) {
        case Channel::chat:
          ++load.chats;
          break;
        case Channel::call:
          ++load.calls;
          break;
        case Channel::email:
          ++load.emails;
          break;
      }
    } else if (task.state == TaskState::offered) {
      ++load.offered;
    }
  }

  for (FloorAgent& load : view.agents) {
    std::sort(load.in_hand.begin(), load.in_hand.end(),
              [](const FloorTask& a, const FloorTask& b) { return a.since < b.since; });
  }

  std::vector<std::vector<Duration>> accepted(view.queues.size());
  for (const store::AcceptedWait& wait : store_.accepted_waits(since)) {
    if (auto queue = queue_at.find(wait.queue); queue != queue_at.end()) {
      accepted[queue->second].push_back(wait.wait);
    }
  }
  for (size_t i = 0; i < view.queues.size(); ++i) {
    FloorQueue& load = view.queues[i];
    load.waiting_since = oldest[i];
    if (oldest[i]) {
      load.longest_wait =
          std::max(Duration{0}, std::chrono::duration_cast<Duration>(view.now - *oldest[i]));
    }
    load.service_level = service_level(accepted[i], waits_now[i], load.targets.longest_wait);
  }

  for (const store::QueueRatings& rated : store_.ratings_since(since)) {
    if (auto queue = queue_at.find(rated.queue); queue != queue_at.end()) {
      view.queues[queue->second].ratings = rated.ratings;
    }
  }

  Handled all;
  std::array<Handled, 3> by_channel{};
  std::vector<Handled> by_queue(view.queues.size()), by_agent(view.agents.size());
  for (const store::HandledTasks& handled : store_.handled_tasks(since)) {
    all.add(handled.count, handled.handle_ms);
    by_channel[static_cast<size_t>(handled.channel)].add(handled.count, handled.handle_ms);
    if (auto queue = queue_at.find(handled.queue); queue != queue_at.end()) {
      by_queue[queue->second].add(handled.count, handled.handle_ms);
    }
    if (auto agent = agent_at.find(handled.agent); agent != agent_at.end()) {
      by_agent[agent->second].add(handled.count, handled.handle_ms);
    }
  }
  view.handled = all.work();
  for (size_t c = 0; c < by_channel.size(); ++c)
    view.handled_by_channel[c] = by_channel[c].work();
  for (size_t i = 0; i < view.queues.size(); ++i)
    view.queues[i].handled = by_queue[i].work();
  for (size_t i = 0; i < view.agents.size(); ++i)
    view.agents[i].handled = by_agent[i].work();

  std::lock_guard lock(history_mutex_);
  for (FloorQueue& load : view.queues) {
    if (auto ring = history_.find(load.id); ring != history_.end()) {
      load.history.assign(ring->second.begin(), ring->second.end());
    }
  }
  return view;
}

}  // namespace care::server::services
