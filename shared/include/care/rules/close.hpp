#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "care/error.hpp"
#include "care/model/knowledge.hpp"

namespace care {

// R-D3, R-F10: what must be settled before an interaction may close.
enum class CloseQuestion {
  unsent_text,               // "Send and save what you typed, or discard it?" (R-J5)
  unsaved_customer_changes,  // "Save or discard your changes to the customer?"
  unknown_contact,           // "Create a customer for this contact, or leave without?"
  wrap_up,                   // "Choose a wrap-up code" (when the list has active codes)
};
constexpr auto names_of(std::type_identity<CloseQuestion>) {
  return std::array<std::string_view, 4>{"unsent_text", "unsaved_customer_changes",
                                         "unknown_contact", "wrap_up"};
}

// What typed and not yet sent or saved becomes: sent (the line, the comment) and saved
// (the request's fields) before the close, or dropped on purpose.
enum class UnsentChoice { send, discard };
constexpr auto names_of(std::type_identity<UnsentChoice>) {
  return std::array<std::string_view, 2>{"send", "discard"};
}

enum class UnsavedChoice { save, discard };
constexpr auto names_of(std::type_identity<UnsavedChoice>) {
  return std::array<std::string_view, 2>{"save", "discard"};
}

enum class UnknownContactChoice { create, leave_without };
constexpr auto names_of(std::type_identity<UnknownContactChoice>) {
  return std::array<std::string_view, 2>{"create", "leave_without"};
}

struct CloseSituation {
  bool unsaved_customer_changes = false;
  bool customer_known = true;                 // false: no customer record for the contact
  std::span<const WrapUpCode> wrap_up_codes;  // the configured list
  // A line in the composer, a comment not added, request fields not saved. Only the
  // desktop sees it, and settles it before it asks the server to close.
  bool unsent_text = false;
};

struct CloseAnswers {
  std::optional<UnsavedChoice> unsaved;
  std::optional<UnknownContactChoice> unknown_contact;
  std::string wrap_up;                   // a code from the list, or empty
  std::optional<UnsentChoice> unsent{};  // the desktop's own: not on the wire

  bool operator==(const CloseAnswers&) const = default;
};

// The questions the desktop must ask, in the order it asks them.
std::vector<CloseQuestion> questions_before_close(const CloseSituation& situation);

// Whether the answers settle every question: an unanswered one is `missing`, with the
// question's name as field; a wrap-up code not in the active list is `invalid`.
Status check_close(const CloseSituation& situation, const CloseAnswers& answers);

}  // namespace care
