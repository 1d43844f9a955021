#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "events/event_hub.hpp"
#include "events/ready_queue.hpp"
#include "http/connection.hpp"

namespace care::server::events {

// Writes every open event stream from one thread. A stream used to hold a worker
// thread for its life, blocked in Subscriber::wait; an event for everyone then woke
// thousands of threads, and every request waited behind them in the run queue
// (issue 15). Now the stream's request is answered as usual (status, headers, the
// `retry:` frame) and its connection is handed here: one epoll loop writes the
// events of the subscribers the hub marks ready as HTTP chunks, with non-blocking
// writes; heartbeats, dead peers, sign-out and shutdown are handled here too. Streams
// an urgent publish made ready (an offer) are written before a fan-out (ReadyQueue).
class StreamLoop {
 public:
  struct Options {
    // A stream whose socket takes nothing for this long is closed (a reader that
    // stopped reading; its queue meanwhile overflows into resync).
    std::chrono::milliseconds write_timeout{5'000};
  };
  // Asked after a quiet heartbeat: may the caller still listen (their session)?
  using StillValid = std::function<bool()>;

  StreamLoop(EventHub& hub, Options options);
  ~StreamLoop();
  StreamLoop(const StreamLoop&) = delete;
  StreamLoop& operator=(const StreamLoop&) = delete;

  // Takes over a stream whose response head (chunked) has been written. From here
  // on the loop writes it, and unsubscribes and closes it when it ends.
  void adopt(std::unique_ptr<http::Connection> connection, std::shared_ptr<Subscriber> subscriber,
             std::chrono::milliseconds heartbeat, StillValid still_valid);
  // Ends every stream with the final chunk and closes them; later ones close at once.
  void stop();

  size_t streams() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Stream;
  struct Check {
    Clock::time_point at;
    std::uint64_t stream;
    bool operator>(const Check& other) const { return at > other.at; }
  };

  void run();
  void wake();
  void take_adopted(Clock::time_point now);
  void drain_ready(Clock::time_point now);
  void on_socket(Stream& stream, std::uint32_t events, Clock::time_point now);
  // Takes the subscriber's batch and writes it, unless earlier output is still waiting.
  void drain(Stream& stream, Clock::time_point now);
  void write_out(Stream& stream, Clock::time_point now);
  void run_checks(Clock::time_point now);
  void check(Stream& stream, Clock::time_point now);
  void schedule(Stream& stream, Clock::time_point at);
  // Writes the final chunk when it fits, unsubscribes and closes.
  void end(Stream& stream, bool final_chunk);
  void want_output(Stream& stream, bool want);
  bool still_valid(Stream& stream);
  int next_timeout(Clock::time_point now) const;

  EventHub& hub_;
  const Options options_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread thread_;

  // Handed over by workers and by the hub's publishers, taken by the loop.
  struct Adopted {
    std::unique_ptr<http::Connection> connection;
    std::shared_ptr<Subscriber> subscriber;
    std::chrono::milliseconds heartbeat;
    StillValid still_valid;
  };
  mutable std::mutex inbox_mutex_;
  std::vector<Adopted> adopted_;
  bool woken_ = false;  // the eventfd was written and the loop has not taken adopted_
  // What the hub's publishers made ready; subscribers are attached to it.
  ReadyQueue ready_{[this] { wake(); }};
  std::atomic<size_t> count_{0};

  // The loop thread's own.
  std::unordered_map<std::uint64_t, std::unique_ptr<Stream>> streams_;
  std::unordered_map<const Subscriber*, std::uint64_t> by_subscriber_;
  std::priority_queue<Check, std::vector<Check>, std::greater<>> checks_;
  std::uint64_t next_id_ = 1;
};

}  // namespace care::server::events
