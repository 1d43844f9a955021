#include "services/record_watch.hpp"

#include <algorithm>

namespace care::server::services {

void RecordWatch::note(RecordType type, Id id, Id agent) {
  const Time at = now();
  std::lock_guard lock(mutex_);
  seen_[Key{type, id}][agent] = at;
  // Forgetting walks everything noted: done once per as many notes as there are
  // records, so a note costs O(log n) amortised and memory stays bounded by what was
  // noted within kFor.
  if (++notes_since_forget_ > seen_.size()) forget_old(at);
}

void RecordWatch::forget_old(Time now) {
  notes_since_forget_ = 0;
  const Time cutoff = now - kFor;
  for (auto record = seen_.begin(); record != seen_.end();) {
    std::erase_if(record->second, [&](const auto& agent) { return agent.second <= cutoff; });
    record = record->second.empty() ? seen_.erase(record) : std::next(record);
  }
}

std::vector<Id> RecordWatch::watching(std::initializer_list<Key> records) const {
  const Time cutoff = now() - kFor;
  std::vector<Id> agents;
  std::lock_guard lock(mutex_);
  for (const Key& key : records) {
    if (key.first == RecordType::activity) {
      if (auto watched = monitors_.find(key.second); watched != monitors_.end()) {
        agents.insert(agents.end(), watched->second.begin(), watched->second.end());
      }
    }
    auto record = seen_.find(key);
    if (record == seen_.end()) continue;
    for (const auto& [agent, at] : record->second) {
      if (at > cutoff) agents.push_back(agent);
    }
  }
  std::sort(agents.begin(), agents.end());
  agents.erase(std::unique(agents.begin(), agents.end()), agents.end());
  return agents;
}

bool RecordWatch::monitor(Id activity, Id supervisor) {
  std::lock_guard lock(mutex_);
  return monitors_[activity].insert(supervisor).second;
}

bool RecordWatch::stop_monitoring(Id activity, Id supervisor) {
  std::lock_guard lock(mutex_);
  auto watched = monitors_.find(activity);
  if (watched == monitors_.end() || watched->second.erase(supervisor) == 0) return false;
  if (watched->second.empty()) monitors_.erase(watched);
  return true;
}

bool RecordWatch::monitoring(Id activity, Id supervisor) const {
  std::lock_guard lock(mutex_);
  auto watched = monitors_.find(activity);
  return watched != monitors_.end() && watched->second.contains(supervisor);
}

std::vector<Id> RecordWatch::monitors(Id activity) const {
  std::lock_guard lock(mutex_);
  auto watched = monitors_.find(activity);
  if (watched == monitors_.end()) return {};
  return std::vector<Id>(watched->second.begin(), watched->second.end());
}

events::Audience chat_audience(const RecordWatch& watch, Id activity, std::vector<Id> team) {
  std::vector<Id> monitors = watch.monitors(activity);
  team.insert(team.end(), monitors.begin(), monitors.end());
  return events::Audience::some(std::move(team));
}

events::Audience activity_watchers(const RecordWatch& watch, const Activity& activity,
                                   std::optional<Id> agent) {
  std::vector<Id> agents = watch.watching({{RecordType::activity, activity.id},
                                           {RecordType::request, activity.request.value_or(0)},
                                           {RecordType::customer, activity.customer.value_or(0)}});
  if (agent) agents.push_back(*agent);
  return events::Audience::some(std::move(agents));
}

}  // namespace care::server::services
