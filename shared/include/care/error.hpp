#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace care {

// What went wrong, as a value: rules and decoders return these instead of throwing, so
// the server maps them to an HTTP status in one place and the WASM client can show the
// same message before anything is sent (STYLE: errors are values at the edges).
enum class ErrorCode {
  missing,      // a required field is absent or null
  wrong_type,   // present with the wrong JSON type
  too_long,     // text over its limit in characters (R-C1, R-C4)
  too_many,     // a list over its item limit
  empty,        // text that must not be blank
  invalid,      // breaks a value rule (email, phone, UTF-8, time, enum name, range)
  duplicate,    // already present (a tag, ignoring case: R-C4)
  conflict,     // a stale version (R-E1) or a task someone else took (R-A5)
  not_allowed,  // the action is not possible in the record's state
  malformed,    // not JSON at all, or nested too deep
  not_found,    // no such record (the server answers 404)
};

// Wire names, in the enum's order (see model/names.hpp).
constexpr auto names_of(std::type_identity<ErrorCode>) {
  return std::array<std::string_view, 11>{"missing",     "wrong_type", "too_long",  "too_many",
                                          "empty",       "invalid",    "duplicate", "conflict",
                                          "not_allowed", "malformed",  "not_found"};
}

std::string_view error_code_name(ErrorCode code);
std::optional<ErrorCode> error_code_from_name(std::string_view name);

struct Error {
  ErrorCode code = ErrorCode::invalid;
  std::string field;    // the field's name or path ("title", "tags[2]"); empty if none
  std::string message;  // for people: starts with the field, says the rule

  bool operator==(const Error&) const = default;
};

// Builds an Error whose message is "<field>: <rule>" (or just the rule without field).
Error make_error(ErrorCode code, std::string_view field, std::string_view rule);

// A value or the Error that prevented it. Small on purpose: ok(), value(), error().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const Error& error() const { return std::get<1>(data_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> data_;
};

// The outcome of a check that produces nothing but may fail.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace care
