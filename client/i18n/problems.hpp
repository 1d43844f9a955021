#pragma once
// What went wrong, in the agent's words and language: the server names a rule by its
// code and field (care::Error), and the desktop says it from the catalogue, never in
// the API's own English ("tag: at most 50 characters (got 51)").
#include <optional>
#include <string>

#include "care/error.hpp"

namespace care::client::i18n {

std::string describe(const care::Error& error);
// An answer's status, with the rule the server named when it named one.
std::string describe(int status, const std::optional<care::Error>& error);

}  // namespace care::client::i18n
