#include "services/ingestion_service.hpp"

#include <algorithm>

#include "auth/password.hpp"
#include "care/rules/call.hpp"
#include "care/rules/contact.hpp"
#include "care/text.hpp"
#include "events/publish.hpp"
#include "services/audiences.hpp"
#include "services/chat_team.hpp"
#include "services/webhook_service.hpp"

namespace care::server::services {
namespace {

WorkError error(int status, ErrorCode code, std::string_view field, std::string_view rule) {
  return WorkError{status, make_error(code, field, rule)};
}

}  // namespace

IngestionService::IngestionService(store::Store& store, events::EventHub& events,
                                   const Clock& clock, RoutingService& routing)
    : store_(store), events_(events), clock_(clock), routing_(routing) {}

std::variant<Id, WorkError> IngestionService::pick_queue(std::optional<Id> asked,
                                                         std::string_view named, Channel channel) {
  std::vector<Queue> queues = store_.queues();
  if (asked) {
    for (const Queue& q : queues) {
      if (q.id == *asked) return q.id;
    }
    return error(422, ErrorCode::invalid, "queue", "no such queue");
  }
  if (!named.empty()) {
    for (const Queue& q : queues) {
      if (q.name == named) return q.id;
    }
    return error(422, ErrorCode::invalid, "queue", "no queue has this name");
  }
  if (queues.empty()) {
    return error(503, ErrorCode::not_allowed, "queue",
                 "no queue is set up yet: an admin creates one (POST /api/queues)");
  }
  for (const Queue& q : queues) {
    if (std::find(q.default_for.begin(), q.default_for.end(), channel) != q.default_for.end()) {
      return q.id;
    }
  }
  return queues.front().id;  // a set-up that marks no default, such as a single queue
}

std::optional<Id> IngestionService::handler_of(Id activity) {
  auto task = store_.task_of_activity(activity);
  if (!task || !task->agent || task->state == TaskState::closed) return std::nullopt;
  return task->agent;
}

std::optional<Id> IngestionService::widget_activity(std::string_view token) {
  if (token.empty()) return std::nullopt;
  return store_.widget_activity(auth::token_hash(token));
}

std::variant<ChatStarted, WorkError> IngestionService::start_chat(const ChatStart& start) {
  if (trim(start.name).empty()) return error(422, ErrorCode::empty, "name", "tell us your name");
  if (Status email = check_email(start.email); !email) return WorkError{422, email.error()};
  if (trim(start.question).empty()) {
    return error(422, ErrorCode::empty, "question", "tell us what you need help with");
  }
  auto queue = pick_queue(start.queue, start.queue_name, Channel::chat);
  if (auto* failed = std::get_if<WorkError>(&queue)) return *failed;

  Time at = now();
  Activity activity;
  activity.media = MediaType::chat;
  activity.from = start.email;
  activity.subject = "";
  if (auto customer = store_.customer_by_email(start.email)) activity.customer = customer->id;
  activity.context.pre_chat = {
      {"Name", start.name}, {"Email", start.email}, {"Question", start.question}};
  activity.context.self_service = start.self_service;
  activity.context.visitor = start.visitor;
  activity.context.variables = start.variables;
  activity.context.queue = std::get<Id>(queue);
  activity.created_at = at;
  activity.updated = Stamp{0, at};
  Message first;
  first.author = AuthorKind::customer;
  first.author_name = start.name;
  first.text = start.question;
  first.at = at;
  activity.messages.push_back(first);
  activity = store_.create_activity(activity, "", 0);

  std::string token = auth::random_token();
  store_.add_widget_token(auth::token_hash(token), activity.id, at);
  Task task = routing_.enqueue(activity, std::get<Id>(queue), {});
  return ChatStarted{activity, task, token};
}

std::variant<Message, WorkError> IngestionService::customer_message(Id activity_id,
                                                                    const TextDraft& draft,
                                                                    std::vector<Attachment> files) {
  auto activity = store_.activity(activity_id);
  if (!activity) return error(404, ErrorCode::not_found, "chat", "no such chat");
  if (activity->closed_at) return error(409, ErrorCode::not_allowed, "chat", "this chat has ended");
  if (trim(draft.text).empty()) return error(422, ErrorCode::empty, "text", "write a message");
  if (Status fits = check_text("text", draft.text, kChatLineLimit); !fits) {
    return WorkError{422, fits.error()};
  }
  Message message;
  message.author = AuthorKind::customer;
  message.author_name =
      activity->context.pre_chat.empty() ? "Customer" : activity->context.pre_chat[0].value;
  message.text = draft.text;
  message.at = now();
  message.attachments = std::move(files);
  message = store_.add_message(activity_id, message);
  ChatMessageAdded added{activity_id, message};
  events::publish(events_, added, widget_audience(activity_id));
  events::publish(events_, added, chat_listeners(activity_id));
  return message;
}

std::variant<Rating, WorkError> IngestionService::rate_chat(Id activity_id,
                                                            const RatingDraft& draft) {
  auto activity = store_.activity(activity_id);
  if (!activity) return error(404, ErrorCode::not_found, "chat", "no such chat");
  if (!activity->closed_at) {
    return error(409, ErrorCode::not_allowed, "chat", "a chat is rated once it has ended");
  }
  Rating rating{draft.score, draft.comment, now()};
  if (!store_.rate_activity(activity_id, rating)) {
    return error(409, ErrorCode::duplicate, "chat", "this chat has been rated");
  }
  return rating;
}

std::vector<Message> IngestionService::transcript(Id activity) {
  auto found = store_.activity(activity);
  if (!found) return {};
  return found->messages;
}

void IngestionService::customer_typing(Id activity, bool typing) {
  events::publish(events_, ChatTyping{activity, typing}, chat_listeners(activity));
}

// The agent holding the chat, the colleagues they consult, and the supervisors
// monitoring it.
events::Audience IngestionService::chat_listeners(Id activity) {
  std::vector<Id> team = chat_team(store_, activity);
  if (watch_) return chat_audience(*watch_, activity, std::move(team));
  return events::Audience::some(std::move(team));
}

std::variant<Ingested, WorkError> IngestionService::inbound_email(const InboundEmail& email) {
  if (Status from = check_email(email.from, "from"); !from) return WorkError{422, from.error()};
  for (const std::string& copied : email.cc) {
    if (Status cc = check_email(copied, "cc"); !cc) return WorkError{422, cc.error()};
  }
  auto queue = pick_queue(email.queue, "", Channel::email);
  if (auto* failed = std::get_if<WorkError>(&queue)) return *failed;
  // Files the gateway uploaded first (POST /api/channels/attachments), not yet sent.
  std::vector<Attachment> files;
  for (std::size_t i = 0; i < email.attachments.size(); ++i) {
    auto row = store_.attachment(email.attachments[i]);
    if (!row || row->author != AuthorKind::system || row->activity != 0 || row->message != 0) {
      return error(422, ErrorCode::invalid, "attachments[" + std::to_string(i) + "]",
                   "no file uploaded with POST /api/channels/attachments and not yet sent");
    }
    files.push_back(row->file);
  }
  // Looking for the Message-ID and storing the mail are one unit: two copies posted
  // at once still make one activity (the unique external_ref backs it).
  store::Store::UnitOfWork work(store_);
  if (!email.message_id.empty()) {
    if (auto first = store_.activity_by_ref(MediaType::email, email.message_id)) {
      return Ingested{*first, store_.task_of_activity(first->id), false};
    }
  }
  Time at = now();
  Activity activity;
  activity.media = MediaType::email;
  activity.from = email.from;
  activity.to = email.to;
  activity.subject = email.subject;
  if (auto customer = store_.customer_by_email(email.from)) activity.customer = customer->id;
  activity.context.queue = std::get<Id>(queue);
  activity.created_at = at;
  activity.updated = Stamp{0, at};
  Message body;
  body.author = AuthorKind::customer;
  body.author_name = email.from;
  body.text = email.body;
  body.at = at;
  // As it came (R-B3): the reply is offered to the same Cc, under this subject.
  body.email = EmailHeaders{
      email.to.empty() ? std::vector<std::string>{} : std::vector<std::string>{email.to}, email.cc,
      email.subject};
  body.attachments = std::move(files);
  activity.messages.push_back(body);
  activity = store_.create_activity(activity, email.message_id, 0);
  work.commit();
  Task task = routing_.enqueue(activity, std::get<Id>(queue), {});
  return Ingested{activity, task, true};
}

std::variant<Ingested, WorkError> IngestionService::call_event(const InboundCallEvent& event) {
  if (trim(event.call).empty()) return error(400, ErrorCode::missing, "call", "the call's id");
  Time at = event.at.value_or(now());
  // Finding the call and recording its event are one unit: a retry racing its first
  // post still records one activity and one event.
  store::Store::UnitOfWork work(store_);
  auto existing = store_.activity_by_ref(MediaType::call, event.call);
  if (!existing) {
    // The first event of a call opens it, whichever it is: a gateway may start
    // reporting at "answered" when ringing happened elsewhere.
    auto queue = pick_queue(event.queue, "", Channel::call);
    if (auto* failed = std::get_if<WorkError>(&queue)) return *failed;
    Activity activity;
    activity.media = MediaType::call;
    activity.from = event.from;
    activity.to = event.to;
    // The caller's number: words here would be in one language for every agent.
    activity.subject = event.from;
    if (!event.from.empty()) {
      if (auto customer = store_.customer_by_phone(event.from)) activity.customer = customer->id;
    }
    activity.context.variables = event.collected;
    activity.context.queue = std::get<Id>(queue);
    activity.created_at = at;
    activity.updated = Stamp{0, at};
    activity.call_events.push_back(CallEvent{event.kind, at});
    activity = store_.create_activity(activity, event.call, 0);
    work.commit();
    Task task = routing_.enqueue(activity, std::get<Id>(queue), {});
    // A call first reported at its end was never answered: it waits for nobody.
    if (event.kind == CallEventKind::ended && routing_.abandon(activity.id)) {
      task = store_.task(task.id).value_or(task);
    }
    return Ingested{activity, task, true};
  }
  if (is_repeated_call_event(existing->call_events, event.kind, event.at)) {
    return Ingested{*existing, store_.task_of_activity(existing->id), false};
  }
  if (call_stage(existing->call_events) == CallStage::ended) {
    return error(409, ErrorCode::not_allowed, "kind", "the call has ended: nothing follows ended");
  }
  CallEvent call_event{event.kind, at};
  bool recorded = store_.add_call_event(existing->id, call_event);
  work.commit();
  if (recorded) {
    if (auto agent = handler_of(existing->id)) {
      events::publish(events_, CallEventAdded{existing->id, call_event},
                      events::Audience::agent(*agent));
    }
    // The caller hung up before an agent took the call: nobody is offered it now.
    if (event.kind == CallEventKind::ended) routing_.abandon(existing->id);
  }
  auto now_stands = store_.activity(existing->id).value_or(*existing);
  return Ingested{now_stands, store_.task_of_activity(existing->id), false};
}

std::optional<Activity> IngestionService::email_for_gateway(Id activity) {
  auto found = store_.activity(activity);
  if (!found || found->media != MediaType::email) return std::nullopt;
  return found;
}

std::optional<Activity> IngestionService::call_for_telephony(std::string_view call) {
  if (call.empty()) return std::nullopt;
  return store_.activity_by_ref(MediaType::call, call);
}

std::variant<Activity, WorkError> IngestionService::control_call(Id activity_id, Id agent,
                                                                 CallEventKind kind) {
  auto activity = store_.activity(activity_id);
  if (!activity || activity->media != MediaType::call) {
    return error(404, ErrorCode::not_found, "activity", "no such call");
  }
  if (handler_of(activity_id) != agent) {
    return error(403, ErrorCode::not_allowed, "activity", "this call is not in your hands");
  }
  if (Status allowed = check_call_control(activity->call_events, kind); !allowed) {
    return WorkError{409, allowed.error()};
  }
  CallEvent call_event{kind, now()};
  {
    // The control and its webhook deliveries commit together (issue 18).
    store::Store::UnitOfWork work(store_);
    // check_call_control allows only a change of stage, so this is never a repeat.
    (void)store_.add_call_event(activity_id, call_event);
    if (webhooks_) {
      webhooks_->call_control(*activity, call_event, agent, store_.external_ref(activity_id));
    }
    work.commit();
  }
  if (webhooks_) webhooks_->wake();
  events::publish(events_, CallEventAdded{activity_id, call_event}, events::Audience::agent(agent));
  activity->call_events.push_back(call_event);
  return *activity;
}

}  // namespace care::server::services
