#include "desktop.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace care::client {

Desktop::Desktop(Transport& transport) : transport_(transport) {}

void Desktop::start() {
  check_server(0.0);
}

void Desktop::check_server(double now) {
  if (version_pending_) return;
  version_pending_ = true;
  transport_.get("/api/version", [this, now](const HttpResponse& response) {
    version_pending_ = false;
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (response.status == 200 && body.is_object() && body.contains("version") &&
        body["version"].is_string()) {
      shell_.connection = panels::Connection::Connected;
      shell_.server_version = body["version"].get<std::string>();
      retry_delay_ = 1.0;
      return;
    }
    // Back off, doubling up to half a minute, so a restarting server is not flooded.
    shell_.connection = panels::Connection::Unreachable;
    retry_at_ = now + retry_delay_;
    retry_delay_ = std::min(retry_delay_ * 2.0, 30.0);
  });
}

void Desktop::apply(const panels::ShellAction& action, double now) {
  switch (action.kind) {
    case panels::ShellAction::Kind::None:
      break;
    case panels::ShellAction::Kind::SetLanguage:
      i18n::set_language(action.language);
      break;
    case panels::ShellAction::Kind::Reload:
      shell_.connection = panels::Connection::Connecting;
      check_server(now);
      break;
  }
}

void Desktop::draw(double now) {
  if (shell_.connection == panels::Connection::Unreachable && now >= retry_at_) {
    check_server(now);
  }
  apply(panels::draw_shell(shell_), now);
}

}  // namespace care::client
