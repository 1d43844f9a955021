#pragma once
// The chain every desk route shares, written once: the signed-in agent (401), the
// path's {id} (404), and the body decoded by the shared codec (415, 400, 422). The
// route's own code then only calls its service and answers.
#include <httplib.h>

#include <string>
#include <type_traits>
#include <utility>

#include "care/model/agent.hpp"
#include "http/decode.hpp"
#include "http/router.hpp"
#include "routes/desk_access.hpp"

namespace care::server::routes {

// What the chain established before the route's own code runs.
struct DeskRequest {
  const httplib::Request& http;
  const Agent& agent;
  Id id = 0;  // the path's {id} (always its first parameter); 0 on a path without one
};

// A route whose body is not decoded (reads, or a body the route reads itself).
struct NoBody {};

// Registers desk routes on the router. The handler is
// `void(const DeskRequest&, httplib::Response&)`, or with a Body
// `void(const DeskRequest&, Body, httplib::Response&)`.
class DeskRoutes {
 public:
  DeskRoutes(http::Router& router, services::AuthService& auth, store::Store& store)
      : router_(router), auth_(auth), store_(store) {}

  template <class Body = NoBody, class Handle>
  void get(const std::string& path, Handle handle) {
    router_.get(path, chain<Body>(path, std::move(handle)));
  }
  template <class Body = NoBody, class Handle>
  void post(const std::string& path, Handle handle) {
    router_.post(path, chain<Body>(path, std::move(handle)));
  }
  template <class Body = NoBody, class Handle>
  void put(const std::string& path, Handle handle) {
    router_.put(path, chain<Body>(path, std::move(handle)));
  }
  template <class Body = NoBody, class Handle>
  void patch(const std::string& path, Handle handle) {
    router_.patch(path, chain<Body>(path, std::move(handle)));
  }
  template <class Body = NoBody, class Handle>
  void del(const std::string& path, Handle handle) {
    router_.del(path, chain<Body>(path, std::move(handle)));
  }

 private:
  template <class Body, class Handle>
  http::Handler chain(const std::string& path, Handle handle) {
    const bool with_id = path.find("{id}") != std::string::npos;
    return [&auth = auth_, &store = store_, with_id, handle = std::move(handle)](
               const httplib::Request& req, httplib::Response& res) {
      auto agent = require_desk_agent(req, res, auth, store);
      if (!agent) return;
      Id id = 0;
      if (with_id) {
        auto found = http::path_id(req, res);
        if (!found) return;
        id = *found;
      }
      const DeskRequest desk{req, *agent, id};
      if constexpr (std::is_same_v<Body, NoBody>) {
        handle(desk, res);
      } else {
        auto body = http::decode_body<Body>(req, res);
        if (!body) return;
        handle(desk, std::move(*body), res);
      }
    };
  }

  http::Router& router_;
  services::AuthService& auth_;
  store::Store& store_;
};

}  // namespace care::server::routes
