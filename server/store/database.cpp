#include "store/database.hpp"

#include <cerrno>

namespace care::server::store {
namespace {

// SQLite says SQLITE_FULL when a write finds no room (a full disk, or max_page_count);
// a full disk met while syncing or growing the WAL comes back as an I/O error whose
// cause is ENOSPC (or EDQUOT, over a quota). Other I/O errors are a broken disk: 500.
bool no_room(sqlite3* db, int code) {
  if ((code & 0xff) == SQLITE_FULL) return true;
  if ((code & 0xff) != SQLITE_IOERR || !db) return false;
  int cause = sqlite3_system_errno(db);
  return cause == ENOSPC || cause == EDQUOT;
}

[[noreturn]] void fail(sqlite3* db, std::string_view what, int code = SQLITE_ERROR,
                       StorageState* storage = nullptr) {
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database");
  if (no_room(db, code)) {
    if (storage) storage->refused(message);
    throw StorageFull(message);
  }
  throw StoreError(message);
}

// SQLite counts every allocation under one process-wide mutex unless told not to, so
// workers stepping statements on connections of their own all took it: on the journey
// under wrk a fifth of the server's futex calls, thread against thread (issue 15).
// Nothing reads those counts (sqlite3_memory_used, a soft heap limit). Only possible
// before SQLite initialises, i.e. before the process's first open.
void count_no_allocations() {
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql, StorageState* storage)
    : db_(db), storage_(storage) {
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &statement_, nullptr) != SQLITE_OK) {
    fail(db_, "prepare");
  }
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_, "bind");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    // A write outside a transaction that changed rows is committed by now.
    if (storage_ && sqlite3_get_autocommit(db_) && !sqlite3_stmt_readonly(statement_) &&
        sqlite3_changes(db_) > 0) {
      storage_->committed();
    }
    return false;
  }
  int code = sqlite3_extended_errcode(db_);
  sqlite3_reset(statement_);
  fail(db_, "step", code, storage_);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(statement_, index);
}

double Statement::column_double(int index) const {
  return sqlite3_column_double(statement_, index);
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_, index);
  int bytes = sqlite3_column_bytes(statement_, index);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(bytes))
              : std::string();
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(statement_, index) == SQLITE_NULL;
}

Database::Database(const std::string& path, Access access) {
  count_no_allocations();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (access == Access::read_write) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  if (access == Access::read_only) {
    // The writer made the file WAL already (it stays so). A reader opens read-write
    // still, so it can recover a WAL left by a crash, but refuses every change.
    exec("PRAGMA query_only=ON");
    return;
  }
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
}

Database::~Database() {
  statements_.clear();  // statements must be finalized before the connection closes
  sqlite3_close(db_);
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    int code = sqlite3_extended_errcode(db_);
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    if (no_room(db_, code)) {
      storage_.refused(message);
      throw StorageFull(message);
    }
    throw StoreError(message);
  }
}

Statement& Database::prepare(std::string_view sql) {
  auto found = statements_.find(std::string(sql));
  if (found != statements_.end()) {
    found->second->reset();
    return *found->second;
  }
  auto [inserted, ok] =
      statements_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql, &storage_));
  return *inserted->second;
}

void Database::begin() {
  if (depth_ > 0) {
    ++depth_;
    return;
  }
  exec("BEGIN IMMEDIATE");
  changes_at_begin_ = sqlite3_total_changes64(db_);
  depth_ = 1;
  doomed_ = false;
}

void Database::commit() {
  if (depth_ == 0) throw StoreError("commit: no transaction is open");
  if (--depth_ > 0) return;
  if (doomed_) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw StoreError("commit: a nested unit of work gave up, so nothing was written");
  }
  try {
    exec("COMMIT");
    if (sqlite3_total_changes64(db_) != changes_at_begin_) storage_.committed();
  } catch (...) {
    // A failed COMMIT can leave the transaction open; never leave it for the next caller.
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Database::rollback() noexcept {
  if (depth_ == 0) return;
  if (--depth_ > 0) {
    doomed_ = true;
    return;
  }
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Database::end_reads() noexcept {
  for (sqlite3_stmt* statement = sqlite3_next_stmt(db_, nullptr); statement;
       statement = sqlite3_next_stmt(db_, statement)) {
    if (sqlite3_stmt_busy(statement)) sqlite3_reset(statement);
  }
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  depth_ = 0;
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
  return sqlite3_changes(db_);
}

}  // namespace care::server::store
