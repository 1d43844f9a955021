#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

namespace care::server::store {

// Whether the database had room for its last write. The database sets it as writes are
// refused (SQLITE_FULL, ENOSPC) or committed; /healthz and /metrics read it without
// taking the store's lock. Nothing is refused because of it: every write still tries,
// so the first one after space is freed succeeds and clears it.
class StorageState {
 public:
  // A write was refused for want of room; the first refusal after room is logged.
  void refused(std::string_view cause);
  // A write was committed: there is room (again); the recovery is logged.
  void committed();

  bool full() const { return full_.load(std::memory_order_relaxed); }
  std::uint64_t refused_writes() const { return refused_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> full_{false};
  std::atomic<std::uint64_t> refused_{0};
};

}  // namespace care::server::store
