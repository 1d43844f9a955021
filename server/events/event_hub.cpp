#include "events/event_hub.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

#include "care/event_names.hpp"
#include "http/log.hpp"

namespace care::server::events {
namespace {

// Events live in memory only, so ids restart with the process. Starting each run at
// the wall clock in ms × 1000 keeps ids increasing across restarts (unless a run
// publishes more than 1,000 events per millisecond of its life), and a Last-Event-ID
// from an earlier run is below first_id_ and gets a resync instead of wrong replays.
// Stays below 2^53, so JavaScript reads it exactly.
std::int64_t wall_clock_first_id() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  return static_cast<std::int64_t>(ms) * 1000;
}

std::string frame(std::int64_t id, std::string_view type, const std::string& data) {
  std::string text;
  text.reserve(data.size() + type.size() + 40);
  text += "id: ";
  text += std::to_string(id);
  text += "\nevent: ";
  text += type;
  text += "\ndata: ";
  text += data;  // json::dump() escapes newlines, so the data is one line
  text += "\n\n";
  return text;
}

}  // namespace

bool Audience::includes(std::int64_t agent_id, store::Role role) const {
  // Listeners that are not agents (ids ≤ 0: the chat widget's conversations) hear
  // only what names them, never what is meant for all agents or for a role.
  if (agent_id <= 0) return std::binary_search(agents.begin(), agents.end(), agent_id);
  if (everyone) return true;
  if (min_role && static_cast<int>(role) >= static_cast<int>(*min_role)) return true;
  return std::binary_search(agents.begin(), agents.end(), agent_id);
}

Subscriber::Batch Subscriber::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, timeout, [&] { return closed_ || resync_at_ || !queue_.empty(); });
  return take_locked(lock);
}

Subscriber::Batch Subscriber::take() {
  std::unique_lock lock(mutex_);
  return take_locked(lock);
}

Subscriber::Batch Subscriber::take_locked(std::unique_lock<std::mutex>& lock) {
  Batch batch;
  if (resync_at_) {
    batch.text = EventHub::resync_frame(*resync_at_, resync_reason_);
    resync_at_.reset();
  }
  std::deque<std::shared_ptr<const Event>> events;
  events.swap(queue_);
  batch.closed = closed_;
  ready_ = false;
  urgent_ = false;
  lock.unlock();
  // Rendered outside the lock so publishers never wait on this copy.
  for (const auto& event : events)
    batch.text += event->frame;
  return batch;
}

void Subscriber::attach(StreamWaker* waker) {
  StreamWaker* tell = nullptr;
  {
    std::lock_guard lock(mutex_);
    waker_ = waker;
    if (closed_ || resync_at_ || !queue_.empty()) tell = mark_ready_locked(true);
  }
  if (tell) tell->ready({shared_from_this()}, true);
}

bool Subscriber::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

StreamWaker* Subscriber::mark_ready_locked(bool urgent) {
  if (!waker_) return nullptr;
  if (!ready_) {
    ready_ = true;
    urgent_ = urgent;
    return waker_;
  }
  // Waiting in a fan-out that is being written: an event of its own (an offer) moves
  // it ahead rather than waiting for the fan-out to reach it.
  if (!urgent || urgent_) return nullptr;
  urgent_ = true;
  return waker_;
}

StreamWaker* Subscriber::push(const std::shared_ptr<const Event>& event, size_t capacity,
                              bool urgent) {
  StreamWaker* tell = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return nullptr;
    if (queue_.size() >= capacity) {
      // A slow reader must not grow memory without bound: drop what it has not
      // read and tell it to reload; it resumes after this event.
      queue_.clear();
      resync_at_ = event->id;
      resync_reason_ = "overflow";
    } else {
      queue_.push_back(event);
    }
    tell = mark_ready_locked(urgent);
    if (waker_) return tell;
  }
  wake_.notify_one();
  return nullptr;
}

void Subscriber::request_resync(std::int64_t at_id, std::string_view reason) {
  std::lock_guard lock(mutex_);
  queue_.clear();
  resync_at_ = at_id;
  resync_reason_ = reason;
}

void Subscriber::close() {
  StreamWaker* tell = nullptr;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    // Told even when already ready: a stream waiting on a full socket is not being
    // drained, and must still hear that it is to close.
    ready_ = waker_ != nullptr;
    urgent_ = ready_;
    tell = waker_;
  }
  wake_.notify_one();
  if (tell) tell->ready({shared_from_this()}, true);
}

EventHub::EventHub(Options options)
    : options_(options),
      first_id_(options.log            ? 0
                : options.first_id > 0 ? options.first_id
                                       : wall_clock_first_id()),
      last_id_(first_id_) {
  // With a log, ids are the log's: this node starts after the newest event.
  if (options_.log) last_id_ = delivered_ = options_.log->last_id();
}

std::string EventHub::resync_frame(std::int64_t id, std::string_view reason) {
  nlohmann::json data = {{"reason", reason}};
  return frame(id, care::event_names::resync, data.dump());
}

std::int64_t EventHub::publish(std::string_view type, const nlohmann::json& payload,
                               Audience audience) {
  std::sort(audience.agents.begin(), audience.agents.end());
  audience.agents.erase(std::unique(audience.agents.begin(), audience.agents.end()),
                        audience.agents.end());
  std::string data = payload.dump();
  if (options_.log) return publish_logged(type, std::move(data), std::move(audience));
  if (type.starts_with(kNodeNewsPrefix)) return 0;
  auto event = std::make_shared<Event>();
  event->type = type;
  event->audience = std::move(audience);
  std::unique_lock lock(mutex_);
  // The id is taken under the lock that also orders the ring and the queues, so
  // every stream sees ids in increasing order.
  event->id = ++last_id_;
  event->frame = frame(event->id, type, data);
  return fan_out(std::move(event), lock);
}

std::int64_t EventHub::fan_out(std::shared_ptr<Event> event, std::unique_lock<std::mutex>& lock) {
  // Subscribers this event made ready, told to their waker (the stream loop) together
  // after the lock: one wake-up per publish, not one per stream.
  StreamWaker* waker = nullptr;
  std::vector<std::shared_ptr<Subscriber>> ready;
  std::shared_ptr<const Event> shared = std::move(event);
  ring_.push_back(shared);
  if (ring_.size() > options_.ring_capacity) ring_.pop_front();
  const bool urgent = reaches_few(shared->audience);
  for_each_listener(shared->audience, [&](const std::shared_ptr<Subscriber>& subscriber) {
    StreamWaker* tell = subscriber->push(shared, options_.queue_capacity, urgent);
    if (!tell) return;
    if (waker && tell != waker) waker->ready(std::exchange(ready, {}), urgent);
    waker = tell;
    ready.push_back(subscriber);
  });
  const std::int64_t id = shared->id;
  lock.unlock();
  if (waker) waker->ready(std::move(ready), urgent);
  return id;
}

// Events across nodes (issue 17). The log orders every node's events by one id, taken
// in commit order. A node delivers to its streams strictly in that order: its own
// publish first delivers what other nodes appended before it (read only when there is
// a gap), and the follower's catch_up() delivers the rest; delivered_ says what is out,
// so an event is delivered once whether its own node or the follower gets to it first.
std::int64_t EventHub::publish_logged(std::string_view type, std::string data, Audience audience) {
  std::int64_t id = 0;
  try {
    id = options_.log->append(type, data, encode_audience(audience));
  } catch (const std::exception& error) {
    http::log_line({{"level", "warn"},
                    {"message", std::string("event not published: ") + error.what()},
                    {"event", type}});
    return 0;
  }
  std::lock_guard relay(relay_mutex_);
  if (id <= delivered_) return id;  // the follower read it from the log already
  if (id > delivered_ + 1) {
    try {
      catch_up_locked(id);
    } catch (const std::exception& error) {
      // Lost between the append and this read: what other nodes appended just before
      // does not reach this node's streams (their clients reload at the next resync).
      http::log_line({{"level", "warn"},
                      {"message", std::string("events of other nodes skipped: ") + error.what()}});
    }
  }
  delivered_ = id;
  // This node knows its own news: nothing to hand on, no stream to reach (last_id_
  // stays the last event a stream may have).
  if (type.starts_with(kNodeNewsPrefix)) return id;
  auto event = std::make_shared<Event>();
  event->id = id;
  event->type = type;
  event->audience = std::move(audience);
  event->frame = frame(id, type, data);
  deliver(std::move(event));
  return id;
}

void EventHub::catch_up() {
  if (!options_.log) return;
  std::lock_guard relay(relay_mutex_);
  catch_up_locked(std::nullopt);
}

void EventHub::on_node_news(NodeNews observer) {
  std::lock_guard relay(relay_mutex_);
  node_news_ = std::move(observer);
}

namespace {

constexpr int kLogBatch = 512;

// An event another node (or this one) appended, as this node delivers it. A malformed
// audience reaches nobody; the id still counts.
std::shared_ptr<Event> event_from_row(EventLog::Row& row) {
  auto event = std::make_shared<Event>();
  event->id = row.id;
  event->type = std::move(row.type);
  try {
    event->audience = EventHub::decode_audience(row.audience);
  } catch (const std::exception&) {
    event->audience = Audience{};
  }
  event->frame = frame(row.id, event->type, row.data);
  return event;
}

}  // namespace

void EventHub::catch_up_locked(std::optional<std::int64_t> before) {
  for (;;) {
    if (before && *before == delivered_ + 1) return;  // nothing can sit between
    auto rows = options_.log->read_from(delivered_ + 1, kLogBatch);
    for (auto& row : rows) {
      if (before && row.id >= *before) return;
      delivered_ = row.id;
      if (row.type.starts_with(kNodeNewsPrefix)) {
        if (node_news_) node_news_(row.type, row.data);
        continue;
      }
      deliver(event_from_row(row));
    }
    if (rows.size() < static_cast<size_t>(kLogBatch)) return;
  }
}

void EventHub::deliver(std::shared_ptr<Event> event) {
  std::unique_lock lock(mutex_);
  last_id_ = event->id;
  fan_out(std::move(event), lock);
}

std::string EventHub::encode_audience(const Audience& audience) {
  nlohmann::json out = nlohmann::json::object();
  if (!audience.agents.empty()) out["agents"] = audience.agents;
  if (audience.min_role) out["min_role"] = store::role_name(*audience.min_role);
  if (audience.everyone) out["everyone"] = true;
  return out.dump();
}

Audience EventHub::decode_audience(std::string_view text) {
  nlohmann::json in = nlohmann::json::parse(text);
  if (!in.is_object()) throw std::invalid_argument("audience: not an object");
  Audience audience;
  if (auto agents = in.find("agents"); agents != in.end()) {
    audience.agents = agents->get<std::vector<std::int64_t>>();
    std::sort(audience.agents.begin(), audience.agents.end());
  }
  if (auto role = in.find("min_role"); role != in.end()) {
    audience.min_role = store::role_from_name(role->get<std::string>());
    if (!audience.min_role) throw std::invalid_argument("audience: unknown min_role");
  }
  audience.everyone = in.value("everyone", false);
  return audience;
}

std::optional<std::vector<std::shared_ptr<const Event>>> EventHub::missed_since(
    std::int64_t last_event_id) {
  std::vector<std::shared_ptr<const Event>> missed;
  {
    std::lock_guard lock(mutex_);
    // The ring holds every event delivered here from its front on (ids may skip: an
    // append that rolled back used one).
    if (!ring_.empty() && ring_.front()->id <= last_event_id) {
      auto start = std::upper_bound(ring_.begin(), ring_.end(), last_event_id,
                                    [](std::int64_t id, const std::shared_ptr<const Event>& event) {
                                      return id < event->id;
                                    });
      missed.assign(start, ring_.end());
      return missed;
    }
  }
  // Older than the ring: from the log, which must still hold that event itself (it
  // prunes its oldest first), and not more of them than the ring would keep.
  const int limit = static_cast<int>(options_.ring_capacity) + 1;
  auto rows = options_.log->read_from(last_event_id, limit);
  if (rows.empty() || rows.front().id != last_event_id) return std::nullopt;
  if (rows.size() == static_cast<size_t>(limit) && rows.back().id < delivered_) return std::nullopt;
  for (size_t i = 1; i < rows.size() && rows[i].id <= delivered_; ++i)
    missed.push_back(event_from_row(rows[i]));
  return missed;
}

EventHub::Subscription EventHub::subscribe(Subscriber::Identity identity,
                                           std::optional<std::int64_t> last_event_id,
                                           const std::string& address) {
  if (options_.log && last_event_id)
    return subscribe_logged(std::move(identity), *last_event_id, address);
  std::lock_guard lock(mutex_);
  if (shut_down_) return {nullptr, Refusal::ShuttingDown};
  if (Refusal refusal = over_limit(identity, address); refusal != Refusal::None) {
    return {nullptr, refusal};
  }
  auto subscriber = std::make_shared<Subscriber>(std::move(identity), address);
  if (last_event_id && *last_event_id != last_id_) {
    const std::int64_t oldest_kept = ring_.empty() ? last_id_ + 1 : ring_.front()->id;
    const std::int64_t missed_from = *last_event_id + 1;
    if (*last_event_id < first_id_ || *last_event_id > last_id_ || missed_from < oldest_kept) {
      subscriber->request_resync(last_id_, "too_old");
    } else {
      auto start = ring_.begin() + (missed_from - oldest_kept);
      const auto& who = subscriber->identity();
      for (auto it = start; it != ring_.end(); ++it) {
        if ((*it)->audience.includes(who.agent_id, who.role)) {
          subscriber->push(*it, options_.queue_capacity, false);
        }
      }
    }
  }
  subscribers_.push_back(subscriber);
  index(subscriber);
  count(*subscriber, +1);
  return {subscriber, Refusal::None};
}

// With a log, a stream may resume with an id another node gave it: delivery here is
// held (relay_mutex_) while its missed events are read, so replay and live events
// neither overlap nor gap. An id this node has not delivered yet is caught up first
// (the other node had it, so it is in the log).
EventHub::Subscription EventHub::subscribe_logged(Subscriber::Identity identity,
                                                  std::int64_t last_event_id,
                                                  const std::string& address) {
  std::lock_guard relay(relay_mutex_);
  std::optional<std::vector<std::shared_ptr<const Event>>> missed;
  try {
    if (last_event_id > delivered_) catch_up_locked(std::nullopt);
    if (last_event_id == delivered_) {
      missed.emplace();
    } else if (last_event_id < delivered_) {
      missed = missed_since(last_event_id);
    }
  } catch (const std::exception& error) {
    http::log_line(
        {{"level", "warn"}, {"message", std::string("event replay failed: ") + error.what()}});
    missed.reset();
  }
  std::lock_guard lock(mutex_);
  if (shut_down_) return {nullptr, Refusal::ShuttingDown};
  if (Refusal refusal = over_limit(identity, address); refusal != Refusal::None) {
    return {nullptr, refusal};
  }
  auto subscriber = std::make_shared<Subscriber>(std::move(identity), address);
  if (!missed) {
    subscriber->request_resync(last_id_, "too_old");
  } else {
    const auto& who = subscriber->identity();
    for (const auto& event : *missed) {
      if (event->audience.includes(who.agent_id, who.role)) {
        subscriber->push(event, options_.queue_capacity, false);
      }
    }
  }
  subscribers_.push_back(subscriber);
  index(subscriber);
  count(*subscriber, +1);
  return {subscriber, Refusal::None};
}

bool EventHub::reaches_few(const Audience& audience) const {
  if (audience.everyone || (audience.min_role && *audience.min_role == store::Role::Agent)) {
    return false;
  }
  const size_t above = audience.min_role ? above_agents_.size() : 0;
  return audience.agents.size() + above <= kFewListeners;
}

template <typename Each>
void EventHub::for_each_listener(const Audience& audience, Each each) const {
  // Every agent hears it: each open stream is asked (widgets hear it only by name).
  if (audience.everyone || (audience.min_role && *audience.min_role == store::Role::Agent)) {
    for (const auto& subscriber : subscribers_) {
      const auto& who = subscriber->identity();
      if (audience.includes(who.agent_id, who.role)) each(subscriber);
    }
    return;
  }
  for (std::int64_t id : audience.agents) {
    auto streams = by_listener_.find(id);
    if (streams == by_listener_.end()) continue;
    for (const auto& subscriber : streams->second)
      each(subscriber);
  }
  if (!audience.min_role) return;
  for (const auto& subscriber : above_agents_) {
    const auto& who = subscriber->identity();
    if (static_cast<int>(who.role) < static_cast<int>(*audience.min_role)) continue;
    // Named as well: reached above already.
    if (std::binary_search(audience.agents.begin(), audience.agents.end(), who.agent_id)) continue;
    each(subscriber);
  }
}

void EventHub::index(const std::shared_ptr<Subscriber>& subscriber) {
  const auto& who = subscriber->identity();
  by_listener_[who.agent_id].push_back(subscriber);
  if (who.agent_id > 0 && who.role != store::Role::Agent) above_agents_.push_back(subscriber);
}

namespace {

// Removes `subscriber` from `list` (order does not matter); false when it was not there.
bool remove_from(std::vector<std::shared_ptr<Subscriber>>& list,
                 const std::shared_ptr<Subscriber>& subscriber) {
  auto it = std::find(list.begin(), list.end(), subscriber);
  if (it == list.end()) return false;
  std::iter_swap(it, list.end() - 1);
  list.pop_back();
  return true;
}

}  // namespace

void EventHub::unindex(const std::shared_ptr<Subscriber>& subscriber) {
  const auto& who = subscriber->identity();
  if (auto streams = by_listener_.find(who.agent_id); streams != by_listener_.end()) {
    remove_from(streams->second, subscriber);
    if (streams->second.empty()) by_listener_.erase(streams);
  }
  remove_from(above_agents_, subscriber);
}

namespace {

bool is_widget(const Subscriber::Identity& identity) {
  return identity.agent_id <= 0;
}

// The keys a stream counts against, with the limit on each.
template <typename Each>
void for_each_key(const Subscriber::Identity& identity, const std::string& address,
                  const EventHub::Options& options, Each each) {
  if (is_widget(identity)) {
    each("chat:" + std::to_string(identity.agent_id), options.per_chat);
    if (!address.empty()) each("address:" + address, options.per_address);
  } else if (!identity.session.empty()) {
    each("session:" + identity.session, options.per_session);
  }
}

}  // namespace

EventHub::Refusal EventHub::over_limit(const Subscriber::Identity& identity,
                                       const std::string& address) const {
  if (subscribers_.size() >= options_.max_streams) return Refusal::TooManyStreams;
  if (is_widget(identity) &&
      subscribers_.size() + options_.reserved_for_agents >= options_.max_streams) {
    return Refusal::TooManyStreams;
  }
  Refusal refusal = Refusal::None;
  for_each_key(identity, address, options_, [&](const std::string& key, size_t limit) {
    if (limit == 0 || refusal != Refusal::None) return;
    auto held = held_.find(key);
    if (held == held_.end() || held->second < limit) return;
    refusal = key.starts_with("chat:")      ? Refusal::TooManyForChat
              : key.starts_with("session:") ? Refusal::TooManyForSession
                                            : Refusal::TooManyForAddress;
  });
  return refusal;
}

void EventHub::count(const Subscriber& subscriber, int delta) {
  for_each_key(subscriber.identity(), subscriber.address(), options_,
               [&](const std::string& key, size_t) {
                 size_t& held = held_[key];
                 held = delta > 0 ? held + 1 : held - std::min<size_t>(held, 1);
                 if (held == 0) held_.erase(key);
               });
}

void EventHub::unsubscribe(const std::shared_ptr<Subscriber>& subscriber) {
  std::lock_guard lock(mutex_);
  // Order does not matter: swapped with the last to keep removal O(1) after the find.
  if (!remove_from(subscribers_, subscriber)) return;
  unindex(subscriber);
  count(*subscriber, -1);
}

void EventHub::close_session(const std::string& session) {
  std::lock_guard lock(mutex_);
  for (const auto& subscriber : subscribers_) {
    if (subscriber->identity().session == session) subscriber->close();
  }
}

void EventHub::shutdown() {
  std::lock_guard lock(mutex_);
  shut_down_ = true;
  for (const auto& subscriber : subscribers_)
    subscriber->close();
}

size_t EventHub::open_streams() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

std::int64_t EventHub::last_id() const {
  std::lock_guard lock(mutex_);
  return last_id_;
}

}  // namespace care::server::events
