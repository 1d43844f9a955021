// cpp-httplib on a worker thread, so the UI never waits for the network; replies are
// handed back to the UI thread by deliver(). Keeps the session cookie itself.
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "care/event_names.hpp"
#include "platform/platform.hpp"
#include "transport/transport.hpp"

namespace care::client {
namespace {

struct Job {
  std::string method;
  std::string path;
  std::string body;
  ResponseHandler handler;
  HttpResponse response;
};

class NativeTransport final : public Transport {
 public:
  explicit NativeTransport(std::string server_url)
      : server_url_(std::move(server_url)), worker_([this] { work(); }) {}

  ~NativeTransport() override {
    close_events();
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wanted_.notify_all();
    worker_.join();
  }

  void open_events(const std::string& path, EventHandler handler) override {
    close_events();
    {
      std::lock_guard lock(mutex_);
      event_handler_ = std::move(handler);
      events_stopping_ = false;
    }
    events_thread_ = std::thread([this, path] { follow_events(path); });
  }

  void close_events() override {
    {
      std::lock_guard lock(mutex_);
      events_stopping_ = true;
    }
    if (events_thread_.joinable()) events_thread_.join();
  }

  // The native loop draws until it is idle: every reply wakes it, quiet or not.
  void request(const std::string& method, const std::string& path, const std::string& body,
               ResponseHandler handler, Wake) override {
    {
      std::lock_guard lock(mutex_);
      pending_.push_back({method, path, body, std::move(handler), {}});
    }
    wanted_.notify_one();
  }

  void deliver() override {
    std::deque<Job> done;
    {
      std::lock_guard lock(mutex_);
      done.swap(done_);
    }
    for (Job& job : done)
      job.handler(job.response);
    std::deque<StreamEvent> events;
    EventHandler handler;
    {
      std::lock_guard lock(mutex_);
      events.swap(events_);
      handler = event_handler_;
    }
    for (const StreamEvent& event : events) {
      if (handler) handler(event);
    }
  }

 private:
  void work() {
    httplib::Client client(server_url_);
    client.set_connection_timeout(3);
    client.set_read_timeout(15);
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        wanted_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
        if (stopping_) return;
        job = std::move(pending_.front());
        pending_.pop_front();
      }
      job.response = perform(client, job);
      {
        std::lock_guard lock(mutex_);
        done_.push_back(std::move(job));
      }
      wake_ui();
    }
  }

  HttpResponse perform(httplib::Client& client, const Job& job) {
    httplib::Headers headers;
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    httplib::Result result = send(client, job, headers);
    HttpResponse response;
    if (!result) return response;  // status 0: no answer
    response.status = result->status;
    response.body = result->body;
    remember_cookie(result->get_header_value("Set-Cookie"));
    return response;
  }

  static httplib::Result send(httplib::Client& client, const Job& job,
                              const httplib::Headers& headers) {
    const char* type = "application/json";
    if (job.method == "POST") return client.Post(job.path.c_str(), headers, job.body, type);
    if (job.method == "PUT") return client.Put(job.path.c_str(), headers, job.body, type);
    if (job.method == "PATCH") return client.Patch(job.path.c_str(), headers, job.body, type);
    if (job.method == "DELETE") return client.Delete(job.path.c_str(), headers, job.body, type);
    return client.Get(job.path.c_str(), headers);
  }

  // The event stream, read on its own thread as a browser's EventSource would: frames
  // split on blank lines, reconnect after 2 s with Last-Event-ID.
  void follow_events(const std::string& path) {
    std::string last_id;
    auto stopping = [this] {
      std::lock_guard lock(mutex_);
      return events_stopping_;
    };
    while (!stopping()) {
      httplib::Client client(server_url_);
      client.set_read_timeout(1);  // wakes to notice close_events()
      httplib::Headers headers;
      {
        std::lock_guard lock(mutex_);
        if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
      }
      if (!last_id.empty()) headers.emplace("Last-Event-ID", last_id);
      std::string buffer;
      push_event({std::string(care::event_names::stream_opened), "{}"});
      client.Get(path.c_str(), headers, [&](const char* data, size_t size) {
        buffer.append(data, size);
        for (size_t end; (end = buffer.find("\n\n")) != std::string::npos;) {
          StreamEvent event{"message", ""};
          std::string frame = buffer.substr(0, end);
          buffer.erase(0, end + 2);
          size_t start = 0;
          while (start <= frame.size()) {
            size_t stop = frame.find('\n', start);
            std::string line =
                frame.substr(start, stop == std::string::npos ? std::string::npos : stop - start);
            if (line.rfind("event: ", 0) == 0) event.type = line.substr(7);
            if (line.rfind("data: ", 0) == 0) event.data += line.substr(6);
            if (line.rfind("id: ", 0) == 0) last_id = line.substr(4);
            if (stop == std::string::npos) break;
            start = stop + 1;
          }
          if (!event.data.empty()) push_event(std::move(event));
        }
        return !stopping();
      });
      if (!stopping()) push_event({std::string(care::event_names::stream_lost), "{}"});
      for (int i = 0; i < 20 && !stopping(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }

  void push_event(StreamEvent event) {
    {
      std::lock_guard lock(mutex_);
      events_.push_back(std::move(event));
    }
    wake_ui();
  }

  // Keeps "care_session=…" as a browser would: set, replaced, or cleared by Max-Age=0.
  void remember_cookie(const std::string& set_cookie) {
    if (set_cookie.rfind("care_session=", 0) != 0) return;
    bool cleared = set_cookie.find("Max-Age=0") != std::string::npos;
    std::lock_guard lock(mutex_);
    cookie_ = cleared ? "" : set_cookie.substr(0, set_cookie.find(';'));
  }

  std::string server_url_;
  std::string cookie_;  // written by the worker under mutex_
  EventHandler event_handler_;
  std::deque<StreamEvent> events_;
  bool events_stopping_ = false;
  std::thread events_thread_;
  std::mutex mutex_;
  std::condition_variable wanted_;
  std::deque<Job> pending_;
  std::deque<Job> done_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace

std::unique_ptr<Transport> make_transport(const std::string& server_url) {
  return std::make_unique<NativeTransport>(server_url);
}

}  // namespace care::client
