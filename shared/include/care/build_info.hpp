#pragma once

#include <string_view>

namespace care {

// The product version, the same in the server and the client that were built together.
std::string_view product_version();

}  // namespace care
