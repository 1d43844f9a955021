#pragma once

#include <optional>
#include <string>

#include "care/model/common.hpp"

namespace care {

// A request (case): one customer problem, holding the activities about it (R-C1, R-C2).
enum class RequestStatus { open, closed };
constexpr auto names_of(std::type_identity<RequestStatus>) {
  return std::array<std::string_view, 2>{"open", "closed"};
}

// Colour-coded in the recent-cases list (R-F3).
enum class Priority { low, normal, high, urgent };
constexpr auto names_of(std::type_identity<Priority>) {
  return std::array<std::string_view, 4>{"low", "normal", "high", "urgent"};
}

struct Request {
  Id id = 0;
  Id customer = 0;
  std::string title;
  std::string description;
  RequestStatus status = RequestStatus::open;
  Priority priority = Priority::normal;
  Time created_at{};
  Stamp updated;                     // the request's own last update (R-C3 counts it)
  std::optional<Time> closed_at;     // set exactly when status is closed (R-C2)
  Version version = 1;

  bool operator==(const Request&) const = default;
};

}  // namespace care
