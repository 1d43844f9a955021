#include "routes/attachment_routes.hpp"

#include "care/codec/json.hpp"
#include "http/decode.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"
#include "routes/channel_routes.hpp"
#include "routes/desk_routes.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {
namespace {

services::Upload upload_of(const httplib::Request& req) {
  return services::Upload{req.body, req.get_param_value("name"),
                          req.get_header_value("Content-Type")};
}

// The file as a download: never shown by the browser as a page, never sniffed.
void send_file(httplib::Response& res, store::Store& store, const Attachment& file) {
  auto content = store.attachment_content(file.sha256);
  if (!content) return http::send_error(res, 404, "not_found", "the file's content is gone");
  res.status = 200;
  res.set_header("Content-Disposition", services::content_disposition(file.name));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
  res.set_header("ETag", "\"" + file.sha256 + "\"");
  res.set_content(std::move(*content), file.media_type);
}

// A file with its id in the path's match `match`, or 404 sent.
std::optional<store::AttachmentRow> file_in_path(const httplib::Request& req,
                                                 httplib::Response& res, store::Store& store,
                                                 size_t match) {
  auto id = http::path_id(req, res, match);
  if (!id) return std::nullopt;
  auto row = store.attachment(*id);
  if (!row) http::send_error(res, 404, "not_found", "no such file", "id");
  return row;
}

}  // namespace

void add_attachment_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                           services::AttachmentService& attachments,
                           services::IngestionService& ingestion, services::RecordService& records,
                           const std::string& integration_key, http::RequestLimits& limits) {
  // The customer's file: a chat line that carries it, to the agent as any line.
  router.post("/api/channels/chat/{id}/attachments",
              [&](const httplib::Request& req, httplib::Response& res) {
                auto chat = widget_chat(req, res, ingestion);
                if (!chat) return;
                if (auto state = ingestion.chat_state(*chat);
                    state.stage == services::WidgetChatState::Stage::ended) {
                  return http::send_error(res, 409, "not_allowed", "this chat has ended", "chat");
                }
                store::AttachmentRow where;
                where.activity = *chat;
                where.author = AuthorKind::customer;
                auto kept = attachments.keep(upload_of(req), where);
                if (send_failure(res, kept)) return;
                const Attachment& file = std::get<Attachment>(kept);
                auto sent = ingestion.customer_message(*chat, TextDraft{file.name, {}, {}}, {file});
                send_outcome(res, sent, "message", 201);
              });

  // The chat's files, for its widget: a token reaches only its own chat's.
  router.get("/api/channels/chat/{id}/attachments/{file}", [&](const httplib::Request& req,
                                                               httplib::Response& res) {
    auto chat = widget_chat(req, res, ingestion);
    if (!chat) return;
    auto row = file_in_path(req, res, store, 2);
    if (!row) return;
    if (row->activity != *chat || row->message == 0) {
      return http::send_error(res, 404, "not_found", "no such file in this chat", "file");
    }
    send_file(res, store, row->file);
  });

  DeskRoutes desk(router, auth, store);
  // The agent's file: in a chat, a line that carries it; in an email, kept for the
  // agent's next reply (201 with the file).
  desk.post("/api/activities/{id}/attachments", [&](const DeskRequest& at, httplib::Response& res) {
    if (auto refused = records.check_may_write(at.id, at.agent)) {
      return http::send_domain_error(res, refused->status, refused->error);
    }
    auto activity = store.activity(at.id);
    if (!activity) return http::send_error(res, 404, "not_found", "no such activity");
    store::AttachmentRow where;
    where.activity = at.id;
    where.author = AuthorKind::agent;
    where.agent = at.agent.id;
    auto kept = attachments.keep(upload_of(at.http), where);
    if (send_failure(res, kept)) return;
    const Attachment& file = std::get<Attachment>(kept);
    if (activity->media == MediaType::email) {
      return http::send_json(res, 201, Json{{"attachment", file}});
    }
    auto sent = records.send_message(at.id, TextDraft{file.name, {}, {}}, at.agent, {file});
    send_outcome(res, sent, "message", 201);
  });

  // Agents reach the files of the activities they may open: any signed-in agent may
  // open any activity (R-D5), so any file that belongs to one.
  desk.get("/api/attachments/{id}", [&](const DeskRequest& at, httplib::Response& res) {
    auto row = store.attachment(at.id);
    if (!row || row->activity == 0) {
      return http::send_error(res, 404, "not_found", "no such file", "id");
    }
    send_file(res, store, row->file);
  });

  // A mail gateway uploads an email's files first, then names them in the email.
  router.post("/api/channels/attachments",
              [&](const httplib::Request& req, httplib::Response& res) {
                if (!require_integration_key(req, res, integration_key)) return;
                if (!limits.allow_connector(integration_key, res)) return;
                store::AttachmentRow where;
                where.author = AuthorKind::system;
                auto kept = attachments.keep(upload_of(req), where);
                send_outcome(res, kept, "attachment", 201);
              });

  // …and fetches the files of agents' replies (GET /api/channels/email/{id} lists them).
  router.get("/api/channels/attachments/{id}",
             [&](const httplib::Request& req, httplib::Response& res) {
               if (!require_integration_key(req, res, integration_key)) return;
               auto row = file_in_path(req, res, store, 1);
               if (!row) return;
               send_file(res, store, row->file);
             });
}

}  // namespace care::server::routes
