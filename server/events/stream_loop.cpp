#include "events/stream_loop.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <string_view>

#include "http/log.hpp"

namespace care::server::events {
namespace {

constexpr std::uint64_t kWakeId = 0;
constexpr std::string_view kHeartbeat = ": ping\n\n";
// The response is `Transfer-Encoding: chunked` (cpp-httplib wrote its head): each
// write is one chunk, and the stream ends with the empty one.
constexpr std::string_view kFinalChunk = "0\r\n\r\n";
constexpr int kEventsPerTurn = 256;
constexpr int kDrainsPerTurn = 4096;

void append_chunk(std::string& out, std::string_view data) {
  char length[20];
  int size = std::snprintf(length, sizeof length, "%zx\r\n", data.size());
  out.append(length, static_cast<size_t>(size));
  out.append(data);
  out.append("\r\n");
}

}  // namespace

struct StreamLoop::Stream {
  std::uint64_t id = 0;
  std::unique_ptr<http::Connection> connection;
  std::shared_ptr<Subscriber> subscriber;
  std::chrono::milliseconds heartbeat{};
  StillValid still_valid;
  // Chunks the socket has not taken yet. While any wait, the subscriber is not
  // drained: its queue fills, and past its capacity the hub turns it into resync.
  std::string out;
  size_t sent = 0;
  Clock::time_point last_write{};     // the last chunk queued: quiet since then
  Clock::time_point last_progress{};  // the socket last took bytes (while out waits)
  Clock::time_point due{};            // the check in checks_ that counts
  bool want_output = false;           // EPOLLOUT asked for
  bool closing = false;               // the final chunk is in `out`: close once sent
  int fd() const { return connection->fd; }
};

StreamLoop::StreamLoop(EventHub& hub, Options options) : hub_(hub), options_(options) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = kWakeId;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event);
  thread_ = std::thread([this] { run(); });
}

StreamLoop::~StreamLoop() {
  stop();
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

void StreamLoop::adopt(std::unique_ptr<http::Connection> connection,
                       std::shared_ptr<Subscriber> subscriber, std::chrono::milliseconds heartbeat,
                       StillValid still_valid) {
  {
    std::lock_guard lock(inbox_mutex_);
    if (!stopping_) {
      count_.fetch_add(1);
      adopted_.push_back(
          {std::move(connection), std::move(subscriber), heartbeat, std::move(still_valid)});
      if (!woken_) {
        woken_ = true;
        wake();
      }
      return;
    }
  }
  // Stopping: the stream ends as it begins.
  http::write_all(connection->fd, kFinalChunk, std::chrono::milliseconds(0));
  hub_.unsubscribe(subscriber);
}

void StreamLoop::wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
}

size_t StreamLoop::streams() const {
  return count_.load();
}

void StreamLoop::stop() {
  {
    std::lock_guard lock(inbox_mutex_);
    if (stopping_.exchange(true)) return;
    wake();
  }
  if (thread_.joinable()) thread_.join();
  // The loop has left: its streams are this thread's now.
  std::vector<Adopted> adopted;
  {
    std::lock_guard lock(inbox_mutex_);
    adopted.swap(adopted_);
  }
  ready_.clear();
  for (auto& stream : adopted) {
    http::write_all(stream.connection->fd, kFinalChunk, std::chrono::milliseconds(0));
    hub_.unsubscribe(stream.subscriber);
    count_.fetch_sub(1);
  }
  std::vector<std::uint64_t> ids;
  ids.reserve(streams_.size());
  for (const auto& [id, stream] : streams_)
    ids.push_back(id);
  for (auto id : ids)
    end(*streams_.at(id), true);
}

void StreamLoop::run() {
  epoll_event events[kEventsPerTurn];
  while (!stopping_) {
    int count = ::epoll_wait(epoll_fd_, events, kEventsPerTurn, next_timeout(Clock::now()));
    if (count < 0 && errno != EINTR) break;
    auto now = Clock::now();
    for (int i = 0; i < count; ++i) {
      std::uint64_t id = events[i].data.u64;
      if (id == kWakeId) {
        std::uint64_t value;
        [[maybe_unused]] auto got = ::read(wake_fd_, &value, sizeof value);
        continue;
      }
      auto found = streams_.find(id);
      if (found != streams_.end()) on_socket(*found->second, events[i].events, now);
    }
    if (stopping_) break;
    take_adopted(now);
    drain_ready(now);
    run_checks(now);
  }
}

void StreamLoop::take_adopted(Clock::time_point now) {
  std::vector<Adopted> adopted;
  {
    std::lock_guard lock(inbox_mutex_);
    woken_ = false;
    if (adopted_.empty()) return;
    adopted.swap(adopted_);
  }
  for (auto& taken : adopted) {
    auto stream = std::make_unique<Stream>();
    stream->id = next_id_++;
    stream->connection = std::move(taken.connection);
    stream->subscriber = std::move(taken.subscriber);
    stream->heartbeat = taken.heartbeat;
    stream->still_valid = std::move(taken.still_valid);
    stream->last_write = now;  // the retry frame, just written by the worker
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.u64 = stream->id;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, stream->fd(), &event) != 0) {
      hub_.unsubscribe(stream->subscriber);
      count_.fetch_sub(1);
      continue;
    }
    Stream& added = *stream;
    by_subscriber_[added.subscriber.get()] = added.id;
    streams_[added.id] = std::move(stream);
    schedule(added, now + added.heartbeat);
    // Pushes from now on reach ready(); what was queued before (a replay, a resync)
    // is written now.
    added.subscriber->attach(&ready_);
    drain(added, now);
  }
}

void StreamLoop::drain_ready(Clock::time_point now) {
  // One subscriber at a time, so an urgent one told meanwhile is next. Bounded, so a
  // flood of publishes cannot keep the loop from its sockets and checks: past the
  // budget it wakes itself and goes round epoll first.
  for (int budget = kDrainsPerTurn; budget > 0; --budget) {
    auto subscriber = ready_.next();
    if (!subscriber) return;
    auto found = by_subscriber_.find(subscriber.get());
    if (found == by_subscriber_.end()) continue;  // ended meanwhile
    drain(*streams_.at(found->second), now);
  }
  wake();
}

void StreamLoop::drain(Stream& stream, Clock::time_point now) {
  if (stream.sent < stream.out.size()) {
    // The socket is full; the subscriber stays ready and is drained once it empties.
    // Signed out or stopping: no final chunk can get through now, so just close.
    if (stream.subscriber->closed()) end(stream, false);
    return;
  }
  auto batch = stream.subscriber->take();
  if (!batch.text.empty()) append_chunk(stream.out, batch.text);
  if (batch.closed) {
    stream.out.append(kFinalChunk);
    stream.closing = true;
  }
  if (stream.out.empty()) return;
  stream.last_write = now;
  stream.last_progress = now;
  write_out(stream, now);
}

void StreamLoop::write_out(Stream& stream, Clock::time_point now) {
  while (stream.sent < stream.out.size()) {
    ssize_t count = ::send(stream.fd(), stream.out.data() + stream.sent,
                           stream.out.size() - stream.sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (count > 0) {
      stream.sent += static_cast<size_t>(count);
      stream.last_progress = now;
      continue;
    }
    if (count < 0 && errno == EINTR) continue;
    if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      want_output(stream, true);
      auto give_up = stream.last_progress + options_.write_timeout;
      if (give_up < stream.due) schedule(stream, give_up);
      return;
    }
    return end(stream, false);  // reset or broken: the peer is gone
  }
  stream.out.clear();
  stream.sent = 0;
  want_output(stream, false);
  if (stream.closing) end(stream, false);
}

void StreamLoop::on_socket(Stream& stream, std::uint32_t events, Clock::time_point now) {
  if (events & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) return end(stream, false);
  if (events & EPOLLIN) {
    // A stream's client has nothing more to say; what it sends is read and dropped,
    // and its close ends the stream.
    char chunk[4096];
    for (;;) {
      ssize_t count = ::recv(stream.fd(), chunk, sizeof chunk, MSG_DONTWAIT);
      if (count > 0) continue;
      if (count < 0 && errno == EINTR) continue;
      if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      return end(stream, false);
    }
  }
  if (events & EPOLLOUT) {
    const std::uint64_t id = stream.id;
    write_out(stream, now);
    // Still open and emptied: what queued up meanwhile goes out now.
    auto found = streams_.find(id);
    if (found != streams_.end() && found->second->out.empty()) drain(*found->second, now);
  }
}

void StreamLoop::schedule(Stream& stream, Clock::time_point at) {
  stream.due = at;
  checks_.push({at, stream.id});
}

void StreamLoop::run_checks(Clock::time_point now) {
  while (!checks_.empty() && checks_.top().at <= now) {
    Check next = checks_.top();
    checks_.pop();
    auto found = streams_.find(next.stream);
    // Closed, or rescheduled since: a later entry counts.
    if (found == streams_.end() || found->second->due != next.at) continue;
    check(*found->second, now);
  }
}

void StreamLoop::check(Stream& stream, Clock::time_point now) {
  if (stream.sent < stream.out.size()) {
    // The reader has stopped reading.
    if (now - stream.last_progress >= options_.write_timeout) return end(stream, false);
    return schedule(stream, stream.last_progress + options_.write_timeout);
  }
  if (now - stream.last_write < stream.heartbeat) {
    return schedule(stream, stream.last_write + stream.heartbeat);
  }
  // Quiet for a whole heartbeat: is the caller still allowed? A comment keeps
  // proxies from closing the stream.
  if (!still_valid(stream)) return end(stream, true);
  schedule(stream, now + stream.heartbeat);
  append_chunk(stream.out, kHeartbeat);
  stream.last_write = now;
  stream.last_progress = now;
  write_out(stream, now);
}

bool StreamLoop::still_valid(Stream& stream) {
  if (!stream.still_valid) return true;
  try {
    return stream.still_valid();
  } catch (const std::exception& error) {
    // The store could not say (it is busy or full): keep the stream, ask again at the
    // next heartbeat. An exception must not end the loop and every stream with it.
    http::log_line(
        {{"level", "warn"},
         {"message", std::string("event stream: session check failed: ") + error.what()}});
    return true;
  }
}

void StreamLoop::want_output(Stream& stream, bool want) {
  if (stream.want_output == want) return;
  stream.want_output = want;
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP | (want ? EPOLLOUT : 0u);
  event.data.u64 = stream.id;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, stream.fd(), &event);
}

void StreamLoop::end(Stream& stream, bool final_chunk) {
  if (final_chunk && stream.sent == stream.out.size()) {
    // Best effort: a socket with room takes these five bytes at once.
    [[maybe_unused]] auto sent =
        ::send(stream.fd(), kFinalChunk.data(), kFinalChunk.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, stream.fd(), nullptr);
  hub_.unsubscribe(stream.subscriber);
  by_subscriber_.erase(stream.subscriber.get());
  count_.fetch_sub(1);
  streams_.erase(stream.id);  // closes the connection: `stream` is gone from here
}

int StreamLoop::next_timeout(Clock::time_point now) const {
  if (checks_.empty()) return -1;
  auto wait = checks_.top().at - now;
  if (wait <= Clock::duration::zero()) return 0;
  // Rounded up: waking a little late is fine, waking early only to sleep again is not.
  return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(wait).count());
}

}  // namespace care::server::events
