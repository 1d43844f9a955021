#include "app.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "auth/password.hpp"
#include "events/publish.hpp"
#include "http/log.hpp"
#include "http/request_body.hpp"
#include "http/request_scope.hpp"
#include "http/request_screen.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"
#include "routes/agent_state_routes.hpp"
#include "routes/attachment_routes.hpp"
#include "routes/call_routes.hpp"
#include "routes/channel_routes.hpp"
#include "routes/event_routes.hpp"
#include "routes/knowledge_routes.hpp"
#include "routes/list_routes.hpp"
#include "routes/mention_routes.hpp"
#include "routes/presence_routes.hpp"
#include "routes/record_routes.hpp"
#include "routes/session_routes.hpp"
#include "routes/supervisor_routes.hpp"
#include "routes/system_routes.hpp"
#include "routes/transfer_routes.hpp"
#include "routes/webhook_routes.hpp"
#include "routes/work_routes.hpp"
#include "services/audiences.hpp"
#include "store/postgres/pg_event_log.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite_store.hpp"

namespace care::server {
namespace {

// Requests larger than this are refused with 413 before a handler sees them.
constexpr size_t kMaxBodyBytes = 1024 * 1024;
// cpp-httplib bounds each header line (8 KiB) but not their sum.
constexpr size_t kMaxHeaderBytes = 32 * 1024;
// Threads answering requests at once. A connection holds one only while its request
// is answered (see http::HttpServer); an event stream none (events::StreamLoop).
constexpr size_t kRequestThreads = 64;

// Reads are work for the cores: as many threads as cores (at least 2) answer them in
// arrival order (issue 15: at 64 connections on 2 cores the journey's p99 was 82–122 ms
// with the shared 64 threads, 19.5–20.6 ms with 4 read threads, 16.0–16.3 ms with 2). On
// PostgreSQL a read also waits for the database's process, so twice as many (at least 4):
// on 2 cores the journey's p99 54–55 ms against 224 ms sharing the 64, and 200 edits a
// second went through beside it (PATCH median 4 ms) where sharing let 70–76 through.
size_t read_threads(const Config& config) {
  if (config.read_threads > 0) return static_cast<size_t>(config.read_threads);
  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  return config.database.empty() ? cores : 2 * cores;
}

http::HttpServer::Options server_options(const Config& config) {
  http::HttpServer::Options options;
  options.gate.max_connections = static_cast<size_t>(config.max_connections);
  options.gate.max_connections_per_address =
      static_cast<size_t>(config.max_connections_per_address);
  options.gate.request_timeout = config.request_timeout;
  options.gate.idle_timeout = config.idle_timeout;
  options.gate.limits.max_body = kMaxBodyBytes;
  options.gate.limits.max_upload = static_cast<size_t>(config.max_attachment);
  options.max_threads = kRequestThreads;
  options.max_read_threads = read_threads(config);
  return options;
}

// Unknown methods share one label, so made-up ones cannot grow the metric series.
const std::string& method_label(const std::string& method) {
  static const std::string kOther = "other";
  static const std::string kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  for (const auto& known : kKnown) {
    if (method == known) return known;
  }
  return kOther;
}

// Cross-site request forgery (R-G5): the session cookie is SameSite=Strict, and a
// state-changing call that a browser marks with another site's Origin is refused.
// Clients that are not browsers send no Origin and are not a forgery vector.
bool is_cross_site_change(const httplib::Request& req) {
  if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS") return false;
  if (!req.has_header("Origin")) return false;
  std::string origin = req.get_header_value("Origin");
  std::string host = req.get_header_value("Host");
  return origin != "http://" + host && origin != "https://" + host;
}

// PostgreSQL with --database (issue 17: nodes that share one database), else the
// SQLite file in the data folder.
std::unique_ptr<store::Store> open_store(const Config& config) {
  if (!config.database.empty()) {
    return std::make_unique<store::PostgresStore>(config.database, config.database_connections);
  }
  return std::make_unique<store::SqliteStore>(
      (std::filesystem::path(config.data_dir) / "care.db").string(), config.read_connections);
}

// Nodes that share a PostgreSQL database share its event log; a SQLite node has none.
std::unique_ptr<events::EventLog> open_event_log(store::Store& store) {
  if (auto* postgres = dynamic_cast<store::PostgresStore*>(&store)) {
    return std::make_unique<store::pg::PostgresEventLog>(*postgres);
  }
  return nullptr;
}

events::EventHub::Options stream_limits(const Config& config, events::EventLog* log) {
  const size_t max_streams = static_cast<size_t>(std::max(config.max_streams, 1));
  const size_t reserve =
      config.stream_reserve >= 0 ? static_cast<size_t>(config.stream_reserve) : max_streams / 4;
  return {.max_streams = max_streams,
          .reserved_for_agents = std::min(reserve, max_streams - 1),
          .per_chat = static_cast<size_t>(config.streams_per_chat),
          .per_session = static_cast<size_t>(config.streams_per_session),
          .per_address = static_cast<size_t>(config.streams_per_address),
          .log = log};
}

}  // namespace

App::App(Config config, const Clock* clock)
    : config_(std::move(config)),
      hosts_(config_.public_urls, config_.host),
      pages_(config_.web_root, config_.embed_origins),
      clock_(clock ? *clock : system_clock_),
      store_(open_store(config_)),
      event_log_(open_event_log(*store_)),
      auth_(std::make_unique<services::AuthService>(
          *store_, clock_, services::AuthService::kDefaultSessionMs,
          config_.sign_in_checks > 0 ? config_.sign_in_checks
                                     : services::AuthService::default_concurrent_checks())),
      limits_(std::make_unique<http::RequestLimits>(config_, clock_)),
      events_(stream_limits(config_, event_log_.get())),
      stream_loop_(events_, {.write_timeout = http::HttpServer::Options{}.write_timeout}),
      server_(server_options(config_)),
      router_(server_) {
  // Remember the listening socket to raise its backlog after bind (see bind()).
  server_.set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd_ = sock;
  });
  // Replies go out as headers and body in two writes; with Nagle on, the body waits
  // for the peer's delayed ACK of the headers (40 ms on Linux) on every keep-alive
  // request. Accepted sockets inherit the option from the listening one.
  server_.set_tcp_nodelay(true);
  // The gate holds each request to its own limit first (uploads to --max-attachment).
  server_.set_payload_max_length(
      std::max(kMaxBodyBytes, static_cast<size_t>(config_.max_attachment)));
  server_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                               {"Referrer-Policy", "no-referrer"},
                               {"Cache-Control", "no-cache"}});
  // One JSON line per request on stdout (G4).
  server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double seconds = http::request_scope::elapsed_seconds();
    const std::string& route = http::request_scope::route();
    metrics_.observe_request(method_label(req.method), route, res.status, seconds);
    http::log_line({{"method", req.method},
                    {"path", req.path},
                    {"route", route},
                    {"status", res.status},
                    {"ms", std::round(seconds * 1e6) / 1e3},
                    {"bytes", res.body.size()}});
  });
  // Requests refused before cpp-httplib parsed them (too large, too slow, too many
  // connections) are logged and counted too, under the route "other".
  server_.on_refused([this](const std::string& method, int status, double seconds) {
    metrics_.observe_request(method_label(method), "", status, seconds);
    http::log_line({{"method", method},
                    {"route", "other"},
                    {"status", status},
                    {"ms", std::round(seconds * 1e6) / 1e3}});
  });
  if (auto warning = hosts_.start_warning()) {
    http::log_line({{"level", "warn"}, {"message", *warning}});
  }
  server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    size_t header_bytes = 0;
    for (const auto& [name, value] : req.headers)
      header_bytes += name.size() + value.size() + 4;
    if (header_bytes > kMaxHeaderBytes) {
      http::send_error(res, 431, "headers_too_large", "the request headers are too large");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (http::refuse_before_routing(req, res, hosts_, pages_)) {
      return httplib::Server::HandlerResponse::Handled;
    }
    if (is_cross_site_change(req)) {
      http::send_error(res, 403, "cross_site", "changes are accepted only from this site's pages");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Signing out ends that session's event streams at once, not at the next heartbeat.
  server_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "DELETE" && req.path == "/api/session" && res.status < 300) {
      std::string token = http::cookie(req, routes::kSessionCookie);
      if (!token.empty()) events_.close_session(auth::token_hash(token));
    }
  });
  watch_ = std::make_unique<services::RecordWatch>(clock_);
  routing_ = std::make_unique<services::RoutingService>(*store_, events_, clock_,
                                                        config_.offer_timeout, *watch_);
  records_ = std::make_unique<services::RecordService>(*store_, events_, clock_);
  ingestion_ = std::make_unique<services::IngestionService>(*store_, events_, clock_, *routing_);
  auto_close_ = std::make_unique<services::AutoCloseService>(*store_, events_, clock_,
                                                             config_.auto_close_after);
  knowledge_ = std::make_unique<services::KnowledgeService>(*store_, events_, clock_);
  supervisor_ =
      std::make_unique<services::SupervisorService>(*store_, clock_, config_.floor_sample_every);
  presence_ = std::make_unique<services::PresenceService>(*store_, events_, clock_, *watch_);
  mentions_ = std::make_unique<services::MentionService>(*store_, events_, clock_);
  webhooks_ = std::make_unique<services::WebhookService>(
      *store_, clock_, services::WebhookService::Options{.max_attempts = config_.webhook_attempts});
  attachments_ =
      std::make_unique<services::AttachmentService>(*store_, clock_, config_.max_attachment);
  records_->deliver_webhooks(*webhooks_);
  ingestion_->deliver_webhooks(*webhooks_);
  records_->show_to_monitors(*watch_);
  ingestion_->show_to_monitors(*watch_);
  install_routes();
  if (config_.demo) {
    demo_ = std::make_unique<demo::Demo>(
        demo::Demo::Options{config_.data_dir, config_.demo_seed, config_.demo_per_minute, 300},
        *store_, *auth_, *ingestion_, *mentions_, clock_);
    demo_->send_files_with(*attachments_);
    demo_accounts_ = demo_->seed();
  }
  if (event_log_) {
    follower_ =
        std::make_unique<events::LogFollower>(events_, *event_log_, events::LogFollower::Options{});
  }
  routing_->start();
  auto_close_->start();
  supervisor_->start();
  if (demo_) demo_->start();
  webhooks_->start();
}

App::~App() {
  stop();
  // Streams close their connections, which give their place back to server_'s gate:
  // before server_ goes, even when it never ran.
  stream_loop_.stop();
}

void App::install_routes() {
  metrics_.add_gauge("care_agents", "Agents by state.", [this] {
    operations::Metrics::Samples samples;
    for (const auto& [state, count] : store_->agent_state_counts()) {
      samples.push_back({"state=\"" + state + "\"", static_cast<double>(count)});
    }
    return samples;
  });
  metrics_.add_gauge("care_storage_full",
                     "1 while the database has no room for writes (they get 507), else 0.", [this] {
                       return operations::Metrics::Samples{{"", store_->health().full ? 1.0 : 0.0}};
                     });
  metrics_.add_counter("care_storage_refused_writes_total",
                       "Writes refused because the database had no room.", [this] {
                         return operations::Metrics::Samples{
                             {"", static_cast<double>(store_->health().refused_writes)}};
                       });
  metrics_.add_gauge(
      "care_database_up", "1 while this node reaches its database, else 0 (requests get 503).",
      [this] {
        return operations::Metrics::Samples{{"", store_->health().reachable ? 1.0 : 0.0}};
      });
  routes::add_system_routes(router_, metrics_, *store_);
  // Signing in or out changes how the floor shows the agent (Offline, R-H3): their
  // state is published again for the supervisors watching.
  routes::add_session_routes(router_, *auth_, hosts_, limits_->proxies(), [this](std::int64_t id) {
    if (auto agent = store_->routing_agent(id)) {
      events::publish(events_, AgentStateChanged{agent->id, agent->state},
                      services::agent_and_supervisors(agent->id));
    }
  });
  routes::add_agent_state_routes(router_, *auth_, *store_, clock_, events_,
                                 [this](std::int64_t agent) { routing_->agent_changed(agent); });
  metrics_.add_counter(
      "care_routing_rounds_total", "Rounds of the router (expire, offer).", [this] {
        return operations::Metrics::Samples{{"", static_cast<double>(routing_->effort().rounds)}};
      });
  metrics_.add_counter("care_routing_deciding_seconds_total",
                       "Time the router's rounds spent expiring and making offers.", [this] {
                         return operations::Metrics::Samples{{"", routing_->effort().seconds}};
                       });
  metrics_.add_gauge("care_routing_leader",
                     "1 while this node leads routing (makes and expires offers), else 0.", [this] {
                       return operations::Metrics::Samples{{"", routing_->leading() ? 1.0 : 0.0}};
                     });
  metrics_.add_gauge("care_event_streams", "Open event streams (GET /api/events).", [this] {
    return operations::Metrics::Samples{{"", static_cast<double>(events_.open_streams())}};
  });
  routes::add_work_routes(router_, *auth_, *store_, *routing_);
  routes::add_transfer_routes(router_, *auth_, *store_, *routing_);
  routes::add_list_routes(router_, *auth_, *store_, *routing_);
  routes::add_record_routes(router_, *auth_, *store_, *records_, *watch_);
  routes::add_knowledge_routes(router_, *auth_, *store_, *knowledge_);
  routes::add_supervisor_routes(router_, *auth_, *store_, *supervisor_, *records_, *watch_);
  routes::add_presence_routes(router_, *auth_, *store_, *presence_);
  routes::add_webhook_routes(router_, *auth_, *webhooks_);
  routes::add_mention_routes(router_, *auth_, *store_, *mentions_);
  webhooks_->add_metrics(metrics_);
  routes::add_call_routes(router_, *auth_, *store_, *ingestion_);
  routes::add_channel_routes(router_, *ingestion_, events_, stream_loop_, config_.integration_key,
                             config_.stream_heartbeat, *limits_);
  routes::add_attachment_routes(router_, *auth_, *store_, *attachments_, *ingestion_, *records_,
                                config_.integration_key, *limits_);
  metrics_.add_gauge("care_attachment_contents",
                     "Files stored, each content once (by its SHA-256).", [this] {
                       return operations::Metrics::Samples{
                           {"", static_cast<double>(store_->attachment_contents())}};
                     });
  routes::add_event_routes(router_, *auth_, events_, stream_loop_, limits_->proxies(),
                           config_.stream_heartbeat,
                           [this](std::int64_t agent) { routing_->showing_queue_list(agent); });
  if (!config_.web_root.empty() && std::filesystem::is_directory(config_.web_root)) {
    router_.serve_folder("/", config_.web_root);
    pages_.install(server_);
  }
}

int App::bind() {
  if (config_.port == 0) {
    port_ = server_.bind_to_any_port(config_.host);
  } else {
    port_ = server_.bind_to_port(config_.host, config_.port) ? config_.port : -1;
  }
  // cpp-httplib listens with a backlog of 5: when hundreds of agents reconnect at
  // once (a restart, a network blip) the kernel drops their SYNs and each waits 1 s,
  // 3 s, … to retry. Listening again on the bound socket only enlarges the queue.
  if (port_ >= 0 && listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return port_;
}

bool App::serve() {
  return server_.listen_after_bind();
}

void App::stop() {
  // main() stops from a signal thread and then destroys the App once serve() returns:
  // the destructor's stop() waits here until the first has finished (both joining
  // the gate's thread at once used to hang the exit).
  std::lock_guard lock(stop_mutex_);
  if (demo_) demo_->stop();
  if (routing_) routing_->stop();
  if (auto_close_) auto_close_->stop();
  if (supervisor_) supervisor_->stop();
  if (webhooks_) webhooks_->stop();
  if (follower_) follower_->stop();
  if (!server_.is_running()) return;
  // Streams end with their final chunk and no new one opens; a stream handed over
  // after this is closed at once.
  events_.shutdown();
  stream_loop_.stop();
  server_.shut_down();
}

}  // namespace care::server
