#pragma once

#include <string_view>

#include "care/error.hpp"

namespace care {

// R-C1: a request's title is required (not blank) and, like every text, at most 2000
// characters. The server refuses such a title; the desktop keeps Save disabled for it.
Status check_request_title(std::string_view title);

}  // namespace care
