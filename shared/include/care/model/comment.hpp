#pragma once

#include <string>

#include "care/model/common.hpp"

namespace care {

// R-C5: a comment belongs to one activity. Comments are added and listed, never edited.
struct Comment {
  Id id = 0;
  Id activity = 0;
  Id author = 0;
  std::string author_name;
  std::string text;
  Time at{};

  bool operator==(const Comment&) const = default;
};

}  // namespace care
