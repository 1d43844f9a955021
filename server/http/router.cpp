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

void log_refusal(const httplib::Request& req, const char* event, const std::exception& cause) {
  log_line({{"level", "warn"},
            {"event", event},
            {"method", req.method},
            {"path", req.path},
            {"route", request_scope::route()},
            {"error", cause.what()}});
}

// A full disk is not a bug: the caller learns their change was not saved (507) and
// that reading goes on; /healthz and /metrics tell the operator (see StorageState).
// Nor is a database that cannot be reached (PostgreSQL restarting, issue 17): 503 with
// a time to retry, and the store connects again by itself when it is back; nor one
// that gave the change up for a concurrent one (503 `busy`, try again at once).
bool refused_for_the_store(const httplib::Request& req, httplib::Response& res,
                           const std::exception_ptr& error) {
  struct Refusal {
    const char* event;
    int status;
    const char* code;
    const char* retry_after;  // seconds, or nullptr
    const char* message;
  };
  auto refuse = [&](const std::exception& cause, const Refusal& refusal) {
    log_refusal(req, refusal.event, cause);
    if (refusal.retry_after) res.set_header("Retry-After", refusal.retry_after);
    send_error(res, refusal.status, refusal.code, refusal.message);
    return true;
  };
  try {
    if (error) std::rethrow_exception(error);
  } catch (const store::StoreUnavailable& gone) {
    return refuse(gone, {"database_unavailable", 503, "database_unavailable", "5",
                         "the server cannot reach its database just now, so nothing was done; "
                         "try again in a few seconds"});
  } catch (const store::StoreConflict& lost) {
    // PostgreSQL gave the transaction up for a concurrent one (a deadlock): rare, and
    // nothing of it was kept.
    return refuse(lost, {"write_conflict", 503, "busy", "1",
                         "the database gave this change up to let a concurrent one through, so "
                         "nothing was done; try again"});
  } catch (const store::StorageFull& full) {
    return refuse(full, {"write_refused", 507, "insufficient_storage", nullptr,
                         "the server's storage is full, so this change was not saved; reading "
                         "still works; try again later"});
  } catch (...) {
  }
  return false;
}

// The order of the Allow header.
constexpr const char* kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

bool announces_body(const httplib::Request& req) {
  return req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
}

// Reads the announced body into `body`; false with res.status set when it cannot be
// read (400) or is too large (413). A multipart body is read and dropped: no route
// takes one, and the handler refuses its type (415).
bool read_body(const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& read, std::string& body) {
  if (!announces_body(req)) return true;
  bool ok = req.is_multipart_form_data()
                ? read([](const httplib::MultipartFormData&) { return true; },
                       [](const char*, size_t) { return true; })
                : read([&body](const char* data, size_t size) {
                    body.append(data, size);
                    return true;
                  });
  if (!ok && res.status < 400) res.status = 400;
  return ok;
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
        if (refused_for_the_store(req, res, error)) return;
        log_line({{"level", "error"},
                  {"method", req.method},
                  {"path", req.path},
                  {"route", request_scope::route()},
                  {"error", what(error)}});
        send_error(res, 500, "internal", "the server failed to handle this request");
      });
  // cpp-httplib would read a body before routing, and it reads one announced by
  // neither Content-Length nor chunked coding until the client closes the
  // connection (right for a response, wrong for a request: RFC 9112 §6.3 makes that
  // body empty), so a body-less POST was held for the read timeout and then refused
  // (400). The router reads the bodies of the methods that may have one itself.
  httplib::Server::HandlerWithContentReader with_body =
      [this](const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader& read) { dispatch_with_body(req, res, read); };
  server_.Post(".*", with_body);
  server_.Put(".*", with_body);
  server_.Patch(".*", with_body);
  server_.Delete(".*", with_body);
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

std::string Router::remember(const std::string& method, const std::string& path, Handler handler) {
  static const std::regex parameter(R"(\{[a-z_]+\})");
  std::string pattern = std::regex_replace(path, parameter, "([^/]+)");
  routes_.push_back({method, path, std::regex(pattern), std::move(handler)});
  return pattern;
}

void Router::get(const std::string& path, Handler handler) {
  server_.Get(remember("GET", path), named(path, std::move(handler)));
}
void Router::post(const std::string& path, Handler handler) {
  remember("POST", path, named(path, std::move(handler)));
}
void Router::put(const std::string& path, Handler handler) {
  remember("PUT", path, named(path, std::move(handler)));
}
void Router::patch(const std::string& path, Handler handler) {
  remember("PATCH", path, named(path, std::move(handler)));
}
void Router::del(const std::string& path, Handler handler) {
  remember("DELETE", path, named(path, std::move(handler)));
}

void Router::dispatch_with_body(const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& read) const {
  std::string body;
  // The body is read even when no route takes it, so the next request on the
  // connection starts where it should.
  if (!read_body(req, res, read, body)) return;
  // cpp-httplib hands this handler its request as const; handlers want the body in
  // it and their own path's matches, so they get a copy that has both.
  httplib::Request request = req;
  request.body = std::move(body);
  for (const Route& route : routes_) {
    if (route.method != req.method) continue;
    if (std::regex_match(request.path, request.matches, route.pattern)) {
      route.handler(request, res);
      return;
    }
  }
  res.status = 404;  // on_error makes it 405 when another method serves the path
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
  for (const char* method : kMethods) {
    for (const Route& route : routes_) {
      if (route.method != method || !std::regex_match(path, route.pattern)) continue;
      if (!allowed.empty()) allowed += ", ";
      allowed += method;
      break;
    }
  }
  return allowed;
}

void Router::on_error(const httplib::Request& req, httplib::Response& res) const {
  // A handler that already wrote its own error body keeps it.
  if (!res.body.empty()) return;
  int status = res.status;
  // cpp-httplib answers 400 to a method it parses but routes nowhere (TRACE,
  // CONNECT): that is a method this path does not serve, not an unreadable request.
  if (status == 400 && (req.method == "TRACE" || req.method == "CONNECT")) status = 404;
  switch (status) {
    case 404: {
      std::string allowed = allowed_methods(req.path);
      if (!allowed.empty()) {
        res.set_header("Allow", allowed);
        send_error(res, 405, "method_not_allowed",
                   req.method + " is not allowed here; use " + allowed);
      } else {
        send_error(res, 404, "not_found", "no such resource: " + req.path);
      }
      break;
    }
    case 408:
      send_error(res, 408, "request_timeout", "the request did not arrive in time");
      break;
    case 413:
      send_error(res, 413, "too_large", "the request body is too large");
      break;
    case 414:
      send_error(res, 414, "uri_too_long", "the request URI is too long");
      break;
    case 416:
      send_error(res, 416, "range_not_satisfiable", "the Range header cannot be served");
      break;
    case 400:
      send_error(res, 400, "bad_request", "the request could not be read");
      break;
    case 503:
      send_error(res, 503, "unavailable", "the server cannot take this request now");
      break;
    default:
      send_error(res, status, status >= 500 ? "internal" : "bad_request", "the request failed");
  }
}

}  // namespace care::server::http
