// care-server: serves the agent desktop, its API and its event streams.
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>
#include <thread>

#include "app.hpp"
#include "config.hpp"

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

  std::unique_ptr<App> started;
  try {
    started = std::make_unique<App>(config);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "care-server: cannot open the database in %s: %s\n",
                 config.data_dir.c_str(), error.what());
    return 1;
  }
  App& app = *started;
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

  // Tests and scripts read this line to learn the port.
  std::printf("care-server listening on http://%s:%d\n", config.host.c_str(), app.port());
  std::fflush(stdout);
  return app.serve() ? 0 : 1;
}
