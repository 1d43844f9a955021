#include "routes/call_routes.hpp"

#include "care/codec/json.hpp"
#include "http/decode.hpp"
#include "http/request_body.hpp"
#include "http/responses.hpp"
#include "routes/desk_access.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {
namespace {

constexpr const char* kActionRule = "action: hold, resume or end";

}  // namespace

void add_call_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::IngestionService& ingestion) {
  // {"action":"hold"} | {"action":"resume"} | {"action":"end"}
  router.post("/api/activities/{id}/call", [&](const httplib::Request& req,
                                               httplib::Response& res) {
    auto agent = require_desk_agent(req, res, auth, store);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto body = http::json_object_body(req, res);
    if (!body) return;
    const Json action = body->value("action", Json());
    if (!action.is_string()) {
      return http::send_error(res, 400, action.is_null() ? "missing" : "wrong_type", kActionRule,
                              "action");
    }
    const std::string& name = action.get_ref<const std::string&>();
    CallEventKind kind;
    if (name == "hold") {
      kind = CallEventKind::held;
    } else if (name == "resume") {
      kind = CallEventKind::resumed;
    } else if (name == "end") {
      kind = CallEventKind::ended;
    } else {
      return http::send_error(res, 422, "invalid", kActionRule, "action");
    }
    auto outcome = ingestion.control_call(*id, agent->id, kind);
    if (send_failure(res, outcome)) return;
    http::send_json(res, 200, Json{{"activity", std::get<Activity>(outcome)}});
  });
}

}  // namespace care::server::routes
