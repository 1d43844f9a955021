#pragma once
// The desktop's calls to care-server, one per endpoint it uses. Bodies are encoded and
// replies decoded by the shared codecs, the same functions the server uses the other
// way round (STYLE: one codec, both directions); paths and queries are escaped by the
// one shared encoder (care::percent_encode). Errors come back as one value, ApiError.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "care/api.hpp"
#include "care/codec/json.hpp"
#include "care/events.hpp"
#include "care/rules/concurrency.hpp"
#include "state.hpp"
#include "transport/transport.hpp"

namespace care::client {

// A request that did not do what was asked.
struct ApiError {
  int status = 0;                    // 0 when no answer came (network down, server gone)
  std::optional<care::Error> error;  // the rule the server named, when it named one of ours
  std::string message;               // for people: the server's words, else "HTTP <status>"

  bool no_answer() const { return status == 0; }
};

// What a call answers: its decoded result, or why there is none.
template <class T>
class Reply {
 public:
  Reply(T value) : data_(std::in_place_index<0>, std::move(value)) {}         // NOLINT: implicit
  Reply(ApiError error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  const ApiError& error() const { return std::get<1>(data_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, ApiError> data_;
};

// A reply with nothing in it the desktop reads.
struct Done {};

// R-E1: a save lands, or finds that someone saved a newer version first (409): then
// nothing was overwritten and the conflict says who changed it and when.
template <class R>
using Saved = std::variant<R, care::Conflict<R>>;

// GET /api/activities/{id}: the activity in full (transcript included) and its comments.
struct ActivityDetails {
  care::Activity activity;
  std::vector<care::Comment> comments;
  std::optional<care::Rating> rating;   // the customer's, once a chat has ended (issue 18)
  std::vector<care::Handoff> handoffs;  // transfers and consults, oldest first (issue 18)
};

// GET /api/customers/{id}/journey (R-D5): a page of the journey's rows, newest first.
// The first page (no cursor) also brings the customer, their requests and the count.
struct JourneyPage {
  std::optional<care::Customer> customer;
  std::vector<care::Request> requests;
  std::int64_t total = 0;
  std::vector<care::JourneyEntry> activities;
  std::string next_cursor;  // "" on the last page
};

class Api {
 public:
  template <class T>
  using Handler = std::function<void(Reply<T>)>;

  // Handlers run on the UI thread. Every call but version() reports "no answer at all"
  // to `connection_lost` first, so the desktop starts reconnecting with back-off (R-J5).
  Api(Transport& transport, std::function<void()> connection_lost);

  // ---- the server and the session (R-J5, R-A1, R-A2)
  void version(Handler<std::string> handler);  // reachability: not reported as lost
  void me(Handler<Agent> handler);
  // Every agent's id, display name and role: who changed a record, by name.
  void directory(Handler<std::vector<care::DirectoryAgent>> handler);
  void sign_in(const care::SignIn& credentials, Handler<Agent> handler);
  void sign_out(Handler<Done> handler);
  void change_state(const care::StateChange& change, Handler<care::AgentState> handler);
  // A supervisor sets an agent's state from the floor (issue 18).
  void set_agent_state(care::Id agent, const care::StateChange& change,
                       Handler<care::AgentState> handler);

  // ---- the event stream (R-G1): each event decoded once by the shared codec; `opened`
  // each time the stream (re)connects, when events may have been missed (R-J5), `lost`
  // each time it breaks.
  void follow_events(std::function<void()> opened, std::function<void()> lost,
                     std::function<void(const care::EventData&)> on_event);
  void stop_events();

  // ---- work in hand (R-A3–A7, R-B, R-C, R-D3, R-F7, R-F10)
  void tasks(Handler<std::vector<Hand>> handler);
  void closed_tasks(int limit, Handler<std::vector<Hand>> handler);
  // The lists an admin sets, every entry with its words per language (R-J2).
  void wrap_up_codes(Handler<std::vector<care::WrapUpCode>> handler);
  void not_ready_reasons(Handler<std::vector<care::NotReadyReason>> handler);
  void queues(Handler<std::vector<care::Queue>> handler);
  void accept(care::Id task, Handler<Hand> handler);
  void decline(care::Id task, Handler<Hand> handler);
  void close_task(care::Id task, const care::CloseTask& close, Handler<Hand> handler);
  // Transfer and consult (issue 18): the task as it is after, in the agent's eyes.
  void transfer(care::Id task, const care::TransferDraft& draft, Handler<Hand> handler);
  void consult(care::Id task, const care::ConsultDraft& draft, Handler<Hand> handler);
  void leave_consult(care::Id task, Handler<Hand> handler);
  void activity(care::Id id, Handler<ActivityDetails> handler);
  // A supervisor's silent monitoring of a chat (issue 18); its lines then come as events.
  void monitor(care::Id activity, Handler<ActivityDetails> handler);
  void stop_monitoring(care::Id activity, Handler<Done> handler);
  void request(care::Id id, Handler<care::Request> handler);
  void save_request(care::Id request, const care::RequestPatch& patch,
                    Handler<Saved<care::Request>> handler);
  void send_message(care::Id activity, const care::TextDraft& text, Handler<care::Message> handler);
  // An internal note (a comment, issue 18): its "@name"s tell those agents.
  void add_comment(care::Id activity, const care::TextDraft& text, Handler<care::Comment> handler);
  void add_tag(care::Id activity, const care::TagDraft& tag, Handler<care::Activity> handler);
  void remove_tag(care::Id activity, const std::string& tag, care::Version version,
                  Handler<care::Activity> handler);
  void control_call(care::Id activity, const care::CallControl& control,
                    Handler<care::Activity> handler);
  void move_activity(care::Id activity, const care::MoveActivity& move,
                     Handler<care::Activity> handler);
  void set_skills(care::Id activity, const care::SkillsUpdate& skills,
                  Handler<care::Activity> handler);

  // ---- records (R-A5, R-C6, R-D, R-F5, R-F9, R-H3)
  void queue(Handler<std::vector<Waiting>> handler);
  void search_customers(const std::string& query, Handler<std::vector<care::Customer>> handler);
  // With `activity`, the customer is the unknown contact of that activity (R-D3).
  void create_customer(const care::CustomerDraft& draft, std::optional<care::Id> activity,
                       Handler<care::Customer> handler);
  // `cursor` "" for the first page, else the page before's next_cursor.
  void journey(care::Id customer, const std::string& cursor, int limit,
               Handler<JourneyPage> handler);
  void save_customer(care::Id customer, const care::CustomerUpdate& update,
                     Handler<Saved<care::Customer>> handler);
  void add_request(care::Id customer, const care::RequestDraft& draft,
                   Handler<care::Request> handler);
  void overview(Handler<Floor> handler);
  void search_knowledge(const std::string& query, Handler<std::vector<KbHit>> handler);
  void canned_responses(const std::string& query, Handler<std::vector<CannedResponse>> handler);

  // ---- mentions of me (issue 18)
  void mentions(Handler<care::MentionList> handler);
  void read_mention(care::Id mention, Handler<care::MentionList> handler);
  void read_all_mentions(Handler<care::MentionList> handler);

  // ---- presence (R-F8)
  void heartbeat(const care::PresenceHeartbeat& beat,
                 Handler<std::vector<care::PresenceViewer>> handler);
  void leave(care::RecordType record, care::Id id, Handler<Done> handler);

 private:
  // `watched`: a reply with no answer at all is reported to connection_lost_ first.
  void send(const char* method, const std::string& path, std::string body, ResponseHandler handler,
            bool watched = true, Wake wake = Wake::draw);

  Transport& transport_;
  std::function<void()> connection_lost_;
};

}  // namespace care::client
