// The router's transfer and consult (issue 18, R-K1): a task handed on to a queue or a
// named agent, and colleagues invited into a chat. Same lock, unit of work and board
// as every other task transition (routing_service.cpp).
#include <algorithm>

#include "care/rules/concurrency.hpp"
#include "care/rules/routing.hpp"
#include "care/rules/transfer.hpp"
#include "events/publish.hpp"
#include "services/audiences.hpp"
#include "services/routing_service.hpp"

namespace care::server::services {
namespace {

// Why a transferred task left its agent's (and its guests') desktop.
constexpr std::string_view kTransferredReason = "transferred";
// Why a consulted chat left a guest's desktop.
constexpr std::string_view kConsultEndedReason = "consult_ended";

WorkError refused(int status, ErrorCode code, std::string_view field, std::string_view rule) {
  return WorkError{status, make_error(code, field, rule)};
}

}  // namespace

Handoff RoutingService::handoff_line(const Task& task, HandoffKind kind, const Agent& by,
                                     Time now) {
  Handoff line;
  line.activity = task.activity;
  line.task = task.id;
  line.kind = kind;
  line.by = by.id;
  line.by_name = by.display_name;
  line.at = now;
  return line;
}

std::vector<Id> RoutingService::end_consults(const Task& task, const Agent& by, Time now) {
  std::vector<Id> guests = consult_guests(store_.handoffs_of(task.activity), task.id);
  for (Id guest : guests) {
    Handoff left = handoff_line(task, HandoffKind::consult_left, by, now);
    left.to_agent = guest;
    if (auto agent = store_.routing_agent(guest)) left.to_agent_name = agent->display_name;
    store_.add_handoff(left);
  }
  return guests;
}

std::variant<TaskInHand, WorkError> RoutingService::transfer(Id task_id, const Agent& by,
                                                             const TransferDraft& draft) {
  return transition(
      task_id,
      [&](const Task& task, Time now,
          store::Store::UnitOfWork& work) -> std::variant<TaskInHand, WorkError> {
        // K5: a supervisor reassigns from the floor with the same hand-on.
        if (task.agent != by.id && !has_role(by, care::Role::supervisor)) {
          return refused(403, ErrorCode::not_allowed, "task", "this task is not yours");
        }
        if (task.state != TaskState::assigned || !task.agent) {
          return refused(409, ErrorCode::conflict, "task",
                         "only a task in an agent's hands is transferred");
        }
        const Id holder = *task.agent;
        Handoff line = handoff_line(task, HandoffKind::transfer, by, now);
        line.note = draft.note;
        std::optional<Agent> target;
        if (draft.queue) {
          const Queue* queue = board_.queue(*draft.queue);
          if (!queue) return refused(404, ErrorCode::not_found, "queue", "no such queue");
          line.to_queue = queue->id;
          line.to_queue_name = queue->name;
        } else {
          target = store_.routing_agent(*draft.agent);
          if (!target) return refused(404, ErrorCode::not_found, "agent", "no such agent");
          if (target->id == holder) {
            return refused(422, ErrorCode::invalid, "agent", "the task is already theirs");
          }
          // The named agent gets it first (R-K1), as an offer the desktop shows one at a
          // time (R-A3): so they must be Ready, with room in the channel, and no offer
          // (what they hold as stored when nodes share the store).
          std::vector<Task> theirs = hands_of(target->id);
          const bool offered_other = std::any_of(theirs.begin(), theirs.end(), [](const Task& t) {
            return t.state == TaskState::offered;
          });
          if (target->state.presence != Presence::ready || offered_other ||
              load(target->id, task.channel, theirs) >=
                  capacity_for(target->capacity, task.channel)) {
            return refused(409, ErrorCode::conflict, "agent",
                           target->display_name +
                               " cannot take it now (not Ready, busy or being offered "
                               "another task): transfer it to a queue");
          }
          line.to_agent = target->id;
          line.to_agent_name = target->display_name;
        }
        auto moved = transfer_task(task, draft.queue, now);
        if (!moved) return WorkError{409, moved.error()};
        Task next = *moved;
        if (target) {
          auto offered = offer_task(next, target->id, now, offer_timeout_);
          if (!offered) return WorkError{409, offered.error()};
          next = *offered;
        }
        if (!store_.save_task(next, task.version, by.id)) {
          return refused(409, ErrorCode::conflict, "task", "the task changed meanwhile");
        }
        // The conversation's record changes with it: its queue, and its journey's line.
        Activity activity = store_.activity(task.activity).value_or(Activity{});
        Version edited = activity.version;
        activity.context.queue = next.queue;
        record_change(activity, by.id, now);
        if (!store_.save_activity(activity, edited, by.id)) {
          return refused(409, ErrorCode::conflict, "activity",
                         "the conversation changed meanwhile; transfer again");
        }
        store_.add_handoff(line);
        std::vector<Id> guests = end_consults(task, by, now);
        task_ended_for(holder, now);
        TaskInHand hand = in_hand(next);
        work.commit();

        changed_task(next);
        if (auto stored = store_.routing_agent(holder)) changed_agent(*stored);
        // Not straight back to whoever handed it on, should it reach the queue.
        note_declined(Declined{task.id, holder, now + kDeclineCooldown});
        events::publish(events_, TaskWithdrawn{task.id, holder, std::string(kTransferredReason)},
                        events::Audience::agent(holder));
        for (Id guest : guests) {
          events::publish(events_, TaskWithdrawn{task.id, guest, std::string(kTransferredReason)},
                          events::Audience::agent(guest));
        }
        if (target) {
          events::publish(events_, TaskOffered{next.id, target->id, *next.offer_deadline},
                          events::Audience::agent(target->id));
        }
        events::publish(
            events_,
            RecordChanged{RecordType::activity, activity.id, activity.version, activity.updated},
            activity_watchers(watch_, activity, holder));
        if (activity.media == MediaType::chat) {
          events::publish(events_,
                          ChatTransferring{target ? line.to_agent_name : line.to_queue_name},
                          widget_audience(activity.id));
        }
        touched_queues_.insert(task.queue);
        touched_queues_.insert(next.queue);
        return hand;
      });
}

std::variant<TaskInHand, WorkError> RoutingService::consult(Id task_id, const Agent& by,
                                                            const ConsultDraft& draft) {
  return transition(
      task_id,
      [&](const Task& task, Time now,
          store::Store::UnitOfWork& work) -> std::variant<TaskInHand, WorkError> {
        if (task.agent != by.id || task.state != TaskState::assigned) {
          return refused(403, ErrorCode::not_allowed, "task",
                         "only the agent handling this chat invites colleagues into it");
        }
        if (task.channel != Channel::chat) {
          return refused(422, ErrorCode::not_allowed, "task", "colleagues are consulted in chats");
        }
        auto guest = store_.routing_agent(draft.agent);
        if (!guest) return refused(404, ErrorCode::not_found, "agent", "no such agent");
        if (guest->id == by.id) {
          return refused(422, ErrorCode::invalid, "agent", "you are in this chat already");
        }
        std::vector<Id> guests = consult_guests(store_.handoffs_of(task.activity), task.id);
        if (std::find(guests.begin(), guests.end(), guest->id) != guests.end()) {
          return refused(409, ErrorCode::conflict, "agent",
                         guest->display_name + " is in this chat already");
        }
        Handoff line = handoff_line(task, HandoffKind::consult, by, now);
        line.to_agent = guest->id;
        line.to_agent_name = guest->display_name;
        line.note = draft.note;
        store_.add_handoff(line);
        TaskInHand hand = in_hand(task);
        work.commit();
        // The guest's desktop reloads its tasks and finds the chat among them.
        events::publish(events_, TaskAssigned{task.id, guest->id},
                        events::Audience::agent(guest->id));
        Activity activity = hand.activity;
        events::publish(
            events_,
            RecordChanged{RecordType::activity, activity.id, activity.version, activity.updated},
            activity_watchers(watch_, activity, by.id));
        return hand;
      });
}

std::variant<TaskInHand, WorkError> RoutingService::leave_consult(Id task_id, const Agent& by) {
  return transition(
      task_id,
      [&](const Task& task, Time now,
          store::Store::UnitOfWork& work) -> std::variant<TaskInHand, WorkError> {
        std::vector<Id> guests = consult_guests(store_.handoffs_of(task.activity), task.id);
        if (task.state != TaskState::assigned ||
            std::find(guests.begin(), guests.end(), by.id) == guests.end()) {
          return refused(409, ErrorCode::conflict, "task", "you are not consulted in this chat");
        }
        Handoff line = handoff_line(task, HandoffKind::consult_left, by, now);
        line.to_agent = by.id;
        line.to_agent_name = by.display_name;
        store_.add_handoff(line);
        TaskInHand hand = in_hand(task);
        work.commit();
        events::publish(events_, TaskWithdrawn{task.id, by.id, std::string(kConsultEndedReason)},
                        events::Audience::agent(by.id));
        Activity activity = hand.activity;
        events::publish(
            events_,
            RecordChanged{RecordType::activity, activity.id, activity.version, activity.updated},
            activity_watchers(watch_, activity, task.agent));
        return hand;
      });
}

}  // namespace care::server::services
