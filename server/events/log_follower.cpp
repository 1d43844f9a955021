#include "events/log_follower.hpp"

#include <exception>
#include <string>

#include "http/log.hpp"

namespace care::server::events {

LogFollower::LogFollower(EventHub& hub, EventLog& log, Options options)
    : hub_(hub), log_(log), options_(options) {
  thread_ = std::thread([this] { run(); });
}

LogFollower::~LogFollower() {
  stop();
}

void LogFollower::stop() {
  if (stopping_.exchange(true)) return;
  log_.interrupt();
  if (thread_.joinable()) thread_.join();
}

void LogFollower::run() {
  using Clock = std::chrono::steady_clock;
  auto next_prune = Clock::now() + options_.prune_every;
  bool down = false;
  bool failing = false;  // said so in the log once until it works again
  while (!stopping_) {
    EventLog::News news = log_.wait(down ? options_.down_poll : options_.quiet_poll);
    if (stopping_) break;
    down = news == EventLog::News::Down;
    try {
      hub_.catch_up();
      if (Clock::now() >= next_prune) {
        log_.prune(options_.keep);
        next_prune = Clock::now() + options_.prune_every;
      }
      if (failing) http::log_line({{"level", "info"}, {"message", "event log: reading again"}});
      failing = false;
    } catch (const std::exception& error) {
      if (!failing) {
        http::log_line({{"level", "warn"},
                        {"message", std::string("event log: cannot read: ") + error.what()}});
      }
      failing = true;
      down = true;  // poll at the short interval until it reads again
    }
  }
}

}  // namespace care::server::events
