#pragma once

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "app.hpp"
#include "postgres_cluster.hpp"

namespace care::server::testing {

// A real care-server in this process, on a free loopback port, with its own data
// and web folders; tests talk to it over real HTTP with `client()`. With
// CARE_TEST_POSTGRES=1 (the `server.*.postgres` runs) its store is a fresh database on
// the process's throw-away PostgreSQL cluster instead of SQLite in the data folder.
class TestServer {
 public:
  explicit TestServer(Config config = {}, const Clock* clock = nullptr) {
    root_ = std::filesystem::temp_directory_path() /
            ("care-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(root_ / "data");
    std::filesystem::create_directories(root_ / "web");
    config.host = "127.0.0.1";
    config.port = 0;
    config.data_dir = (root_ / "data").string();
    if (config.web_root.empty()) config.web_root = (root_ / "web").string();
    web_root_ = config.web_root;
    if (config.database.empty() && care::test::PostgresCluster::requested()) {
      database_ = care::test::PostgresCluster::shared().create_migrated_database();
      config.database = database_;
    }
    app_ = std::make_unique<App>(config, clock);
    port_ = app_->bind();
    thread_ = std::thread([this] { app_->serve(); });
    while (!app_->serving())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  ~TestServer() {
    app_->stop();
    if (thread_.joinable()) thread_.join();
    app_.reset();
    if (!database_.empty()) care::test::PostgresCluster::shared().drop_database(database_);
    std::filesystem::remove_all(root_);
  }

  int port() const { return port_; }
  App& app() { return *app_; }
  const std::filesystem::path& web_root() const { return web_root_; }
  std::filesystem::path data_dir() const { return root_ / "data"; }
  // On PostgreSQL (CARE_TEST_POSTGRES): the database's libpq connection string; else empty.
  const std::string& database() const { return database_; }
  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    return client;
  }
  // /metrics once it shows `sample` (or after 2 s). cpp-httplib counts a request in
  // its logger, after the answer is written, so a client can read an answer a moment
  // before the server has counted it.
  std::string metrics_showing(const std::string& sample) const {
    std::string text;
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto result = client().Get("/metrics");
      text = result ? result->body : "";
      if (text.find(sample) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return text;
  }

 private:
  static int& counter() {
    static int value = 0;
    return value;
  }
  std::filesystem::path root_;
  std::filesystem::path web_root_;
  std::string database_;  // on PostgreSQL: the database's connection string
  std::unique_ptr<App> app_;
  std::thread thread_;
  int port_ = -1;
};

}  // namespace care::server::testing
