#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "store/storage_state.hpp"
#include "store/store_error.hpp"

namespace care::server::store {

// One prepared statement; bind by 1-based index, step through rows. A write refused
// for want of room throws StorageFull and is noted in `storage`.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, StorageState* storage = nullptr);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // True while a row is ready; false when done. Throws StoreError on failure.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  StorageState* storage_;
};

// A SQLite connection: WAL, foreign keys on, synchronous=FULL so a commit that
// returned is on disk (a 2xx means durable, R-G2). Statements are cached by text.
// A read-only one (query_only) opens an existing database for the read pool.
class Database {
 public:
  enum class Access { read_write, read_only };
  explicit Database(const std::string& path, Access access = Access::read_write);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  // A cached prepared statement, reset and ready to bind.
  Statement& prepare(std::string_view sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  sqlite3* handle() const { return db_; }
  // Whether the last write found room (see StorageState).
  const StorageState& storage() const { return storage_; }

  // One IMMEDIATE transaction, opened by begin() and ended by commit() or rollback().
  // Transactions nest: an inner begin() joins the open one, and only the outermost
  // commit() writes; an inner rollback() dooms the whole, so its outer commit() rolls
  // back and throws instead of writing half of it.
  void begin();
  void commit();
  void rollback() noexcept;
  // Resets any statement left part-way through its rows and ends any open transaction,
  // so the next read on this connection sees the newest commit (WAL keeps a reader on
  // the snapshot its open read began with).
  void end_reads() noexcept;

  // Runs `work` in one transaction (joining an open one); rolls back if it throws.
  template <typename Work>
  auto transaction(Work&& work) {
    begin();
    try {
      if constexpr (std::is_void_v<decltype(work())>) {
        work();
        commit();
      } else {
        auto result = work();
        commit();
        return result;
      }
    } catch (...) {
      if (depth_ > 0) rollback();
      throw;
    }
  }

 private:
  sqlite3* db_ = nullptr;
  StorageState storage_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
  int depth_ = 0;
  bool doomed_ = false;
  sqlite3_int64 changes_at_begin_ = 0;  // a transaction that changed nothing proves no room
};

}  // namespace care::server::store
