#pragma once

#include "care/codec/json.hpp"
#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// GET /api/queue, GET /api/tasks, POST /api/tasks/{id}/accept|close,
// GET|POST /api/queues, PUT /api/agents/{id}/routing.
// A task in hand as the desktop reads it: task, activity, customer, request, handoffs
// and whether the agent is a consult guest in it (issue 18). send_hand answers 200 with
// it, or the WorkError's status.
Json hand_json(const services::TaskInHand& hand);
void send_hand(httplib::Response& res,
               const std::variant<services::TaskInHand, services::WorkError>& outcome);

void add_work_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::RoutingService& routing);

}  // namespace care::server::routes
