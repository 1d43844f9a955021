#include "care/rules/concurrency.hpp"

#include <string>

namespace care {

Error conflict_error(std::string_view record_type, Version edited, Version current) {
  return make_error(ErrorCode::conflict, "version",
                    std::string("the ") + std::string(record_type) + " was changed by someone else (you edited version " +
                        std::to_string(edited) + ", it is now at version " +
                        std::to_string(current) + "); load their changes first");
}

}  // namespace care
