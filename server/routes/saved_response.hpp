#pragma once
// Answers a service's outcome: the record (200/201 under `key`), a conflict (409 with
// the current record, who changed it and when, R-E1), or an error.
#include <httplib.h>

#include <string_view>
#include <variant>

#include "care/codec/json.hpp"
#include "http/decode.hpp"
#include "http/responses.hpp"
#include "services/record_service.hpp"

namespace care::server::routes {

template <class R>
void send_saved(httplib::Response& res, const services::Saved<R>& saved, std::string_view key,
                std::string_view record_type, int ok_status = 200) {
  if (const R* record = std::get_if<R>(&saved)) {
    http::send_json(res, ok_status, Json{{std::string(key), *record}});
  } else if (const Conflict<R>* conflict = std::get_if<Conflict<R>>(&saved)) {
    http::send_json(res, 409, conflict_body(*conflict, record_type));
  } else {
    const auto& failed = std::get<services::WorkError>(saved);
    http::send_domain_error(res, failed.status, failed.error);
  }
}

template <class T>
bool send_failure(httplib::Response& res, const std::variant<T, services::WorkError>& outcome) {
  if (const auto* failed = std::get_if<services::WorkError>(&outcome)) {
    http::send_domain_error(res, failed->status, failed->error);
    return true;
  }
  return false;
}

// The outcome's value under `key` with `ok_status`, or its error.
template <class T>
void send_outcome(httplib::Response& res, const std::variant<T, services::WorkError>& outcome,
                  std::string_view key, int ok_status = 200) {
  if (send_failure(res, outcome)) return;
  http::send_json(res, ok_status, Json{{std::string(key), std::get<T>(outcome)}});
}

}  // namespace care::server::routes
