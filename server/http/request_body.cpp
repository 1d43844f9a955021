#include "http/request_body.hpp"

#include <algorithm>
#include <cctype>

#include "http/header_text.hpp"
#include "http/responses.hpp"

namespace care::server::http {
namespace {

size_t code_points(std::string_view text) {
  size_t count = 0;
  for (unsigned char byte : text)
    count += (byte & 0xC0) != 0x80;
  return count;
}

}  // namespace

// application/json, with at most a charset=utf-8 parameter (RFC 9110 §8.3.1: type,
// subtype and parameter names ignore case; a value may be quoted). A prefix test
// would take application/jsonx or application/json-seq for JSON.
bool is_json_media_type(std::string_view content_type) {
  size_t semicolon = content_type.find(';');
  if (!ascii_equal_ignoring_case(trim_ows(content_type.substr(0, semicolon)), "application/json")) {
    return false;
  }
  while (semicolon != std::string_view::npos) {
    content_type.remove_prefix(semicolon + 1);
    semicolon = content_type.find(';');
    std::string_view parameter = trim_ows(content_type.substr(0, semicolon));
    if (parameter.empty()) continue;
    size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) return false;
    std::string_view value = trim_ows(parameter.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!ascii_equal_ignoring_case(trim_ows(parameter.substr(0, equals)), "charset") ||
        !ascii_equal_ignoring_case(value, "utf-8")) {
      return false;
    }
  }
  return true;
}

std::optional<nlohmann::json> json_object_body(const httplib::Request& req,
                                               httplib::Response& res) {
  if (!is_json_media_type(req.get_header_value("Content-Type"))) {
    send_error(res, 415, "unsupported_media_type", "send the body as application/json");
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    send_error(res, 400, "malformed", "the body is not valid JSON");
    return std::nullopt;
  }
  if (!body.is_object()) {
    send_error(res, 400, "wrong_type", "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

std::optional<std::string> required_string(const nlohmann::json& body, std::string_view field,
                                           size_t max_chars, httplib::Response& res) {
  std::string name(field);
  auto found = body.find(name);
  if (found == body.end() || found->is_null()) {
    send_error(res, 400, "missing", name + ": required", name);
    return std::nullopt;
  }
  if (!found->is_string()) {
    send_error(res, 400, "wrong_type", name + ": must be a string", name);
    return std::nullopt;
  }
  std::string value = found->get<std::string>();
  if (size_t length = code_points(value); length > max_chars) {
    send_error(res, 422, "too_long",
               name + ": at most " + std::to_string(max_chars) + " characters (got " +
                   std::to_string(length) + ")",
               name);
    return std::nullopt;
  }
  return value;
}

std::string cookie(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  std::string prefix = std::string(name) + "=";
  size_t at = 0;
  while (at < header.size()) {
    while (at < header.size() && (header[at] == ' ' || header[at] == ';'))
      ++at;
    size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    if (header.compare(at, prefix.size(), prefix) == 0) {
      return header.substr(at + prefix.size(), end - at - prefix.size());
    }
    at = end;
  }
  return "";
}

}  // namespace care::server::http
