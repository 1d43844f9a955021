// The browser's fetch through Emscripten's Fetch API, same origin as the page.
#include <emscripten/fetch.h>

#include <cstring>

#include "platform/platform.hpp"
#include "transport/transport.hpp"

namespace care::client {
namespace {

struct Pending {
  ResponseHandler handler;
  std::string body;  // must outlive the fetch
};

void finish(emscripten_fetch_t* fetch) {
  auto* pending = static_cast<Pending*>(fetch->userData);
  HttpResponse response;
  response.status = fetch->status;
  if (fetch->data && fetch->numBytes > 0) {
    response.body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
  }
  emscripten_fetch_close(fetch);
  pending->handler(response);
  delete pending;
  wake_ui();  // the reply changed the state: draw it
}

class WebTransport final : public Transport {
 public:
  void request(const std::string& method, const std::string& path, const std::string& body,
               ResponseHandler handler) override {
    auto* pending = new Pending{std::move(handler), body};
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, method.c_str(), sizeof attr.requestMethod - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.userData = pending;
    attr.onsuccess = finish;
    attr.onerror = finish;  // 4xx/5xx and network failures alike: the status tells
    static const char* json_headers[] = {"Content-Type", "application/json", nullptr};
    if (!pending->body.empty()) {
      attr.requestHeaders = json_headers;
      attr.requestData = pending->body.data();
      attr.requestDataSize = pending->body.size();
    }
    emscripten_fetch(&attr, path.c_str());
  }
};

}  // namespace

std::unique_ptr<Transport> make_transport(const std::string&) {
  return std::make_unique<WebTransport>();
}

}  // namespace care::client
