#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "care/model/names.hpp"
#include "care/time.hpp"

namespace care {

// Record ids are positive; the database assigns them. 0 means "not stored yet".
using Id = std::int64_t;
// R-E1: every editable record carries a version, 1 when created, +1 on every change.
using Version = std::int64_t;

// How a task reaches an agent; capacity is counted per channel (R-A4).
enum class Channel { chat, call, email };
constexpr auto names_of(std::type_identity<Channel>) {
  return std::array<std::string_view, 3>{"chat", "call", "email"};
}

// Who changed a record last, and when: what the E1 caution shows. `by` is an agent id,
// or 0 when the server itself changed it (auto-close, the router, ingestion).
struct Stamp {
  Id by = 0;
  Time at{};

  bool operator==(const Stamp&) const = default;
};

}  // namespace care
