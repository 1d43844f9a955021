#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "care/events.hpp"
#include "care/model.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"

namespace care::server::services {

// Which agents' desktops show which customer, request or activity: those that read it
// (GET, noted before the read) or keep it open (presence heartbeats, every ~10 s) within
// the last kFor. A change of a record then reaches those desktops instead of every one
// (issue 15: at 10,000 agents a change for everyone cost 10,000 sends).
//
// Noting before the read closes the window a heartbeat alone would leave: a change
// committed before the read is in what the desktop read, and one committed after it is
// published after the note, so it reaches that desktop (R-E1).
class RecordWatch {
 public:
  // As long as presence keeps a silent viewer (PresenceService::kExpiry): a desktop
  // with the record open sends a heartbeat well within it.
  static constexpr Duration kFor = std::chrono::seconds(30);
  using Key = std::pair<RecordType, Id>;

  explicit RecordWatch(const Clock& clock) : clock_(clock) {}
  RecordWatch(const RecordWatch&) = delete;
  RecordWatch& operator=(const RecordWatch&) = delete;

  // `agent` shows the record from now on (a read about to happen, or a heartbeat).
  void note(RecordType type, Id id, Id agent);
  // The agents that showed any of `records` within kFor, sorted, without repeats;
  // for an activity, its monitors too.
  std::vector<Id> watching(std::initializer_list<Key> records) const;

  // A supervisor monitoring a chat (issue 18) watches it until they stop, with no
  // heartbeat: a silent monitor tells no one they are there. Their desktop stops when
  // it sees the chat end. False when they already did / did not.
  bool monitor(Id activity, Id supervisor);
  bool stop_monitoring(Id activity, Id supervisor);
  bool monitoring(Id activity, Id supervisor) const;
  // Who monitors the chat, sorted.
  std::vector<Id> monitors(Id activity) const;

 private:
  Time now() const { return time_from_unix_ms(clock_.now_ms()); }
  // Forgets what has not been noted within kFor (mutex_ held).
  void forget_old(Time now);

  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<Key, std::map<Id, Time>> seen_;
  std::map<Id, std::set<Id>> monitors_;  // by activity
  size_t notes_since_forget_ = 0;
};

// Who gets a chat's lines and typing: `team` (the agent holding it, the colleagues
// they consult, the writer) and the supervisors monitoring it.
events::Audience chat_audience(const RecordWatch& watch, Id activity, std::vector<Id> team);

// Who is told that an activity changed: the agent holding its task (`agent`), and the
// desktops showing the activity, its request or its customer (the customer's journey
// lists it). Supervisors are not told unless they show one of them.
events::Audience activity_watchers(const RecordWatch& watch, const Activity& activity,
                                   std::optional<Id> agent);

}  // namespace care::server::services
