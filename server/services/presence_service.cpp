#include "services/presence_service.hpp"

#include <algorithm>

#include "events/publish.hpp"

namespace care::server::services {
namespace {

// How often the thread looks for silent viewers: well inside kExpiry.
constexpr auto kSweepEvery = std::chrono::seconds(5);

}  // namespace

PresenceService::PresenceService(store::Store& store, events::EventHub& events, const Clock& clock,
                                 RecordWatch& watch)
    : store_(store), events_(events), clock_(clock), watch_(watch) {
  sweeper_ = std::thread([this] { loop(); });
}

PresenceService::~PresenceService() {
  stop();
}

void PresenceService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
}

void PresenceService::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kSweepEvery, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    sweep();
    lock.lock();
  }
}

std::vector<Viewer> PresenceService::list(const Key& key) const {
  std::vector<Viewer> found;
  if (auto record = records_.find(key); record != records_.end()) {
    for (const auto& [agent, viewer] : record->second)
      found.push_back(viewer);
  }
  std::sort(found.begin(), found.end(), [](const Viewer& a, const Viewer& b) {
    return a.since != b.since ? a.since < b.since : a.agent < b.agent;
  });
  return found;
}

// Published under mutex_, so two changes of one record reach desktops in the order
// they happened (the hub never calls back here and never waits on a socket).
void PresenceService::publish_changed(const Key& key) {
  PresenceChanged changed{key.first, key.second, {}};
  for (const Viewer& viewer : list(key)) {
    changed.viewers.push_back({viewer.agent, viewer.display_name, viewer.editing, viewer.since});
  }
  events::publish(events_, changed, events::Audience::all());
}

void PresenceService::remove(const Key& key, Id agent) {
  if (auto record = records_.find(key); record != records_.end()) {
    record->second.erase(agent);
    if (record->second.empty()) records_.erase(record);
  }
  if (auto open = open_by_agent_.find(agent); open != open_by_agent_.end()) {
    open->second.erase(key);
    if (open->second.empty()) open_by_agent_.erase(open);
  }
}

std::variant<std::vector<Viewer>, WorkError> PresenceService::heartbeat(RecordType type, Id id,
                                                                        const Agent& agent,
                                                                        bool editing) {
  bool exists = type == RecordType::customer ? store_.customer(id).has_value()
                : type == RecordType::request
                    ? store_.request(id).has_value()
                    : type == RecordType::activity && store_.activity(id).has_value();
  if (!exists) {
    return WorkError{
        404, make_error(ErrorCode::not_found, "id", "no such " + std::string(enum_name(type)))};
  }
  watch_.note(type, id, agent.id);
  const Key key{type, id};
  Time at = now();
  std::lock_guard lock(mutex_);
  auto& viewers = records_[key];
  auto seen = viewers.find(agent.id);
  if (seen != viewers.end()) {
    seen->second.last_seen = at;
    if (seen->second.editing != editing) {
      seen->second.editing = editing;
      publish_changed(key);
    }
    return list(key);
  }
  viewers.emplace(agent.id, Viewer{agent.id, agent.display_name, editing, at, at});
  std::set<Key>& open = open_by_agent_[agent.id];
  open.insert(key);
  publish_changed(key);
  while (open.size() > kMaxRecordsPerAgent) {
    // The record this agent has not sent a heartbeat for the longest.
    Key stalest = key;
    Time oldest = at;
    for (const Key& other : open) {
      const Viewer& viewer = records_[other][agent.id];
      if (other != key && viewer.last_seen <= oldest) {
        stalest = other;
        oldest = viewer.last_seen;
      }
    }
    if (stalest == key) break;
    remove(stalest, agent.id);
    publish_changed(stalest);
  }
  return list(key);
}

std::vector<Viewer> PresenceService::leave(RecordType type, Id id, Id agent) {
  const Key key{type, id};
  std::lock_guard lock(mutex_);
  auto record = records_.find(key);
  if (record != records_.end() && record->second.count(agent)) {
    remove(key, agent);
    publish_changed(key);
  }
  return list(key);
}

std::vector<Viewer> PresenceService::viewers(RecordType type, Id id) {
  std::lock_guard lock(mutex_);
  return list(Key{type, id});
}

void PresenceService::sweep() {
  Time cutoff = now() - kExpiry;
  std::lock_guard lock(mutex_);
  std::vector<std::pair<Key, Id>> expired;
  for (const auto& [key, viewers] : records_) {
    for (const auto& [agent, viewer] : viewers) {
      if (viewer.last_seen <= cutoff) expired.emplace_back(key, agent);
    }
  }
  std::set<Key> changed;
  for (const auto& [key, agent] : expired) {
    remove(key, agent);
    changed.insert(key);
  }
  for (const Key& key : changed)
    publish_changed(key);
}

}  // namespace care::server::services
