#include "care/api.hpp"

namespace care {
namespace {

// The call's controls by their wire names, as the events they record (R-B2).
constexpr std::pair<std::string_view, CallEventKind> kCallActions[] = {
    {"hold", CallEventKind::held},
    {"resume", CallEventKind::resumed},
    {"end", CallEventKind::ended}};

}  // namespace

std::string_view call_action_name(CallEventKind kind) {
  for (const auto& [name, each] : kCallActions) {
    if (each == kind) return name;
  }
  return "?";  // not a control
}

std::optional<CallControl> call_control_named(std::string_view action) {
  for (const auto& [name, kind] : kCallActions) {
    if (name == action) return CallControl{kind};
  }
  return std::nullopt;
}

Customer apply(Customer customer, const CustomerDraft& draft) {
  customer.kind = draft.kind;
  customer.name = draft.name;
  customer.email = draft.email;
  customer.phone = draft.phone;
  customer.language = draft.language;
  customer.location = draft.location;
  customer.primary_contact = draft.primary_contact;
  customer.account = draft.account;
  return customer;
}

}  // namespace care
