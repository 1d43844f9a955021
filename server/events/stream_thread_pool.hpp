#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace care::server::events {

// The workers that answer whole requests (http::HttpServer); every open event stream
// holds one for its life. cpp-httplib's fixed ThreadPool would have to start all
// ~1,000 threads up front; this one starts a thread only when a request arrives and
// none is idle, up to `max_threads`, and keeps it for reuse. A node holding few
// streams pays for few threads; one holding 1,000 pays ~1,000 mostly idle stacks
// (measured in docs/architecture.md).
class StreamThreadPool : public httplib::TaskQueue {
 public:
  explicit StreamThreadPool(size_t max_threads) : max_threads_(max_threads) {}
  StreamThreadPool(const StreamThreadPool&) = delete;
  StreamThreadPool& operator=(const StreamThreadPool&) = delete;
  ~StreamThreadPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  size_t threads() const;

 private:
  void work();

  const size_t max_threads_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool shut_down_ = false;
};

}  // namespace care::server::events
