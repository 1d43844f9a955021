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
// and so every error leaves in the JSON error shape.
class Router {
 public:
  explicit Router(httplib::Server& server);

  void get(const std::string& pattern, Handler handler);
  void post(const std::string& pattern, Handler handler);
  void put(const std::string& pattern, Handler handler);
  void patch(const std::string& pattern, Handler handler);
  void del(const std::string& pattern, Handler handler);

  // Static files: paths under `mount` are answered from `folder` (GET and HEAD).
  void serve_folder(const std::string& mount, const std::string& folder);

 private:
  struct Route {
    std::string method;
    std::regex pattern;
  };
  void remember(const std::string& method, const std::string& pattern);
  std::string allowed_methods(const std::string& path) const;
  void on_error(const httplib::Request& req, httplib::Response& res) const;

  httplib::Server& server_;
  std::vector<Route> routes_;
};

}  // namespace care::server::http
