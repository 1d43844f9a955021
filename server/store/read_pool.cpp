#include "store/read_pool.hpp"

namespace care::server::store {

ReadPool::ReadPool(const std::string& path, int size) {
  for (int i = 0; i < size; ++i) {
    all_.push_back(std::make_unique<Database>(path, Database::Access::read_only));
    free_.push_back(all_.back().get());
  }
}

Database& ReadPool::acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !free_.empty(); });
  Database* db = free_.back();
  free_.pop_back();
  return *db;
}

void ReadPool::release(Database& db) noexcept {
  db.end_reads();
  {
    std::lock_guard lock(mutex_);
    free_.push_back(&db);
  }
  returned_.notify_one();
}

}  // namespace care::server::store
