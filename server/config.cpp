#include "config.hpp"

#include <charconv>
#include <cstdlib>

namespace care::server {
namespace {

bool parse_port(const std::string& text, int& port) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 65535) {
    return false;
  }
  port = value;
  return true;
}

}  // namespace

std::string usage() {
  return "usage: care-server [--host ADDR] [--port N] [--data DIR] [--web DIR]\n"
         "  --host ADDR  address to listen on (default 127.0.0.1; env CARE_HOST)\n"
         "  --port N     port, 0 for any free one (default 8080; env CARE_PORT)\n"
         "  --data DIR   data folder holding the database (default ./data; env CARE_DATA)\n"
         "  --web DIR    web client folder to serve (default: the build's; env CARE_WEB_ROOT)\n"
         "  --create-admin NAME  create an admin account and exit; the password comes from\n"
         "               CARE_ADMIN_PASSWORD or standard input\n"
         "At start, CARE_ADMIN_USER + CARE_ADMIN_PASSWORD create that admin if it is missing.\n";
}

ConfigResult parse_config(const std::vector<std::string>& args) {
  Config config;
  config.web_root = CARE_DEFAULT_WEB_ROOT;
  if (const char* v = std::getenv("CARE_HOST")) config.host = v;
  if (const char* v = std::getenv("CARE_DATA")) config.data_dir = v;
  if (const char* v = std::getenv("CARE_WEB_ROOT")) config.web_root = v;
  if (const char* v = std::getenv("CARE_PORT")) {
    if (!parse_port(v, config.port))
      return ConfigError{"CARE_PORT: not a port number: " + std::string(v)};
  }

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") return HelpRequested{};
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string text;
    if (flag == "--host") {
      if (!value(config.host)) return ConfigError{"--host needs an address"};
    } else if (flag == "--port") {
      if (!value(text) || !parse_port(text, config.port)) {
        return ConfigError{"--port needs a number from 0 to 65535"};
      }
    } else if (flag == "--data") {
      if (!value(config.data_dir)) return ConfigError{"--data needs a folder"};
    } else if (flag == "--create-admin") {
      if (!value(config.create_admin) || config.create_admin.empty()) {
        return ConfigError{"--create-admin needs a username"};
      }
    } else if (flag == "--web") {
      if (!value(config.web_root)) return ConfigError{"--web needs a folder"};
    } else {
      return ConfigError{"unknown flag: " + flag};
    }
  }
  return config;
}

}  // namespace care::server
