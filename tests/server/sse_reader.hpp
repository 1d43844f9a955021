#pragma once
// One event stream read over real HTTP on its own thread (GET /api/events).
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

namespace care::server::testing {

struct SseEvent {
  std::int64_t id = 0;
  std::string type;
  nlohmann::json data;
};

// Reads one event stream on its own thread and hands over events as they arrive.
class SseReader {
 public:
  SseReader(int port, httplib::Headers headers, std::string path = "/api/events")
      : client_("127.0.0.1", port) {
    client_.set_read_timeout(30);
    thread_ = std::thread([this, headers, path] {
      auto result = client_.Get(
          path, headers,
          [this](const httplib::Response& response) {
            std::lock_guard lock(mutex_);
            status_ = response.status;
            changed_.notify_all();
            return true;
          },
          [this](const char* data, size_t size) {
            std::lock_guard lock(mutex_);
            buffer_.append(data, size);
            parse();
            changed_.notify_all();
            return true;
          });
      std::lock_guard lock(mutex_);
      if (result && status_ == 0) status_ = result->status;
      ended_ = true;
      changed_.notify_all();
    });
  }
  ~SseReader() {
    client_.stop();
    thread_.join();
  }

  // The response status once headers arrived (the server has subscribed by then).
  int status(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return status_ != 0 || ended_; });
    return status_;
  }
  std::optional<SseEvent> next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return !events_.empty() || ended_; });
    if (events_.empty()) return std::nullopt;
    SseEvent event = events_.front();
    events_.pop_front();
    return event;
  }
  bool ended(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return ended_; });
  }
  int comments() {
    std::lock_guard lock(mutex_);
    return comments_;
  }

 private:
  void parse() {
    size_t end;
    while ((end = buffer_.find("\n\n")) != std::string::npos) {
      std::string block = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      SseEvent event;
      bool any = false;
      size_t start = 0;
      while (start <= block.size()) {
        size_t stop = block.find('\n', start);
        if (stop == std::string::npos) stop = block.size();
        std::string line = block.substr(start, stop - start);
        start = stop + 1;
        if (line.rfind(":", 0) == 0) ++comments_;
        if (line.rfind("id: ", 0) == 0) event.id = std::stoll(line.substr(4));
        if (line.rfind("event: ", 0) == 0) event.type = line.substr(7), any = true;
        if (line.rfind("data: ", 0) == 0) event.data = nlohmann::json::parse(line.substr(6));
      }
      if (any) events_.push_back(event);
    }
  }

  httplib::Client client_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string buffer_;
  std::deque<SseEvent> events_;
  int status_ = 0;
  int comments_ = 0;
  bool ended_ = false;
};

}  // namespace care::server::testing
