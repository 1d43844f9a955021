#include "care/build_info.hpp"

namespace care {

std::string_view product_version() {
  return CARE_VERSION;
}

}  // namespace care
