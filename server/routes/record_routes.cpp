// Customers (R-D), their journey (R-D5), requests and activities (R-C), and the
// agent's messages (R-B1, R-B3). Decode with the shared codecs, call RecordService,
// encode.
#include "routes/record_routes.hpp"

#include <charconv>

#include "care/codec/json.hpp"
#include "http/decode.hpp"
#include "http/responses.hpp"
#include "routes/desk_access.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {
namespace {

using services::RecordService;

// ?activity=ID on POST /api/customers: the unknown contact this customer is for.
std::optional<std::optional<Id>> activity_param(const httplib::Request& req,
                                                httplib::Response& res) {
  if (!req.has_param("activity")) return std::optional<Id>();
  std::string text = req.get_param_value("activity");
  Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    http::send_error(res, 400, "invalid", "activity: an activity id", "activity");
    return std::nullopt;
  }
  return std::optional<Id>(id);
}

std::optional<Version> version_param(const httplib::Request& req, httplib::Response& res) {
  std::string text = req.get_param_value("version");
  Version version = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || version <= 0) {
    http::send_error(res, 400, "missing", "version: the version you edited (?version=N)",
                     "version");
    return std::nullopt;
  }
  return version;
}

}  // namespace

void add_record_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                       RecordService& records) {
  auto agent_of = [&](const httplib::Request& req, httplib::Response& res) {
    return require_desk_agent(req, res, auth, store);
  };

  // --- customers ---
  router.get("/api/customers", [=, &records](const httplib::Request& req, httplib::Response& res) {
    if (!agent_of(req, res)) return;
    std::string query = req.get_param_value("q");
    if (query.size() > 200) {
      http::send_error(res, 422, "too_long", "q: at most 200 characters", "q");
      return;
    }
    http::send_json(res, 200, Json{{"customers", records.search(query)}});
  });

  router.post("/api/customers", [=, &records](const httplib::Request& req, httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto activity = activity_param(req, res);
    if (!activity) return;
    auto draft = http::decode_body<CustomerDraft>(req, res);
    if (!draft) return;
    send_saved(res, records.create_customer(*draft, *agent, *activity), "customer", "customer",
               201);
  });

  router.get("/api/customers/{id}", [=, &records](const httplib::Request& req,
                                                  httplib::Response& res) {
    if (!agent_of(req, res)) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto customer = records.customer(*id);
    if (!customer) return http::send_error(res, 404, "not_found", "no such customer");
    http::send_json(res, 200, Json{{"customer", *customer}});
  });

  router.patch("/api/customers/{id}", [=, &records](const httplib::Request& req,
                                                    httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto update = http::decode_body<CustomerUpdate>(req, res);
    if (!update) return;
    send_saved(res, records.update_customer(*id, *update, *agent), "customer", "customer");
  });

  router.get("/api/customers/{id}/journey", [=, &records](const httplib::Request& req,
                                                          httplib::Response& res) {
    if (!agent_of(req, res)) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto journey = records.journey(*id);
    if (!journey) return http::send_error(res, 404, "not_found", "no such customer");
    http::send_json(res, 200,
                    Json{{"customer", journey->customer},
                         {"requests", journey->requests},
                         {"activities", journey->activities}});
  });

  router.post("/api/customers/{id}/requests", [=, &records](const httplib::Request& req,
                                                            httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto draft = http::decode_body<RequestDraft>(req, res);
    if (!draft) return;
    send_saved(res, records.create_request(*id, *draft, *agent), "request", "request", 201);
  });

  // --- requests ---
  router.get("/api/requests/{id}", [=, &records](const httplib::Request& req,
                                                 httplib::Response& res) {
    if (!agent_of(req, res)) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto details = records.request(*id);
    if (!details) return http::send_error(res, 404, "not_found", "no such request");
    http::send_json(res, 200,
                    Json{{"request", details->request}, {"activities", details->activities}});
  });

  router.patch("/api/requests/{id}", [=, &records](const httplib::Request& req,
                                                   httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto patch = http::decode_body<RequestPatch>(req, res);
    if (!patch) return;
    send_saved(res, records.update_request(*id, *patch, *agent), "request", "request");
  });

  // --- activities ---
  router.get("/api/activities/{id}", [=, &records](const httplib::Request& req,
                                                   httplib::Response& res) {
    if (!agent_of(req, res)) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto details = records.activity(*id);
    if (!details) return http::send_error(res, 404, "not_found", "no such activity");
    http::send_json(res, 200,
                    Json{{"activity", details->activity},
                         {"comments", details->comments},
                         {"task", details->task ? Json(*details->task) : Json(nullptr)}});
  });

  router.post("/api/activities/{id}/tags", [=, &records](const httplib::Request& req,
                                                         httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto draft = http::decode_body<TagDraft>(req, res);
    if (!draft) return;
    send_saved(res, records.add_tag(*id, *draft, *agent), "activity", "activity");
  });

  router.del("/api/activities/{id}/tags/{tag}", [=, &records](const httplib::Request& req,
                                                              httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto version = version_param(req, res);
    if (!version) return;
    std::string tag = httplib::detail::decode_url(req.matches[2].str(), false);
    send_saved(res, records.remove_tag(*id, tag, *version, *agent), "activity", "activity");
  });

  router.post("/api/activities/{id}/move", [=, &records](const httplib::Request& req,
                                                         httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto move = http::decode_body<MoveActivity>(req, res);
    if (!move) return;
    send_saved(res, records.move(*id, *move, *agent), "activity", "activity");
  });

  router.put("/api/activities/{id}/skills", [=, &records](const httplib::Request& req,
                                                          httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto update = http::decode_body<SkillsUpdate>(req, res);
    if (!update) return;
    send_saved(res, records.set_skills(*id, *update, *agent), "activity", "activity");
  });

  router.post("/api/activities/{id}/comments", [=, &records](const httplib::Request& req,
                                                             httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto draft = http::decode_body<TextDraft>(req, res);
    if (!draft) return;
    auto outcome = records.add_comment(*id, *draft, *agent);
    if (send_failure(res, outcome)) return;
    http::send_json(res, 201, Json{{"comment", std::get<Comment>(outcome)}});
  });

  router.post("/api/activities/{id}/messages", [=, &records](const httplib::Request& req,
                                                             httplib::Response& res) {
    auto agent = agent_of(req, res);
    if (!agent) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto draft = http::decode_body<TextDraft>(req, res);
    if (!draft) return;
    auto outcome = records.send_message(*id, *draft, *agent);
    if (send_failure(res, outcome)) return;
    http::send_json(res, 201, Json{{"message", std::get<Message>(outcome)}});
  });
}

}  // namespace care::server::routes
