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

events::Audience activity_watchers(const RecordWatch& watch, const Activity& activity,
                                   std::optional<Id> agent) {
  std::vector<Id> agents = watch.watching({{RecordType::activity, activity.id},
                                           {RecordType::request, activity.request.value_or(0)},
                                           {RecordType::customer, activity.customer.value_or(0)}});
  if (agent) agents.push_back(*agent);
  return events::Audience::some(std::move(agents));
}

}  // namespace care::server::services
