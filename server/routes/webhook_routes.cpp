#include "routes/webhook_routes.hpp"

#include "http/decode.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {
namespace {

Json endpoint_json(const store::WebhookEndpoint& endpoint) {
  Json j{{"id", endpoint.id},
         {"url", endpoint.url},
         {"events", endpoint.events},
         {"created_at", format_rfc3339(time_from_unix_ms(endpoint.created_at))}};
  if (!endpoint.secret.empty()) j["secret"] = endpoint.secret;
  return j;
}

Json optional_time(const std::optional<std::int64_t>& ms) {
  return ms ? Json(format_rfc3339(time_from_unix_ms(*ms))) : Json(nullptr);
}

Json delivery_json(const store::WebhookDelivery& delivery) {
  auto body = parse_json(delivery.body);
  return Json{{"id", delivery.id},
              {"endpoint", delivery.endpoint},
              {"url", delivery.url},
              {"event", delivery.event},
              {"state", delivery.state},
              {"attempts", delivery.attempts},
              {"created_at", format_rfc3339(time_from_unix_ms(delivery.created_at))},
              {"next_at", delivery.state == "pending" ? optional_time(delivery.next_at) : nullptr},
              {"last_at", optional_time(delivery.last_at)},
              {"last_status", delivery.last_status ? Json(*delivery.last_status) : Json(nullptr)},
              {"last_error", delivery.last_error},
              {"body", body ? *body : Json(nullptr)}};
}

// The signed-in admin's id, or 401/403 sent.
std::optional<Id> require_admin(const httplib::Request& req, httplib::Response& res,
                                services::AuthService& auth) {
  auto agent = require_agent(req, res, auth);
  if (!agent || !require_role(*agent, store::Role::Admin, res)) return std::nullopt;
  return agent->id;
}

}  // namespace

void add_webhook_routes(http::Router& router, services::AuthService& auth,
                        services::WebhookService& webhooks) {
  router.get("/api/webhooks", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_admin(req, res, auth)) return;
    Json list = Json::array();
    for (const auto& endpoint : webhooks.endpoints())
      list.push_back(endpoint_json(endpoint));
    http::send_json(res, 200, Json{{"webhooks", list}});
  });

  // {"url":"https://gateway.example.com/care","events":["email.reply"]}: 201 with the
  // endpoint and its secret, which is never shown again.
  router.post("/api/webhooks", [&](const httplib::Request& req, httplib::Response& res) {
    auto admin = require_admin(req, res, auth);
    if (!admin) return;
    auto draft = http::decode_body<WebhookDraft>(req, res);
    if (!draft) return;
    http::send_json(res, 201, Json{{"webhook", endpoint_json(webhooks.create(*draft, *admin))}});
  });

  router.del("/api/webhooks/{id}", [&](const httplib::Request& req, httplib::Response& res) {
    auto admin = require_admin(req, res, auth);
    if (!admin) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    if (!webhooks.remove(*id, *admin)) {
      return http::send_error(res, 404, "not_found", "no such webhook", "id");
    }
    res.status = 204;
  });

  // ?state=failed (the default), pending or delivered: the newest 100.
  router.get("/api/webhook-deliveries", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_admin(req, res, auth)) return;
    std::string state = req.has_param("state") ? req.get_param_value("state") : "failed";
    if (state != "failed" && state != "pending" && state != "delivered") {
      return http::send_error(res, 422, "invalid", "state: one of failed, pending, delivered",
                              "state");
    }
    Json list = Json::array();
    for (const auto& delivery : webhooks.deliveries(state))
      list.push_back(delivery_json(delivery));
    http::send_json(res, 200, Json{{"deliveries", list}});
  });

  // A failed delivery goes again at once, with its attempts counted afresh.
  router.post("/api/webhook-deliveries/{id}/retry", [&](const httplib::Request& req,
                                                        httplib::Response& res) {
    auto admin = require_admin(req, res, auth);
    if (!admin) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto outcome = webhooks.retry(*id, *admin);
    if (send_failure(res, outcome)) return;
    http::send_json(res, 200,
                    Json{{"delivery", delivery_json(std::get<store::WebhookDelivery>(outcome))}});
  });
}

}  // namespace care::server::routes
