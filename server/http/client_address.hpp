#pragma once
// Who a request comes from, for every per-address limit (sign-in, chat starts, streams).
#include <httplib.h>

#include <string>
#include <string_view>
#include <vector>

namespace care::server::http {

// Addresses of reverse proxies in front of this server (--trusted-proxy). Only their
// X-Forwarded-For is believed: anyone else could write any address there.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  explicit TrustedProxies(std::vector<std::string> addresses);

  bool contains(std::string_view address) const;
  bool empty() const { return addresses_.empty(); }

 private:
  std::vector<std::string> addresses_;
};

// "10.0.0.1, 10.0.0.2" → {"10.0.0.1", "10.0.0.2"}; false when an entry is not an
// IPv4 or IPv6 address (a proxy is named by address, not by host name).
bool parse_address_list(std::string_view text, std::vector<std::string>& out);

// The peer's address; or, when the peer is a trusted proxy, the right-most
// X-Forwarded-For hop that is not itself a trusted proxy (the hops to its left were
// written by the client and may be made up).
std::string client_address(const httplib::Request& req, const TrustedProxies& proxies);

}  // namespace care::server::http
