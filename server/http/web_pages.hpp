#pragma once

#include <httplib.h>

#include <filesystem>
#include <string>
#include <vector>

namespace care::server::http {

// The web root as served: never a file whose real path lies outside it (a symlink
// pointing out), and HTML pages with a Content-Security-Policy.
class WebPages {
 public:
  // `embed_origins`: sites that may show the help portal in a frame (--embed-origin).
  WebPages(const std::string& root, std::vector<std::string> embed_origins);

  // True when the file a GET of `path` would be answered with resolves outside the
  // root (answer 404). False for paths with no file: those go on to the routes.
  bool escapes_root(const std::string& path) const;

  // Content-Security-Policy for an HTML page at `path`: the desktop ("/", index.html)
  // runs WebAssembly and is never framed; other pages may be framed by embed_origins.
  std::string policy_for(const std::string& path) const;

  // Adds the policy to HTML answers of the static file handler.
  void install(httplib::Server& server) const;

 private:
  std::filesystem::path root_;
  std::filesystem::path real_root_;
  std::vector<std::string> embed_origins_;
};

}  // namespace care::server::http
