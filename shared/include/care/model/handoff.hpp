#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "care/model/common.hpp"

namespace care {

// Transfer and consult (issue 18, R-K1): a task handed on to a queue or to a named
// agent, and a colleague invited into a chat (and leaving it). Each is one line of the
// activity's record, kept with the names as they were, so the journey tells who handed
// what to whom long after an agent was renamed.
enum class HandoffKind { transfer, consult, consult_left };
constexpr auto names_of(std::type_identity<HandoffKind>) {
  return std::array<std::string_view, 3>{"transfer", "consult", "consult_left"};
}

// A transfer's or a consult invitation's note, for the colleague (never the customer).
inline constexpr std::size_t kHandoffNoteLimit = 1000;

struct Handoff {
  Id id = 0;
  Id activity = 0;
  Id task = 0;
  HandoffKind kind = HandoffKind::transfer;
  Id by = 0;  // who handed it on, invited, or left
  std::string by_name;
  std::optional<Id> to_agent;  // a transfer to an agent, or the consulted agent
  std::string to_agent_name;
  std::optional<Id> to_queue;  // a transfer to a queue
  std::string to_queue_name;
  std::string note;
  Time at{};

  bool operator==(const Handoff&) const = default;
};

// POST /api/tasks/{id}/transfer: to a queue or to an agent (exactly one), with a note.
struct TransferDraft {
  std::optional<Id> queue;
  std::optional<Id> agent;
  std::string note;
  bool operator==(const TransferDraft&) const = default;
};

// POST /api/tasks/{id}/consult: the colleague to invite into the chat, with a note.
struct ConsultDraft {
  Id agent = 0;
  std::string note;
  bool operator==(const ConsultDraft&) const = default;
};

}  // namespace care
