// Customers (R-D), their journey (R-D5), requests and activities (R-C), and the
// agent's messages (R-B1, R-B3). Decode with the shared codecs, call RecordService,
// encode.
#include "routes/record_routes.hpp"

#include <charconv>

#include "care/codec/json.hpp"
#include "care/codec/json_text.hpp"
#include "http/decode.hpp"
#include "http/responses.hpp"
#include "routes/activity_json.hpp"
#include "routes/desk_routes.hpp"
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

// 400 naming the query parameter the rule is about.
void send_rule_error(httplib::Response& res, const Error& error) {
  http::send_error(res, 400, error_code_name(error.code), error.message, error.field);
}

// A journey page written row by row into the body (no JSON tree per activity or
// request: building and freeing them was most of the old journey's CPU).
std::string journey_body(const services::JourneyPage& page) {
  std::string body;
  // Room for all of it at once: growing a 30 KB body by doubling copied it twice.
  body.reserve(512 + page.activities.size() * 320 +
               (page.opening ? page.opening->requests.size() * 480 : 0));
  body += '{';
  if (page.opening) {
    body += "\"customer\":";
    body += Json(page.opening->customer).dump();
    body += ",\"requests\":[";
    for (std::size_t i = 0; i < page.opening->requests.size(); ++i) {
      if (i) body += ',';
      append_request(body, page.opening->requests[i]);
    }
    body += ']';
    body += ",\"total\":";
    body += std::to_string(page.opening->total);
    body += ',';
  }
  body += "\"activities\":[";
  for (std::size_t i = 0; i < page.activities.size(); ++i) {
    if (i) body += ',';
    append_journey_entry(body, page.activities[i]);
  }
  body += "],\"next_cursor\":";
  if (page.next) {
    append_json_string(body, encode_journey_cursor(*page.next));
  } else {
    body += "null";
  }
  body += '}';
  return body;
}

}  // namespace

void add_record_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                       RecordService& records, services::RecordWatch& watch) {
  DeskRoutes desk(router, auth, store);

  // --- customers ---
  desk.get("/api/customers", [&records](const DeskRequest& at, httplib::Response& res) {
    std::string query = at.http.get_param_value("q");
    if (query.size() > 200) {
      return http::send_error(res, 422, "too_long", "q: at most 200 characters", "q");
    }
    http::send_json(res, 200, Json{{"customers", records.search(query)}});
  });

  desk.post<CustomerDraft>("/api/customers", [&records](const DeskRequest& at, CustomerDraft draft,
                                                        httplib::Response& res) {
    auto activity = activity_param(at.http, res);
    if (!activity) return;
    send_saved(res, records.create_customer(draft, at.agent, *activity), "customer", "customer",
               201);
  });

  desk.get("/api/customers/{id}", [&](const DeskRequest& at, httplib::Response& res) {
    watch.note(RecordType::customer, at.id, at.agent.id);
    auto customer = records.customer(at.id);
    if (!customer) return http::send_error(res, 404, "not_found", "no such customer");
    http::send_json(res, 200, Json{{"customer", *customer}});
  });

  desk.patch<CustomerUpdate>(
      "/api/customers/{id}",
      [&records](const DeskRequest& at, CustomerUpdate update, httplib::Response& res) {
        send_saved(res, records.update_customer(at.id, update, at.agent), "customer", "customer");
      });

  desk.get("/api/customers/{id}/journey", [&](const DeskRequest& at, httplib::Response& res) {
    watch.note(RecordType::customer, at.id, at.agent.id);
    auto limit = journey_page_limit(at.http.get_param_value("limit"));
    if (!limit) return send_rule_error(res, limit.error());
    std::optional<JourneyCursor> after;
    if (at.http.has_param("cursor")) {
      auto cursor = decode_journey_cursor(at.http.get_param_value("cursor"));
      if (!cursor) return send_rule_error(res, cursor.error());
      after = *cursor;
    }
    auto page = records.journey(at.id, after, *limit);
    if (!page) return http::send_error(res, 404, "not_found", "no such customer");
    res.status = 200;
    res.set_content(journey_body(*page), "application/json");
  });

  desk.post<RequestDraft>(
      "/api/customers/{id}/requests",
      [&records](const DeskRequest& at, RequestDraft draft, httplib::Response& res) {
        send_saved(res, records.create_request(at.id, draft, at.agent), "request", "request", 201);
      });

  // --- requests ---
  desk.get("/api/requests/{id}", [&](const DeskRequest& at, httplib::Response& res) {
    watch.note(RecordType::request, at.id, at.agent.id);
    auto details = records.request(at.id);
    if (!details) return http::send_error(res, 404, "not_found", "no such request");
    http::send_json(res, 200,
                    Json{{"request", details->request}, {"activities", details->activities}});
  });

  desk.patch<RequestPatch>(
      "/api/requests/{id}",
      [&records](const DeskRequest& at, RequestPatch patch, httplib::Response& res) {
        send_saved(res, records.update_request(at.id, patch, at.agent), "request", "request");
      });

  // --- activities ---
  desk.get("/api/activities/{id}", [&](const DeskRequest& at, httplib::Response& res) {
    watch.note(RecordType::activity, at.id, at.agent.id);
    auto details = records.activity(at.id);
    if (!details) return http::send_error(res, 404, "not_found", "no such activity");
    http::send_json(res, 200, activity_details_json(*details));
  });

  desk.post<TagDraft>("/api/activities/{id}/tags", [&records](const DeskRequest& at, TagDraft draft,
                                                              httplib::Response& res) {
    send_saved(res, records.add_tag(at.id, draft, at.agent), "activity", "activity");
  });

  desk.del(
      "/api/activities/{id}/tags/{tag}", [&records](const DeskRequest& at, httplib::Response& res) {
        auto version = version_param(at.http, res);
        if (!version) return;
        std::string tag = httplib::detail::decode_url(at.http.matches[2].str(), false);
        send_saved(res, records.remove_tag(at.id, tag, *version, at.agent), "activity", "activity");
      });

  desk.post<MoveActivity>(
      "/api/activities/{id}/move",
      [&records](const DeskRequest& at, MoveActivity move, httplib::Response& res) {
        send_saved(res, records.move(at.id, move, at.agent), "activity", "activity");
      });

  desk.put<SkillsUpdate>(
      "/api/activities/{id}/skills",
      [&records](const DeskRequest& at, SkillsUpdate update, httplib::Response& res) {
        send_saved(res, records.set_skills(at.id, update, at.agent), "activity", "activity");
      });

  desk.post<TextDraft>("/api/activities/{id}/comments",
                       [&records](const DeskRequest& at, TextDraft draft, httplib::Response& res) {
                         send_outcome(res, records.add_comment(at.id, draft, at.agent), "comment",
                                      201);
                       });

  desk.post<TextDraft>("/api/activities/{id}/messages",
                       [&records](const DeskRequest& at, TextDraft draft, httplib::Response& res) {
                         send_outcome(res, records.send_message(at.id, draft, at.agent), "message",
                                      201);
                       });
}

}  // namespace care::server::routes
