#pragma once

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace care::server::http {

// The workers that answer whole requests (http::HttpServer). A thread starts only
// when a request arrives and none is idle, up to `max_threads`, and stays for reuse,
// so a quiet node pays for few threads. Event streams hold none: once a stream's
// head is out, events::StreamLoop writes it.
class WorkerPool : public httplib::TaskQueue {
 public:
  explicit WorkerPool(size_t max_threads);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  size_t threads() const;
  // Whether a job enqueued now would find a thread at once (idle, or one may start):
  // a worker may then stay on its connection a moment (HttpServer's linger). Read
  // without the pool's lock: a hint, not a promise.
  bool has_spare() const;
  // Readable (an eventfd) while a job waits with no thread free for it, and from
  // shutdown on: a worker waiting on its connection watches it and gives its thread
  // back at once rather than at the end of its linger.
  int starved_fd() const { return starved_fd_; }

 private:
  void work();

  const size_t max_threads_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool shut_down_ = false;
  // What has_spare reads: threads that could take a job now (idle ones plus those
  // that may still start) less the jobs waiting; updated under mutex_.
  std::atomic<long> spare_{0};
  void count_spare_locked();
  void set_starved_locked(bool starved);
  int starved_fd_ = -1;
  bool starved_ = false;  // under mutex_: starved_fd_ is readable
};

}  // namespace care::server::http
