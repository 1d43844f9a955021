// care-server: serves the agent desktop, its API and its event streams.
#include <pthread.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <thread>

#include "app.hpp"
#include "config.hpp"

namespace {

// The first admin comes from whoever runs the server, never from a baked-in password.
int create_admin(care::server::App& app, const std::string& username) {
  std::string password;
  if (const char* from_env = std::getenv("CARE_ADMIN_PASSWORD")) {
    password = from_env;
  } else {
    std::fprintf(stderr, "password for %s: ", username.c_str());
    std::getline(std::cin, password);
  }
  if (password.size() < 8) {
    std::fprintf(stderr, "care-server: the password needs at least 8 characters\n");
    return 2;
  }
  if (!app.auth().create_agent(username, username, password, care::server::store::Role::Admin)) {
    std::fprintf(stderr, "care-server: %s already exists\n", username.c_str());
    return 1;
  }
  std::printf("created admin %s\n", username.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace care::server;
  ConfigResult parsed = parse_config(std::vector<std::string>(argv + 1, argv + argc));
  if (std::holds_alternative<HelpRequested>(parsed)) {
    std::fputs(usage().c_str(), stdout);
    return 0;
  }
  if (const auto* error = std::get_if<ConfigError>(&parsed)) {
    std::fprintf(stderr, "care-server: %s\n%s", error->message.c_str(), usage().c_str());
    return 2;
  }
  Config config = std::get<Config>(parsed);

  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    std::fprintf(stderr, "care-server: cannot create data folder %s: %s\n", config.data_dir.c_str(),
                 ec.message().c_str());
    return 1;
  }

  // SIGINT/SIGTERM are taken by one thread with sigwait, so stopping the server
  // happens in ordinary code rather than inside a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Every connection is a descriptor: take all the system allows (Debian's soft limit
  // is 1,024), and admit no more connections than leave room for the database,
  // listening socket and logs.
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);
  ::getrlimit(RLIMIT_NOFILE, &files);
  const rlim_t spare = files.rlim_cur > 512 ? files.rlim_cur - 256 : files.rlim_cur / 2;
  if (static_cast<rlim_t>(config.max_connections) > spare) {
    std::fprintf(stderr, "care-server: --max-connections lowered to %llu (open-file limit %llu)\n",
                 static_cast<unsigned long long>(spare),
                 static_cast<unsigned long long>(files.rlim_cur));
    config.max_connections = static_cast<int>(spare);
  }

  std::unique_ptr<App> started;
  try {
    started = std::make_unique<App>(config);
  } catch (const std::exception& error) {
    if (config.database.empty()) {
      std::fprintf(stderr, "care-server: cannot open the database in %s: %s\n",
                   config.data_dir.c_str(), error.what());
    } else {  // the URL is not printed: it may carry a password
      std::fprintf(stderr, "care-server: cannot use the PostgreSQL database: %s\n", error.what());
    }
    return 1;
  }
  App& app = *started;

  if (!config.create_admin.empty()) return create_admin(app, config.create_admin);
  if (const char* user = std::getenv("CARE_ADMIN_USER")) {
    const char* password = std::getenv("CARE_ADMIN_PASSWORD");
    if (!password || std::strlen(password) < 8) {
      std::fprintf(stderr,
                   "care-server: CARE_ADMIN_USER needs CARE_ADMIN_PASSWORD (8+ characters)\n");
      return 2;
    }
    if (app.auth().create_agent(user, user, password, store::Role::Admin)) {
      std::printf("care-server: created admin %s\n", user);
    }
  }

  if (app.bind() < 0) {
    std::fprintf(stderr, "care-server: cannot listen on %s:%d\n", config.host.c_str(), config.port);
    return 1;
  }
  std::thread signal_waiter([&app, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    app.stop();
  });
  signal_waiter.detach();

  if (!app.demo_accounts().empty()) {
    std::printf("care-server demo: sign in at http://%s:%d with\n", config.host.c_str(),
                app.port());
    for (const auto& account : app.demo_accounts()) {
      std::printf("  %-8s %-16s (%s)\n", account.username.c_str(), account.password.c_str(),
                  account.role.c_str());
    }
    std::printf("(kept in %s/demo-accounts.json)\n", config.data_dir.c_str());
  }
  // Tests and scripts read this line to learn the port.
  std::printf("care-server listening on http://%s:%d\n", config.host.c_str(), app.port());
  std::fflush(stdout);
  return app.serve() ? 0 : 1;
}
