#pragma once

#include <string>

namespace care::client {

// How the client was started. The browser passes nothing (same-origin server, font
// in the page's file system); the native debug build takes flags:
//   --server URL        care-server to talk to (default http://127.0.0.1:8080)
//   --font PATH         UI font (default: the build's subset font, else DejaVu Sans)
//   --sign-in NAME      sign in as NAME with the password in $CARE_PASSWORD
//   --screenshot FILE   once --until TEXT is on screen, save a PNG and exit
//   --until TEXT        (default: the first settled frame)
//   --dump-items        print the last frame's widgets as JSON when exiting
struct LaunchOptions {
  std::string server_url = "http://127.0.0.1:8080";
  std::string font_path;
  std::string sign_in_user;
  std::string sign_in_password;
  std::string screenshot;
  std::string until_text;
  bool dump_items = false;
  std::string error;  // non-empty when the flags were wrong
};

LaunchOptions parse_launch_options(int argc, char** argv);

}  // namespace care::client
