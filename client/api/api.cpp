#include "api/api.hpp"

#include <string_view>

#include "care/event_names.hpp"
#include "care/url.hpp"

namespace care::client {
namespace {

constexpr const char* kEventsPath = "/api/events";

std::string path_of(std::string_view base, care::Id id, std::string_view tail = "") {
  return std::string(base) + std::to_string(id) + std::string(tail);
}

// The error the server sent in its one shape (DESIGN: API), else the status.
ApiError error_of(const HttpResponse& response) {
  ApiError failed{response.status, std::nullopt, {}};
  if (auto body = care::parse_json(response.body)) {
    failed.error = care::decode_error_body(*body);
    if (failed.error) {
      failed.message = failed.error->message;
    } else if (auto words = care::decode_error_message(*body)) {
      failed.message = *words;  // the HTTP layer's own codes (not_found, forbidden, …)
    }
  }
  if (failed.message.empty()) failed.message = "HTTP " + std::to_string(response.status);
  return failed;
}

// A 2xx whose body this client cannot read: said as the decoder worded it.
ApiError unreadable(const HttpResponse& response, const care::Error& error) {
  return ApiError{response.status, error, error.message};
}

// The record under `key`, by the shared decoder.
template <class T>
care::Result<T> field(const care::Json& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || body[key].is_null()) {
    return care::make_error(care::ErrorCode::missing, key, "required");
  }
  return care::decode<T>(body[key]);
}

// An optional record under `key`: empty when absent, null or unreadable.
template <class T>
std::optional<T> optional_field(const care::Json& body, const char* key) {
  auto value = field<T>(body, key);
  if (!value) return std::nullopt;
  return std::move(value).value();
}

// The list under `key`; an item this client cannot read is left out, the rest shown.
template <class T, class Read>
care::Result<std::vector<T>> list_of(const care::Json& body, const char* key, Read read) {
  if (!body.is_object() || !body.contains(key) || !body[key].is_array()) {
    return care::make_error(care::ErrorCode::missing, key, "a list is required");
  }
  std::vector<T> out;
  for (const care::Json& item : body[key]) {
    if (std::optional<T> value = read(item)) out.push_back(std::move(*value));
  }
  return out;
}

template <class T>
care::Result<std::vector<T>> decoded_list(const care::Json& body, const char* key) {
  return list_of<T>(body, key, [](const care::Json& item) -> std::optional<T> {
    auto value = care::decode<T>(item);
    if (!value) return std::nullopt;
    return std::move(value).value();
  });
}

// {task, activity, customer, request}: a task with the records the workspace shows.
care::Result<Hand> hand_of(const care::Json& body) {
  auto task = field<care::Task>(body, "task");
  if (!task) return task.error();
  auto activity = field<care::Activity>(body, "activity");
  if (!activity) return activity.error();
  auto handoffs = decoded_list<care::Handoff>(body, "handoffs");
  auto guest = body.find("guest");
  return Hand{std::move(task).value(),
              std::move(activity).value(),
              optional_field<care::Customer>(body, "customer"),
              optional_field<care::Request>(body, "request"),
              {},
              false,
              handoffs ? std::move(handoffs).value() : std::vector<care::Handoff>{},
              guest != body.end() && guest->is_boolean() && guest->get<bool>()};
}

// {activity, comments, rating}: GET /api/activities/{id}, and a monitor's start.
care::Result<ActivityDetails> activity_details_of(const care::Json& body) {
  auto full = field<care::Activity>(body, "activity");
  if (!full) return full.error();
  auto comments = decoded_list<care::Comment>(body, "comments");
  auto handoffs = decoded_list<care::Handoff>(body, "handoffs");
  return ActivityDetails{std::move(full).value(),
                         comments ? std::move(comments).value() : std::vector<care::Comment>{},
                         optional_field<care::Rating>(body, "rating"),
                         handoffs ? std::move(handoffs).value() : std::vector<care::Handoff>{}};
}

std::optional<Hand> read_hand(const care::Json& item) {
  auto hand = hand_of(item);
  if (!hand) return std::nullopt;
  return std::move(hand).value();
}

Agent agent_of(const care::SessionAgent& a) {
  return Agent{a.id,
               a.username,
               a.display_name,
               std::string(care::enum_name(a.role)),
               std::string(care::enum_name(a.state)),
               a.state_reason};
}

care::Result<Agent> session_agent(const care::Json& body) {
  auto agent = field<care::SessionAgent>(body, "agent");
  if (!agent) return agent.error();
  return agent_of(*agent);
}

// ---- replies with no shared type yet, read here and nowhere else ----------------

// Text under `key`; "" when absent or not text.
std::string text_at(const care::Json& json, const char* key) {
  auto found = json.find(key);
  return found != json.end() && found->is_string() ? found->get<std::string>() : "";
}

care::Id id_at(const care::Json& json, const char* key) {
  auto found = json.find(key);
  return found != json.end() && found->is_number_integer() ? found->get<care::Id>() : 0;
}

// PUT /api/me/state: {agent_id, state, reason, since (ms)}.
care::Result<care::AgentState> agent_state(const care::Json& body) {
  auto presence = care::enum_from_name<care::Presence>(text_at(body, "state"));
  if (!presence) return care::make_error(care::ErrorCode::invalid, "state", "ready or not_ready");
  care::AgentState state{*presence, text_at(body, "reason"), {}};
  if (auto since = body.find("since"); since != body.end() && since->is_number_integer()) {
    state.since = care::time_from_unix_ms(since->get<std::int64_t>());
  }
  return state;
}

// GET /api/supervisor/overview (R-H3), by the shared decoder.
care::Result<Floor> floor_of(const care::Json& body) {
  auto view = care::decode<care::FloorOverview>(body);
  if (!view) return view.error();
  return Floor{std::move(view).value(), true};
}

// ---- turning an HTTP answer into a Reply ----------------------------------------

// `read(json) -> care::Result<T>` reads a 2xx body; anything else is an ApiError.
template <class T, class Read>
ResponseHandler replying(Read read, Api::Handler<T> handler) {
  return [read = std::move(read), handler = std::move(handler)](const HttpResponse& response) {
    if (response.status < 200 || response.status >= 300) return handler(error_of(response));
    auto body = care::parse_json(response.body.empty() ? "{}" : response.body);
    if (!body) return handler(unreadable(response, body.error()));
    care::Result<T> value = read(*body);
    if (!value) return handler(unreadable(response, value.error()));
    handler(std::move(value).value());
  };
}

// The record under `key` of a 2xx body.
template <class T>
ResponseHandler record_under(const char* key, Api::Handler<T> handler) {
  return replying<T>([key](const care::Json& body) { return field<T>(body, key); },
                     std::move(handler));
}

ResponseHandler nothing_to_read(Api::Handler<Done> handler) {
  return replying<Done>([](const care::Json&) { return care::Result<Done>(Done{}); },
                        std::move(handler));
}

// R-E1: a save's answer: the record under `key`, or the 409's conflict.
template <class R>
ResponseHandler saving(const char* key, care::Version edited, Api::Handler<Saved<R>> handler) {
  return [key, edited, handler = std::move(handler)](const HttpResponse& response) {
    if (response.status == 409) {
      auto body = care::parse_json(response.body);
      if (auto conflict = body ? care::decode_conflict_body<R>(*body, edited) : std::nullopt) {
        return handler(Saved<R>(std::move(*conflict)));
      }
    }
    replying<Saved<R>>(
        [key](const care::Json& body) -> care::Result<Saved<R>> {
          auto saved = field<R>(body, key);
          if (!saved) return saved.error();
          return Saved<R>(std::move(saved).value());
        },
        handler)(response);
  };
}

// "?key=value", the value escaped by the one shared encoder.
std::string query_of(std::string_view key, std::string_view value) {
  return "?" + std::string(key) + "=" + care::percent_encode(value);
}

}  // namespace

Api::Api(Transport& transport, std::function<void()> connection_lost)
    : transport_(transport), connection_lost_(std::move(connection_lost)) {}

void Api::send(const char* method, const std::string& path, std::string body,
               ResponseHandler handler, bool watched, Wake wake) {
  transport_.request(
      method, path, body,
      [this, watched, handler = std::move(handler)](const HttpResponse& response) {
        if (watched && response.status == 0 && connection_lost_) connection_lost_();
        handler(response);
      },
      wake);
}

// ---- the server and the session ---------------------------------------------------

void Api::version(Handler<std::string> handler) {
  send("GET", "/api/version", {},
       replying<std::string>(
           [](const care::Json& body) -> care::Result<std::string> {
             if (!body.is_object() || !body.contains("version") || !body["version"].is_string()) {
               return care::make_error(care::ErrorCode::missing, "version", "required");
             }
             return body["version"].get<std::string>();
           },
           std::move(handler)),
       false);
}

void Api::me(Handler<Agent> handler) {
  send("GET", "/api/me", {}, replying<Agent>(session_agent, std::move(handler)));
}

void Api::directory(Handler<std::vector<care::DirectoryAgent>> handler) {
  send(
      "GET", "/api/agents/directory", {},
      replying<std::vector<care::DirectoryAgent>>(
          [](const care::Json& body) { return decoded_list<care::DirectoryAgent>(body, "agents"); },
          std::move(handler)));
}

void Api::sign_in(const care::SignIn& credentials, Handler<Agent> handler) {
  send("POST", "/api/session", care::encode(credentials),
       replying<Agent>(session_agent, std::move(handler)));
}

void Api::sign_out(Handler<Done> handler) {
  send("DELETE", "/api/session", {}, nothing_to_read(std::move(handler)));
}

void Api::change_state(const care::StateChange& change, Handler<care::AgentState> handler) {
  send("PUT", "/api/me/state", care::encode(change),
       replying<care::AgentState>(agent_state, std::move(handler)));
}

void Api::set_agent_state(care::Id agent, const care::StateChange& change,
                          Handler<care::AgentState> handler) {
  send("PUT", path_of("/api/agents/", agent, "/state"), care::encode(change),
       replying<care::AgentState>(agent_state, std::move(handler)));
}

// ---- the event stream -------------------------------------------------------------

void Api::follow_events(std::function<void()> opened, std::function<void()> lost,
                        std::function<void(const care::EventData&)> on_event) {
  transport_.open_events(kEventsPath, [opened = std::move(opened), lost = std::move(lost),
                                       on_event = std::move(on_event)](const StreamEvent& event) {
    if (event.type == care::event_names::stream_opened) return opened();
    if (event.type == care::event_names::stream_lost) return lost();
    auto data = care::parse_json(event.data);
    if (!data) return;
    // An event this client cannot read is left out, as an unknown one would be.
    if (auto decoded = care::decode_event_data(event.type, *data)) on_event(*decoded);
  });
}

void Api::stop_events() {
  transport_.close_events();
}

// ---- work in hand -----------------------------------------------------------------

void Api::tasks(Handler<std::vector<Hand>> handler) {
  send("GET", "/api/tasks", {},
       replying<std::vector<Hand>>(
           [](const care::Json& body) { return list_of<Hand>(body, "tasks", read_hand); },
           std::move(handler)));
}

void Api::closed_tasks(int limit, Handler<std::vector<Hand>> handler) {
  send("GET", "/api/tasks/closed?limit=" + std::to_string(limit), {},
       replying<std::vector<Hand>>(
           [](const care::Json& body) { return list_of<Hand>(body, "tasks", read_hand); },
           std::move(handler)));
}

void Api::wrap_up_codes(Handler<std::vector<care::WrapUpCode>> handler) {
  send("GET", "/api/wrap-up-codes", {},
       replying<std::vector<care::WrapUpCode>>(
           [](const care::Json& body) { return decoded_list<care::WrapUpCode>(body, "codes"); },
           std::move(handler)));
}

void Api::not_ready_reasons(Handler<std::vector<care::NotReadyReason>> handler) {
  send("GET", "/api/not-ready-reasons", {},
       replying<std::vector<care::NotReadyReason>>(
           [](const care::Json& body) {
             return decoded_list<care::NotReadyReason>(body, "reasons");
           },
           std::move(handler)));
}

void Api::queues(Handler<std::vector<care::Queue>> handler) {
  send("GET", "/api/queues", {},
       replying<std::vector<care::Queue>>(
           [](const care::Json& body) { return decoded_list<care::Queue>(body, "queues"); },
           std::move(handler)));
}

void Api::accept(care::Id task, Handler<Hand> handler) {
  // Accepting takes no body; the offer and its rules are the server's (R-A3, R-A7).
  send("POST", path_of("/api/tasks/", task, "/accept"), {},
       replying<Hand>(hand_of, std::move(handler)));
}

void Api::decline(care::Id task, Handler<Hand> handler) {
  send("POST", path_of("/api/tasks/", task, "/decline"), {},
       replying<Hand>(hand_of, std::move(handler)));
}

void Api::close_task(care::Id task, const care::CloseTask& close, Handler<Hand> handler) {
  send("POST", path_of("/api/tasks/", task, "/close"), care::encode(close),
       replying<Hand>(hand_of, std::move(handler)));
}

void Api::transfer(care::Id task, const care::TransferDraft& draft, Handler<Hand> handler) {
  send("POST", path_of("/api/tasks/", task, "/transfer"), care::encode(draft),
       replying<Hand>(hand_of, std::move(handler)));
}

void Api::consult(care::Id task, const care::ConsultDraft& draft, Handler<Hand> handler) {
  send("POST", path_of("/api/tasks/", task, "/consult"), care::encode(draft),
       replying<Hand>(hand_of, std::move(handler)));
}

void Api::leave_consult(care::Id task, Handler<Hand> handler) {
  send("DELETE", path_of("/api/tasks/", task, "/consult"), {},
       replying<Hand>(hand_of, std::move(handler)));
}

void Api::activity(care::Id id, Handler<ActivityDetails> handler) {
  send("GET", path_of("/api/activities/", id), {},
       replying<ActivityDetails>(activity_details_of, std::move(handler)));
}

void Api::monitor(care::Id activity, Handler<ActivityDetails> handler) {
  send("POST", path_of("/api/activities/", activity, "/monitor"), "{}",
       replying<ActivityDetails>(activity_details_of, std::move(handler)));
}

void Api::stop_monitoring(care::Id activity, Handler<Done> handler) {
  send("DELETE", path_of("/api/activities/", activity, "/monitor"), {},
       nothing_to_read(std::move(handler)));
}

void Api::request(care::Id id, Handler<care::Request> handler) {
  send("GET", path_of("/api/requests/", id), {},
       record_under<care::Request>("request", std::move(handler)));
}

void Api::save_request(care::Id request, const care::RequestPatch& patch,
                       Handler<Saved<care::Request>> handler) {
  send("PATCH", path_of("/api/requests/", request), care::encode(patch),
       saving<care::Request>("request", patch.version, std::move(handler)));
}

void Api::send_message(care::Id activity, const care::TextDraft& text,
                       Handler<care::Message> handler) {
  send("POST", path_of("/api/activities/", activity, "/messages"), care::encode(text),
       record_under<care::Message>("message", std::move(handler)));
}

void Api::add_comment(care::Id activity, const care::TextDraft& text,
                      Handler<care::Comment> handler) {
  send("POST", path_of("/api/activities/", activity, "/notes"), care::encode(text),
       record_under<care::Comment>("note", std::move(handler)));
}

namespace {
// GET /api/mentions and the marks as read answer the same list.
ResponseHandler mention_list(Api::Handler<care::MentionList> handler) {
  return replying<care::MentionList>(
      [](const care::Json& body) { return care::decode<care::MentionList>(body); },
      std::move(handler));
}
}  // namespace

void Api::mentions(Handler<care::MentionList> handler) {
  send("GET", "/api/mentions", {}, mention_list(std::move(handler)));
}

void Api::read_mention(care::Id mention, Handler<care::MentionList> handler) {
  send("POST", path_of("/api/mentions/", mention, "/read"), "{}", mention_list(std::move(handler)));
}

void Api::read_all_mentions(Handler<care::MentionList> handler) {
  send("POST", "/api/mentions/read", "{}", mention_list(std::move(handler)));
}

void Api::add_tag(care::Id activity, const care::TagDraft& tag, Handler<care::Activity> handler) {
  send("POST", path_of("/api/activities/", activity, "/tags"), care::encode(tag),
       record_under<care::Activity>("activity", std::move(handler)));
}

void Api::remove_tag(care::Id activity, const std::string& tag, care::Version version,
                     Handler<care::Activity> handler) {
  send("DELETE",
       path_of("/api/activities/", activity, "/tags/") + care::percent_encode(tag) +
           "?version=" + std::to_string(version),
       {}, record_under<care::Activity>("activity", std::move(handler)));
}

void Api::control_call(care::Id activity, const care::CallControl& control,
                       Handler<care::Activity> handler) {
  send("POST", path_of("/api/activities/", activity, "/call"), care::encode(control),
       record_under<care::Activity>("activity", std::move(handler)));
}

void Api::move_activity(care::Id activity, const care::MoveActivity& move,
                        Handler<care::Activity> handler) {
  send("POST", path_of("/api/activities/", activity, "/move"), care::encode(move),
       record_under<care::Activity>("activity", std::move(handler)));
}

void Api::set_skills(care::Id activity, const care::SkillsUpdate& skills,
                     Handler<care::Activity> handler) {
  send("PUT", path_of("/api/activities/", activity, "/skills"), care::encode(skills),
       record_under<care::Activity>("activity", std::move(handler)));
}

// ---- records ----------------------------------------------------------------------

void Api::queue(Handler<std::vector<Waiting>> handler) {
  send("GET", "/api/queue", {},
       replying<std::vector<Waiting>>(
           [](const care::Json& body) {
             return list_of<Waiting>(body, "tasks", [](const care::Json& item) {
               auto hand = read_hand(item);
               return hand ? std::optional<Waiting>(
                                 Waiting{std::move(*hand), item.value("queue_name", "")})
                           : std::nullopt;
             });
           },
           std::move(handler)));
}

void Api::search_customers(const std::string& query, Handler<std::vector<care::Customer>> handler) {
  send("GET", "/api/customers" + query_of("q", query), {},
       replying<std::vector<care::Customer>>(
           [](const care::Json& body) { return decoded_list<care::Customer>(body, "customers"); },
           std::move(handler)));
}

void Api::create_customer(const care::CustomerDraft& draft, std::optional<care::Id> activity,
                          Handler<care::Customer> handler) {
  std::string path = "/api/customers";
  if (activity) path += "?activity=" + std::to_string(*activity);
  send("POST", path, care::encode(draft),
       record_under<care::Customer>("customer", std::move(handler)));
}

void Api::journey(care::Id customer, const std::string& cursor, int limit,
                  Handler<JourneyPage> handler) {
  std::string path =
      path_of("/api/customers/", customer, "/journey") + query_of("limit", std::to_string(limit));
  if (!cursor.empty()) path += "&cursor=" + care::percent_encode(cursor);
  send("GET", path, {},
       replying<JourneyPage>(
           [first = cursor.empty()](const care::Json& body) -> care::Result<JourneyPage> {
             JourneyPage page;
             if (first) {
               auto who = field<care::Customer>(body, "customer");
               if (!who) return who.error();
               page.customer = std::move(who).value();
               auto requests = decoded_list<care::Request>(body, "requests");
               if (requests) page.requests = std::move(requests).value();
               if (body.contains("total") && body["total"].is_number_integer()) {
                 page.total = body["total"].get<std::int64_t>();
               }
             }
             auto rows = decoded_list<care::JourneyEntry>(body, "activities");
             if (!rows) return rows.error();
             page.activities = std::move(rows).value();
             if (body.contains("next_cursor") && body["next_cursor"].is_string()) {
               page.next_cursor = body["next_cursor"].get<std::string>();
             }
             return page;
           },
           std::move(handler)));
}

void Api::save_customer(care::Id customer, const care::CustomerUpdate& update,
                        Handler<Saved<care::Customer>> handler) {
  send("PATCH", path_of("/api/customers/", customer), care::encode(update),
       saving<care::Customer>("customer", update.version, std::move(handler)));
}

void Api::add_request(care::Id customer, const care::RequestDraft& draft,
                      Handler<care::Request> handler) {
  send("POST", path_of("/api/customers/", customer, "/requests"), care::encode(draft),
       record_under<care::Request>("request", std::move(handler)));
}

void Api::overview(Handler<Floor> handler) {
  send("GET", "/api/supervisor/overview", {}, replying<Floor>(floor_of, std::move(handler)));
}

void Api::search_knowledge(const std::string& query, Handler<std::vector<KbHit>> handler) {
  send("GET", "/api/kb" + query_of("q", query), {},
       replying<std::vector<KbHit>>(
           [](const care::Json& body) {
             return list_of<KbHit>(body, "articles", [](const care::Json& item) {
               if (!item.is_object()) return std::optional<KbHit>();
               return std::optional<KbHit>(
                   KbHit{id_at(item, "id"), text_at(item, "title"), text_at(item, "snippet")});
             });
           },
           std::move(handler)));
}

void Api::canned_responses(const std::string& query, Handler<std::vector<CannedResponse>> handler) {
  send("GET", "/api/canned-responses" + query_of("q", query), {},
       replying<std::vector<CannedResponse>>(
           [](const care::Json& body) {
             return list_of<CannedResponse>(body, "canned_responses", [](const care::Json& item) {
               if (!item.is_object()) return std::optional<CannedResponse>();
               return std::optional<CannedResponse>(
                   CannedResponse{id_at(item, "id"), text_at(item, "name"), text_at(item, "body")});
             });
           },
           std::move(handler)));
}

// ---- presence ---------------------------------------------------------------------

void Api::heartbeat(const care::PresenceHeartbeat& beat,
                    Handler<std::vector<care::PresenceViewer>> handler) {
  send("POST", "/api/presence", care::encode(beat),
       replying<std::vector<care::PresenceViewer>>(
           [](const care::Json& body) -> care::Result<std::vector<care::PresenceViewer>> {
             auto present = care::decode<care::PresenceViewers>(body);
             if (!present) return present.error();
             return std::move(present).value().viewers;
           },
           std::move(handler)),
       true, Wake::quiet);  // the desktop draws it only when who else is there changed
}

void Api::leave(care::RecordType record, care::Id id, Handler<Done> handler) {
  send("DELETE",
       "/api/presence" + query_of("record", care::enum_name(record)) + "&id=" + std::to_string(id),
       {}, nothing_to_read(std::move(handler)));
}

}  // namespace care::client
