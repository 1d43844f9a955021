// The supervisor's view of the floor (R-H3): queues against their targets, agents by
// state, handled work, the last hour; the body is the shared FloorOverview codec's.
#include "routes/supervisor_routes.hpp"

#include <charconv>
#include <limits>
#include <optional>

#include "care/codec/json.hpp"
#include "http/responses.hpp"
#include "routes/activity_json.hpp"
#include "routes/desk_routes.hpp"

namespace care::server::routes {

namespace {

bool supervises(const Agent& agent, httplib::Response& res) {
  if (has_role(agent, care::Role::supervisor)) return true;
  http::send_error(res, 403, "forbidden", "this needs the supervisor role");
  return false;
}

}  // namespace

void add_supervisor_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                           services::SupervisorService& supervisor,
                           services::RecordService& records, services::RecordWatch& watch) {
  DeskRoutes desk(router, auth, store);
  desk.get(
      "/api/supervisor/overview", [&supervisor](const DeskRequest& at, httplib::Response& res) {
        if (!has_role(at.agent, care::Role::supervisor)) {
          return http::send_error(res, 403, "forbidden", "this needs the supervisor role");
        }
        Time now = supervisor.now();
        Time since = now - services::SupervisorService::kDefaultShift;
        if (at.http.has_param("since")) {
          auto parsed = parse_rfc3339(at.http.get_param_value("since"));
          if (!parsed) {
            return http::send_error(res, 400, "invalid",
                                    "since: an RFC 3339 time, e.g. 2026-09-21T06:00:00Z", "since");
          }
          if (*parsed > now) {
            return http::send_error(res, 422, "invalid", "since: not in the future", "since");
          }
          since = *parsed;
        }
        http::send_json(res, 200, Json(supervisor.overview(since)));
      });

  // Silent monitoring: the supervisor gets the chat's lines as they come; neither the
  // agent nor the customer is told. Recorded once per start.
  desk.post("/api/activities/{id}/monitor", [&](const DeskRequest& at, httplib::Response& res) {
    if (!supervises(at.agent, res)) return;
    auto details = records.activity(at.id);
    if (!details) return http::send_error(res, 404, "not_found", "no such activity");
    if (details->activity.media != MediaType::chat) {
      return http::send_error(res, 422, "not_allowed", "activity: only chats are monitored",
                              "activity");
    }
    if (!details->task || details->task->state != TaskState::assigned || !details->task->agent) {
      return http::send_error(res, 409, "not_allowed",
                              "activity: no agent is handling this chat now", "activity");
    }
    if (watch.monitor(at.id, at.agent.id)) {
      store.record_action(at.agent.id, "monitor", "activity", at.id,
                          Json{{"agent", *details->task->agent}}.dump(), unix_ms(supervisor.now()));
    }
    http::send_json(res, 200, activity_details_json(*details));
  });

  desk.del("/api/activities/{id}/monitor", [&](const DeskRequest& at, httplib::Response& res) {
    if (!supervises(at.agent, res)) return;
    if (!watch.stop_monitoring(at.id, at.agent.id)) {
      return http::send_error(res, 404, "not_found", "you are not monitoring this chat");
    }
    store.record_action(at.agent.id, "monitor.end", "activity", at.id, "{}",
                        unix_ms(supervisor.now()));
    res.status = 204;
  });

  // R-G3: who did what to a record: ?type=activity|request|customer|agent|task&id=N,
  // and ?limit= (1–1000, default 200) newest lines, oldest first.
  desk.get("/api/audit", [&](const DeskRequest& at, httplib::Response& res) {
    if (!supervises(at.agent, res)) return;
    const std::string type = at.http.get_param_value("type");
    if (type.empty()) return http::send_error(res, 400, "invalid", "type: required", "type");
    if (type != "activity" && type != "request" && type != "customer" && type != "agent" &&
        type != "task") {
      return http::send_error(res, 422, "invalid",
                              "type: activity, request, customer, agent or task", "type");
    }
    auto number = [&](const char* name, std::int64_t low, std::int64_t high,
                      std::int64_t otherwise) -> std::optional<std::int64_t> {
      if (!at.http.has_param(name)) {
        if (otherwise > 0) return otherwise;
        http::send_error(res, 400, "invalid", std::string(name) + ": required", name);
        return std::nullopt;
      }
      const std::string text = at.http.get_param_value(name);
      std::int64_t parsed = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (ec != std::errc() || end != text.data() + text.size()) {
        http::send_error(res, 400, "invalid", std::string(name) + ": a whole number", name);
        return std::nullopt;
      }
      if (parsed < low || parsed > high) {
        http::send_error(
            res, 422, "invalid",
            std::string(name) + ": from " + std::to_string(low) + " to " + std::to_string(high),
            name);
        return std::nullopt;
      }
      return parsed;
    };
    auto id = number("id", 1, std::numeric_limits<std::int64_t>::max(), 0);
    if (!id) return;
    auto limit = number("limit", 1, 1000, 200);
    if (!limit) return;
    Json trail = Json::array();
    for (const store::AuditEntry& entry : store.audit_trail(type, *id, static_cast<int>(*limit))) {
      Json detail = Json::parse(entry.detail, nullptr, false);
      trail.push_back(Json{{"id", entry.id},
                           {"at", format_rfc3339(entry.at)},
                           {"actor", entry.actor ? Json(*entry.actor) : Json(nullptr)},
                           {"action", entry.action},
                           {"detail", detail.is_discarded() ? Json::object() : detail}});
    }
    http::send_json(res, 200, Json{{"audit", std::move(trail)}});
  });
}

}  // namespace care::server::routes
