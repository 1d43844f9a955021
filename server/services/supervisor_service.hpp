#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "care/api.hpp"
#include "care/model.hpp"
#include "clock.hpp"
#include "store/store.hpp"

namespace care::server::services {

// R-H3: the supervisor's floor. Queues against their targets with the service level
// over the shift, agents (only agents: supervisors and admins are not the floor) by
// state with Offline for the signed out, handled work, and each queue's last hour of
// waiting and in-progress counts, sampled here so a supervisor who opens the floor sees
// the hour at once.
class SupervisorService {
 public:
  static constexpr Duration kDefaultShift = std::chrono::hours(12);
  static constexpr Duration kHistory = std::chrono::hours(1);
  static constexpr Duration kDefaultSampleEvery = std::chrono::seconds(30);

  SupervisorService(store::Store& store, const Clock& clock,
                    Duration sample_every = kDefaultSampleEvery);
  ~SupervisorService();
  SupervisorService(const SupervisorService&) = delete;
  SupervisorService& operator=(const SupervisorService&) = delete;

  Time now() const { return time_from_unix_ms(clock_.now_ms()); }
  FloorOverview overview(Time since);

  // Samples every queue now and then every `sample_every` until stop().
  void start();
  void stop();
  void sample_now();

  // Samples kept per queue: the last hour (so memory is bounded by the queue count).
  std::size_t samples_kept() const { return samples_kept_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  const Duration sample_every_;
  const std::size_t samples_kept_;

  std::mutex history_mutex_;
  std::map<Id, std::deque<FloorSample>> history_;  // by queue, oldest first

  std::mutex thread_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace care::server::services
