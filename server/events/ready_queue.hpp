#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "events/event_hub.hpp"

namespace care::server::events {

// The streams that have something to write, in the order the stream loop writes them:
// those an urgent publish made ready (one that reaches a few streams: an offer, one
// agent's state) before those of a fan-out to many, even when the fan-out came first
// and is half written, so an offer never waits behind 10,000 sends (issue 15). A stream
// waiting in a fan-out that gets an event of its own is told again, urgently, and moves
// ahead. Within each kind, first told, first written. Publishers add; the loop takes.
class ReadyQueue final : public StreamWaker {
 public:
  // `wake` is called (under the queue's lock, so keep it short: an eventfd write) when
  // something is added and the taker has not been woken since it last found the queue
  // empty.
  explicit ReadyQueue(std::function<void()> wake) : wake_(std::move(wake)) {}

  void ready(std::vector<std::shared_ptr<Subscriber>> subscribers, bool urgent) override;
  // The next stream to write, or null when none waits (the next add wakes the taker).
  std::shared_ptr<Subscriber> next();
  void clear();

 private:
  std::mutex mutex_;
  const std::function<void()> wake_;
  bool woken_ = false;
  std::deque<std::shared_ptr<Subscriber>> urgent_;
  // Each fan-out's streams, in the order they came; `taken_` of the first are written.
  std::deque<std::vector<std::shared_ptr<Subscriber>>> fan_outs_;
  size_t taken_ = 0;
};

}  // namespace care::server::events
