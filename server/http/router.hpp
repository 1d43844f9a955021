#pragma once

#include <httplib.h>

#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace care::server::http {

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Registers routes on the cpp-httplib server and remembers them, so that a known
// path asked with the wrong method gets 405 with an Allow header instead of 404,
// and so every error leaves in the JSON error shape. Paths are written as in the
// OpenAPI document ("/api/tasks/{id}/accept"); each {name} matches one segment and
// reaches the handler as req.matches[1], [2], … in order. POST, PUT, PATCH and DELETE
// are dispatched here after their body is read, so that a request announcing no body
// (no Content-Length, no chunked coding) has none instead of being waited for.
class Router {
 public:
  explicit Router(httplib::Server& server);

  void get(const std::string& path, Handler handler);
  void post(const std::string& path, Handler handler);
  void put(const std::string& path, Handler handler);
  void patch(const std::string& path, Handler handler);
  void del(const std::string& path, Handler handler);

  // Static files: paths under `mount` are answered from `folder` (GET and HEAD).
  void serve_folder(const std::string& mount, const std::string& folder);

  struct Documented {
    std::string method;
    std::string path;  // as written, e.g. /api/tasks/{id}/accept
  };
  // Every API route, for the test that keeps docs/api/openapi.yaml true.
  std::vector<Documented> routes() const;

 private:
  struct Route {
    std::string method;
    std::string path;
    std::regex pattern;
    Handler handler;
  };
  // Remembers the route (and its handler, for the methods dispatched here) and returns
  // the regular expression its path matches.
  std::string remember(const std::string& method, const std::string& path, Handler handler = {});
  // POST, PUT, PATCH and DELETE: the body is read here, then the route is found.
  void dispatch_with_body(const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& read) const;
  std::string allowed_methods(const std::string& path) const;
  void on_error(const httplib::Request& req, httplib::Response& res) const;

  httplib::Server& server_;
  std::vector<Route> routes_;
};

}  // namespace care::server::http
