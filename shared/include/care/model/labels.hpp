#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "care/error.hpp"

namespace care {

// R-J2: a word an admin sets once per language: a wrap-up code's, a Not Ready reason's
// or a queue's name as the agent reads it. Keyed by language tag.
using Labels = std::map<std::string, std::string, std::less<>>;

// The languages the product ships; labels in any other are refused.
inline constexpr std::array<std::string_view, 6> kProductLanguages = {"en", "bg",      "hu",
                                                                      "da", "sr-Latn", "uk"};
// A label is a short word in a list or a menu: at most this many characters.
inline constexpr std::size_t kLabelLimit = 100;

bool is_product_language(std::string_view tag);

// Each language's label: a language the product ships, text of 1 to kLabelLimit
// characters. The error names the entry ("labels.de", "labels.hu").
Status check_labels(std::string_view field, const Labels& labels);

// What the agent reads: the label in `language`, else the English one, else
// `fallback` (the single label or name the record had before labels), else `code`.
std::string_view label_in(const Labels& labels, std::string_view language,
                          std::string_view fallback, std::string_view code);

}  // namespace care
