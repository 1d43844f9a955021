#include "care/rules/close.hpp"

#include <algorithm>

namespace care {
namespace {

bool any_active(std::span<const WrapUpCode> codes) {
  return std::any_of(codes.begin(), codes.end(), [](const WrapUpCode& c) { return c.active; });
}

}  // namespace

std::vector<CloseQuestion> questions_before_close(const CloseSituation& s) {
  std::vector<CloseQuestion> questions;
  if (s.unsent_text) questions.push_back(CloseQuestion::unsent_text);
  if (s.unsaved_customer_changes) questions.push_back(CloseQuestion::unsaved_customer_changes);
  if (!s.customer_known) questions.push_back(CloseQuestion::unknown_contact);
  if (any_active(s.wrap_up_codes)) questions.push_back(CloseQuestion::wrap_up);
  return questions;
}

Status check_close(const CloseSituation& s, const CloseAnswers& answers) {
  for (const auto question : questions_before_close(s)) {
    const auto field = enum_name(question);
    switch (question) {
      case CloseQuestion::unsent_text:
        if (!answers.unsent) {
          return make_error(ErrorCode::missing, field,
                            "something typed is not sent or saved: send it or discard it first");
        }
        break;
      case CloseQuestion::unsaved_customer_changes:
        if (!answers.unsaved) {
          return make_error(ErrorCode::missing, field,
                            "the customer has unsaved changes: save or discard them first");
        }
        break;
      case CloseQuestion::unknown_contact:
        if (!answers.unknown_contact) {
          return make_error(ErrorCode::missing, field,
                            "no customer record exists: create one, or leave without creating");
        }
        break;
      case CloseQuestion::wrap_up:
        if (answers.wrap_up.empty()) {
          return make_error(ErrorCode::missing, field, "choose a wrap-up code");
        }
        break;
    }
  }
  if (!answers.wrap_up.empty()) {
    const bool known =
        std::any_of(s.wrap_up_codes.begin(), s.wrap_up_codes.end(),
                    [&](const WrapUpCode& c) { return c.active && c.code == answers.wrap_up; });
    if (!known) return make_error(ErrorCode::invalid, "wrap_up", "not a wrap-up code in the list");
  }
  return {};
}

}  // namespace care
