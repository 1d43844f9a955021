#include "http/log.hpp"

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

}  // namespace

void log_line(nlohmann::json fields) {
  fields["ts"] = utc_now();
  // Paths and exception texts are not always UTF-8; a log line must never throw.
  std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  std::fputs(line.c_str(), stdout);
  std::fflush(stdout);
}

void run_step_logging_failure(std::string_view task, const std::function<void()>& step) {
  try {
    step();
  } catch (const std::exception& error) {
    log_line({{"level", "error"}, {"task", std::string(task)}, {"error", error.what()}});
  }
}

}  // namespace care::server::http
