#include "care/rules/auto_close.hpp"

#include <algorithm>

namespace care {

Time last_update(const Request& request, std::span<const Activity> activities) {
  Time latest = request.updated.at;
  for (const auto& a : activities) {
    if (a.request == request.id) latest = std::max(latest, last_change(a));
  }
  return latest;
}

std::optional<Time> auto_close_due_at(const Request& request, std::span<const Activity> activities,
                                      Duration period) {
  if (request.status == RequestStatus::closed) return std::nullopt;
  return last_update(request, activities) + period;
}

bool is_due_to_close(const Request& request, std::span<const Activity> activities, Time now,
                     Duration period) {
  const auto due = auto_close_due_at(request, activities, period);
  return due && now >= *due;
}

Request close_request(Request request, Time now, Id by) {
  request.status = RequestStatus::closed;
  request.closed_at = now;
  request.updated = Stamp{by, now};
  request.version += 1;
  return request;
}

}  // namespace care
