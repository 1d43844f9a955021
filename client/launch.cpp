#include "launch.hpp"

#include <cstdlib>
#include <string_view>

namespace care::client {

LaunchOptions parse_launch_options(int argc, char** argv) {
  LaunchOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        options.error = std::string(flag) + " needs a value";
        return;
      }
      out = argv[++i];
    };
    if (flag == "--server") {
      value(options.server_url);
    } else if (flag == "--font") {
      value(options.font_path);
    } else if (flag == "--sign-in") {
      value(options.sign_in_user);
      const char* password = std::getenv("CARE_PASSWORD");
      if (!password) options.error = "--sign-in needs the password in CARE_PASSWORD";
      options.sign_in_password = password ? password : "";
    } else if (flag == "--screenshot") {
      value(options.screenshot);
    } else if (flag == "--until") {
      value(options.until_text);
    } else if (flag == "--dump-items") {
      options.dump_items = true;
    } else {
      options.error = "unknown flag: " + std::string(flag);
    }
    if (!options.error.empty()) break;
  }
  return options;
}

}  // namespace care::client
