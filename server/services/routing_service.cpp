#include "services/routing_service.hpp"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>

#include "care/rules/accept.hpp"
#include "care/rules/close.hpp"
#include "care/rules/concurrency.hpp"
#include "care/rules/routing.hpp"
#include "events/publish.hpp"
#include "http/log.hpp"
#include "services/audiences.hpp"

namespace care::server::services {
namespace {

// With no deadline pending, look again this often anyway (a missed nudge costs at
// most this much delay, never a stuck task). A node that does not lead routing tries
// to take the lead as often.
constexpr auto kIdleRecheck = std::chrono::seconds(1);
// What the router tells the other nodes it changed (issue 17): reaches no stream.
constexpr std::string_view kRoutingNews = "node.routing";

std::uint64_t random_node_id() {
  std::random_device seed;
  return (std::uint64_t{seed()} << 32) ^ seed();
}

WorkError work_error(int status, ErrorCode code, std::string_view field, std::string_view rule) {
  return WorkError{status, make_error(code, field, rule)};
}

// The title a new request gets from the interaction that opened it (R-A7).
std::string first_title(const Activity& activity) {
  std::string text = activity.subject;
  if (text.empty() && !activity.messages.empty()) text = activity.messages.front().text;
  if (text.empty()) text = std::string(enum_name(activity.media)) + " from " + activity.from;
  // A title is one line; keep it short enough to read in a list.
  text = text.substr(0, text.find('\n'));
  size_t cut = 0;
  size_t characters = 0;
  while (cut < text.size() && characters < 80) {
    unsigned char lead = static_cast<unsigned char>(text[cut]);
    cut += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    ++characters;
  }
  return text.substr(0, std::min(cut, text.size()));
}

}  // namespace

RoutingService::RoutingService(store::Store& store, events::EventHub& events, const Clock& clock,
                               Duration offer_timeout, const RecordWatch& watch)
    : store_(store),
      events_(events),
      clock_(clock),
      offer_timeout_(offer_timeout),
      watch_(watch),
      shared_(store.shared_by_nodes()),
      leading_(!shared_),
      node_(random_node_id()) {
  wrap_up_codes_ = store_.wrap_up_codes();
  if (shared_) {
    events_.on_node_news([this](std::string_view type, std::string_view data) {
      if (type == kRoutingNews) heard(data);
    });
  }
}

void RoutingService::agent_changed(Id agent) {
  // Noted, not read here: the router's next round (or whoever takes lock_ first) reads
  // every agent noted meanwhile in one go, so a floor going Ready at once costs one
  // round and one wake-up a batch, not a lock and a read each (issue 15).
  {
    std::lock_guard guard(wake_mutex_);
    changed_agents_.push_back(agent);
  }
  nudge();
}

void RoutingService::changed_task(const Task& task) {
  board_.put_task(task);
  if (shared_) told_.tasks.insert(task.id);
}

void RoutingService::changed_agent(const Agent& agent) {
  board_.put_agent(agent);
  if (shared_) told_.agents.insert(agent.id);
}

void RoutingService::note_declined(const Declined& declined) {
  declined_.push_back(declined);
  if (shared_) told_.declined.push_back(declined);
}

void RoutingService::tell_nodes() {
  if (!shared_ || told_.empty()) return;
  nlohmann::json news = {{"from", node_}};
  if (!told_.tasks.empty()) news["tasks"] = told_.tasks;
  if (!told_.agents.empty()) news["agents"] = told_.agents;
  if (told_.queues) news["queues"] = true;
  if (told_.wrap_up_codes) news["wrap_up_codes"] = true;
  for (const Declined& d : told_.declined)
    news["declined"].push_back({d.task, d.agent, unix_ms(d.until)});
  told_ = News{};
  events_.publish(kRoutingNews, news, events::Audience{});
}

void RoutingService::heard(std::string_view data) {
  // Other nodes' news only; a malformed one is dropped (the next rebuild has it all).
  nlohmann::json news = nlohmann::json::parse(data, nullptr, false);
  if (!news.is_object() || news.value("from", std::uint64_t{0}) == node_) return;
  {
    std::lock_guard guard(heard_mutex_);
    try {
      for (const auto& id : news.value("tasks", nlohmann::json::array()))
        heard_.tasks.insert(id.get<Id>());
      for (const auto& id : news.value("agents", nlohmann::json::array()))
        heard_.agents.insert(id.get<Id>());
      heard_.queues = heard_.queues || news.value("queues", false);
      heard_.wrap_up_codes = heard_.wrap_up_codes || news.value("wrap_up_codes", false);
      for (const auto& d : news.value("declined", nlohmann::json::array())) {
        heard_.declined.push_back(Declined{d.at(0).get<Id>(), d.at(1).get<Id>(),
                                           time_from_unix_ms(d.at(2).get<std::int64_t>())});
      }
    } catch (const nlohmann::json::exception&) {
      return;
    }
  }
  nudge();
}

void RoutingService::apply_heard() {
  News news;
  {
    std::lock_guard guard(heard_mutex_);
    std::swap(news, heard_);
  }
  if (news.queues) board_.set_queues(store_.queues());
  if (news.wrap_up_codes) wrap_up_codes_ = store_.wrap_up_codes();
  for (Id id : news.agents) {
    if (auto stored = store_.routing_agent(id)) board_.put_agent(*stored);
  }
  for (Id id : news.tasks) {
    auto stored = store_.task(id);
    if (!stored) continue;
    // Read under lock_, so never older than what this node put there itself.
    const Task* known = board_.task(id);
    if (!known || known->version <= stored->version) board_.put_task(*stored);
  }
  declined_.insert(declined_.end(), news.declined.begin(), news.declined.end());
}

std::vector<Task> RoutingService::hands_of(Id agent) {
  if (!shared_) return board_.tasks_of(agent);
  auto hands = store_.agent_hands(agent);
  return hands ? hands->tasks : std::vector<Task>{};
}

bool RoutingService::may_offer(const Task& task) {
  if (!shared_) return true;
  auto hands = store_.agent_hands(*task.agent);
  if (!hands || hands->presence != Presence::ready) return false;
  for (const Task& held : hands->tasks) {
    if (held.state == TaskState::offered && held.id != task.id) return false;
  }
  return load(*task.agent, task.channel, hands->tasks) <
         capacity_for(hands->capacity, task.channel);
}

void RoutingService::showing_queue_list(Id agent) {
  std::lock_guard guard(lock_);
  queue_list_shown_.insert(agent);
}

void RoutingService::queues_changed() {
  {
    std::lock_guard guard(lock_);
    if (board_loaded_) board_.set_queues(store_.queues());
    told_.queues = shared_;
    tell_nodes();
  }
  nudge();
}

void RoutingService::load_board() {
  std::vector<Id> changed;
  {
    std::lock_guard guard(wake_mutex_);
    changed.swap(changed_agents_);
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  // The other nodes' boards take these agents from the store too (node news).
  if (shared_) told_.agents.insert(changed.begin(), changed.end());
  if (board_loaded_) {
    if (shared_) apply_heard();
    if (changed.empty()) return;
    try {
      store::Store::ReadTogether reading(store_);
      for (Id agent : changed) {
        if (auto stored = store_.routing_agent(agent)) board_.put_agent(*stored);
      }
    } catch (...) {
      // Not lost: read again at the next step (reading one twice does no harm).
      std::lock_guard guard(wake_mutex_);
      changed_agents_.insert(changed_agents_.end(), changed.begin(), changed.end());
      throw;
    }
    tell_nodes();
    return;
  }
  if (shared_) {
    // What was heard so far is in what is read now.
    std::lock_guard heard(heard_mutex_);
    heard_ = News{};
  }
  board_ = RoutingBoard{};
  board_.set_queues(store_.queues());
  for (const Agent& agent : store_.routing_agents())
    board_.put_agent(agent);
  for (const Task& task : store_.open_tasks())
    board_.put_task(task);
  board_loaded_ = true;
}

void RoutingService::reload_wrap_up_codes() {
  std::vector<WrapUpCode> codes = store_.wrap_up_codes();
  std::lock_guard guard(lock_);
  wrap_up_codes_ = std::move(codes);
  told_.wrap_up_codes = shared_;
  tell_nodes();
}

RoutingService::~RoutingService() {
  stop();
  if (shared_) events_.on_node_news(nullptr);
}

void RoutingService::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void RoutingService::stop() {
  {
    std::lock_guard guard(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RoutingService::nudge() {
  {
    std::lock_guard guard(wake_mutex_);
    if (nudged_) return;  // a round is due already and will see this change too
    nudged_ = true;
  }
  wake_.notify_one();  // only the router's thread waits here
}

void RoutingService::loop() {
  for (;;) {
    http::run_step_logging_failure("routing", [this] { route_now(); });
    std::optional<Time> deadline;
    http::run_step_logging_failure("routing", [&] {
      std::lock_guard guard(lock_);
      if (leading_) deadline = next_deadline();
      if (auto due = queue_news_due(); due && (!deadline || *due < *deadline)) deadline = due;
    });
    std::unique_lock wait(wake_mutex_);
    auto until = std::chrono::steady_clock::now() + kIdleRecheck;
    if (deadline) {
      auto left = std::chrono::milliseconds(unix_ms(*deadline) - clock_.now_ms() + 1);
      until = std::min(
          until, std::chrono::steady_clock::now() + std::max(left, std::chrono::milliseconds(0)));
    }
    wake_.wait_until(wait, until, [this] { return stopping_ || nudged_; });
    if (stopping_) return;
    nudged_ = false;
  }
}

void RoutingService::route_now() {
  const bool lead = !shared_ || store_.routing_lead();
  std::lock_guard guard(lock_);
  if (lead != leading_) {
    // Taking the lead: the board is read again whole, so the offers a leader that is
    // gone made expire here, and nothing another node did is missed.
    if (lead) board_loaded_ = false;
    leading_ = lead;
    http::log_line(
        {{"level", "info"},
         {"message", lead ? "routing: this node leads" : "routing: another node leads"}});
  }
  load_board();
  auto started = std::chrono::steady_clock::now();
  Time now = time_from_unix_ms(clock_.now_ms());
  if (leading_) {
    expire_offers(now);
    make_offers(now);
  }
  deciding_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  rounds_ += 1;
  tell_touched_queues(now);
  tell_nodes();
}

RoutingService::Effort RoutingService::effort() const {
  return Effort{rounds_.load(), static_cast<double>(deciding_ns_.load()) / 1e9};
}

void RoutingService::tell_touched_queues(Time now) {
  for (Id queue : touched_queues_)
    tell_queue_places(queue);
  queue_news_.merge(touched_queues_);
  touched_queues_.clear();
  if (queue_news_.empty()) return;
  if (!queue_news_opened_) queue_news_opened_ = now;
  // A wall clock set back must not hold the news for as long: told then too.
  if (now < *queue_news_due() && now >= *queue_news_opened_) return;
  // Who is told is decided for every queue first: an agent serving two changed queues
  // hears of both, then reloads (and is noted again) once.
  std::vector<std::pair<Id, std::vector<Id>>> audiences;
  for (Id queue : queue_news_) {
    const std::vector<Id> serving = board_.serving(queue);  // sorted
    std::vector<Id> showing;
    std::set_intersection(serving.begin(), serving.end(), queue_list_shown_.begin(),
                          queue_list_shown_.end(), std::back_inserter(showing));
    audiences.emplace_back(queue, std::move(showing));
  }
  for (auto& [queue, showing] : audiences) {
    for (Id agent : showing)
      queue_list_shown_.erase(agent);
    events::publish(events_, QueueChanged{queue},
                    events::Audience::some(std::move(showing)).and_role(store::Role::Supervisor));
  }
  queue_news_.clear();
  queue_news_opened_.reset();
}

std::optional<Time> RoutingService::queue_news_due() const {
  if (!queue_news_opened_) return std::nullopt;
  return *queue_news_opened_ + kQueueNewsWindow;
}

std::optional<Time> RoutingService::next_deadline() {
  load_board();
  return board_.next_deadline();
}

void RoutingService::task_ended_for(Id agent, Time now) {
  store_.set_agent_last_task_end(agent, now);
}

void RoutingService::expire_offers(Time now) {
  for (const Task& task : board_.expired_offers(now)) {
    auto agent = store_.routing_agent(*task.agent);
    std::optional<MissedOffer> missed;
    if (agent) {
      if (auto miss = miss_offer(task, *agent, now)) missed = *miss;
    }
    if (!missed || !store_.save_task(missed->task, task.version, 0)) {
      // The board was behind the store: take the task as stored.
      if (auto stored = store_.task(task.id)) board_.put_task(*stored);
      continue;
    }
    // The router, not the agent, changed the state: no actor in the audit trail.
    store_.set_agent_state(agent->id, enum_name(missed->agent.state.presence),
                           missed->agent.state.reason, std::nullopt, unix_ms(now));
    changed_task(missed->task);
    changed_agent(missed->agent);
    events::publish(events_, TaskWithdrawn{task.id, agent->id, std::string(kMissedOfferReason)},
                    events::Audience::agent(agent->id));
    events::publish(events_, AgentStateChanged{agent->id, missed->agent.state},
                    agent_and_supervisors(agent->id));
    touched_queues_.insert(task.queue);
  }
}

void RoutingService::make_offers(Time now) {
  std::erase_if(declined_, [&](const Declined& d) { return d.until <= now; });
  std::vector<Task> offered;
  std::vector<Id> behind;         // tasks the store had changed under the board
  std::vector<Id> agents_behind;  // agents another node changed (shared store)
  board_.make_offers(now, offer_timeout_, declined_, [&](const Task& offer) {
    if (!shared_) {
      if (store_.save_task(offer, offer.version - 1, 0)) {
        offered.push_back(offer);
        return true;
      }
      behind.push_back(offer.id);
      return false;
    }
    store::Store::UnitOfWork work(store_);
    // The task as stored first: on PostgreSQL that locks its row, and a unit locks the
    // task before the agent (may_offer), as transitions do, so they never wait on each
    // other in a circle.
    (void)store_.task(offer.id);
    if (!may_offer(offer)) {
      agents_behind.push_back(*offer.agent);
      return false;
    }
    if (!store_.save_task(offer, offer.version - 1, 0)) {
      behind.push_back(offer.id);
      return false;
    }
    work.commit();
    offered.push_back(offer);
    return true;
  });
  for (Id id : behind) {
    if (auto stored = store_.task(id)) board_.put_task(*stored);
  }
  for (Id id : agents_behind) {
    if (auto stored = store_.routing_agent(id)) board_.put_agent(*stored);
    for (const Task& held : hands_of(id))
      board_.put_task(held);
  }
  for (const Task& task : offered) {
    if (shared_) told_.tasks.insert(task.id);
    events::publish(events_, TaskOffered{task.id, *task.agent, *task.offer_deadline},
                    events::Audience::agent(*task.agent));
    touched_queues_.insert(task.queue);
  }
}

void RoutingService::tell_queue_places(Id queue) {
  std::vector<Task> waiting = board_.waiting_in(queue);
  std::map<Id, int> places;
  for (size_t i = 0; i < waiting.size(); ++i) {
    if (waiting[i].channel == Channel::chat) {
      places[waiting[i].activity] = static_cast<int>(i) + 1;
    }
  }
  std::erase_if(told_places_, [&](const auto& told) {
    return told.second.queue == queue && !places.count(told.first);
  });
  for (const auto& [activity, position] : places) {
    ToldPlace& told = told_places_[activity];
    if (told.queue == queue && told.position == position) continue;
    told = ToldPlace{queue, position};
    events::publish(events_, ChatQueuePlace{position}, widget_audience(activity));
  }
}

WidgetChatState RoutingService::widget_chat_state(Id activity) {
  std::lock_guard guard(lock_);
  load_board();
  auto task = board_.task_of_activity(activity);
  WidgetChatState state;
  if (!task) return state;
  if (task->state == TaskState::assigned) {
    state.stage = WidgetChatState::Stage::with_agent;
    if (task->agent) {
      if (auto agent = store_.routing_agent(*task->agent); agent) {
        state.agent = agent->display_name;
      }
    }
    return state;
  }
  state.stage = WidgetChatState::Stage::waiting;
  std::vector<Task> waiting = board_.waiting_in(task->queue);
  for (size_t i = 0; i < waiting.size(); ++i) {
    if (waiting[i].activity == activity) state.position = static_cast<int>(i) + 1;
  }
  return state;
}

Task RoutingService::enqueue(const Activity& activity, Id queue, std::vector<std::string> skills) {
  Task task;
  task.activity = activity.id;
  task.queue = queue;
  task.channel = channel_of(activity.media).value_or(Channel::chat);
  task.state = TaskState::queued;
  task.skills = std::move(skills);
  task.waiting_since = time_from_unix_ms(clock_.now_ms());
  {
    std::lock_guard guard(lock_);
    load_board();
    task = store_.create_task(task);
    changed_task(task);
    touched_queues_.insert(task.queue);  // told after the router's round, with its offer
    tell_nodes();
  }
  nudge();
  return task;
}

TaskInHand RoutingService::in_hand(const Task& task) {
  TaskInHand hand{task,
                  store_.activity(task.activity).value_or(Activity{}),
                  std::nullopt,
                  std::nullopt,
                  store_.handoffs_of(task.activity),
                  false};
  if (hand.activity.customer) hand.customer = store_.customer(*hand.activity.customer);
  if (hand.activity.request) hand.request = store_.request(*hand.activity.request);
  return hand;
}

std::variant<TaskInHand, WorkError> RoutingService::accept(Id task_id, Id agent_id) {
  // The task, the request it may open and the activity commit together or not at all.
  return transition(
      task_id,
      [&](const Task& task, Time now,
          store::Store::UnitOfWork& work) -> std::variant<TaskInHand, WorkError> {
        auto agent = store_.routing_agent(agent_id);
        if (!agent) return work_error(404, ErrorCode::not_found, "agent", "no such agent");
        if (task.state == TaskState::queued) {
          // Across nodes, the agent's hands as stored (locked until this commits): two
          // nodes pulling for one agent at once never take them over capacity.
          const Queue* queue = board_.queue(task.queue);
          if (shared_ ? !queue || !can_take(*agent, task, *queue, hands_of(agent_id))
                      : !board_.can_take(*agent, task)) {
            return work_error(403, ErrorCode::not_allowed, "task",
                              "this task needs a queue, skills or free capacity you do not have");
          }
        }
        auto accepted = accept_task(task, agent_id, now);
        if (!accepted) return WorkError{409, accepted.error()};
        if (!store_.save_task(*accepted, task.version, agent_id)) {
          return work_error(409, ErrorCode::conflict, "task", "another agent took this task first");
        }

        // R-A7: the activity joins the customer's most recent open request, else a new one.
        Activity activity = store_.activity(accepted->activity).value_or(Activity{});
        bool activity_changed = false;
        if (!activity.request) {
          std::vector<Request> requests;
          if (activity.customer) requests = store_.requests_of(*activity.customer);
          std::optional<Id> joined = request_for_accept(activity.customer, requests);
          if (!joined) {
            Request fresh;
            fresh.customer = activity.customer.value_or(0);
            fresh.title = first_title(activity);
            fresh.created_at = now;
            fresh.updated = Stamp{agent_id, now};
            joined = store_.create_request(fresh, agent_id).id;
          }
          Version edited = activity.version;
          activity.request = joined;
          activity.context.started_at = now;
          activity.context.wait_time =
              std::chrono::duration_cast<Duration>(now - accepted->waiting_since);
          record_change(activity, agent_id, now);
          if (!store_.save_activity(activity, edited, agent_id)) {
            return work_error(409, ErrorCode::conflict, "activity",
                              "the conversation changed meanwhile; accept again");
          }
          activity_changed = true;
        }
        TaskInHand hand = in_hand(*accepted);
        work.commit();
        changed_task(*accepted);

        if (activity_changed) {
          events::publish(
              events_,
              RecordChanged{RecordType::activity, activity.id, activity.version, activity.updated},
              activity_watchers(watch_, activity, agent_id));
        }
        events::publish(events_, TaskAssigned{accepted->id, agent_id},
                        events::Audience::agent(agent_id));
        touched_queues_.insert(accepted->queue);  // told by the router's round
        if (activity.media == MediaType::chat) {
          events::publish(events_, ChatJoined{agent->display_name}, widget_audience(activity.id));
        }
        return hand;
      });
}

std::variant<TaskInHand, WorkError> RoutingService::decline(Id task_id, Id agent_id) {
  return transition(
      task_id,
      [&](const Task& task, Time now,
          store::Store::UnitOfWork& work) -> std::variant<TaskInHand, WorkError> {
        auto declined = decline_offer(task, agent_id);
        if (!declined) return WorkError{409, declined.error()};
        if (!store_.save_task(*declined, task.version, agent_id)) {
          return work_error(409, ErrorCode::conflict, "task", "the offer changed meanwhile");
        }
        task_ended_for(agent_id, now);
        TaskInHand hand = in_hand(*declined);
        work.commit();
        changed_task(*declined);
        if (auto agent = store_.routing_agent(agent_id)) changed_agent(*agent);
        note_declined(Declined{task.id, agent_id, now + kDeclineCooldown});
        events::publish(events_, TaskWithdrawn{task.id, agent_id, std::string(kDeclinedReason)},
                        events::Audience::agent(agent_id));
        touched_queues_.insert(declined->queue);
        return hand;
      });
}

bool RoutingService::abandon(Id activity_id) {
  {
    std::lock_guard guard(lock_);
    load_board();
    store::Store::UnitOfWork work(store_);
    auto task = store_.task_of_activity(activity_id);
    if (!task) return false;
    Time now = time_from_unix_ms(clock_.now_ms());
    auto abandoned = abandon_task(*task, now);
    if (!abandoned || !store_.save_task(*abandoned, task->version, 0)) return false;
    auto activity = store_.activity(activity_id);
    if (!activity) return false;
    Version edited = activity->version;
    activity->closed_at = now;
    record_change(*activity, 0, now);
    if (!store_.save_activity(*activity, edited, 0)) return false;
    work.commit();
    changed_task(*abandoned);
    tell_nodes();

    if (task->state == TaskState::offered && task->agent) {
      // The agent's desktop drops the offer; they stay Ready (nothing was missed).
      events::publish(events_, TaskWithdrawn{task->id, *task->agent, std::string(kAbandonedReason)},
                      events::Audience::agent(*task->agent));
    }
    events::publish(
        events_,
        RecordChanged{RecordType::activity, activity->id, activity->version, activity->updated},
        activity_watchers(watch_, *activity, task->agent));
    touched_queues_.insert(task->queue);
  }
  nudge();  // an agent's capacity may be free again; tells the touched queue
  return true;
}

std::variant<TaskInHand, WorkError> RoutingService::close(Id task_id, const Agent& agent,
                                                          const CloseAnswers& answers,
                                                          bool unsaved_customer_changes) {
  // The task and the activity's closed_at and wrap-up commit together. Inside the unit
  // nobody else writes, so the activity read here is the one the close writes over: a
  // tag edit either landed before (and is kept) or gets 409 after.
  return transition(
      task_id,
      [&](const Task& task, Time now,
          store::Store::UnitOfWork& work) -> std::variant<TaskInHand, WorkError> {
        if (task.agent != agent.id) {
          return work_error(403, ErrorCode::not_allowed, "task", "this task is not yours");
        }
        Activity activity = store_.activity(task.activity).value_or(Activity{});
        CloseSituation situation{unsaved_customer_changes, activity.customer.has_value(),
                                 wrap_up_codes_};
        if (Status checked = check_close(situation, answers); !checked) {
          return WorkError{422, checked.error()};
        }
        if (answers.unknown_contact == UnknownContactChoice::create && !activity.customer) {
          return work_error(422, ErrorCode::missing, "customer",
                            "create the customer first, then close");
        }
        auto closed = close_task(task, agent.id, now);
        if (!closed) return WorkError{409, closed.error()};
        if (!store_.save_task(*closed, task.version, agent.id)) {
          return work_error(409, ErrorCode::conflict, "task", "the task changed meanwhile");
        }
        // Closing is not an edit of the activity's fields, so it never conflicts with one.
        Version edited = activity.version;
        activity.closed_at = now;
        activity.wrap_up = answers.wrap_up;
        record_change(activity, agent.id, now);
        if (!store_.save_activity(activity, edited, agent.id)) {
          return work_error(409, ErrorCode::conflict, "activity",
                            "the conversation changed meanwhile; close again");
        }
        task_ended_for(agent.id, now);
        TaskInHand hand = in_hand(*closed);
        work.commit();
        changed_task(*closed);
        if (auto stored = store_.routing_agent(agent.id)) changed_agent(*stored);

        events::publish(
            events_,
            RecordChanged{RecordType::activity, activity.id, activity.version, activity.updated},
            activity_watchers(watch_, activity, agent.id));
        if (activity.media == MediaType::chat) {
          events::publish(events_, ChatEnded{}, widget_audience(activity.id));
        }
        touched_queues_.insert(closed->queue);  // handled counts (R-H3)
        return hand;
      });
}

std::vector<QueueEntry> RoutingService::queue_for(const Agent& agent) {
  std::vector<QueueEntry> entries;
  std::vector<Queue> queues = store_.queues();
  std::vector<Task> tasks;
  {
    std::lock_guard guard(lock_);
    load_board();
    queue_list_shown_.insert(agent.id);
    tasks = board_.queued_in(agent.queues);
    for (const Task& task : board_.tasks_of(agent.id)) {
      if (task.state == TaskState::offered &&
          std::find(agent.queues.begin(), agent.queues.end(), task.queue) != agent.queues.end()) {
        tasks.push_back(task);
      }
    }
  }
  std::sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) { return a.id < b.id; });
  for (const Task& task : tasks) {
    QueueEntry entry;
    entry.task = task;
    entry.activity = store_.activity(task.activity).value_or(Activity{});
    entry.activity.messages.resize(std::min<size_t>(entry.activity.messages.size(), 3));
    if (entry.activity.customer) {
      entry.customer = store_.customer(*entry.activity.customer);
      std::vector<Request> requests = store_.requests_of(*entry.activity.customer);
      if (auto pick = request_for_accept(entry.activity.customer, requests)) {
        entry.request = store_.request(*pick);
      }
    }
    for (const Queue& q : queues) {
      if (q.id == task.queue) entry.queue_name = q.name;
    }
    entries.push_back(std::move(entry));
  }
  // The longest waiting first, as routing would take them (R-A3).
  std::stable_sort(entries.begin(), entries.end(), [](const QueueEntry& a, const QueueEntry& b) {
    return a.task.waiting_since < b.task.waiting_since;
  });
  return entries;
}

std::vector<TaskInHand> RoutingService::closed_of(Id agent, int limit) {
  std::vector<TaskInHand> hands;
  for (const Task& task : store_.closed_tasks_of(agent, limit))
    hands.push_back(in_hand(task));
  return hands;
}

std::vector<TaskInHand> RoutingService::tasks_of(Id agent) {
  std::vector<Task> tasks;
  {
    std::lock_guard guard(lock_);
    load_board();
    tasks = board_.tasks_of(agent);
  }
  std::vector<TaskInHand> hands;
  for (const Task& task : tasks)
    hands.push_back(in_hand(task));
  // The chats a colleague invited them into (issue 18: consult), after their own.
  for (Id consulted : store_.consulted_tasks(agent)) {
    if (auto task = store_.task(consulted)) {
      hands.push_back(in_hand(*task));
      hands.back().guest = true;
    }
  }
  return hands;
}

std::optional<TaskInHand> RoutingService::task_in_hand(Id task) {
  auto found = store_.task(task);
  if (!found) return std::nullopt;
  return in_hand(*found);
}

}  // namespace care::server::services
