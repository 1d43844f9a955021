#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "care/api.hpp"
#include "care/events.hpp"
#include "care/model.hpp"
#include "care/rules/concurrency.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"
#include "services/record_watch.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::services {

class WebhookService;

// A save's outcome: the saved record, a conflict with the current one (R-E1), or a
// plain error (unknown id 404, wrong owner 403, a broken rule 422).
template <class R>
using Saved = std::variant<R, Conflict<R>, WorkError>;

// R-D5: one page of a customer's journey, newest first. The first page (no cursor)
// also carries the customer, all their requests and how many activities there are.
struct JourneyPage {
  struct Opening {
    Customer customer;
    std::vector<Request> requests;
    std::int64_t total = 0;
  };
  std::optional<Opening> opening;  // on the first page only
  std::vector<JourneyEntry> activities;
  std::optional<JourneyCursor> next;  // none on the last page
};

struct RequestDetails {
  Request request;
  std::vector<Activity> activities;  // without messages
};

struct ActivityDetails {
  Activity activity;
  std::vector<Comment> comments;
  std::optional<Task> task;
  std::optional<Rating> rating;   // the customer's, once a chat has ended (issue 18)
  std::vector<Handoff> handoffs;  // transfers and consults, oldest first (issue 18)
};

// The records agents edit: customers (R-D), requests and activities (R-C), messages
// the agent writes (R-B1, R-B3). Rules come from shared/; this class loads, checks
// versions, saves and publishes `record.changed` so every open screen learns at once.
class RecordService {
 public:
  RecordService(store::Store& store, events::EventHub& events, const Clock& clock);

  // Customers. `activity`: an unknown contact's activity (R-D3) that gets this
  // customer, and its request too.
  Saved<Customer> create_customer(const CustomerDraft& draft, const Agent& by,
                                  std::optional<Id> activity);
  Saved<Customer> update_customer(Id id, const CustomerUpdate& update, const Agent& by);
  std::optional<Customer> customer(Id id);
  std::vector<Customer> search(std::string_view query);
  // nullopt: no such customer.
  std::optional<JourneyPage> journey(Id customer, std::optional<JourneyCursor> after, int limit);

  // Requests.
  Saved<Request> create_request(Id customer, const RequestDraft& draft, const Agent& by);
  Saved<Request> update_request(Id id, const RequestPatch& patch, const Agent& by);
  std::optional<RequestDetails> request(Id id);

  // Activities.
  std::optional<ActivityDetails> activity(Id id);
  Saved<Activity> add_tag(Id activity, const TagDraft& draft, const Agent& by);
  Saved<Activity> remove_tag(Id activity, std::string_view tag, Version version, const Agent& by);
  Saved<Activity> move(Id activity, const MoveActivity& move, const Agent& by);
  Saved<Activity> set_skills(Id activity, const SkillsUpdate& update, const Agent& by);
  std::variant<Comment, WorkError> add_comment(Id activity, const TextDraft& draft,
                                               const Agent& by);
  // The agent's chat line or email reply: only the agent who holds the task (R-G5),
  // or a supervisor monitoring the chat, who barges in (recorded in the audit trail).
  // A chat line may carry `files` (the agent's upload, issue 18); an email reply
  // carries the files the agent uploaded to it since the last reply.
  std::variant<Message, WorkError> send_message(Id activity, const TextDraft& draft,
                                                const Agent& by,
                                                std::vector<Attachment> files = {});
  // 403 unless `by` holds the activity's task, is a consult guest in its chat or a
  // supervisor monitoring it, and it is a chat or an email: who may write in it may
  // attach files to it.
  std::optional<WorkError> check_may_write(Id activity, const Agent& by);

 private:
  // Who may write in an activity, with what the check read, so the writing reads it once.
  struct Writer {
    Activity activity;
    Task task;
    std::vector<std::int64_t> team;  // the holder and the consult guests
    bool barging = false;            // a monitoring supervisor, not of the team
  };
  std::variant<Writer, WorkError> writer(Id activity, const Agent& by);

 public:
  // Agents' email replies and chat lines go to the webhooks' outbox too (issue 18).
  void deliver_webhooks(WebhookService& webhooks) { webhooks_ = &webhooks; }
  // A supervisor monitoring a chat gets its lines, and may write in it (barge, issue 18).
  void show_to_monitors(const RecordWatch& watch) { watch_ = &watch; }

 private:
  void changed(RecordType type, Id id, Version version, const Stamp& stamp);
  Time now() const { return time_from_unix_ms(clock_.now_ms()); }

  store::Store& store_;
  events::EventHub& events_;
  const Clock& clock_;
  WebhookService* webhooks_ = nullptr;
  const RecordWatch* watch_ = nullptr;
};

}  // namespace care::server::services
