#include "http/worker_pool.hpp"

namespace care::server::http {

void WorkerPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (shut_down_) return;
    jobs_.push_back(std::move(fn));
    // Jobs already waiting will take the idle threads first.
    if (idle_ < jobs_.size() && threads_.size() < max_threads_) {
      threads_.emplace_back([this] { work(); });
      return;  // the new thread takes a job itself
    }
  }
  wake_.notify_one();
}

void WorkerPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& thread : threads)
    thread.join();
}

size_t WorkerPool::threads() const {
  std::lock_guard lock(mutex_);
  return threads_.size();
}

void WorkerPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    wake_.wait(lock, [this] { return shut_down_ || !jobs_.empty(); });
    --idle_;
    // Like httplib::ThreadPool: finish queued connections before leaving.
    if (jobs_.empty()) return;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace care::server::http
