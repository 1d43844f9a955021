#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "care/time.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"
#include "store/store.hpp"

namespace care::server::services {

// R-C3: closes requests that have had no update, of their own or of any activity, for
// the configured period (default 5 days); records the closed date and tells every
// open screen. Sweeps once a minute and on sweep_now().
class AutoCloseService {
 public:
  AutoCloseService(store::Store& store, events::EventHub& events, const Clock& clock,
                   Duration period);
  ~AutoCloseService();
  AutoCloseService(const AutoCloseService&) = delete;
  AutoCloseService& operator=(const AutoCloseService&) = delete;

  void start();
  void stop();
  // Closes what is due now; returns how many requests it closed.
  int sweep_now();

 private:
  store::Store& store_;
  events::EventHub& events_;
  const Clock& clock_;
  const Duration period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace care::server::services
