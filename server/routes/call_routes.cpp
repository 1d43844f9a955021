#include "routes/call_routes.hpp"

#include "care/codec/json.hpp"
#include "routes/desk_routes.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {

void add_call_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::IngestionService& ingestion) {
  // {"action":"hold"} | {"action":"resume"} | {"action":"end"}: care::CallControl.
  DeskRoutes desk(router, auth, store);
  desk.post<CallControl>(
      "/api/activities/{id}/call",
      [&ingestion](const DeskRequest& at, CallControl control, httplib::Response& res) {
        send_outcome(res, ingestion.control_call(at.id, at.agent.id, control.kind), "activity");
      });
}

}  // namespace care::server::routes
