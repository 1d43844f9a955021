#pragma once

#include <string>

#include "i18n/i18n.hpp"

namespace care::client::panels {

enum class Connection { Connecting, Connected, Unreachable };

struct ShellState {
  Connection connection = Connection::Connecting;
  std::string server_version;
};

struct ShellAction {
  enum class Kind { None, SetLanguage, Reload };
  Kind kind = Kind::None;
  i18n::Language language = i18n::Language::English;
};

// The desktop's frame: menu bar, status line, and the workspace behind the panels.
ShellAction draw_shell(const ShellState& state);

}  // namespace care::client::panels
