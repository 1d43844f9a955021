#pragma once
// Request bodies decoded by the shared codecs (shared/codec/json.hpp): the same
// checks the desktop runs before sending, answered here with a status that says
// what kind of mistake it was.
#include <httplib.h>

#include <optional>

#include "care/codec/json.hpp"
#include "http/request_body.hpp"
#include "http/responses.hpp"

namespace care::server::http {

// 400 for a body that is not the right shape (missing, mistyped, not JSON), 422 for
// one that is well formed but breaks a rule (too long, invalid, duplicate), 409 for
// a conflict.
int status_for(ErrorCode code);

void send_domain_error(httplib::Response& res, const Error& error);
void send_domain_error(httplib::Response& res, int status, const Error& error);

// The body as T, or an error already sent (415 when not declared JSON).
template <class T>
std::optional<T> decode_body(const httplib::Request& req, httplib::Response& res) {
  if (!is_json_media_type(req.get_header_value("Content-Type"))) {
    send_error(res, 415, "unsupported_media_type", "send the body as application/json");
    return std::nullopt;
  }
  auto json = parse_json(req.body);
  if (!json) {
    send_domain_error(res, 400, json.error());
    return std::nullopt;
  }
  auto value = decode<T>(*json);
  if (!value) {
    send_domain_error(res, value.error());
    return std::nullopt;
  }
  return std::move(*value);
}

// A path id ("/api/tasks/{id}") as a positive number, or 404 sent.
std::optional<Id> path_id(const httplib::Request& req, httplib::Response& res, size_t match = 1);

}  // namespace care::server::http
