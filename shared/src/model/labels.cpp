#include "care/model/labels.hpp"

#include <algorithm>

#include "care/text.hpp"

namespace care {

bool is_product_language(std::string_view tag) {
  return std::find(kProductLanguages.begin(), kProductLanguages.end(), tag) !=
         kProductLanguages.end();
}

Status check_labels(std::string_view field, const Labels& labels) {
  for (const auto& [language, label] : labels) {
    const std::string entry = std::string(field) + "." + language;
    if (!is_product_language(language)) {
      return make_error(ErrorCode::invalid, entry,
                        "not a language the product ships (en, bg, hu, da, sr-Latn, uk)");
    }
    if (Status ok = check_text(entry, label, kLabelLimit); !ok) return ok;
    if (trim(label).empty()) return make_error(ErrorCode::empty, entry, "cannot be empty");
  }
  return {};
}

std::string_view label_in(const Labels& labels, std::string_view language,
                          std::string_view fallback, std::string_view code) {
  for (std::string_view wanted : {language, std::string_view("en")}) {
    const auto found = labels.find(wanted);
    if (found != labels.end() && !found->second.empty()) return found->second;
  }
  return fallback.empty() ? code : fallback;
}

}  // namespace care
