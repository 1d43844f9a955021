#pragma once
// A thin RAII layer over libpq: a connection, a result, parameters as text, cached
// prepared statements, a transaction guard and a small pool. Failures become the
// store's own errors (StoreError; StorageFull when the server has no room;
// StoreUnavailable when it cannot be reached or the connection to it was lost).
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store_error.hpp"

struct pg_conn;
struct pg_result;

namespace care::server::store::pg {

// One statement parameter, sent as text; nullopt is NULL.
using Param = std::optional<std::string>;

inline Param param(std::int64_t value) {
  return std::to_string(value);
}
inline Param param(int value) {
  return std::to_string(value);
}
inline Param param(bool value) {
  return std::string(value ? "1" : "0");
}
inline Param param(std::string_view value) {
  return std::string(value);
}
inline Param param(const char* value) {
  return std::string(value);
}
inline Param param(const std::string& value) {
  return value;
}
inline Param param(std::nullopt_t) {
  return std::nullopt;
}
template <typename T>
Param param(const std::optional<T>& value) {
  return value ? param(*value) : std::nullopt;
}

// A PostgreSQL text array literal ({"a","b"}), for `$1::text[]`.
std::string text_array(const std::vector<std::string>& items);

// The rows of one statement, read by row and column (0-based).
class Result {
 public:
  Result() = default;
  explicit Result(pg_result* result) : result_(result) {}
  ~Result();
  Result(Result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Result& operator=(Result&& other) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const;
  bool empty() const { return rows() == 0; }
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  std::optional<std::int64_t> optional_integer(int row, int column) const;

 private:
  pg_result* result_ = nullptr;
};

// One libpq connection. Statements run with text parameters ($1, $2…) and are prepared
// once per connection, cached by their text.
class Connection {
 public:
  // `conninfo`: a postgres:// URI or key=value words, as libpq reads them. Connecting
  // gives up after `connect_timeout` seconds unless the conninfo says otherwise.
  explicit Connection(const std::string& conninfo, int connect_timeout = kConnectTimeout);
  static constexpr int kConnectTimeout = 10;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters (migrations, BEGIN).
  void exec(std::string_view sql);
  // Runs one statement, prepared on first use.
  Result run(const std::string& sql, const std::vector<Param>& params);
  template <typename... Args>
  Result query(const std::string& sql, const Args&... args) {
    return run(sql, std::vector<Param>{param(args)...});
  }
  // False once the connection to the server is lost: the pool then drops it.
  bool healthy() const;
  // Reads what the server sent while the connection sat idle (a restarting server
  // says goodbye and closes it), without waiting: false when it is gone.
  bool alive();
  // For a LISTEN connection: its socket to wait on, and how many notifications have
  // arrived (read without waiting, and dropped); nullopt when the connection is lost.
  int socket() const;
  std::optional<int> take_notifications();

 private:
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

// BEGIN … COMMIT on one connection; leaving the scope without commit() rolls back.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

// Up to `size` connections, opened when first needed; acquire() waits for a free one.
class Pool {
 public:
  Pool(std::string conninfo, int size);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease() {
      if (connection_) pool_->release(std::move(connection_));
    }
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Lease acquire();
  int size() const { return size_; }
  const std::string& conninfo() const { return conninfo_; }

 private:
  void release(std::unique_ptr<Connection> connection);

  std::string conninfo_;
  int size_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // connections opened and not dropped, idle or lent
};

}  // namespace care::server::store::pg
