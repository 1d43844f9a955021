#pragma once
// The server's log: one JSON object a line on stdout (G4), so a collector reads it
// without parsing prose.
#include <nlohmann/json.hpp>

namespace care::server::http {

// Writes `fields` with "ts" (UTC, milliseconds) added, as one line, and flushes.
void log_line(nlohmann::json fields);

}  // namespace care::server::http
