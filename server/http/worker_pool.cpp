#include "http/worker_pool.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace care::server::http {

WorkerPool::WorkerPool(size_t max_threads)
    : max_threads_(max_threads),
      spare_(static_cast<long>(max_threads)),
      starved_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

WorkerPool::~WorkerPool() {
  shutdown();
  if (starved_fd_ >= 0) ::close(starved_fd_);
}

void WorkerPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (shut_down_) return;
    jobs_.push_back(std::move(fn));
    // Jobs already waiting will take the idle threads first.
    if (idle_ < jobs_.size() && threads_.size() < max_threads_) {
      threads_.emplace_back([this] { work(); });
      count_spare_locked();
      return;  // the new thread takes a job itself
    }
    count_spare_locked();
    if (idle_ < jobs_.size()) set_starved_locked(true);
  }
  wake_.notify_one();
}

void WorkerPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
    count_spare_locked();
    set_starved_locked(true);
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& thread : threads)
    thread.join();
}

bool WorkerPool::has_spare() const {
  return spare_.load(std::memory_order_relaxed) > 0;
}

void WorkerPool::count_spare_locked() {
  long could = static_cast<long>(idle_) + static_cast<long>(max_threads_ - threads_.size());
  spare_.store(shut_down_ ? 0 : could - static_cast<long>(jobs_.size()), std::memory_order_relaxed);
}

void WorkerPool::set_starved_locked(bool starved) {
  if (starved == starved_ || starved_fd_ < 0) return;
  starved_ = starved;
  std::uint64_t value = 1;
  if (starved) {
    [[maybe_unused]] auto written = ::write(starved_fd_, &value, sizeof value);
  } else {
    [[maybe_unused]] auto got = ::read(starved_fd_, &value, sizeof value);
  }
}

size_t WorkerPool::threads() const {
  std::lock_guard lock(mutex_);
  return threads_.size();
}

void WorkerPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    count_spare_locked();
    wake_.wait(lock, [this] { return shut_down_ || !jobs_.empty(); });
    --idle_;
    // Like httplib::ThreadPool: finish queued connections before leaving.
    if (jobs_.empty()) return;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    count_spare_locked();
    if (idle_ >= jobs_.size() && !shut_down_) set_starved_locked(false);
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace care::server::http
