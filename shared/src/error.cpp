#include "care/error.hpp"

#include "care/model/names.hpp"

namespace care {

std::string_view error_code_name(ErrorCode code) { return enum_name(code); }

std::optional<ErrorCode> error_code_from_name(std::string_view name) {
  return enum_from_name<ErrorCode>(name);
}

Error make_error(ErrorCode code, std::string_view field, std::string_view rule) {
  std::string message;
  if (!field.empty()) {
    message.append(field);
    message.append(": ");
  }
  message.append(rule);
  return Error{code, std::string(field), std::move(message)};
}

}  // namespace care
