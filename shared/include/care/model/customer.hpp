#pragma once

#include <optional>
#include <string>

#include "care/model/common.hpp"

namespace care {

// R-D1: a contact person, or an account (a business partner) with a primary contact.
enum class CustomerKind { contact, account };
constexpr auto names_of(std::type_identity<CustomerKind>) {
  return std::array<std::string_view, 2>{"contact", "account"};
}

// Text fields are empty when not given; email and phone are checked by
// rules/contact.hpp (R-D2) when not empty.
struct Customer {
  Id id = 0;
  CustomerKind kind = CustomerKind::contact;
  std::string name;
  std::string email;
  std::string phone;
  std::string language;                  // e.g. "bg", "hu"
  std::string location;                  // accounts: city / address line
  std::optional<Id> primary_contact;     // accounts only: a contact's id
  std::optional<Id> account;             // contacts only: the account they belong to
  Time created_at{};
  Stamp updated;
  Version version = 1;

  bool operator==(const Customer&) const = default;
};

}  // namespace care
