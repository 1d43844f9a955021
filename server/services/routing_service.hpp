#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <variant>
#include <vector>

#include "care/error.hpp"
#include "care/model.hpp"
#include "care/rules/close.hpp"
#include "care/rules/routing.hpp"
#include "care/rules/routing_board.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"
#include "services/record_watch.hpp"
#include "store/store.hpp"

namespace care::server::services {

// Why an accept or close failed, with the HTTP status it maps to.
struct WorkError {
  int status = 400;
  Error error;
};

// A task in the queue list, with what the agent previews before accepting (R-A5).
struct QueueEntry {
  Task task;
  Activity activity;                 // without messages
  std::optional<Customer> customer;  // empty: an unknown contact
  std::optional<Request> request;    // the request the accept rule would pick
  std::string queue_name;
};

// A task in the agent's hands (R-A6) with the records the workspace shows.
struct TaskInHand {
  Task task;
  Activity activity;
  std::optional<Customer> customer;
  std::optional<Request> request;
  std::vector<Handoff> handoffs;  // the activity's transfers and consults (issue 18)
  bool guest = false;             // the agent asking is consulted in it, not its holder
};

// Where a customer's chat stands, as its widget asks (R-H1).
struct WidgetChatState {
  enum class Stage { waiting, with_agent, ended };
  Stage stage = Stage::ended;
  std::optional<int> position;       // while waiting: 1 = next in its queue
  std::optional<std::string> agent;  // with an agent: their display name
};

// The router (R-A3–A7): offers queued tasks to Ready agents with free capacity, takes
// offers back when their deadline passes (task to the head of its queue, agent Not
// Ready "missed_offer"), and carries out accepts and closes. Every task transition
// happens under one lock and is saved with a version check, so two accepts of one
// task can never both win.
// Decisions are made over a RoutingBoard in memory (issue 15), built from the store on
// first use (so a restart rebuilds it) and then kept current one change at a time: the
// router changes tasks itself, and whoever changes an agent's state or routing, or the
// queues, tells it (agent_changed, queues_changed). The store stays the truth: every
// change is stored before the board takes it.
// Nodes sharing one database (issue 17: one winner across nodes): one node at a time
// leads routing (Store::routing_lead: it alone makes offers and expires them, and
// rebuilds its board from the store on taking the lead, so a dead leader's offers
// expire and are offered again); every node's board follows the others' changes
// through the event log (node news: the tasks and agents a change touched, read again
// from the store). What a board may not know yet is decided in the database: every
// task save is version-checked, an offer or a pull checks the agent's hands as stored
// with the agent locked (Store::agent_hands), and the database refuses an agent a
// second live offer. Accepts, declines and closes run on whichever node is asked.
class RoutingService {
 public:
  // queue.changed goes out at most once in this window (see tell_touched_queues).
  static constexpr Duration kQueueNewsWindow = std::chrono::milliseconds(200);
  // `watch`: who shows which records, to tell of the activities accept, close and
  // abandon change (record.changed).
  RoutingService(store::Store& store, events::EventHub& events, const Clock& clock,
                 Duration offer_timeout, const RecordWatch& watch);
  ~RoutingService();
  RoutingService(const RoutingService&) = delete;
  RoutingService& operator=(const RoutingService&) = delete;

  // Starts the thread that makes offers and expires them; stop() ends it.
  void start();
  void stop();
  // Something changed that may allow an offer (a new task, an agent Ready, capacity
  // freed): look again now rather than at the next deadline.
  void nudge();
  // One round of expiring offers and making new ones, on the caller's thread (tests
  // with a manual clock call this).
  void route_now();

  // A new task for an activity that arrived on a channel (ingestion).
  Task enqueue(const Activity& activity, Id queue, std::vector<std::string> skills);

  // Pull (a queued task, R-A5) or push (my offer, R-A3). 404 unknown task, 409 when
  // another agent has it, 403 when the agent may not take it (queue, skills, capacity).
  std::variant<TaskInHand, WorkError> accept(Id task, Id agent);
  // The agent says no to their offer (R-A3): the task goes back to the head of its
  // queue and is not offered to them again for kDeclineCooldown; they stay Ready.
  // 404 unknown task, 409 when it is not (or no longer) offered to them.
  std::variant<TaskInHand, WorkError> decline(Id task, Id agent);
  // The customer left before any agent took their work (a call ended while queued or
  // offered, R-B4): the task closes unhandled, an offer in flight is withdrawn from its
  // agent (task.withdrawn, "abandoned") and the activity is closed. False when there is
  // nothing waiting to take back: an agent who accepted it closes it themselves.
  bool abandon(Id activity);
  // Ends the interaction (R-D3, R-F10) once the close rules are satisfied.
  std::variant<TaskInHand, WorkError> close(Id task, const Agent& agent,
                                            const CloseAnswers& answers,
                                            bool unsaved_customer_changes);

  // Transfer (issue 18, R-K1): the holder (or a supervisor: reassign from the floor)
  // hands an assigned task to a queue or to a named agent, with a note. It leaves its
  // agent at once; a named agent is offered it now (they must be Ready with room for
  // it and no other offer: else 409 naming "agent"), and if they miss or decline it,
  // it waits in its queue for the others. 403 not theirs, 409 not assigned, 404 an
  // unknown queue or agent, 422 a transfer to its own agent.
  std::variant<TaskInHand, WorkError> transfer(Id task, const Agent& by,
                                               const TransferDraft& draft);
  // Consult (issue 18): the holder of a chat invites a colleague into it; they read and
  // write in it until they leave (or the task closes or moves on). Only the holder closes.
  std::variant<TaskInHand, WorkError> consult(Id task, const Agent& by, const ConsultDraft& draft);
  std::variant<TaskInHand, WorkError> leave_consult(Id task, const Agent& by);
  // The queue list (R-A5). Notes the agent as showing it (showing_queue_list) in the
  // same step as the read, so a change after the read reaches them.
  std::vector<QueueEntry> queue_for(const Agent& agent);
  // `agent`'s desktop shows the queue list, or may (its event stream just opened): the
  // next queue.changed of a queue they serve reaches them. Each queue.changed reaches
  // the supervisors and, of the agents serving its queue, only those noted since their
  // last one: a desktop showing the list reloads it on the event (a read, so noted
  // again), one showing something else does not and hears no more (issue 15: at
  // 10,000 agents the event went to all of them five times a second).
  void showing_queue_list(Id agent);
  std::vector<TaskInHand> tasks_of(Id agent);
  // Closed work items (R-F7): what the agent closed lately, newest first.
  std::vector<TaskInHand> closed_of(Id agent, int limit);
  std::optional<TaskInHand> task_in_hand(Id task);
  // The widget's view of its chat (by the chat's activity): waiting with its place in
  // the queue, with an agent, or ended.
  WidgetChatState widget_chat_state(Id activity);

  // The wrap-up list close checks against, read again after an admin changed it.
  void reload_wrap_up_codes();
  // The agent's state, queues, skills or capacity changed in the store: noted, read
  // again (with the others noted meanwhile) by the next step that takes the router's
  // lock, and a round is asked for to look for offers.
  void agent_changed(Id agent);
  // A queue was added or changed: read the queues again and look for offers.
  void queues_changed();

  // What the router has spent deciding (expiring and making offers, not telling):
  // rounds and their summed time, for /metrics.
  struct Effort {
    std::int64_t rounds = 0;
    double seconds = 0;
  };
  Effort effort() const;
  // Whether this node leads routing now (always on a store one node writes).
  bool leading() const { return leading_.load(); }

 private:
  void loop();
  // Both run with lock_ held. load_board builds the board on first use and takes in
  // the agents noted by agent_changed since the last call, and what other nodes told.
  void load_board();
  // Node news (issue 17), with lock_ held: the board takes a change made here, and it
  // is noted for the other nodes (tell_nodes publishes what was noted, once per step).
  void changed_task(const Task& task);
  void changed_agent(const Agent& agent);
  void note_declined(const Declined& declined);
  void tell_nodes();
  // Another node's news, from the event log's reader (not under lock_): noted for the
  // next load_board, and a nudge.
  void heard(std::string_view data);
  void apply_heard();
  // What the agent holds now, to decide a pull or a named transfer by: as stored (with
  // the agent locked, in the caller's unit of work) when nodes share the store, else
  // the board's.
  std::vector<Task> hands_of(Id agent);
  // Whether an offer of `task` to `agent` may be stored: with nodes sharing the store,
  // checks the agent as stored (Ready, no other offer, room in the channel), in the
  // caller's unit of work.
  bool may_offer(const Task& task);
  void expire_offers(Time now);
  void make_offers(Time now);
  std::optional<Time> next_deadline();
  // The agent's last task left their hands now: stored, and they go to the back of
  // the line (idle_since).
  void task_ended_for(Id agent, Time now);
  TaskInHand in_hand(const Task& task);
  // The lines that record a hand-on or a consult (transfer, consult), in the unit of work.
  Handoff handoff_line(const Task& task, HandoffKind kind, const Agent& by, Time now);
  // Ends the consults of a task that moved on (transferred): a line for each guest.
  std::vector<Id> end_consults(const Task& task, const Agent& by, Time now);
  // Tells the chats' places at once for every queue the round's changes touched, and
  // queue.changed to the agents serving each and the supervisors, coalesced: the first
  // change opens a window of kQueueNewsWindow (on the router's clock), and the queues
  // touched until it ends are told once when it does (an ingest, its offer, the accept
  // and the close of one chat are one message to each desktop, not four). The desktop
  // reloads on it, so it sees the counts as they are then.
  void tell_touched_queues(Time now);
  // The end of the open window, if queues wait to be told.
  std::optional<Time> queue_news_due() const;
  // Tells each waiting chat of `queue` its new place when it changed (chat.queue).
  void tell_queue_places(Id queue);
  // One task transition (accept, close): under lock_, in one unit of work, on the task
  // as stored (404 when there is none). `step(task, now, work)` commits `work` itself
  // before it publishes.
  template <class Step>
  std::variant<TaskInHand, WorkError> transition(Id task, Step step);

  store::Store& store_;
  events::EventHub& events_;
  const Clock& clock_;
  const Duration offer_timeout_;
  const RecordWatch& watch_;
  std::vector<WrapUpCode> wrap_up_codes_;  // under lock_
  RoutingBoard board_;                     // under lock_
  bool board_loaded_ = false;
  // Recent declines, in memory: a restart forgets them, which only means a task may
  // be offered again to whoever declined it.
  std::vector<Declined> declined_;
  // The place each waiting chat was last told (activity → queue, place), under lock_.
  struct ToldPlace {
    Id queue = 0;
    int position = 0;
  };
  std::map<Id, ToldPlace> told_places_;
  std::set<Id> touched_queues_;            // under lock_: queues to tell about after the round
  std::set<Id> queue_news_;                // under lock_: queue.changed not sent yet
  std::set<Id> queue_list_shown_;          // under lock_: see showing_queue_list
  std::optional<Time> queue_news_opened_;  // under lock_: when its window began
  // Nodes sharing the store (issue 17). leading_ changes under lock_.
  const bool shared_;
  std::atomic<bool> leading_;
  const std::uint64_t node_;  // random: tells this node's news from the others'
  struct News {
    std::set<Id> tasks;
    std::set<Id> agents;
    bool queues = false;
    bool wrap_up_codes = false;
    std::vector<Declined> declined;
    bool empty() const {
      return tasks.empty() && agents.empty() && !queues && !wrap_up_codes && declined.empty();
    }
  };
  News told_;  // under lock_: this node's changes, not yet published
  std::mutex heard_mutex_;
  News heard_;  // under heard_mutex_: other nodes' changes, not yet on the board
  std::atomic<std::int64_t> rounds_{0};
  std::atomic<std::int64_t> deciding_ns_{0};

  std::mutex lock_;  // every task transition, board_ and declined_
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool nudged_ = false;             // under wake_mutex_: a round is due
  std::vector<Id> changed_agents_;  // under wake_mutex_: see agent_changed
  bool stopping_ = false;
  std::thread thread_;
};

// Defined here: routing_service.cpp and routing_transfer.cpp both make transitions.
template <class Step>
std::variant<TaskInHand, WorkError> RoutingService::transition(Id task_id, Step step) {
  std::variant<TaskInHand, WorkError> outcome;
  {
    std::lock_guard guard(lock_);
    load_board();
    store::Store::UnitOfWork work(store_);
    auto task = store_.task(task_id);
    if (!task) return WorkError{404, make_error(ErrorCode::not_found, "task", "no such task")};
    outcome = step(*task, time_from_unix_ms(clock_.now_ms()), work);
    tell_nodes();
  }
  // Capacity changed, or a task left a queue: others may be offered what is left.
  if (std::holds_alternative<TaskInHand>(outcome)) nudge();
  return outcome;
}

}  // namespace care::server::services
