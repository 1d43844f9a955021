#include "routes/channel_routes.hpp"

#include "care/codec/json.hpp"
#include "http/decode.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"
#include "routes/event_stream.hpp"
#include "routes/saved_response.hpp"
#include "services/audiences.hpp"

namespace care::server::routes {
std::optional<Id> widget_chat(const httplib::Request& req, httplib::Response& res,
                              services::IngestionService& ingestion) {
  std::string token = req.get_param_value("token");
  if (std::string header = bearer_credentials(req); !header.empty()) token = header;
  auto chat = http::path_id(req, res);
  if (!chat) return std::nullopt;
  auto owned = ingestion.widget_activity(token);
  if (!owned || *owned != *chat) {
    http::send_error(res, 404, "not_found", "no such chat for this token");
    return std::nullopt;
  }
  return chat;
}

void add_channel_routes(http::Router& router, services::IngestionService& ingestion,
                        events::EventHub& hub, events::StreamLoop& loop,
                        const std::string& integration_key, std::chrono::milliseconds heartbeat,
                        http::RequestLimits& limits) {
  router.post("/api/channels/chat", [&](const httplib::Request& req, httplib::Response& res) {
    if (!limits.allow_chat_start(req, res)) return;
    auto start = http::decode_body<ChatStart>(req, res);
    if (!start) return;
    auto outcome = ingestion.start_chat(*start);
    if (send_failure(res, outcome)) return;
    const auto& started = std::get<services::ChatStarted>(outcome);
    http::send_json(res, 201,
                    Json{{"chat", {{"id", started.activity.id}, {"token", started.token}}},
                         {"task", started.task}});
  });

  // Where the chat stands (R-H1): the widget asks on (re)connecting, then follows
  // chat.queue, chat.joined and chat.ended events.
  router.get("/api/channels/chat/{id}", [&](const httplib::Request& req, httplib::Response& res) {
    auto chat = widget_chat(req, res, ingestion);
    if (!chat) return;
    services::WidgetChatState state = ingestion.chat_state(*chat);
    using Stage = services::WidgetChatState::Stage;
    std::string_view stage = state.stage == Stage::waiting      ? "waiting"
                             : state.stage == Stage::with_agent ? "with_agent"
                                                                : "ended";
    http::send_json(res, 200,
                    Json{{"chat",
                          {{"id", *chat},
                           {"state", stage},
                           {"queue_position", state.position ? Json(*state.position) : Json()},
                           {"agent", state.agent ? Json(*state.agent) : Json()}}}});
  });

  // The transcript so far: the widget loads it on (re)connecting, then follows events.
  router.get("/api/channels/chat/{id}/messages",
             [&](const httplib::Request& req, httplib::Response& res) {
               auto chat = widget_chat(req, res, ingestion);
               if (!chat) return;
               http::send_json(res, 200, Json{{"messages", ingestion.transcript(*chat)}});
             });

  router.post("/api/channels/chat/{id}/messages",
              [&](const httplib::Request& req, httplib::Response& res) {
                auto chat = widget_chat(req, res, ingestion);
                if (!chat) return;
                auto draft = http::decode_body<TextDraft>(req, res);
                if (!draft) return;
                auto outcome = ingestion.customer_message(*chat, *draft);
                if (send_failure(res, outcome)) return;
                http::send_json(res, 201, Json{{"message", std::get<Message>(outcome)}});
              });

  // Customer satisfaction (issue 18): once the chat has ended, its widget asks for 1–5.
  router.post("/api/channels/chat/{id}/rating",
              [&](const httplib::Request& req, httplib::Response& res) {
                auto chat = widget_chat(req, res, ingestion);
                if (!chat) return;
                auto draft = http::decode_body<RatingDraft>(req, res);
                if (!draft) return;
                auto outcome = ingestion.rate_chat(*chat, *draft);
                if (send_failure(res, outcome)) return;
                http::send_json(res, 201, Json{{"rating", std::get<Rating>(outcome)}});
              });

  router.post("/api/channels/chat/{id}/typing",
              [&](const httplib::Request& req, httplib::Response& res) {
                auto chat = widget_chat(req, res, ingestion);
                if (!chat) return;
                auto body = parse_json(req.body);
                if (!body || !body->is_object() || !body->contains("typing") ||
                    !(*body)["typing"].is_boolean()) {
                  http::send_error(res, 400, "missing", "typing: true or false", "typing");
                  return;
                }
                ingestion.customer_typing(*chat, (*body)["typing"].get<bool>());
                res.status = 204;
              });

  router.get("/api/channels/chat/{id}/events", [&, heartbeat](const httplib::Request& req,
                                                              httplib::Response& res) {
    auto chat = widget_chat(req, res, ingestion);
    if (!chat) return;
    events::Subscriber::Identity identity{services::widget_listener(*chat), store::Role::Agent, ""};
    serve_event_stream(req, res, hub, loop, identity, limits.client_address(req), heartbeat,
                       [] { return true; });
  });

  router.post("/api/channels/email", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_integration_key(req, res, integration_key)) return;
    if (!limits.allow_connector(integration_key, res)) return;
    auto email = http::decode_body<InboundEmail>(req, res);
    if (!email) return;
    auto outcome = ingestion.inbound_email(*email);
    if (send_failure(res, outcome)) return;
    const auto& done = std::get<services::Ingested>(outcome);
    Json body{{"activity", done.activity}};
    if (done.task) body["task"] = *done.task;
    http::send_json(res, done.created ? 201 : 200, body);  // 200: this Message-ID came before
  });

  // What the mail gateway sends on: the email's messages, the agents' replies with
  // their To, Cc and subject (docs/ingestion.md), read with the integration key.
  router.get("/api/channels/email/{id}", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_integration_key(req, res, integration_key)) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto email = ingestion.email_for_gateway(*id);
    if (!email) return http::send_error(res, 404, "not_found", "no such email", "id");
    http::send_json(res, 200, Json{{"activity", *email}});
  });

  // What the telephony carries out: the call's events, the agent's hold, resume and
  // end among them, by the telephony's own id for the call.
  router.get("/api/channels/call/{call}", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_integration_key(req, res, integration_key)) return;
    auto call = ingestion.call_for_telephony(req.matches[1].str());
    if (!call) return http::send_error(res, 404, "not_found", "no such call", "call");
    http::send_json(res, 200, Json{{"activity", *call}});
  });

  router.post("/api/channels/call", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_integration_key(req, res, integration_key)) return;
    if (!limits.allow_connector(integration_key, res)) return;
    auto event = http::decode_body<InboundCallEvent>(req, res);
    if (!event) return;
    auto outcome = ingestion.call_event(*event);
    if (send_failure(res, outcome)) return;
    const auto& done = std::get<services::Ingested>(outcome);
    Json body{{"activity", done.activity}};
    if (done.task) body["task"] = *done.task;
    http::send_json(res, done.created ? 201 : 200, body);
  });
}

}  // namespace care::server::routes
