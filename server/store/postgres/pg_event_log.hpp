#pragma once

#include <chrono>
#include <memory>

#include "events/event_log.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store::pg {

// The event log of the nodes on one PostgreSQL database (issue 17): appends through the
// store (its pool, or the thread's unit of work), reads on a connection of its own (the
// hub reads one caller at a time, holding its relay lock: a read never waits for the
// pool, which busy units of work may all hold), and one more that
// LISTENs for the ids the appends NOTIFY. Both reconnect by themselves after the server
// was lost (the listener at most every `retry`); meanwhile wait() says Down and the
// follower polls.
class PostgresEventLog final : public events::EventLog {
 public:
  explicit PostgresEventLog(PostgresStore& store,
                            std::chrono::milliseconds retry = std::chrono::seconds(1));
  ~PostgresEventLog() override;

  std::int64_t append(std::string_view type, std::string_view data,
                      std::string_view audience) override;
  std::vector<Row> read_from(std::int64_t from, int limit) override;
  std::int64_t last_id() override;
  void prune(std::chrono::milliseconds keep) override;
  News wait(std::chrono::milliseconds timeout) override;
  void interrupt() override;

 private:
  // Up to `limit` rows from id `from` on, as committed now (on reader_).
  std::vector<Row> fetch(std::int64_t from, int limit);
  // Polls the wake eventfd alone for `timeout` (no connection to wait on).
  void sleep(std::chrono::milliseconds timeout);

  PostgresStore& store_;
  const std::chrono::milliseconds retry_;
  std::unique_ptr<Connection> reader_;    // read_from()'s, one caller at a time
  std::unique_ptr<Connection> listener_;  // wait()'s thread only
  std::chrono::steady_clock::time_point next_try_{};
  int wake_fd_ = -1;
};

}  // namespace care::server::store::pg
