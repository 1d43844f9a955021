#include "http/web_pages.hpp"

#include <algorithm>

namespace care::server::http {
namespace {

namespace fs = std::filesystem;

// What every page may do: its own scripts, styles, images (the favicon is a data: URL),
// fonts and API calls, nothing inline, no plugins, no <base>.
constexpr const char* kPagePolicy =
    "default-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; ";

bool is_desktop(const std::string& path) {
  return path == "/" || path == "/index.html";
}

}  // namespace

WebPages::WebPages(const std::string& root, std::vector<std::string> embed_origins)
    : root_(root), embed_origins_(std::move(embed_origins)) {
  std::error_code ec;
  if (!root.empty()) real_root_ = fs::canonical(root_, ec);
}

bool WebPages::escapes_root(const std::string& path) const {
  if (real_root_.empty() || path.empty() || path.front() != '/') return false;
  // As cpp-httplib maps it: the root joined with the path, index.html for a folder.
  fs::path file = root_.string() + path;
  if (path.back() == '/') file /= "index.html";
  std::error_code ec;
  if (!fs::exists(file, ec)) return false;
  fs::path real = fs::weakly_canonical(file, ec);
  if (ec) return true;
  auto [root_end, real_at] =
      std::mismatch(real_root_.begin(), real_root_.end(), real.begin(), real.end());
  return root_end != real_root_.end();
}

std::string WebPages::policy_for(const std::string& path) const {
  std::string policy = kPagePolicy;
  if (is_desktop(path)) {
    // The desktop is a WebAssembly module: compiling one needs 'wasm-unsafe-eval'
    // (not 'unsafe-eval', which would let scripts eval too).
    return policy + "script-src 'self' 'wasm-unsafe-eval'; frame-ancestors 'none'";
  }
  policy += "script-src 'self'; frame-ancestors";
  if (embed_origins_.empty()) return policy + " 'none'";
  for (const std::string& origin : embed_origins_)
    policy += " " + origin;
  return policy;
}

void WebPages::install(httplib::Server& server) const {
  server.set_file_request_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (res.get_header_value("Content-Type").rfind("text/html", 0) != 0) return;
    res.set_header("Content-Security-Policy", policy_for(req.path));
  });
}

}  // namespace care::server::http
