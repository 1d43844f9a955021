#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string_view>

namespace care::server::http {

void send_json(httplib::Response& res, int status, const nlohmann::json& body);

// Errors have one shape everywhere: {"error":{"code","message","field"?}}.
void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                std::string_view field = {});

}  // namespace care::server::http
