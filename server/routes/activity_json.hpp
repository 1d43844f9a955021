#pragma once
// GET /api/activities/{id}'s body, also what starting to monitor a chat answers.
#include "care/codec/json.hpp"
#include "services/record_service.hpp"

namespace care::server::routes {

inline Json activity_details_json(const services::ActivityDetails& details) {
  return Json{{"activity", details.activity},
              {"comments", details.comments},
              {"task", details.task ? Json(*details.task) : Json(nullptr)},
              {"rating", details.rating ? Json(*details.rating) : Json(nullptr)},
              {"handoffs", details.handoffs}};
}

}  // namespace care::server::routes
