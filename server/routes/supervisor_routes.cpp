// The supervisor's view of the floor (R-H3): queues against their targets, agents by
// state, handled work, the last hour; the body is the shared FloorOverview codec's.
#include "routes/supervisor_routes.hpp"

#include "care/codec/json.hpp"
#include "http/responses.hpp"
#include "routes/desk_routes.hpp"

namespace care::server::routes {

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
        http::send_json(res, 200, Json(supervisor.overview(since)));
      });
}

}  // namespace care::server::routes
