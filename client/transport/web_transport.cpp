// The browser's fetch through Emscripten's Fetch API, same origin as the page.
#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <string>
#include <string_view>

#include "care/event_names.hpp"
#include "platform/platform.hpp"
#include "transport/transport.hpp"

namespace care::client {
namespace {

EventHandler event_handler;

// "task.offered,task.withdrawn,…": every name a stream may carry, for the EventSource.
std::string joined_event_names() {
  std::string names;
  for (std::string_view name : care::event_names::all) {
    if (!names.empty()) names += ',';
    names += name;
  }
  return names;
}

// clang-format off
// The browser's EventSource reconnects by itself and sends Last-Event-ID; each event
// is handed to care_stream_event (below) by name. The names to listen for come from
// C++ (care::event_names, comma-separated), so they exist once.
EM_JS(void, care_open_event_source, (const char* path, const char* names, const char* opened,
                                     const char* lost), {
  if (window.careEvents) window.careEvents.close();
  const source = new EventSource(UTF8ToString(path));
  window.careEvents = source;
  const pass = (type, data) => Module.ccall("care_stream_event", null, ["string", "string"], [type, data]);
  const openedName = UTF8ToString(opened);
  const lostName = UTF8ToString(lost);
  source.onopen = () => pass(openedName, "{}");
  source.onerror = () => pass(lostName, "{}");
  UTF8ToString(names).split(",")
    .forEach((type) => source.addEventListener(type, (event) => pass(type, event.data)));
});

EM_JS(void, care_close_event_source, (), {
  if (window.careEvents) { window.careEvents.close(); window.careEvents = null; }
});
// clang-format on

struct Pending {
  ResponseHandler handler;
  std::string body;  // must outlive the fetch
  Wake wake = Wake::draw;
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
  if (pending->wake == Wake::draw) wake_ui();  // the reply changed the state: draw it
  delete pending;
}

class WebTransport final : public Transport {
 public:
  void request(const std::string& method, const std::string& path, const std::string& body,
               ResponseHandler handler, Wake wake) override {
    auto* pending = new Pending{std::move(handler), body, wake};
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

  void open_events(const std::string& path, EventHandler handler) override {
    event_handler = std::move(handler);
    static const std::string names = joined_event_names();
    static const std::string opened(care::event_names::stream_opened);
    static const std::string lost(care::event_names::stream_lost);
    care_open_event_source(path.c_str(), names.c_str(), opened.c_str(), lost.c_str());
  }

  void close_events() override {
    care_close_event_source();
    event_handler = nullptr;
  }
};

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void care_stream_event(const char* type, const char* data) {
  if (event_handler) event_handler(StreamEvent{type, data});
  wake_ui();
}

std::unique_ptr<Transport> make_transport(const std::string&) {
  return std::make_unique<WebTransport>();
}

}  // namespace care::client
