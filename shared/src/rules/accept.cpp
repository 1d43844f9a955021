#include "care/rules/accept.hpp"

#include <tuple>

namespace care {

std::optional<Id> request_for_accept(std::optional<Id> customer, std::span<const Request> requests) {
  if (!customer) return std::nullopt;
  const Request* best = nullptr;
  const auto key = [](const Request& r) { return std::tuple(r.updated.at, r.created_at, r.id); };
  for (const auto& r : requests) {
    if (r.customer != *customer || r.status != RequestStatus::open) continue;
    if (!best || key(r) > key(*best)) best = &r;
  }
  if (!best) return std::nullopt;
  return best->id;
}

}  // namespace care
