#include "services/auto_close_service.hpp"

#include "care/rules/auto_close.hpp"
#include "events/publish.hpp"
#include "http/log.hpp"

namespace care::server::services {
namespace {

constexpr auto kSweepEvery = std::chrono::minutes(1);
// Requests closed per store round trip; a backlog drains over several rounds.
constexpr int kBatch = 500;

}  // namespace

AutoCloseService::AutoCloseService(store::Store& store, events::EventHub& events,
                                   const Clock& clock, Duration period)
    : store_(store), events_(events), clock_(clock), period_(period) {}

AutoCloseService::~AutoCloseService() {
  stop();
}

void AutoCloseService::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      http::run_step_logging_failure("auto_close", [this] { sweep_now(); });
      lock.lock();
      wake_.wait_for(lock, kSweepEvery, [this] { return stopping_; });
    }
  });
}

void AutoCloseService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int AutoCloseService::sweep_now() {
  Time now = time_from_unix_ms(clock_.now_ms());
  int closed = 0;
  for (;;) {
    std::vector<Request> quiet = store_.quiet_open_requests(now - period_, kBatch);
    int round = 0;
    for (const Request& request : quiet) {
      // The store's query is the index; the rule decides, with every activity counted.
      std::vector<Activity> activities = store_.activities_of_request(request.id);
      if (!is_due_to_close(request, activities, now, period_)) continue;
      Request done = close_request(request, now, 0);
      if (!store_.save_request(done, request.version, 0)) continue;  // edited meanwhile
      events::publish(events_,
                      RecordChanged{RecordType::request, done.id, done.version, done.updated},
                      events::Audience::all());
      ++round;
    }
    closed += round;
    if (static_cast<int>(quiet.size()) < kBatch || round == 0) return closed;
  }
}

}  // namespace care::server::services
