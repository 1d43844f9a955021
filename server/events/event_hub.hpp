#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/event_log.hpp"
#include "store/store.hpp"

namespace care::server::events {

// Who receives an event: some agents by id, everyone with at least a role (e.g.
// supervisors for agent.state), or every agent. The parts add up. Listeners with
// ids ≤ 0 are not agents (a chat widget's conversation): only their id reaches them.
// The hub reaches an audience without `everyone` through its indexes (the named
// agents' streams, then the supervisors' and admins'), so such an event costs the
// streams it reaches, not the streams open (issue 15).
struct Audience {
  std::vector<std::int64_t> agents;
  std::optional<store::Role> min_role;
  bool everyone = false;

  static Audience agent(std::int64_t id) { return Audience{{id}, std::nullopt, false}; }
  static Audience some(std::vector<std::int64_t> ids) {
    return Audience{std::move(ids), std::nullopt, false};
  }
  static Audience all() { return Audience{{}, std::nullopt, true}; }
  Audience& and_role(store::Role role) {
    min_role = role;
    return *this;
  }
  // `agents` must be sorted (publish sorts them).
  bool includes(std::int64_t agent_id, store::Role role) const;
};

struct Event {
  std::int64_t id = 0;
  std::string type;
  Audience audience;
  // The whole SSE frame, rendered once and shared by every stream that sends it.
  std::string frame;
};

class Subscriber;

// Where a subscriber that has something to write is announced (the StreamLoop), so
// that no thread waits per stream. Called without the subscriber's lock; `ready`
// gets every subscriber one publish made ready, at once, so the loop is woken once.
// `urgent`: the publish reached a few streams only (an offer, one agent's state): they
// are written before a fan-out to many that is still being written (issue 15).
class StreamWaker {
 public:
  virtual ~StreamWaker() = default;
  virtual void ready(std::vector<std::shared_ptr<Subscriber>> subscribers, bool urgent) = 0;
};

// One open stream: its queue of events waiting to be written.
class Subscriber : public std::enable_shared_from_this<Subscriber> {
 public:
  struct Identity {
    std::int64_t agent_id = 0;
    store::Role role = store::Role::Agent;
    std::string session;  // a hash of the session token: sign-out ends the stream
  };

  // `address`: the client's, for the per-address limit.
  explicit Subscriber(Identity identity, std::string address = {})
      : identity_(std::move(identity)), address_(std::move(address)) {}

  // What the stream should write next: SSE frames, possibly a resync first. Empty
  // text with closed == false means nothing happened for `timeout` (heartbeat time).
  struct Batch {
    std::string text;
    bool closed = false;
  };
  Batch wait(std::chrono::milliseconds timeout);
  // What is queued now, without waiting. Once taken, the next push (or close) tells
  // the waker again.
  Batch take();
  // From now on pushes tell `waker` (once until the next take()) instead of waking a
  // thread in wait(). Tells it at once when something is already queued or closed.
  void attach(StreamWaker* waker);
  bool closed() const;

  const Identity& identity() const { return identity_; }
  const std::string& address() const { return address_; }

 private:
  friend class EventHub;
  // Called with the hub's lock held; never blocks on the stream's writer. Returns
  // the waker to tell when this push made the subscriber ready (or, `urgent`, ready
  // ahead of a fan-out it was waiting in), else null.
  StreamWaker* push(const std::shared_ptr<const Event>& event, size_t capacity, bool urgent);
  void request_resync(std::int64_t at_id, std::string_view reason);
  void close();
  // Marks the subscriber ready (lock held): the waker to tell, or null when it was
  // ready already (urgently, when `urgent`) or has no waker.
  StreamWaker* mark_ready_locked(bool urgent);
  Batch take_locked(std::unique_lock<std::mutex>& lock);

  const Identity identity_;
  const std::string address_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  StreamWaker* waker_ = nullptr;
  bool ready_ = false;   // told the waker, not yet taken
  bool urgent_ = false;  // told it urgently, not yet taken
  std::deque<std::shared_ptr<const Event>> queue_;
  std::optional<std::int64_t> resync_at_;  // send resync with this id before the queue
  std::string resync_reason_;
  bool closed_ = false;
};

// Publishes events with a global increasing id and fans them out to the open
// streams of the agents in each event's audience, without polling. Keeps the last
// `ring_capacity` events in memory so a reconnecting stream can replay what it missed.
class EventHub {
 public:
  struct Options {
    size_t ring_capacity = 4096;   // events kept for Last-Event-ID replay
    size_t queue_capacity = 1024;  // per stream; a slower client gets resync instead
    size_t max_streams = 1000;     // beyond this, subscribe() refuses (503)
    // The last this many slots take only signed-in agents' streams: anonymous chat
    // widgets can never fill the server so that a supervisor cannot connect.
    size_t reserved_for_agents = 0;
    // Streams one chat (its widget token), one session and one client address may
    // hold (0: no limit); the address limit applies to widget streams, as a whole
    // office of agents may share one address.
    size_t per_chat = 0;
    size_t per_session = 0;
    size_t per_address = 0;
    // Ids continue from here (0: from the wall clock in µs-ish units, see .cpp).
    std::int64_t first_id = 0;
    // Nodes on one PostgreSQL database (issue 17): every publish is appended here, the
    // log's id is the event's id, and events other nodes appended are delivered by
    // catch_up() (called by a LogFollower). Null on a single SQLite node, which pays
    // nothing for it.
    EventLog* log = nullptr;
  };

  EventHub() : EventHub(Options{}) {}
  explicit EventHub(Options options);
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Returns the event's id. Thread-safe; cost is one queue push per listening stream
  // (with a log: plus one append, and a read when other nodes appended meanwhile). With
  // a log that cannot be written (the database is gone) the event is dropped, logged,
  // and 0 returned: the change it reports was committed before.
  std::int64_t publish(std::string_view type, const nlohmann::json& payload, Audience audience);

  // With a log: delivers to this node's streams, in id order, what was appended since
  // the last event delivered here (by any node; this node's own are delivered once).
  // Throws StoreError when the log cannot be read.
  void catch_up();

  // News between the nodes' own services (issue 17: what the router changed, so every
  // node's board follows), never for a stream: an event whose type starts with this is
  // appended to the log like any other, reaches no stream and no replay, and each hub
  // hands those it reads from the log to its observer (other nodes' news, and its own
  // when its follower reads it before its publish returns). Without a log it goes
  // nowhere (one node has nobody to tell).
  static constexpr std::string_view kNodeNewsPrefix = "node.";
  using NodeNews = std::function<void(std::string_view type, std::string_view data)>;
  // Called on the thread that reads the log, with the hub's relay lock held: it must
  // only take note (its own small lock) and return, never publish or wait. Set once,
  // before the follower starts.
  void on_node_news(NodeNews observer);

  // An audience as kept in the log, and back (the receiving node filters as a local
  // publish does). decode_audience throws std::invalid_argument on a malformed text.
  static std::string encode_audience(const Audience& audience);
  static Audience decode_audience(std::string_view text);

  // TooManyStreams: the server is full (503); the others are one caller's limits (429).
  enum class Refusal {
    None,
    TooManyStreams,
    ShuttingDown,
    TooManyForChat,
    TooManyForSession,
    TooManyForAddress
  };
  struct Subscription {
    std::shared_ptr<Subscriber> subscriber;  // null when refused
    Refusal refusal = Refusal::None;
  };
  // Registers a stream. With `last_event_id`, the events it missed since then are
  // queued first, or a resync when they are no longer kept (or the id is not ours,
  // e.g. from before a restart). Replay and live events neither overlap nor gap.
  // `address` is the client's, for the per-address limit of widget streams.
  Subscription subscribe(Subscriber::Identity identity, std::optional<std::int64_t> last_event_id,
                         const std::string& address = {});
  void unsubscribe(const std::shared_ptr<Subscriber>& subscriber);

  // Ends the streams opened with this session (sign-out).
  void close_session(const std::string& session);
  // Ends every stream and refuses new ones, so the HTTP server can stop promptly.
  void shutdown();

  size_t open_streams() const;
  std::int64_t last_id() const;
  const Options& options() const { return options_; }

  // The frame for `resync`, also used by the stream (id: where to resume from).
  static std::string resync_frame(std::int64_t id, std::string_view reason);

 private:
  const Options options_;
  // With a log: held while events are read from it and delivered, so they reach the
  // streams in id order and each once; taken before mutex_, never while waiting for
  // the database to lock anything.
  std::mutex relay_mutex_;
  std::int64_t delivered_ = 0;  // the last id delivered here (relay_mutex_)
  NodeNews node_news_;          // relay_mutex_
  mutable std::mutex mutex_;
  std::int64_t first_id_;  // ids below or at this are from another run: resync
  std::int64_t last_id_;
  std::deque<std::shared_ptr<const Event>> ring_;
  std::vector<std::shared_ptr<Subscriber>> subscribers_;
  // The same streams by whom they listen for (agent id, or a widget's negative id),
  // and those of supervisors and admins: an event for some agents, or for a role above
  // agent, walks only these (issue 15).
  std::unordered_map<std::int64_t, std::vector<std::shared_ptr<Subscriber>>> by_listener_;
  std::vector<std::shared_ptr<Subscriber>> above_agents_;
  // Open streams per limited key ("chat:-7", "session:…", "address:…").
  std::unordered_map<std::string, size_t> held_;
  bool shut_down_ = false;

  // Puts an event with its id set in the ring and in its listeners' queues (mutex_
  // held by `lock`, released on return); returns its id.
  std::int64_t fan_out(std::shared_ptr<Event> event, std::unique_lock<std::mutex>& lock);
  Subscription subscribe_logged(Subscriber::Identity identity, std::int64_t last_event_id,
                                const std::string& address);
  std::int64_t publish_logged(std::string_view type, std::string data, Audience audience);
  // Delivers what the log holds after delivered_ and before `before` (all of it when
  // null); relay_mutex_ held.
  void catch_up_locked(std::optional<std::int64_t> before);
  // fan_out() under mutex_, with last_id_ set to the event's id.
  void deliver(std::shared_ptr<Event> event);
  // The events a stream resuming after `last_event_id` missed, from the ring or the
  // log; nullopt when they are no longer kept (resync). relay_mutex_ held.
  std::optional<std::vector<std::shared_ptr<const Event>>> missed_since(std::int64_t last_event_id);
  Refusal over_limit(const Subscriber::Identity& identity, const std::string& address) const;
  void count(const Subscriber& subscriber, int delta);
  void index(const std::shared_ptr<Subscriber>& subscriber);
  void unindex(const std::shared_ptr<Subscriber>& subscriber);
  // At most this many listeners: the publish is urgent for the stream loop.
  static constexpr size_t kFewListeners = 16;
  // Whether `audience` reaches a few streams only (lock held): an offer, an agent's
  // state for them and the supervisors; not a fan-out to a queue's agents or to all.
  bool reaches_few(const Audience& audience) const;
  // Calls `each` once for every open stream `audience` reaches (lock held).
  template <typename Each>
  void for_each_listener(const Audience& audience, Each each) const;
};

}  // namespace care::server::events
