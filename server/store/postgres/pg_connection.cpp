#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>

namespace care::server::store::pg {
namespace {

// Whether a failure means the server is gone rather than the statement wrong: the
// connection broke, or SQLSTATE class 08 (connection exception) or 57P01–57P03 (the
// server shutting down, crashed, or starting).
bool server_gone(PGconn* conn, const char* state) {
  if (!conn || PQstatus(conn) != CONNECTION_OK) return true;
  if (!state) return false;
  std::string_view code(state);
  return code.substr(0, 2) == "08" || code == "57P01" || code == "57P02" || code == "57P03";
}

// The server's words for a failure, with its SQLSTATE; class 53 (insufficient
// resources: disk full, out of memory) is a full store (507), a server that cannot be
// reached StoreUnavailable (503), a transaction given up for a concurrent one (40P01
// deadlock, 40001 serialization failure) StoreConflict, the rest a StoreError.
[[noreturn]] void fail(PGconn* conn, const PGresult* result, std::string_view doing) {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string text = "PostgreSQL: " + std::string(doing) + ": " + message;
  if (state) text += " (SQLSTATE " + std::string(state) + ")";
  if (state && std::string_view(state).substr(0, 2) == "53") throw StorageFull(text);
  if (server_gone(conn, state)) throw StoreUnavailable(text);
  if (state && (std::string_view(state) == "40P01" || std::string_view(state) == "40001"))
    throw StoreConflict(text);
  throw StoreError(text);
}

void ignore_notice(void*, const char*) {}

void check(PGconn* conn, PGresult* result, std::string_view doing) {
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    return;
  Result owned(result);  // freed as the error leaves
  fail(conn, result, doing);
}

}  // namespace

std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : item) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

Result::~Result() {
  if (result_) PQclear(result_);
}

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    if (result_) PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

int Result::rows() const {
  return result_ ? PQntuples(result_) : 0;
}

std::int64_t Result::affected() const {
  const char* count = result_ ? PQcmdTuples(result_) : "";
  std::int64_t value = 0;
  std::from_chars(count, count + std::char_traits<char>::length(count), value);
  return value;
}

bool Result::is_null(int row, int column) const {
  return PQgetisnull(result_, row, column) != 0;
}

std::string Result::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<size_t>(PQgetlength(result_, row, column)));
}

std::int64_t Result::integer(int row, int column) const {
  const char* value = PQgetvalue(result_, row, column);
  int length = PQgetlength(result_, row, column);
  std::int64_t number = 0;
  auto [end, ec] = std::from_chars(value, value + length, number);
  if (ec != std::errc() || end != value + length) {
    throw StoreError("PostgreSQL: column " + std::to_string(column) +
                     " is not a whole number: " + std::string(value, static_cast<size_t>(length)));
  }
  return number;
}

std::optional<std::int64_t> Result::optional_integer(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return integer(row, column);
}

Connection::Connection(const std::string& conninfo, int connect_timeout) {
  // The conninfo is expanded after the default timeout, so its own one wins.
  const std::string timeout = std::to_string(connect_timeout);
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), conninfo.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, 1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    throw StoreUnavailable("PostgreSQL: cannot connect: " + message);
  }
  // A message the server sends while the connection is idle (its goodbye when it shuts
  // down) would go to stderr; the failure it announces surfaces as an error instead.
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  // Times are epoch milliseconds in BIGINT, text compares byte by byte as in SQLite,
  // and notices (IF NOT EXISTS) stay out of the server's log.
  exec("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

void Connection::exec(std::string_view sql) {
  std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  check(conn_, result, "exec");
  PQclear(result);
}

Result Connection::run(const std::string& sql, const std::vector<Param>& params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    std::string name = "care_" + std::to_string(prepared_.size() + 1);
    PGresult* prepared = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
    check(conn_, prepared, "prepare");
    PQclear(prepared);
    found = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& each : params)
    values.push_back(each ? each->c_str() : nullptr);
  PGresult* result = PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0);
  check(conn_, result, "query");
  return Result(result);
}

bool Connection::healthy() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool Connection::alive() {
  // libpq's socket does not block: each read takes only what has already arrived. A
  // server that ends the session sends its FATAL message and then closes: the first
  // read takes the message, the second finds the end.
  for (int read = 0; read < 2; ++read) {
    if (PQstatus(conn_) != CONNECTION_OK || PQconsumeInput(conn_) == 0) return false;
  }
  while (PGnotify* notice = PQnotifies(conn_))
    PQfreemem(notice);
  return PQstatus(conn_) == CONNECTION_OK;
}

int Connection::socket() const {
  return PQsocket(conn_);
}

std::optional<int> Connection::take_notifications() {
  if (PQstatus(conn_) != CONNECTION_OK || PQconsumeInput(conn_) == 0 ||
      PQstatus(conn_) != CONNECTION_OK) {
    return std::nullopt;
  }
  int count = 0;
  while (PGnotify* notice = PQnotifies(conn_)) {
    PQfreemem(notice);
    ++count;
  }
  return count;
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.exec("BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (const StoreError&) {
    // The connection is gone; the server rolled back for us, and the pool drops it.
  }
}

void Transaction::commit() {
  open_ = false;
  connection_.exec("COMMIT");
}

Pool::Pool(std::string conninfo, int size) : conninfo_(std::move(conninfo)), size_(size) {
  if (size_ < 1) size_ = 1;
}

Pool::~Pool() = default;

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  while (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    // A connection the server closed while it sat idle (a restart) is dropped here
    // rather than failing the request that would have used it.
    if (connection->alive()) return Lease(*this, std::move(connection));
    --open_;
  }
  // Every idle one was dead, or none was idle and there is room: a new connection.
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Connection>(conninfo_));
  } catch (...) {
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void Pool::release(std::unique_ptr<Connection> connection) {
  bool keep = connection->healthy();
  if (!keep) connection.reset();  // closed outside the lock is not needed: it is quick
  std::lock_guard lock(mutex_);
  if (keep) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  freed_.notify_one();
}

}  // namespace care::server::store::pg
