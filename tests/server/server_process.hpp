#pragma once
// care-server as a real process (durability and multi-node tests): started with the
// admin account from the environment, its port read from its first log lines.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace care::server::testing {

struct ServerProcess {
  pid_t pid = -1;
  int port = -1;
};

// Starts CARE_SERVER_BIN with `args` (e.g. {"--data", dir}) on a free port; port is -1
// when it never said where it listens.
inline ServerProcess start_server_process(const std::vector<std::string>& args) {
  int out[2];
  EXPECT_EQ(::pipe(out), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::setenv("CARE_ADMIN_USER", "root", 1);
    ::setenv("CARE_ADMIN_PASSWORD", "correct horse", 1);
    std::vector<std::string> words = {CARE_SERVER_BIN, "--port", "0"};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& word : words)
      argv.push_back(word.data());
    argv.push_back(nullptr);
    ::execv(CARE_SERVER_BIN, argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  std::string text;
  static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
  std::smatch match;
  char buffer[512];
  while (!std::regex_search(text, match, listening)) {
    ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  // Keep draining the log so the server never blocks on a full pipe.
  int fd = out[0];
  std::thread([fd] {
    char sink[4096];
    while (::read(fd, sink, sizeof sink) > 0) {
    }
    ::close(fd);
  }).detach();
  return {pid, match.empty() ? -1 : std::stoi(match[1])};
}

// Stops each node still running (SIGTERM) and waits for it.
inline void stop_server_processes(std::vector<ServerProcess>& nodes) {
  for (auto& node : nodes) {
    if (node.pid <= 0) continue;
    ::kill(node.pid, SIGTERM);
    int status = 0;
    ::waitpid(node.pid, &status, 0);
    node.pid = -1;
  }
}

}  // namespace care::server::testing
