#include "services/record_service.hpp"

#include <algorithm>

#include "care/codec/json.hpp"
#include "care/rules/contact.hpp"
#include "care/rules/email.hpp"
#include "care/rules/request.hpp"
#include "care/rules/tags.hpp"
#include "care/text.hpp"
#include "events/publish.hpp"
#include "services/audiences.hpp"
#include "services/chat_team.hpp"
#include "services/webhook_service.hpp"

namespace care::server::services {
namespace {

constexpr int kSearchLimit = 50;

WorkError not_found(std::string_view what) {
  return WorkError{404, make_error(ErrorCode::not_found, what, "no such " + std::string(what))};
}

WorkError rule_broken(const Error& error) {
  return WorkError{422, error};
}

// A record saved by someone else inside an operation that saves several: the whole
// operation is undone and the agent tries again on what is there now.
WorkError changed_meanwhile(std::string_view what) {
  return WorkError{409, make_error(ErrorCode::conflict, what,
                                   "the " + std::string(what) + " changed meanwhile; try again")};
}

// A save lost a race with another save after its version check: report it the same
// way as a stale version, with the record as it is now.
template <class R, class Load>
Saved<R> lost_race(Load load, Version edited) {
  auto current = load();
  if (!current) return WorkError{404, make_error(ErrorCode::not_found, "id", "no such record")};
  return Conflict<R>{*current, edited};
}

}  // namespace

RecordService::RecordService(store::Store& store, events::EventHub& events, const Clock& clock)
    : store_(store), events_(events), clock_(clock) {}

void RecordService::changed(RecordType type, Id id, Version version, const Stamp& stamp) {
  // Every agent's stream: an open screen of this record shows the caution at once (R-E1).
  events::publish(events_, RecordChanged{type, id, version, stamp}, events::Audience::all());
}

// --- customers ----------------------------------------------------------------------

Saved<Customer> RecordService::create_customer(const CustomerDraft& draft, const Agent& by,
                                               std::optional<Id> activity_id) {
  Time at = now();
  Customer customer = apply(Customer{}, draft);
  customer.created_at = at;
  customer.updated = Stamp{by.id, at};
  if (Status valid = check_customer(customer); !valid) return rule_broken(valid.error());
  // The customer, the unknown contact's activity and its request commit together: a
  // customer is never left behind for an activity that did not get it.
  store::Store::UnitOfWork work(store_);
  std::optional<Activity> activity;
  if (activity_id) {
    activity = store_.activity(*activity_id);
    if (!activity) return not_found("activity");
    if (activity->customer) {
      return WorkError{
          409, make_error(ErrorCode::conflict, "activity", "this activity already has a customer")};
    }
  }
  customer = store_.create_customer(customer, by.id);
  std::optional<Request> request;
  if (activity) {
    // R-D3: the unknown contact becomes this customer, with the request it opened.
    Version edited = activity->version;
    activity->customer = customer.id;
    record_change(*activity, by.id, at);
    if (!store_.save_activity(*activity, edited, by.id)) return changed_meanwhile("activity");
    if (activity->request) request = store_.request(*activity->request);
    if (request && request->customer == 0) {
      Version request_edited = request->version;
      request->customer = customer.id;
      record_change(*request, by.id, at);
      if (!store_.save_request(*request, request_edited, by.id)) {
        return changed_meanwhile("request");
      }
    } else {
      request.reset();  // someone else's request: not ours to change
    }
  }
  work.commit();
  changed(RecordType::customer, customer.id, customer.version, customer.updated);
  if (activity) changed(RecordType::activity, activity->id, activity->version, activity->updated);
  if (request) changed(RecordType::request, request->id, request->version, request->updated);
  return customer;
}

Saved<Customer> RecordService::update_customer(Id id, const CustomerUpdate& update,
                                               const Agent& by) {
  auto current = store_.customer(id);
  if (!current) return not_found("customer");
  if (auto conflict = check_version(*current, update.version)) return *conflict;
  Customer next = apply(*current, update.customer);
  if (Status valid = check_customer(next); !valid) return rule_broken(valid.error());
  record_change(next, by.id, now());
  if (!store_.save_customer(next, update.version, by.id)) {
    return lost_race<Customer>([&] { return store_.customer(id); }, update.version);
  }
  changed(RecordType::customer, next.id, next.version, next.updated);
  return next;
}

std::optional<Customer> RecordService::customer(Id id) {
  return store_.customer(id);
}

std::vector<Customer> RecordService::search(std::string_view query) {
  return store_.search_customers(query, kSearchLimit);
}

std::optional<JourneyPage> RecordService::journey(Id customer_id,
                                                  std::optional<JourneyCursor> after, int limit) {
  store::Store::ReadTogether together(store_);  // the page from one snapshot
  auto customer = store_.customer(customer_id);
  if (!customer) return std::nullopt;
  JourneyPage page;
  if (!after) {
    page.opening = JourneyPage::Opening{std::move(*customer), store_.requests_of(customer_id),
                                        store_.activity_count_of_customer(customer_id)};
  }
  // One row more than asked says whether another page follows.
  page.activities = store_.journey_page(customer_id, after, limit + 1);
  if (page.activities.size() > static_cast<std::size_t>(limit)) {
    page.activities.resize(static_cast<std::size_t>(limit));
    page.next = cursor_at(page.activities.back());
  }
  return page;
}

// --- requests -----------------------------------------------------------------------

Saved<Request> RecordService::create_request(Id customer_id, const RequestDraft& draft,
                                             const Agent& by) {
  if (!store_.customer(customer_id)) return not_found("customer");
  if (Status title = check_request_title(draft.title); !title) return rule_broken(title.error());
  Time at = now();
  Request request;
  request.customer = customer_id;
  request.title = draft.title;
  request.description = draft.description;
  request.priority = draft.priority;
  request.created_at = at;
  request.updated = Stamp{by.id, at};
  request = store_.create_request(request, by.id);
  changed(RecordType::request, request.id, request.version, request.updated);
  return request;
}

Saved<Request> RecordService::update_request(Id id, const RequestPatch& patch, const Agent& by) {
  auto current = store_.request(id);
  if (!current) return not_found("request");
  if (auto conflict = check_version(*current, patch.version)) return *conflict;
  Request next = *current;
  Time at = now();
  if (patch.title) {
    if (Status title = check_request_title(*patch.title); !title) {
      return rule_broken(title.error());
    }
    next.title = *patch.title;
  }
  if (patch.description) next.description = *patch.description;
  if (patch.priority) next.priority = *patch.priority;
  if (patch.status && *patch.status != next.status) {
    next.status = *patch.status;
    // R-C2: the closed date is there exactly while the request is closed.
    next.closed_at = next.status == RequestStatus::closed ? std::optional<Time>(at) : std::nullopt;
  }
  record_change(next, by.id, at);
  if (!store_.save_request(next, patch.version, by.id)) {
    return lost_race<Request>([&] { return store_.request(id); }, patch.version);
  }
  changed(RecordType::request, next.id, next.version, next.updated);
  return next;
}

std::optional<RequestDetails> RecordService::request(Id id) {
  auto request = store_.request(id);
  if (!request) return std::nullopt;
  return RequestDetails{*request, store_.activities_of_request(id)};
}

// --- activities ---------------------------------------------------------------------

std::optional<ActivityDetails> RecordService::activity(Id id) {
  auto activity = store_.activity(id);
  if (!activity) return std::nullopt;
  return ActivityDetails{*activity, store_.comments(id), store_.task_of_activity(id),
                         store_.rating(id), store_.handoffs_of(id)};
}

Saved<Activity> RecordService::add_tag(Id activity_id, const TagDraft& draft, const Agent& by) {
  auto current = store_.activity(activity_id);
  if (!current) return not_found("activity");
  if (auto conflict = check_version(*current, draft.version)) return *conflict;
  auto tags = care::add_tag(current->tags, draft.tag);
  if (!tags) return rule_broken(tags.error());
  Activity next = *current;
  next.tags = std::move(*tags);
  record_change(next, by.id, now());
  if (!store_.save_activity(next, draft.version, by.id)) {
    return lost_race<Activity>([&] { return store_.activity(activity_id); }, draft.version);
  }
  changed(RecordType::activity, next.id, next.version, next.updated);
  return next;
}

Saved<Activity> RecordService::remove_tag(Id activity_id, std::string_view tag, Version version,
                                          const Agent& by) {
  auto current = store_.activity(activity_id);
  if (!current) return not_found("activity");
  if (auto conflict = check_version(*current, version)) return *conflict;
  Activity next = *current;
  next.tags = care::remove_tag(current->tags, tag);
  if (next.tags.size() == current->tags.size()) return not_found("tag");
  record_change(next, by.id, now());
  if (!store_.save_activity(next, version, by.id)) {
    return lost_race<Activity>([&] { return store_.activity(activity_id); }, version);
  }
  changed(RecordType::activity, next.id, next.version, next.updated);
  return next;
}

Saved<Activity> RecordService::move(Id activity_id, const MoveActivity& move, const Agent& by) {
  auto current = store_.activity(activity_id);
  if (!current) return not_found("activity");
  if (auto conflict = check_version(*current, move.version)) return *conflict;
  auto target = store_.request(move.request);
  if (!target) return not_found("request");
  // R-C6: an activity moves between the requests of its own customer.
  if (current->customer.value_or(0) != target->customer) {
    return rule_broken(
        make_error(ErrorCode::not_allowed, "request", "that request belongs to another customer"));
  }
  Activity next = *current;
  next.request = target->id;
  record_change(next, by.id, now());
  if (!store_.save_activity(next, move.version, by.id)) {
    return lost_race<Activity>([&] { return store_.activity(activity_id); }, move.version);
  }
  changed(RecordType::activity, next.id, next.version, next.updated);
  return next;
}

Saved<Activity> RecordService::set_skills(Id activity_id, const SkillsUpdate& update,
                                          const Agent& by) {
  auto current = store_.activity(activity_id);
  if (!current) return not_found("activity");
  if (auto conflict = check_version(*current, update.version)) return *conflict;
  Activity next = *current;
  next.context.skills = update.skills;
  record_change(next, by.id, now());
  if (!store_.save_activity(next, update.version, by.id)) {
    return lost_race<Activity>([&] { return store_.activity(activity_id); }, update.version);
  }
  changed(RecordType::activity, next.id, next.version, next.updated);
  return next;
}

std::variant<Comment, WorkError> RecordService::add_comment(Id activity_id, const TextDraft& draft,
                                                            const Agent& by) {
  if (!store_.activity(activity_id)) return not_found("activity");
  if (trim(draft.text).empty()) {
    return rule_broken(make_error(ErrorCode::empty, "text", "write the comment first"));
  }
  // A comment is a text field (R-C1), not a message: 2,000 characters.
  if (Status fits = check_text("text", draft.text); !fits) return rule_broken(fits.error());
  Comment comment{0, activity_id, by.id, by.display_name, draft.text, now()};
  comment = store_.add_comment(comment);
  auto activity = store_.activity(activity_id);
  if (activity)
    changed(RecordType::activity, activity->id, activity->version, Stamp{by.id, comment.at});
  return comment;
}

std::variant<RecordService::Writer, WorkError> RecordService::writer(Id activity_id,
                                                                     const Agent& by) {
  auto activity = store_.activity(activity_id);
  if (!activity) return not_found("activity");
  auto task = store_.task_of_activity(activity_id);
  const bool in_progress = task && task->state == TaskState::assigned;
  // The agent handling it, and in a chat the colleagues they consult (issue 18).
  std::vector<std::int64_t> team =
      in_progress ? chat_team(store_, activity_id) : std::vector<std::int64_t>{};
  const bool in_team = std::find(team.begin(), team.end(), by.id) != team.end();
  // A supervisor monitoring the chat may write in it too: barging in (issue 18).
  const bool barging = in_progress && !in_team && activity->media == MediaType::chat && watch_ &&
                       watch_->monitoring(activity_id, by.id);
  if (!in_team && !barging) {
    return WorkError{403, make_error(ErrorCode::not_allowed, "activity",
                                     "only the agent handling this conversation may write in it")};
  }
  if (activity->media != MediaType::chat && activity->media != MediaType::email) {
    return rule_broken(
        make_error(ErrorCode::not_allowed, "activity", "messages are for chats and emails"));
  }
  return Writer{std::move(*activity), *task, std::move(team), barging};
}

std::optional<WorkError> RecordService::check_may_write(Id activity_id, const Agent& by) {
  auto checked = writer(activity_id, by);
  if (auto* refused = std::get_if<WorkError>(&checked)) return *refused;
  return std::nullopt;
}

std::variant<Message, WorkError> RecordService::send_message(Id activity_id, const TextDraft& draft,
                                                             const Agent& by,
                                                             std::vector<Attachment> files) {
  auto allowed = writer(activity_id, by);
  if (auto* refused = std::get_if<WorkError>(&allowed)) return *refused;
  Writer& writing = std::get<Writer>(allowed);
  const Activity* activity = &writing.activity;
  const Task& task = writing.task;
  std::vector<std::int64_t>& team = writing.team;
  if (trim(draft.text).empty()) {
    return rule_broken(make_error(ErrorCode::empty, "text", "write the message first"));
  }
  if (Status fits = check_text("text", draft.text, message_limit(activity->media)); !fits) {
    return rule_broken(fits.error());
  }
  // An email reply goes somewhere under a subject (R-B3): as the agent set them, or,
  // left out, to the customer under "Re: <subject>". A chat line has neither.
  std::optional<EmailHeaders> headers;
  if (activity->media == MediaType::email) {
    headers = draft.email ? *draft.email : reply_headers(*activity);
    if (Status checked = check_reply_headers(*headers); !checked)
      return rule_broken(checked.error());
    headers->subject = trim(headers->subject);
  } else if (draft.email) {
    return rule_broken(
        make_error(ErrorCode::not_allowed, "to", "only an email reply has recipients"));
  }
  // Looking for the key and storing the line is one unit, so two copies sent at once
  // still store one (R-J5: the customer gets each line once).
  store::Store::UnitOfWork work(store_);
  if (!draft.key.empty()) {
    if (auto sent = store_.message_by_key(activity_id, draft.key)) {
      if (sent->agent != by.id || sent->text != draft.text) {
        return WorkError{
            409, make_error(ErrorCode::conflict, "key", "this key was used for another message")};
      }
      return *sent;  // a repeat: already stored and already relayed
    }
  }
  Message message;
  message.author = AuthorKind::agent;
  message.agent = by.id;
  message.author_name = by.display_name;
  message.text = draft.text;
  message.at = now();
  message.key = draft.key;
  message.email = std::move(headers);
  if (activity->media == MediaType::email) files = store_.unsent_attachments(activity_id, by.id);
  message.attachments = std::move(files);
  message = store_.add_message(activity_id, message);
  if (writing.barging) {
    store_.record_action(by.id, "barge", "activity", activity_id,
                         Json{{"agent", *task.agent}, {"message", message.id}}.dump(),
                         unix_ms(message.at));
  }
  // In the same unit: the outbox row commits with the line, or neither does.
  if (webhooks_) {
    if (activity->media == MediaType::email) {
      webhooks_->email_reply(*activity, message, store_.external_ref(activity_id));
    } else {
      webhooks_->chat_message(*activity, message);
    }
  }
  work.commit();
  if (webhooks_) webhooks_->wake();
  ChatMessageAdded added{activity_id, message};
  team.push_back(by.id);
  events::publish(events_, added,
                  watch_ && activity->media == MediaType::chat
                      ? chat_audience(*watch_, activity_id, std::move(team))
                      : events::Audience::some(std::move(team)));
  if (activity->media == MediaType::chat) {
    events::publish(events_, added, widget_audience(activity_id));
  }
  return message;
}

}  // namespace care::server::services
