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

// One Server-Sent Event from GET /api/events, under one of care::event_names. The
// transport adds care::event_names::stream_opened each time the stream (re)connects,
// so the desktop can reload what it may have missed, and care::event_names::stream_lost
// each time it breaks.
struct StreamEvent {
  std::string type;
  std::string data;
};
using EventHandler = std::function<void(const StreamEvent&)>;

// How the desktop talks to care-server. Handlers run on the UI thread.
// Web: the browser's fetch (same origin). Native: cpp-httplib on a worker thread.
// Whether a reply wakes the UI to draw it: a quiet one (a presence heartbeat) draws
// only if its handler asks, so a reply that changes nothing costs no frame (issue 15).
enum class Wake { draw, quiet };

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void request(const std::string& method, const std::string& path, const std::string& body,
                       ResponseHandler handler, Wake wake = Wake::draw) = 0;
  void get(const std::string& path, ResponseHandler handler) {
    request("GET", path, {}, std::move(handler));
  }
  // Follows the signed-in agent's event stream at `path`, reconnecting by itself with
  // Last-Event-ID (R-J5), until close_events(). Handlers run on the UI thread.
  virtual void open_events(const std::string& path, EventHandler handler) = 0;
  virtual void close_events() = 0;
  // Runs the handlers of replies that arrived since the last call, on the UI thread.
  // (The browser calls them itself; the native transport's worker queues them.)
  virtual void deliver() {}
};

// `server_url` is used natively; the browser talks to the page's own origin.
std::unique_ptr<Transport> make_transport(const std::string& server_url);

}  // namespace care::client
