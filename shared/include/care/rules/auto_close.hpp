#pragma once

#include <optional>
#include <span>

#include "care/model/activity.hpp"
#include "care/model/request.hpp"

namespace care {

// R-C3: a request closes by itself once it has been quiet for the configured period.
inline constexpr Duration kDefaultAutoClosePeriod = Duration(5LL * 24 * 60 * 60 * 1000);

// The last update of the request or of any of its activities (activities of other
// requests in `activities` are ignored).
Time last_update(const Request& request, std::span<const Activity> activities);

// When the request becomes due to close: last update + period. nullopt if closed.
std::optional<Time> auto_close_due_at(const Request& request, std::span<const Activity> activities,
                                      Duration period = kDefaultAutoClosePeriod);

// Due when now - last update >= period: exactly at the period it is due, one
// millisecond before it is not.
bool is_due_to_close(const Request& request, std::span<const Activity> activities, Time now,
                     Duration period = kDefaultAutoClosePeriod);

// The request closed at `now` by `by` (0 = the server's sweeper): status closed, closed
// date recorded (R-C2), stamp and version advanced (R-E1).
Request close_request(Request request, Time now, Id by = 0);

}  // namespace care
