#pragma once

#include <string>
#include <variant>

#include "care/api.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"
#include "services/record_watch.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::services {

class WebhookService;

struct ChatStarted {
  Activity activity;
  Task task;
  std::string token;  // the widget's key to this conversation only (R-G5)
};

struct Ingested {
  Activity activity;
  std::optional<Task> task;  // empty for call events after the first
  bool created = false;
};

// Channel ingestion (R-B4, R-H1): inbound chats from the widget, emails and call
// events from gateways. Each creates or updates an activity and, for a new one, a task
// the router offers. The customer is matched by email or phone; with no match the
// activity waits for the agent to create one (R-D3).
class IngestionService {
 public:
  IngestionService(store::Store& store, events::EventHub& events, const Clock& clock,
                   RoutingService& routing);

  std::variant<ChatStarted, WorkError> start_chat(const ChatStart& start);
  // The customer's line in the widget; `activity` comes from the widget's token.
  // With `files` (issue 18): the line that carries the customer's upload.
  std::variant<Message, WorkError> customer_message(Id activity, const TextDraft& draft,
                                                    std::vector<Attachment> files = {});
  void customer_typing(Id activity, bool typing);
  // The customer rates the chat once it has ended (issue 18): 409 while it goes on, and
  // 409 for a second rating (the first stands).
  std::variant<Rating, WorkError> rate_chat(Id activity, const RatingDraft& draft);
  // The chat's messages, oldest first, as the customer may see them.
  std::vector<Message> transcript(Id activity);
  // Where the chat stands for its widget: waiting (and its place), with an agent, ended.
  WidgetChatState chat_state(Id activity) { return routing_.widget_chat_state(activity); }
  // An email, once per Message-ID: the same mail again answers its first activity and
  // task (`created` false) and stores nothing.
  std::variant<Ingested, WorkError> inbound_email(const InboundEmail& email);
  // A call event: the first opens the call; a repeat is recorded once; nothing follows
  // `ended` (409); `ended` before an agent took the call takes it out of the queue.
  std::variant<Ingested, WorkError> call_event(const InboundCallEvent& event);
  // What a connector reads back with its key (docs/ingestion.md): an email activity
  // with the agents' replies, a call by the telephony's id with the agent's controls.
  std::optional<Activity> email_for_gateway(Id activity);
  std::optional<Activity> call_for_telephony(std::string_view call);
  // The agent handling a call holds, resumes or ends it from the desktop (R-B2). It is
  // recorded as the call's event and published like the telephony's own; relaying it
  // to the telephony system is that system's connector's part (docs/ingestion.md).
  std::variant<Activity, WorkError> control_call(Id activity, Id agent, CallEventKind kind);

  // The activity a widget token opens, or nothing.
  std::optional<Id> widget_activity(std::string_view token);

  // Agents' call controls go to the webhooks' outbox too (issue 18).
  void deliver_webhooks(WebhookService& webhooks) { webhooks_ = &webhooks; }
  // Supervisors monitoring a chat get its lines and typing too (issue 18).
  void show_to_monitors(const RecordWatch& watch) { watch_ = &watch; }

 private:
  // The queue asked for (by id or by name: 422 when there is none such), else the one
  // marked as `channel`'s default, else the first; 503 when there are no queues.
  std::variant<Id, WorkError> pick_queue(std::optional<Id> asked, std::string_view named,
                                         Channel channel);
  // Who should hear about this activity's live updates: the agent holding its task.
  std::optional<Id> handler_of(Id activity);
  // The agent holding the chat, its consult guests and its monitors.
  events::Audience chat_listeners(Id activity);
  Time now() const { return time_from_unix_ms(clock_.now_ms()); }

  store::Store& store_;
  events::EventHub& events_;
  const Clock& clock_;
  RoutingService& routing_;
  WebhookService* webhooks_ = nullptr;
  const RecordWatch* watch_ = nullptr;
};

}  // namespace care::server::services
