#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace care {

// Every enum of the model has a table of wire names, found by ADL as
// `names_of(std::type_identity<E>{})`; its entries are in the enum's order. The JSON
// codecs and the client's labels both use these names, so they cannot drift apart.
template <class E>
constexpr auto enum_names() {
  return names_of(std::type_identity<E>{});
}

template <class E>
constexpr std::string_view enum_name(E value) {
  constexpr auto names = enum_names<E>();
  const auto index = static_cast<std::size_t>(value);
  return index < names.size() ? names[index] : std::string_view("?");
}

template <class E>
constexpr std::optional<E> enum_from_name(std::string_view name) {
  constexpr auto names = enum_names<E>();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace care
