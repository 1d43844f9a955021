#include "events/ready_queue.hpp"

#include <iterator>

namespace care::server::events {

void ReadyQueue::ready(std::vector<std::shared_ptr<Subscriber>> subscribers, bool urgent) {
  if (subscribers.empty()) return;
  std::lock_guard lock(mutex_);
  if (urgent) {
    urgent_.insert(urgent_.end(), std::make_move_iterator(subscribers.begin()),
                   std::make_move_iterator(subscribers.end()));
  } else {
    fan_outs_.push_back(std::move(subscribers));
  }
  if (!woken_) {
    woken_ = true;
    if (wake_) wake_();
  }
}

std::shared_ptr<Subscriber> ReadyQueue::next() {
  std::lock_guard lock(mutex_);
  if (!urgent_.empty()) {
    auto next = std::move(urgent_.front());
    urgent_.pop_front();
    return next;
  }
  while (!fan_outs_.empty()) {
    auto& first = fan_outs_.front();
    if (taken_ < first.size()) return std::move(first[taken_++]);
    fan_outs_.pop_front();
    taken_ = 0;
  }
  woken_ = false;
  return nullptr;
}

void ReadyQueue::clear() {
  std::lock_guard lock(mutex_);
  urgent_.clear();
  fan_outs_.clear();
  taken_ = 0;
}

}  // namespace care::server::events
