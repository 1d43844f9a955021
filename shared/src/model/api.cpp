#include "care/api.hpp"

namespace care {

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
