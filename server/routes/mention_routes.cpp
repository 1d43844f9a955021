#include "routes/mention_routes.hpp"

#include "care/codec/json.hpp"
#include "http/responses.hpp"
#include "routes/desk_routes.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {

void add_mention_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                        services::MentionService& mentions) {
  DeskRoutes desk(router, auth, store);

  desk.post<TextDraft>(
      "/api/activities/{id}/notes",
      [&mentions](const DeskRequest& at, TextDraft draft, httplib::Response& res) {
        auto outcome = mentions.add_note(at.id, draft, at.agent);
        if (send_failure(res, outcome)) return;
        const auto& added = std::get<services::NoteAdded>(outcome);
        http::send_json(res, 201, Json{{"note", added.note}, {"mentions", added.mentions}});
      });

  desk.get("/api/mentions", [&mentions](const DeskRequest& at, httplib::Response& res) {
    bool unread_only = false;
    if (at.http.has_param("unread")) {
      const std::string value = at.http.get_param_value("unread");
      if (value != "true" && value != "false") {
        return http::send_error(res, 400, "invalid", "unread: true or false", "unread");
      }
      unread_only = value == "true";
    }
    http::send_json(res, 200, Json(mentions.mentions(at.agent.id, unread_only)));
  });

  desk.post("/api/mentions/{id}/read", [&mentions](const DeskRequest& at, httplib::Response& res) {
    auto outcome = mentions.mark_read(at.agent.id, at.id);
    if (send_failure(res, outcome)) return;
    http::send_json(res, 200, Json(std::get<MentionList>(outcome)));
  });

  desk.post("/api/mentions/read", [&mentions](const DeskRequest& at, httplib::Response& res) {
    http::send_json(res, 200, Json(mentions.mark_all_read(at.agent.id)));
  });
}

}  // namespace care::server::routes
