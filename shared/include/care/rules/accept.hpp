#pragma once

#include <optional>
#include <span>

#include "care/model/request.hpp"

namespace care {

// R-A7: when an agent accepts a task, its activity joins the customer's most recent open
// request; with none open (or an unknown contact) a new request is created for it.
// "Most recent" is the open request updated last: the case the customer and the team
// touched latest, which is where the conversation most likely continues. Ties go to the
// one created later, then to the higher id, so the choice never depends on input order.
// `requests` may hold other customers' requests too; they are ignored.
// Returns the request to add the activity to, or nullopt for "create a new request".
std::optional<Id> request_for_accept(std::optional<Id> customer, std::span<const Request> requests);

}  // namespace care
