#pragma once

#include <functional>
#include <memory>
#include <string>

namespace care::client {

struct HttpResponse {
  int status = 0;  // 0 when no answer came (network down, server gone)
  std::string body;
};

using ResponseHandler = std::function<void(const HttpResponse&)>;

// How the desktop talks to care-server. Handlers run on the UI thread.
// Web: the browser's fetch (same origin). Native: cpp-httplib on a worker thread.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual void request(const std::string& method, const std::string& path, const std::string& body,
                       ResponseHandler handler) = 0;
  void get(const std::string& path, ResponseHandler handler) {
    request("GET", path, {}, std::move(handler));
  }
  // Runs the handlers of replies that arrived since the last call, on the UI thread.
  // (The browser calls them itself; the native transport's worker queues them.)
  virtual void deliver() {}
};

// `server_url` is used natively; the browser talks to the page's own origin.
std::unique_ptr<Transport> make_transport(const std::string& server_url);

}  // namespace care::client
