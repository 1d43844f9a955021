#include "care/codec/json.hpp"

namespace care {
namespace {

// Deepest nesting of arrays and objects, found without parsing: nlohmann's parser and
// the decoders recurse per level, so a hostile "[[[[..." must be stopped before them.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

Result<Json> parse_json(std::string_view text) {
  if (text.size() > kMaxJsonBytes) {
    return make_error(ErrorCode::too_long, "",
                      "the document is larger than " + std::to_string(kMaxJsonBytes) + " bytes");
  }
  if (nesting_depth(text) > kMaxJsonDepth) {
    return make_error(ErrorCode::malformed, "", "JSON nested too deeply");
  }
  // allow_exceptions = false: invalid input gives a "discarded" value, never a throw.
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return make_error(ErrorCode::malformed, "", "not valid JSON");
  return j;
}

Json error_body(const Error& error) { return Json{{"error", error}}; }

}  // namespace care
