#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/model/common.hpp"
#include "care/model/labels.hpp"

namespace care {

// R-A1. A supervisor may do everything an agent may; an admin everything a supervisor may.
enum class Role { agent, supervisor, admin };
constexpr auto names_of(std::type_identity<Role>) {
  return std::array<std::string_view, 3>{"agent", "supervisor", "admin"};
}

enum class Presence { ready, not_ready };
constexpr auto names_of(std::type_identity<Presence>) {
  return std::array<std::string_view, 2>{"ready", "not_ready"};
}

// The reason the router gives when an offer was not accepted in time (R-A3).
inline constexpr std::string_view kMissedOfferReason = "missed_offer";
// Why an offer was withdrawn when the agent said no to it (task.withdrawn's reason).
inline constexpr std::string_view kDeclinedReason = "declined";
// Why an offer was withdrawn when the customer left first (a caller hung up).
inline constexpr std::string_view kAbandonedReason = "abandoned";

// R-A2: one entry of the Not Ready list an admin keeps. An agent may choose only an
// active one; "missed_offer" is the router's alone and never in the list.
struct NotReadyReason {
  std::string code;    // stable key stored on the agent's state, e.g. "lunch"
  std::string label;   // English, and what every language falls back to
  Labels labels;       // per language (R-J2)
  bool active = true;  // retired reasons stay readable on agents who still have them

  bool operator==(const NotReadyReason&) const = default;
};

// R-A2: Ready, or Not Ready with a reason ("break", "lunch", "meeting", "missed_offer").
struct AgentState {
  Presence presence = Presence::not_ready;
  std::string reason;  // empty when Ready
  Time since{};

  bool operator==(const AgentState&) const = default;
};

// R-A4: how many tasks of each channel an agent may hold at once (offered or assigned).
// Calls are not configurable: a person takes one call at a time.
struct Capacity {
  int chats = 3;
  int emails = 5;

  bool operator==(const Capacity&) const = default;
};

inline constexpr int kCallCapacity = 1;
int capacity_for(const Capacity& capacity, Channel channel);

struct Agent {
  Id id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::agent;
  std::vector<std::string> skills;  // compared ignoring case
  std::vector<Id> queues;           // the queues this agent serves (R-A3, R-A5)
  AgentState state;
  Capacity capacity;
  std::string language = "en";  // UI language (R-J2)
  Version version = 1;
  // When their last task left their hands (closed, or declined away): with state.since,
  // how long they have been idle (idle_since in rules/routing).
  std::optional<Time> last_task_end;

  bool operator==(const Agent&) const = default;
};

bool has_role(const Agent& agent, Role at_least);

}  // namespace care
