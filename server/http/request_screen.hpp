#pragma once

#include <httplib.h>

#include "http/allowed_hosts.hpp"
#include "http/web_pages.hpp"

namespace care::server::http {

// Checks every request before routing and answers the ones it refuses: a Host not on
// the allow-list (421 misdirected), a path holding a control character such as a
// decoded %00 (400: file systems and type lookups read such paths differently), a
// static file that resolves outside the web root (404). True when it answered.
bool refuse_before_routing(const httplib::Request& req, httplib::Response& res,
                           const AllowedHosts& hosts, const WebPages& pages);

}  // namespace care::server::http
