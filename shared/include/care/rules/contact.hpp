#pragma once

#include <string_view>

#include "care/error.hpp"
#include "care/model/customer.hpp"

namespace care {

// R-D2: email and phone are checked with messages an agent can act on, e.g.
// "email: the part after '@' needs a dot, as in example.com".

// An address as people type it: local@domain, no spaces, the domain made of dot-separated
// labels (letters, digits, hyphens; international letters allowed), at most 254
// characters. Deliberately no quoted local parts or IP literals: agents never need them
// and they hide typos.
Status check_email(std::string_view value, std::string_view field = "email");

// A number as people type it: digits with spaces, '-', '.', '/' or '(...)' for grouping,
// optionally a leading '+'; 6 to 15 digits (E.164 allows at most 15).
Status check_phone(std::string_view value, std::string_view field = "phone");

// A customer as saved (R-D1, R-D2): name not blank, text fields within R-C1 limits,
// email and phone valid when given, primary contact only on accounts, account only
// on contacts.
Status check_customer(const Customer& customer);

}  // namespace care
