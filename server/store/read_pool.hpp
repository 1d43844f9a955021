#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace care::server::store {

// The writer's lock: recursive (a store method may call another, a unit of work holds
// it from begin to end), and it knows which thread holds it, so a read made while
// holding it goes to the writer's connection and sees that thread's own uncommitted
// changes.
class WriterMutex {
 public:
  void lock() {
    mutex_.lock();
    if (depth_++ == 0) holder_.store(std::this_thread::get_id(), std::memory_order_relaxed);
  }
  void unlock() {
    if (--depth_ == 0) holder_.store(std::thread::id(), std::memory_order_relaxed);
    mutex_.unlock();
  }
  // Only the holder can see its own id here; any other thread sees another id or none.
  bool held_here() const {
    return holder_.load(std::memory_order_relaxed) == std::this_thread::get_id();
  }

 private:
  std::recursive_mutex mutex_;
  int depth_ = 0;  // changed only by the holder
  std::atomic<std::thread::id> holder_{};
};

// Read-only connections beside the one writer. In WAL a reader sees the last commit
// while a write is under way, its fsync included, so reads never queue behind one.
// A connection serves one thread at a time; with all of them out, the next reader
// waits for one to come back.
class ReadPool {
 public:
  // `size` connections to the database at `path`, which must exist and be WAL.
  ReadPool(const std::string& path, int size);
  int size() const { return static_cast<int>(all_.size()); }

  Database& acquire();
  // Ends whatever read the borrower left open, so the next one starts fresh.
  void release(Database& db) noexcept;

 private:
  std::vector<std::unique_ptr<Database>> all_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Database*> free_;
};

}  // namespace care::server::store
