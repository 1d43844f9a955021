#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace care::server::events {

// Where the events of every node on one database are kept in order (issue 17: events
// across nodes). Only a PostgreSQL deployment has one; a single SQLite node's hub keeps
// its events in memory and never calls any of this.
class EventLog {
 public:
  struct Row {
    std::int64_t id = 0;
    std::string type;
    std::string data;      // the payload as the publishing node rendered it (one line)
    std::string audience;  // encode_audience()
  };
  enum class News {
    Notified,  // another node (or this one) appended: read what is new
    Quiet,     // nothing said for the whole wait
    Down,      // not listening (connection lost): the caller polls instead
  };

  virtual ~EventLog() = default;

  // Appends one event and returns its id. Ids are taken in order across nodes, but
  // appends run at once, so id n + 1 may commit before n. Throws StoreError.
  virtual std::int64_t append(std::string_view type, std::string_view data,
                              std::string_view audience) = 0;
  // Events with id ≥ `from`, in id order, at most `limit`, and never one past a missing
  // id that may still commit: a reader that has every id up to n delivers n + 2 only
  // once n + 1 is there or never will be. Called by one thread at a time (the hub holds
  // its relay lock), never while that thread waits for the pool.
  virtual std::vector<Row> read_from(std::int64_t from, int limit) = 0;
  // The newest id (0 when empty).
  virtual std::int64_t last_id() = 0;
  // Removes events older than `keep` except the newest one.
  virtual void prune(std::chrono::milliseconds keep) = 0;
  // Waits up to `timeout` for a sign that new events were appended (returns early,
  // Quiet, when interrupt() is called).
  virtual News wait(std::chrono::milliseconds timeout) = 0;
  virtual void interrupt() = 0;
};

}  // namespace care::server::events
