#include "store/storage_state.hpp"

#include <string>

#include "http/log.hpp"

namespace care::server::store {

void StorageState::refused(std::string_view cause) {
  refused_.fetch_add(1, std::memory_order_relaxed);
  if (full_.exchange(true)) return;
  http::log_line({{"level", "error"},
                  {"event", "storage_full"},
                  {"message",
                   "the database has no room for writes: changes are refused with 507 until "
                   "space is freed; reading and signing in go on"},
                  {"error", std::string(cause)}});
}

void StorageState::committed() {
  if (!full_.load(std::memory_order_relaxed) || !full_.exchange(false)) return;
  http::log_line({{"level", "info"},
                  {"event", "storage_recovered"},
                  {"message", "the database has room again: writes are accepted"}});
}

}  // namespace care::server::store
