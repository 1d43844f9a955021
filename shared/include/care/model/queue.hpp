#pragma once

#include <string>
#include <vector>

#include "care/model/common.hpp"
#include "care/model/labels.hpp"

namespace care {

// What the supervisor's floor holds a queue to (R-H3): the longest a customer should
// wait and how many may wait at once. Each queue has its own (an email may wait an
// hour, a call not a minute); an admin sets them.
struct QueueTargets {
  Duration longest_wait = std::chrono::minutes(2);
  int waiting = 5;

  bool operator==(const QueueTargets&) const = default;
};

// A queue of waiting tasks. Higher `priority` is served first (R-A3); every task in it
// needs `required_skills` from the agent it is offered to.
struct Queue {
  Id id = 0;
  std::string name;  // unique; what every language falls back to
  int priority = 0;
  std::vector<std::string> required_skills;
  QueueTargets targets;
  Version version = 1;
  Labels labels;  // the name per language, as agents read it (R-J2)
  // The channels whose work lands here when the widget or connector names no queue;
  // a channel is the default of one queue at most.
  std::vector<Channel> default_for;

  bool operator==(const Queue&) const = default;
};

}  // namespace care
