// Transfer and consult (issue 18, R-K1): the agent holding a task hands it to a queue
// or a colleague with a note (a supervisor may too: reassign, K5); a chat's holder
// invites a colleague in, who leaves when done.
#include "routes/transfer_routes.hpp"

#include "routes/desk_routes.hpp"
#include "routes/work_routes.hpp"

namespace care::server::routes {

void add_transfer_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                         services::RoutingService& routing) {
  DeskRoutes desk(router, auth, store);

  // {"queue": 2, "note": "…"} or {"agent": 7, "note": "…"}
  desk.post<TransferDraft>(
      "/api/tasks/{id}/transfer",
      [&routing](const DeskRequest& at, TransferDraft draft, httplib::Response& res) {
        send_hand(res, routing.transfer(at.id, at.agent, draft));
      });

  // {"agent": 7, "note": "…"}
  desk.post<ConsultDraft>(
      "/api/tasks/{id}/consult",
      [&routing](const DeskRequest& at, ConsultDraft draft, httplib::Response& res) {
        send_hand(res, routing.consult(at.id, at.agent, draft));
      });

  desk.del("/api/tasks/{id}/consult", [&routing](const DeskRequest& at, httplib::Response& res) {
    send_hand(res, routing.leave_consult(at.id, at.agent));
  });
}

}  // namespace care::server::routes
