#pragma once
// The server's log: one JSON object a line on stdout (G4), so a collector reads it
// without parsing prose.
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

namespace care::server::http {

// Writes `fields` with "ts" (UTC, milliseconds) added, as one line, and flushes.
void log_line(nlohmann::json fields);

// Runs one step of a background task (routing, the sweeper, the floor's samples). A
// failure, such as a full disk, is logged and the task tries again at its next step:
// an exception escaping a thread would end the whole server.
void run_step_logging_failure(std::string_view task, const std::function<void()>& step);

}  // namespace care::server::http
