#include "store/postgres/pg_event_log.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <string>

namespace care::server::store::pg {
namespace {

// How long a (re)connection of the listener may take before wait() gives up for now.
constexpr int kListenConnectTimeout = 2;

}  // namespace

PostgresEventLog::PostgresEventLog(PostgresStore& store, std::chrono::milliseconds retry)
    : store_(store), retry_(retry), wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

PostgresEventLog::~PostgresEventLog() {
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

std::int64_t PostgresEventLog::append(std::string_view type, std::string_view data,
                                      std::string_view audience) {
  return store_.append_event(type, data, audience);
}

namespace {

// Whether an id is missing between `from` and the last of `rows`.
bool has_hole(const std::vector<events::EventLog::Row>& rows, std::int64_t from) {
  std::int64_t expected = from;
  for (const auto& row : rows) {
    if (row.id != expected) return true;
    expected = row.id + 1;
  }
  return false;
}

}  // namespace

std::vector<events::EventLog::Row> PostgresEventLog::fetch(std::int64_t from, int limit) {
  Result rows = reader_->query(
      "SELECT id, type, data, audience FROM events WHERE id >= $1 ORDER BY id LIMIT $2", from,
      static_cast<std::int64_t>(limit));
  std::vector<Row> out;
  out.reserve(static_cast<size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    out.push_back({rows.integer(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3)});
  }
  return out;
}

// Appends on every node run at once: ids are taken in order, but a lower one may commit
// after a higher one. A reader that delivered the higher one and moved on would never
// deliver the lower. So at an id missing below one that committed, this reads again
// holding the appenders' lock exclusively: that waits until every append holding an id
// has ended (committed, or rolled back and never to come), and no append takes an id
// until the read is done, so what it returns is all there will ever be up to its last
// row. (A thread whose unit of work appended holds that lock already: nothing is in
// flight for it.)
std::vector<events::EventLog::Row> PostgresEventLog::read_from(std::int64_t from, int limit) {
  try {
    if (!reader_ || !reader_->healthy()) reader_ = std::make_unique<Connection>(store_.conninfo());
    std::vector<Row> rows = fetch(from, limit);
    if (!has_hole(rows, from) || store_.holds_events_here()) return rows;
    Transaction settled(*reader_);
    reader_->query("SELECT pg_advisory_xact_lock($1)", PostgresStore::kEventsLock);
    rows = fetch(from, limit);
    settled.commit();
    return rows;
  } catch (const StoreUnavailable&) {
    reader_.reset();  // a new connection next time
    throw;
  }
}

std::int64_t PostgresEventLog::last_id() {
  return store_.last_event_id();
}

void PostgresEventLog::prune(std::chrono::milliseconds keep) {
  store_.prune_events(keep.count());
}

void PostgresEventLog::interrupt() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
}

void PostgresEventLog::sleep(std::chrono::milliseconds timeout) {
  pollfd wake{wake_fd_, POLLIN, 0};
  if (::poll(&wake, 1, static_cast<int>(timeout.count())) > 0) {
    std::uint64_t value;
    [[maybe_unused]] auto got = ::read(wake_fd_, &value, sizeof value);
  }
}

events::EventLog::News PostgresEventLog::wait(std::chrono::milliseconds timeout) {
  using Clock = std::chrono::steady_clock;
  if (!listener_) {
    if (Clock::now() < next_try_) {
      sleep(timeout);
      return News::Down;
    }
    next_try_ = Clock::now() + retry_;
    try {
      auto connection = std::make_unique<Connection>(store_.conninfo(), kListenConnectTimeout);
      connection->exec(std::string("LISTEN ") + PostgresStore::kEventChannel);
      listener_ = std::move(connection);
    } catch (const StoreError&) {
      sleep(timeout);
      return News::Down;
    }
    // Listening from now on: what was appended while it was not is read now.
    return News::Notified;
  }
  // Notifications read along with an earlier reply wait in libpq, not on the socket.
  auto waiting = listener_->take_notifications();
  if (waiting && *waiting > 0) return News::Notified;
  if (waiting) {
    pollfd fds[2] = {{listener_->socket(), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    int ready = ::poll(fds, 2, static_cast<int>(timeout.count()));
    if (ready > 0 && (fds[1].revents & POLLIN)) {
      std::uint64_t value;
      [[maybe_unused]] auto got = ::read(wake_fd_, &value, sizeof value);
    }
    if (ready <= 0 || !(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) return News::Quiet;
    waiting = listener_->take_notifications();
    if (waiting) return *waiting > 0 ? News::Notified : News::Quiet;
  }
  // Lost (the server restarted or went away): poll until a new connection listens.
  listener_.reset();
  return News::Down;
}

}  // namespace care::server::store::pg
