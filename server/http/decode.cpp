#include "http/decode.hpp"

#include <charconv>

namespace care::server::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::missing:
    case ErrorCode::wrong_type:
    case ErrorCode::malformed:
      return 400;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::not_allowed:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::too_long:
    case ErrorCode::too_many:
    case ErrorCode::empty:
    case ErrorCode::invalid:
    case ErrorCode::duplicate:
      break;
  }
  return 422;
}

void send_domain_error(httplib::Response& res, const Error& error) {
  send_domain_error(res, status_for(error.code), error);
}

void send_domain_error(httplib::Response& res, int status, const Error& error) {
  send_json(res, status, error_body(error));
}

std::optional<Id> path_id(const httplib::Request& req, httplib::Response& res, size_t match) {
  if (req.matches.size() > match) {
    std::string text = req.matches[match].str();
    Id id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec == std::errc() && end == text.data() + text.size() && id > 0) return id;
  }
  send_error(res, 404, "not_found", "no such record");
  return std::nullopt;
}

}  // namespace care::server::http
