#include "care/rules/floor.hpp"

namespace care {

Standing standing(std::int64_t value, std::int64_t target) {
  if (value > target) return Standing::crossed;
  // Near from 80 % of the target; a target of 0 has no "near" below it.
  if (value > 0 && value * 5 >= target * 4) return Standing::near;
  return Standing::within;
}

Standing wait_standing(Duration longest_wait, const QueueTargets& targets) {
  return standing(longest_wait.count(), targets.longest_wait.count());
}

Standing waiting_standing(int waiting, const QueueTargets& targets) {
  return standing(waiting, targets.waiting);
}

std::optional<double> ServiceLevel::share() const {
  if (counted <= 0) return std::nullopt;
  return static_cast<double>(within) / static_cast<double>(counted);
}

ServiceLevel service_level(std::span<const Duration> accepted_waits,
                           std::span<const Duration> still_waiting, Duration target) {
  ServiceLevel level;
  for (Duration wait : accepted_waits) {
    ++level.counted;
    if (wait <= target) ++level.within;
  }
  for (Duration wait : still_waiting) {
    if (wait > target) ++level.counted;
  }
  return level;
}

Standing service_level_standing(const ServiceLevel& level) {
  // In whole numbers, so 4 of 5 is exactly the goal (not a rounding either side of it).
  const std::int64_t within = level.within, counted = level.counted;
  if (counted <= 0) return Standing::within;
  if (within * 100 < counted * kServiceLevelGoalPercent) return Standing::crossed;
  if (within * 100 < counted * (kServiceLevelGoalPercent + 10)) return Standing::near;
  return Standing::within;
}

FloorPresence floor_presence(const AgentState& state, bool signed_in) {
  if (!signed_in) return FloorPresence::offline;
  return state.presence == Presence::ready ? FloorPresence::ready : FloorPresence::not_ready;
}

}  // namespace care
