#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "care/model/agent.hpp"
#include "care/model/queue.hpp"

namespace care {

// The supervisor's floor (R-H3): how a queue's figures stand against its targets, the
// service level over the shift, and how an agent shows.

// Where a figure stands against its target: within it, near it (at 80 % or more: time
// to act), or past it. Exactly at the target is still near, not past.
enum class Standing { within, near, crossed };
constexpr auto names_of(std::type_identity<Standing>) {
  return std::array<std::string_view, 3>{"within", "near", "crossed"};
}

// What an admin may set as targets: a wait of a second to a week, 1 to 100,000 waiting.
inline constexpr Duration kMinWaitTarget = std::chrono::seconds(1);
inline constexpr Duration kMaxWaitTarget = std::chrono::hours(24 * 7);
inline constexpr int kMaxWaitingTarget = 100'000;

Standing standing(std::int64_t value, std::int64_t target);
Standing wait_standing(Duration longest_wait, const QueueTargets& targets);
Standing waiting_standing(int waiting, const QueueTargets& targets);

// Service level over the shift: of the tasks whose customer's wait has been decided
// since the shift began, the share that was accepted within the queue's wait target.
// A task accepted counts once (its wait: queued → accepted, kept across missed offers);
// a task still waiting counts only once it is past the target (it can no longer make
// it), so a queue that is stuck shows it before anyone accepts anything.
struct ServiceLevel {
  int within = 0;   // accepted within the target
  int counted = 0;  // accepted, plus still waiting past the target
  // nullopt when nothing is counted yet (no figure, rather than 0 % or 100 %).
  std::optional<double> share() const;
  bool operator==(const ServiceLevel&) const = default;
};

ServiceLevel service_level(std::span<const Duration> accepted_waits,
                           std::span<const Duration> still_waiting, Duration target);

// The usual contact-centre goal: 80 % within the target. Below it is crossed; less
// than ten points above it is near. Nothing counted is within.
inline constexpr int kServiceLevelGoalPercent = 80;
Standing service_level_standing(const ServiceLevel& level);

// How an agent shows on the floor: signed out is Offline whatever state was left
// behind (an agent who closed the browser while Ready is not ready for anything).
enum class FloorPresence { ready, not_ready, offline };
constexpr auto names_of(std::type_identity<FloorPresence>) {
  return std::array<std::string_view, 3>{"ready", "not_ready", "offline"};
}
FloorPresence floor_presence(const AgentState& state, bool signed_in);

}  // namespace care
