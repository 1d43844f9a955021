#include "care/rules/request.hpp"

#include "care/text.hpp"

namespace care {

Status check_request_title(std::string_view title) {
  if (Status checked = check_text("title", title); !checked) return checked;
  if (trim(title).empty()) return make_error(ErrorCode::empty, "title", "a request needs a title");
  return {};
}

}  // namespace care
