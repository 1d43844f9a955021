#pragma once

#include <string>
#include <variant>
#include <vector>

namespace care::server {

// Everything care-server can be told, by flag or by environment (flags win).
struct Config {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0 picks a free port (tests)
  std::string data_dir = "data";
  std::string web_root;  // folder with index.html, client.js, client.wasm, assets/
  // --create-admin NAME: create this admin (password from CARE_ADMIN_PASSWORD or
  // standard input) and exit. There is never a default password.
  std::string create_admin;
};

struct ConfigError {
  std::string message;
};

struct HelpRequested {};

using ConfigResult = std::variant<Config, ConfigError, HelpRequested>;

// Reads CARE_HOST, CARE_PORT, CARE_DATA, CARE_WEB_ROOT, then the flags.
ConfigResult parse_config(const std::vector<std::string>& args);

std::string usage();

}  // namespace care::server
