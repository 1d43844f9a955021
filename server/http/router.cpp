#include "http/router.hpp"

#include <memory>

#include "http/log.hpp"
#include "http/request_scope.hpp"
#include "http/responses.hpp"
#include "store/store_error.hpp"

namespace care::server::http {
namespace {

std::string what(const std::exception_ptr& error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
  }
  return "an exception that is not a std::exception";
}

// A full disk is not a bug: the caller learns their change was not saved (507) and
// that reading goes on; /healthz and /metrics tell the operator (see StorageState).
bool refused_for_want_of_room(const httplib::Request& req, httplib::Response& res,
                              const std::exception_ptr& error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const store::StorageFull& full) {
    log_line({{"level", "warn"},
              {"event", "write_refused"},
              {"method", req.method},
              {"path", req.path},
              {"route", request_scope::route()},
              {"error", full.what()}});
    send_error(res, 507, "insufficient_storage",
               "the server's storage is full, so this change was not saved; reading still "
               "works; try again later");
    return true;
  } catch (...) {
  }
  return false;
}

}  // namespace

Router::Router(httplib::Server& server) : server_(server) {
  httplib::Server::HandlerWithResponse error_handler = [this](const httplib::Request& req,
                                                              httplib::Response& res) {
    on_error(req, res);
    return httplib::Server::HandlerResponse::Handled;
  };
  server_.set_error_handler(std::move(error_handler));
  // The one place an unexpected failure surfaces (a broken database, a bug): it is
  // logged with the route it broke, and the caller gets the usual error shape.
  server_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        if (refused_for_want_of_room(req, res, error)) return;
        log_line({{"level", "error"},
                  {"method", req.method},
                  {"path", req.path},
                  {"route", request_scope::route()},
                  {"error", what(error)}});
        send_error(res, 500, "internal", "the server failed to handle this request");
      });
}

std::string Router::remember(const std::string& method, const std::string& path) {
  static const std::regex parameter(R"(\{[a-z_]+\})");
  std::string pattern = std::regex_replace(path, parameter, "([^/]+)");
  routes_.push_back({method, path, std::regex(pattern)});
  return pattern;
}

namespace {

// Tells the request's scope which documented route took it (log line, metrics).
Handler named(const std::string& path, Handler handler) {
  auto route = std::make_shared<const std::string>(path);
  return
      [route, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        request_scope::set_route(route.get());
        handler(req, res);
      };
}

}  // namespace

void Router::get(const std::string& path, Handler handler) {
  server_.Get(remember("GET", path), named(path, std::move(handler)));
}
void Router::post(const std::string& path, Handler handler) {
  server_.Post(remember("POST", path), named(path, std::move(handler)));
}
void Router::put(const std::string& path, Handler handler) {
  server_.Put(remember("PUT", path), named(path, std::move(handler)));
}
void Router::patch(const std::string& path, Handler handler) {
  server_.Patch(remember("PATCH", path), named(path, std::move(handler)));
}
void Router::del(const std::string& path, Handler handler) {
  server_.Delete(remember("DELETE", path), named(path, std::move(handler)));
}

std::vector<Router::Documented> Router::routes() const {
  std::vector<Documented> all;
  for (const Route& route : routes_)
    all.push_back({route.method, route.path});
  return all;
}

void Router::serve_folder(const std::string& mount, const std::string& folder) {
  server_.set_mount_point(mount, folder);
  server_.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  server_.set_file_extension_and_mimetype_mapping("ttf", "font/ttf");
}

std::string Router::allowed_methods(const std::string& path) const {
  std::string allowed;
  for (const Route& route : routes_) {
    if (!std::regex_match(path, route.pattern)) continue;
    if (allowed.find(route.method) != std::string::npos) continue;
    if (!allowed.empty()) allowed += ", ";
    allowed += route.method;
  }
  return allowed;
}

void Router::on_error(const httplib::Request& req, httplib::Response& res) const {
  // A handler that already wrote its own error body keeps it.
  if (!res.body.empty()) return;
  switch (res.status) {
    case 404: {
      std::string allowed = req.method == "GET" ? "" : allowed_methods(req.path);
      if (!allowed.empty()) {
        res.set_header("Allow", allowed);
        send_error(res, 405, "method_not_allowed",
                   req.method + " is not allowed here; use " + allowed);
      } else {
        send_error(res, 404, "not_found", "no such resource: " + req.path);
      }
      break;
    }
    case 413:
      send_error(res, 413, "too_large", "the request body is too large");
      break;
    case 414:
      send_error(res, 414, "uri_too_long", "the request URI is too long");
      break;
    case 400:
      send_error(res, 400, "bad_request", "the request could not be read");
      break;
    default:
      send_error(res, res.status, "error", "the request failed");
  }
}

}  // namespace care::server::http
