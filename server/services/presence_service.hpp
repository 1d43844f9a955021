#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include "care/events.hpp"
#include "care/model.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"
#include "services/record_watch.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::services {

// One agent with a record open on screen (R-F8).
struct Viewer {
  Id agent = 0;
  std::string display_name;
  bool editing = false;
  Time since{};      // when they opened it
  Time last_seen{};  // their last heartbeat
};

// Who is viewing or editing which customer, request or activity right now (R-F8). In
// memory only: it is about the next 30 seconds, and a restart forgets it as the agents'
// next heartbeats (every ~10 s) bring it back. Desktops send a heartbeat while a record
// is open; one that stops (closed tab, lost network) expires after kExpiry. Every change
// of a record's viewers is published as `presence.changed` to every desktop.
class PresenceService {
 public:
  static constexpr Duration kExpiry = std::chrono::seconds(30);
  // A bound per agent (R-G5): opening more records drops the one seen longest ago.
  static constexpr size_t kMaxRecordsPerAgent = 50;

  // Starts a thread that expires silent viewers (every few seconds). Heartbeats are
  // noted in `watch` too: a record open on a desktop is told of its changes.
  PresenceService(store::Store& store, events::EventHub& events, const Clock& clock,
                  RecordWatch& watch);
  ~PresenceService();
  PresenceService(const PresenceService&) = delete;
  PresenceService& operator=(const PresenceService&) = delete;

  static bool tracked(RecordType type) {
    return type == RecordType::customer || type == RecordType::request ||
           type == RecordType::activity;
  }

  // The agent has the record open (a 404 error when it does not exist); returns its
  // viewers after the heartbeat.
  std::variant<std::vector<Viewer>, WorkError> heartbeat(RecordType type, Id id, const Agent& agent,
                                                         bool editing);
  // The agent closed the record; returns its viewers after.
  std::vector<Viewer> leave(RecordType type, Id id, Id agent);
  std::vector<Viewer> viewers(RecordType type, Id id);
  // Drops viewers silent for kExpiry or longer and publishes the changes (the thread
  // calls it; tests on a manual clock call it directly).
  void sweep();
  void stop();

 private:
  using Key = std::pair<RecordType, Id>;
  // With mutex_ held.
  std::vector<Viewer> list(const Key& key) const;
  void publish_changed(const Key& key);
  void remove(const Key& key, Id agent);
  Time now() const { return time_from_unix_ms(clock_.now_ms()); }
  void loop();

  store::Store& store_;
  events::EventHub& events_;
  const Clock& clock_;
  RecordWatch& watch_;
  mutable std::mutex mutex_;
  std::map<Key, std::map<Id, Viewer>> records_;
  std::unordered_map<Id, std::set<Key>> open_by_agent_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread sweeper_;
};

}  // namespace care::server::services
