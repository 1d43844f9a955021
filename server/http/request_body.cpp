#include "http/request_body.hpp"

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

std::optional<nlohmann::json> json_object_body(const httplib::Request& req,
                                               httplib::Response& res) {
  std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
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
