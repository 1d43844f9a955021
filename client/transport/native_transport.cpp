// cpp-httplib on a worker thread, so the UI never waits for the network; replies are
// handed back to the UI thread by deliver(). Keeps the session cookie itself.
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

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
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wanted_.notify_all();
    worker_.join();
  }

  void request(const std::string& method, const std::string& path, const std::string& body,
               ResponseHandler handler) override {
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

  // Keeps "care_session=…" as a browser would: set, replaced, or cleared by Max-Age=0.
  void remember_cookie(const std::string& set_cookie) {
    if (set_cookie.rfind("care_session=", 0) != 0) return;
    bool cleared = set_cookie.find("Max-Age=0") != std::string::npos;
    cookie_ = cleared ? "" : set_cookie.substr(0, set_cookie.find(';'));
  }

  std::string server_url_;
  std::string cookie_;  // worker thread only
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
