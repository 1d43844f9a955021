#pragma once

#include <string>
#include <vector>

#include "care/model/common.hpp"

namespace care {

// A queue of waiting tasks. Higher `priority` is served first (R-A3); every task in it
// needs `required_skills` from the agent it is offered to.
struct Queue {
  Id id = 0;
  std::string name;
  int priority = 0;
  std::vector<std::string> required_skills;
  Version version = 1;

  bool operator==(const Queue&) const = default;
};

}  // namespace care
