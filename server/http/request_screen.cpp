#include "http/request_screen.hpp"

#include <algorithm>

#include "http/responses.hpp"

namespace care::server::http {

bool refuse_before_routing(const httplib::Request& req, httplib::Response& res,
                           const AllowedHosts& hosts, const WebPages& pages) {
  if (!hosts.allows(req.get_header_value("Host"))) {
    // 421, not 400: the request may be fine, it reached a server that does not answer
    // for that name (RFC 9110 §15.5.20).
    send_error(res, 421, "misdirected",
               "this server does not answer for that Host; use its public address", "Host");
    return true;
  }
  if (std::any_of(req.path.begin(), req.path.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    send_error(res, 400, "invalid", "path: control characters (such as %00) are not allowed",
               "path");
    return true;
  }
  if ((req.method == "GET" || req.method == "HEAD") && pages.escapes_root(req.path)) {
    send_error(res, 404, "not_found", "no such resource");
    return true;
  }
  return false;
}

}  // namespace care::server::http
