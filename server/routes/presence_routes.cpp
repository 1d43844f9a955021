// Who else is viewing or editing a customer, request or activity (R-F8).
#include "routes/presence_routes.hpp"

#include <charconv>

#include "care/codec/json.hpp"
#include "http/responses.hpp"
#include "routes/desk_routes.hpp"
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
  DeskRoutes desk(router, auth, store);
  desk.post<PresenceHeartbeat>(
      "/api/presence",
      [&presence](const DeskRequest& at, PresenceHeartbeat beat, httplib::Response& res) {
        if (!PresenceService::tracked(beat.record)) {
          return http::send_error(res, 400, "invalid", kRecordRule, "record");
        }
        auto outcome = presence.heartbeat(beat.record, beat.id, at.agent, beat.editing);
        if (send_failure(res, outcome)) return;
        http::send_json(res, 200, viewers_json(std::get<std::vector<services::Viewer>>(outcome)));
      });

  desk.del("/api/presence", [&presence](const DeskRequest& at, httplib::Response& res) {
    auto record = record_params(at.http, res);
    if (!record) return;
    http::send_json(res, 200,
                    viewers_json(presence.leave(record->first, record->second, at.agent.id)));
  });

  desk.get("/api/presence", [&presence](const DeskRequest& at, httplib::Response& res) {
    auto record = record_params(at.http, res);
    if (!record) return;
    http::send_json(res, 200, viewers_json(presence.viewers(record->first, record->second)));
  });
}

}  // namespace care::server::routes
