#pragma once
// For tests of what PostgreSQL makes wait (issue 17: writes at once): whether a call
// running on another thread finishes, or comes to wait for a lock held by the test,
// decided by the database's own view (pg_locks), not by a sleep.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "store/postgres/pg_connection.hpp"

namespace care::test {

// Waits until `done` is true, or until a session on the database of `conninfo` waits
// for a lock (a row, a transaction, an advisory lock); true when `done` came first.
inline bool done_before_waiting(const std::string& conninfo, const std::atomic<bool>& done) {
  server::store::pg::Connection watcher(conninfo);
  for (;;) {
    if (done.load()) return true;
    const auto waiting = watcher.query(
        "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE NOT l.granted AND a.datname = current_database()");
    if (waiting.integer(0, 0) > 0) return done.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace care::test
