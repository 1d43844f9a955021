#include "http/log.hpp"

#include <limits.h>
#include <stdio_ext.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <string>

namespace care::server::http {
namespace {

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return text;
}

// One write(2) a line rather than stdio's fputs and fflush, which took stdout's lock
// twice a request on every worker (issue 15). A line of up to PIPE_BUF bytes goes out
// whole on a pipe, and a file's writes do not overlap. Longer lines, and any while
// stdio holds text not yet out (the startup lines), go through stdio as before, so
// the order of lines is kept.
void write_line(const std::string& line) {
  if (line.size() > PIPE_BUF || __fpending(stdout) > 0) {
    std::fputs(line.c_str(), stdout);
    std::fflush(stdout);
    return;
  }
  size_t written = 0;
  while (written < line.size()) {
    ssize_t count = ::write(STDOUT_FILENO, line.data() + written, line.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return;  // nowhere to log to: the request is still answered
    written += static_cast<size_t>(count);
  }
}

}  // namespace

void log_line(nlohmann::json fields) {
  fields["ts"] = utc_now();
  // Paths and exception texts are not always UTF-8; a log line must never throw.
  std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  write_line(line);
}

void run_step_logging_failure(std::string_view task, const std::function<void()>& step) {
  try {
    step();
  } catch (const std::exception& error) {
    log_line({{"level", "error"}, {"task", std::string(task)}, {"error", error.what()}});
  }
}

}  // namespace care::server::http
