// The supervisor's view of the floor (R-H3): queues, agents by state, handled work.
#include "routes/supervisor_routes.hpp"

#include "care/codec/json.hpp"
#include "http/responses.hpp"
#include "routes/desk_routes.hpp"

namespace care::server::routes {
namespace {

constexpr std::array<Channel, 3> kChannels{Channel::chat, Channel::call, Channel::email};

Json handled_json(const services::Handled& handled) {
  auto average = handled.average_ms();
  return Json{{"count", handled.count},
              {"average_handle_ms", average ? Json(*average) : Json(nullptr)}};
}

Json overview_json(const services::Overview& view) {
  Json queues = Json::array();
  for (const services::QueueLoad& load : view.queues) {
    queues.push_back(
        Json{{"id", load.queue.id},
             {"name", load.queue.name},
             {"priority", load.queue.priority},
             {"waiting", load.waiting},
             {"offered", load.offered},
             {"in_progress", load.in_progress},
             {"longest_wait_ms", load.longest_wait.count()},
             {"waiting_since",
              load.oldest_waiting ? Json(format_rfc3339(*load.oldest_waiting)) : Json(nullptr)},
             {"handled", handled_json(load.handled)}});
  }
  Json agents = Json::array();
  for (const services::AgentLoad& load : view.agents) {
    Json in_hand = Json::object();
    for (Channel channel : kChannels) {
      in_hand[std::string(enum_name(channel))] = load.in_hand[static_cast<size_t>(channel)];
    }
    agents.push_back(Json{{"id", load.agent.id},
                          {"display_name", load.agent.display_name},
                          {"role", enum_name(load.agent.role)},
                          {"state", enum_name(load.agent.state.presence)},
                          {"reason", load.agent.state.reason},
                          {"since", format_rfc3339(load.agent.state.since)},
                          {"tasks", in_hand},
                          {"offered", load.offered},
                          {"handled", handled_json(load.handled)}});
  }
  Json by_channel = Json::object();
  for (Channel channel : kChannels) {
    by_channel[std::string(enum_name(channel))] =
        handled_json(view.handled_by_channel[static_cast<size_t>(channel)]);
  }
  Json handled = handled_json(view.handled);
  handled["by_channel"] = by_channel;
  return Json{{"now", format_rfc3339(view.now)},
              {"since", format_rfc3339(view.since)},
              {"queues", queues},
              {"agents", agents},
              {"handled", handled}};
}

}  // namespace

void add_supervisor_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                           services::SupervisorService& supervisor) {
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
        http::send_json(res, 200, overview_json(supervisor.overview(since)));
      });
}

}  // namespace care::server::routes
