// Who else is viewing or editing a customer, request or activity (R-F8).
#include "routes/presence_routes.hpp"

#include <charconv>

#include "care/codec/json.hpp"
#include "http/request_body.hpp"
#include "http/responses.hpp"
#include "routes/desk_access.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {
namespace {

using services::PresenceService;

constexpr std::string_view kRecordRule = "record: customer, request or activity";

std::optional<RecordType> record_type(std::string_view name, httplib::Response& res) {
  auto type = enum_from_name<RecordType>(name);
  if (!type || !PresenceService::tracked(*type)) {
    http::send_error(res, 400, "invalid", kRecordRule, "record");
    return std::nullopt;
  }
  return type;
}

std::optional<Id> positive_id(std::string_view text, httplib::Response& res) {
  Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    http::send_error(res, 400, "invalid", "id: a record id (a positive number)", "id");
    return std::nullopt;
  }
  return id;
}

// ?record=customer&id=7
std::optional<std::pair<RecordType, Id>> record_params(const httplib::Request& req,
                                                       httplib::Response& res) {
  auto type = record_type(req.get_param_value("record"), res);
  if (!type) return std::nullopt;
  auto id = positive_id(req.get_param_value("id"), res);
  if (!id) return std::nullopt;
  return std::pair{*type, *id};
}

Json viewers_json(const std::vector<services::Viewer>& viewers) {
  Json list = Json::array();
  for (const services::Viewer& viewer : viewers) {
    list.push_back(Json{{"agent", viewer.agent},
                        {"display_name", viewer.display_name},
                        {"editing", viewer.editing},
                        {"since", format_rfc3339(viewer.since)}});
  }
  return Json{{"viewers", list}};
}

}  // namespace

void add_presence_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                         PresenceService& presence) {
  // {"record":"customer","id":7,"editing":false}: send every ~10 s while it is open.
  router.post("/api/presence", [&](const httplib::Request& req, httplib::Response& res) {
    auto agent = require_desk_agent(req, res, auth, store);
    if (!agent) return;
    auto body = http::json_object_body(req, res);
    if (!body) return;
    const Json record = body->value("record", Json());
    if (!record.is_string()) {
      return http::send_error(res, 400, record.is_null() ? "missing" : "wrong_type", kRecordRule,
                              "record");
    }
    auto type = record_type(record.get<std::string>(), res);
    if (!type) return;
    const Json id = body->value("id", Json());
    if (!id.is_number_integer() || id.get<Id>() <= 0) {
      return http::send_error(res, 400, id.is_null() ? "missing" : "wrong_type",
                              "id: a record id (a positive number)", "id");
    }
    bool editing = false;
    if (Json flag = body->value("editing", Json()); !flag.is_null()) {
      if (!flag.is_boolean()) {
        return http::send_error(res, 400, "wrong_type", "editing: true or false", "editing");
      }
      editing = flag.get<bool>();
    }
    auto outcome = presence.heartbeat(*type, id.get<Id>(), *agent, editing);
    if (send_failure(res, outcome)) return;
    http::send_json(res, 200, viewers_json(std::get<std::vector<services::Viewer>>(outcome)));
  });

  router.del("/api/presence", [&](const httplib::Request& req, httplib::Response& res) {
    auto agent = require_desk_agent(req, res, auth, store);
    if (!agent) return;
    auto record = record_params(req, res);
    if (!record) return;
    http::send_json(res, 200, viewers_json(presence.leave(record->first, record->second, agent->id)));
  });

  router.get("/api/presence", [&](const httplib::Request& req, httplib::Response& res) {
    auto agent = require_desk_agent(req, res, auth, store);
    if (!agent) return;
    auto record = record_params(req, res);
    if (!record) return;
    http::send_json(res, 200, viewers_json(presence.viewers(record->first, record->second)));
  });
}

}  // namespace care::server::routes
