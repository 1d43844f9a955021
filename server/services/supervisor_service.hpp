#pragma once

#include <array>
#include <optional>
#include <vector>

#include "care/model.hpp"
#include "clock.hpp"
#include "store/store.hpp"

namespace care::server::services {

// Tasks an agent accepted and closed, and how long they took (assigned → closed).
struct Handled {
  std::int64_t count = 0;
  std::int64_t handle_ms = 0;  // summed
  std::optional<std::int64_t> average_ms() const {
    if (count == 0) return std::nullopt;
    return handle_ms / count;
  }
  void add(std::int64_t tasks, std::int64_t ms) {
    count += tasks;
    handle_ms += ms;
  }
};

struct QueueLoad {
  Queue queue;
  int waiting = 0;                      // queued or offered: the customer still waits
  int offered = 0;                      // of those, offered to an agent right now
  int in_progress = 0;                  // assigned
  std::optional<Time> oldest_waiting;   // waiting since (kept across missed offers)
  Duration longest_wait{0};
  Handled handled;
};

struct AgentLoad {
  Agent agent;
  std::array<int, 3> in_hand{};  // assigned tasks by channel: chat, call, email
  int offered = 0;
  Handled handled;
};

// R-H3: what the supervisor's view shows, at `now`, handled work since `since`.
struct Overview {
  Time now{};
  Time since{};
  std::vector<QueueLoad> queues;
  std::vector<AgentLoad> agents;
  Handled handled;
  std::array<Handled, 3> handled_by_channel{};  // chat, call, email
};

class SupervisorService {
 public:
  static constexpr Duration kDefaultShift = std::chrono::hours(12);

  SupervisorService(store::Store& store, const Clock& clock);

  Time now() const { return time_from_unix_ms(clock_.now_ms()); }
  Overview overview(Time since);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace care::server::services
