// The agent's work: queue list (R-A5), tasks in hand (R-A6), accept (R-A3, R-A5, R-A7),
// close (R-D3, R-F10); and the admin's routing set-up: queues and who serves them.
#include "routes/work_routes.hpp"

#include <algorithm>
#include <cstdlib>

#include "care/codec/json.hpp"
#include "http/decode.hpp"
#include "http/request_body.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"
#include "routes/desk_routes.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {
namespace {

Json optional_json(const auto& value) {
  return value ? Json(*value) : Json(nullptr);
}

void send_hands(httplib::Response& res, const std::vector<services::TaskInHand>& hands) {
  Json tasks = Json::array();
  for (const services::TaskInHand& hand : hands)
    tasks.push_back(hand_json(hand));
  http::send_json(res, 200, Json{{"tasks", tasks}});
}

// PUT /api/agents/{id}/routing: {"queues":[1,2],"skills":["bg"],"capacity":{"chats":3,"emails":5}}
bool read_routing(const Json& body, std::vector<Id>& queues, std::vector<std::string>& skills,
                  Capacity& capacity, httplib::Response& res) {
  auto fail = [&](std::string_view field, std::string_view rule) {
    http::send_error(res, 400, "invalid", std::string(field) + ": " + std::string(rule), field);
    return false;
  };
  if (!body.contains("queues") || !body["queues"].is_array())
    return fail("queues", "a list of queue ids");
  for (const Json& q : body["queues"]) {
    if (!q.is_number_integer() || q.get<Id>() <= 0)
      return fail("queues", "queue ids are positive numbers");
    queues.push_back(q.get<Id>());
  }
  if (body.contains("skills")) {
    if (!body["skills"].is_array() || body["skills"].size() > 50)
      return fail("skills", "a list of at most 50 names");
    for (const Json& s : body["skills"]) {
      if (!s.is_string() || s.get<std::string>().empty() || s.get<std::string>().size() > 100) {
        return fail("skills", "skill names are text of 1 to 100 characters");
      }
      skills.push_back(s.get<std::string>());
    }
  }
  if (body.contains("capacity")) {
    const Json& c = body["capacity"];
    if (!c.is_object()) return fail("capacity", "an object with chats and emails");
    for (const char* key : {"chats", "emails"}) {
      if (!c.contains(key)) continue;
      if (!c[key].is_number_integer() || c[key].get<int>() < 0 || c[key].get<int>() > 50) {
        return fail(std::string("capacity.") + key, "a number from 0 to 50");
      }
    }
    capacity.chats = c.value("chats", capacity.chats);
    capacity.emails = c.value("emails", capacity.emails);
  }
  return true;
}

}  // namespace

Json hand_json(const services::TaskInHand& hand) {
  return Json{{"task", hand.task},
              {"activity", hand.activity},
              {"customer", optional_json(hand.customer)},
              {"request", optional_json(hand.request)},
              {"handoffs", hand.handoffs},
              {"guest", hand.guest}};
}

void send_hand(httplib::Response& res,
               const std::variant<services::TaskInHand, services::WorkError>& outcome) {
  if (send_failure(res, outcome)) return;
  http::send_json(res, 200, hand_json(std::get<services::TaskInHand>(outcome)));
}

void add_work_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::RoutingService& routing) {
  DeskRoutes desk(router, auth, store);

  desk.get("/api/queue", [&routing](const DeskRequest& at, httplib::Response& res) {
    Json tasks = Json::array();
    for (const services::QueueEntry& entry : routing.queue_for(at.agent)) {
      tasks.push_back(Json{{"task", entry.task},
                           {"activity", entry.activity},
                           {"customer", optional_json(entry.customer)},
                           {"request", optional_json(entry.request)},
                           {"queue_name", entry.queue_name}});
    }
    http::send_json(res, 200, Json{{"tasks", tasks}});
  });

  // Mine by default; a supervisor may ask for another agent's (?agent=ID).
  desk.get("/api/tasks", [&routing](const DeskRequest& at, httplib::Response& res) {
    Id whose = at.agent.id;
    if (at.http.has_param("agent")) {
      if (!has_role(at.agent, care::Role::supervisor)) {
        return http::send_error(res, 403, "forbidden", "only supervisors see other agents' tasks");
      }
      whose = std::atoll(at.http.get_param_value("agent").c_str());
    }
    send_hands(res, routing.tasks_of(whose));
  });

  // Closed work items (R-F7): ?limit=N (1–200, default 50).
  desk.get("/api/tasks/closed", [&routing](const DeskRequest& at, httplib::Response& res) {
    int limit = 50;
    if (at.http.has_param("limit")) {
      const std::string text = at.http.get_param_value("limit");
      char* end = nullptr;
      long asked = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || asked < 1 || asked > 200) {
        return http::send_error(res, 400, "invalid", "limit: a number from 1 to 200", "limit");
      }
      limit = static_cast<int>(asked);
    }
    send_hands(res, routing.closed_of(at.agent.id, limit));
  });

  desk.post("/api/tasks/{id}/accept", [&routing](const DeskRequest& at, httplib::Response& res) {
    send_hand(res, routing.accept(at.id, at.agent.id));
  });

  desk.post("/api/tasks/{id}/decline", [&routing](const DeskRequest& at, httplib::Response& res) {
    send_hand(res, routing.decline(at.id, at.agent.id));
  });

  // {"wrap_up":"resolved","unsaved":"save","unknown_contact":"leave_without",
  //  "unsaved_customer_changes":false}
  desk.post<CloseTask>("/api/tasks/{id}/close", [&routing](const DeskRequest& at, CloseTask close,
                                                           httplib::Response& res) {
    send_hand(res, routing.close(at.id, at.agent, close.answers, close.unsaved_customer_changes));
  });

  router.get("/api/queues", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_agent(req, res, auth)) return;
    http::send_json(res, 200, Json{{"queues", store.queues()}});
  });

  router.post("/api/queues", [&](const httplib::Request& req, httplib::Response& res) {
    auto admin = require_agent(req, res, auth);
    if (!admin || !require_role(*admin, store::Role::Admin, res)) return;
    auto body = http::json_object_body(req, res);
    if (!body) return;
    auto name = http::required_string(*body, "name", 100, res);
    if (!name) return;
    Queue queue;
    queue.name = *name;
    if (body->contains("priority")) {
      if (!(*body)["priority"].is_number_integer()) {
        http::send_error(res, 400, "wrong_type", "priority: a whole number", "priority");
        return;
      }
      queue.priority = (*body)["priority"].get<int>();
    }
    if (body->contains("required_skills")) {
      const Json& skills = (*body)["required_skills"];
      if (!skills.is_array() || skills.size() > 50) {
        http::send_error(res, 400, "wrong_type", "required_skills: a list of names",
                         "required_skills");
        return;
      }
      for (const Json& s : skills) {
        if (!s.is_string() || s.get<std::string>().empty()) {
          http::send_error(res, 400, "wrong_type", "required_skills: names are text",
                           "required_skills");
          return;
        }
        queue.required_skills.push_back(s.get<std::string>());
      }
    }
    if (body->contains("targets")) {
      auto targets = decode<QueueTargets>((*body)["targets"]);
      if (!targets) {
        Error error = targets.error();
        error.field = error.field.empty() ? "targets" : "targets." + error.field;
        error.message = "targets." + error.message;
        http::send_domain_error(res, error);
        return;
      }
      queue.targets = *targets;
    }
    if (body->contains("labels")) {
      // The same checks as PUT /api/queues/{id}/labels (R-J2).
      auto labels = decode<LabelsUpdate>(Json{{"labels", (*body)["labels"]}});
      if (!labels) return http::send_domain_error(res, labels.error());
      queue.labels = labels->labels;
    }
    if (body->contains("default_for")) {
      // The channels whose work lands here when the widget or connector names no queue.
      const Json& channels = (*body)["default_for"];
      if (!channels.is_array() || channels.size() > 3) {
        http::send_error(res, 400, "wrong_type", "default_for: a list of channels", "default_for");
        return;
      }
      for (const Json& c : channels) {
        auto channel = c.is_string() ? enum_from_name<Channel>(c.get<std::string>()) : std::nullopt;
        if (!channel) {
          http::send_error(res, 422, "invalid", "default_for: chat, call or email", "default_for");
          return;
        }
        queue.default_for.push_back(*channel);
      }
    }
    for (const Queue& existing : store.queues()) {
      if (existing.name == queue.name) {
        http::send_error(res, 409, "duplicate", "name: a queue with this name exists", "name");
        return;
      }
      for (Channel channel : queue.default_for) {
        if (std::find(existing.default_for.begin(), existing.default_for.end(), channel) !=
            existing.default_for.end()) {
          http::send_error(res, 409, "duplicate",
                           "default_for: " + std::string(enum_name(channel)) +
                               " already goes to the queue " + existing.name,
                           "default_for");
          return;
        }
      }
    }
    Queue created = store.create_queue(queue);
    routing.queues_changed();
    http::send_json(res, 201, Json{{"queue", created}});
  });

  // The floor's targets of one queue (R-H3): {"longest_wait_ms": 120000, "waiting": 5}.
  desk.put<QueueTargets>(
      "/api/queues/{id}/targets",
      [&store](const DeskRequest& at, QueueTargets targets, httplib::Response& res) {
        if (!has_role(at.agent, care::Role::admin)) {
          return http::send_error(res, 403, "forbidden", "this needs the admin role");
        }
        if (!store.set_queue_targets(at.id, targets)) {
          return http::send_error(res, 404, "not_found", "no such queue");
        }
        for (const Queue& queue : store.queues()) {
          if (queue.id == at.id) return http::send_json(res, 200, Json{{"queue", queue}});
        }
        http::send_error(res, 404, "not_found", "no such queue");
      });

  router.put("/api/agents/{id}/routing", [&](const httplib::Request& req, httplib::Response& res) {
    auto admin = require_agent(req, res, auth);
    if (!admin || !require_role(*admin, store::Role::Admin, res)) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    auto agent = store.routing_agent(*id);
    if (!agent) {
      http::send_error(res, 404, "not_found", "no such agent");
      return;
    }
    auto body = http::json_object_body(req, res);
    if (!body) return;
    std::vector<Id> queues;
    std::vector<std::string> skills;
    Capacity capacity = agent->capacity;
    if (!read_routing(*body, queues, skills, capacity, res)) return;
    std::vector<Queue> known = store.queues();
    for (Id q : queues) {
      if (std::none_of(known.begin(), known.end(), [&](const Queue& k) { return k.id == q; })) {
        http::send_error(res, 422, "invalid", "queues: no queue " + std::to_string(q), "queues");
        return;
      }
    }
    store.set_agent_routing(*id, queues, skills, capacity);
    routing.agent_changed(*id);
    http::send_json(res, 200, Json{{"agent", *store.routing_agent(*id)}});
  });
}

}  // namespace care::server::routes
