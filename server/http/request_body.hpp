#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace care::server::http {

// True for application/json with at most a charset=utf-8 parameter; a prefix test
// would take application/jsonx for JSON.
bool is_json_media_type(std::string_view content_type);

// The body as a JSON object, or an error already sent (400 malformed / wrong_type: not an
// object; 415 when it is not declared JSON).
std::optional<nlohmann::json> json_object_body(const httplib::Request& req, httplib::Response& res);

// A required string field of at most `max_chars` characters (code points), or an
// error already sent naming the field (400 missing / invalid, 422 too_long).
std::optional<std::string> required_string(const nlohmann::json& body, std::string_view field,
                                           size_t max_chars, httplib::Response& res);

// The value of one cookie from the Cookie header, or "".
std::string cookie(const httplib::Request& req, std::string_view name);

}  // namespace care::server::http
