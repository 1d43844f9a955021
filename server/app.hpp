#pragma once

#include <httplib.h>

#include <memory>
#include <mutex>
#include <string>

#include "clock.hpp"
#include "config.hpp"
#include "demo/demo.hpp"
#include "events/event_hub.hpp"
#include "events/event_log.hpp"
#include "events/log_follower.hpp"
#include "events/stream_loop.hpp"
#include "http/allowed_hosts.hpp"
#include "http/http_server.hpp"
#include "http/request_limits.hpp"
#include "http/router.hpp"
#include "http/web_pages.hpp"
#include "operations/metrics.hpp"
#include "services/attachment_service.hpp"
#include "services/auth_service.hpp"
#include "services/auto_close_service.hpp"
#include "services/ingestion_service.hpp"
#include "services/knowledge_service.hpp"
#include "services/mention_service.hpp"
#include "services/presence_service.hpp"
#include "services/record_service.hpp"
#include "services/routing_service.hpp"
#include "services/supervisor_service.hpp"
#include "services/webhook_service.hpp"
#include "store/store.hpp"

namespace care::server {

// The whole server: routes, static web client, and (later) store, router of tasks
// and event hub. Tests create one in-process and talk to it over real HTTP.
class App {
 public:
  // Opens the database and migrates it: PostgreSQL at config.database, else SQLite
  // in config.data_dir (created if new); throws store::StoreError when it cannot. `clock` defaults
  // to the system's; tests pass a ManualClock (it must outlive the App).
  explicit App(Config config, const Clock* clock = nullptr);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds the listening socket; returns the port (useful with port 0), or -1.
  int bind();
  // Serves until stop() is called from another thread or a signal handler.
  bool serve();
  void stop();
  // True once serve() is accepting connections (stop() before that has no effect).
  bool serving() const { return server_.is_running(); }

  const Config& config() const { return config_; }
  int port() const { return port_; }
  store::Store& store() { return *store_; }
  services::AuthService& auth() { return *auth_; }
  const http::Router& router() const { return router_; }
  const http::HttpServer& http_server() const { return server_; }
  operations::Metrics& metrics() { return metrics_; }
  events::EventHub& events() { return events_; }
  const events::StreamLoop& stream_loop() const { return stream_loop_; }
  services::RoutingService& routing() { return *routing_; }
  services::RecordService& records() { return *records_; }
  services::IngestionService& ingestion() { return *ingestion_; }
  services::AutoCloseService& auto_close() { return *auto_close_; }
  services::KnowledgeService& knowledge() { return *knowledge_; }
  services::SupervisorService& supervisor() { return *supervisor_; }
  services::PresenceService& presence() { return *presence_; }
  services::WebhookService& webhooks() { return *webhooks_; }
  services::MentionService& mentions() { return *mentions_; }
  // With --demo: the generator and the demo's sign-in details.
  demo::Demo* demo() { return demo_.get(); }
  const std::vector<demo::DemoAccount>& demo_accounts() const { return demo_accounts_; }

 private:
  void install_routes();

  Config config_;
  http::AllowedHosts hosts_;
  http::WebPages pages_;
  SystemClock system_clock_;
  const Clock& clock_;
  std::unique_ptr<store::Store> store_;
  // On PostgreSQL: the events of every node on the database (issue 17); before events_,
  // which appends to it. Null on SQLite.
  std::unique_ptr<events::EventLog> event_log_;
  std::unique_ptr<services::AuthService> auth_;
  std::unique_ptr<http::RequestLimits> limits_;
  operations::Metrics metrics_;
  // Before server_: streams still open while server_ is destroyed refer to it.
  events::EventHub events_;
  // With event_log_: delivers other nodes' events to this node's streams.
  std::unique_ptr<events::LogFollower> follower_;
  // Before server_ too: workers hand streams to it until server_ has joined them.
  events::StreamLoop stream_loop_;
  std::unique_ptr<services::RecordWatch> watch_;
  std::unique_ptr<services::RoutingService> routing_;
  std::unique_ptr<services::RecordService> records_;
  std::unique_ptr<services::IngestionService> ingestion_;
  std::unique_ptr<services::AutoCloseService> auto_close_;
  std::unique_ptr<services::KnowledgeService> knowledge_;
  std::unique_ptr<services::SupervisorService> supervisor_;
  std::unique_ptr<services::PresenceService> presence_;
  std::unique_ptr<services::WebhookService> webhooks_;
  std::unique_ptr<services::MentionService> mentions_;
  std::unique_ptr<services::AttachmentService> attachments_;
  std::unique_ptr<demo::Demo> demo_;
  std::vector<demo::DemoAccount> demo_accounts_;
  http::HttpServer server_;
  http::Router router_;
  int port_ = -1;
  int listen_fd_ = -1;
  std::mutex stop_mutex_;
};

}  // namespace care::server
