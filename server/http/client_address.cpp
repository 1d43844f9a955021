#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>

namespace care::server::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// One spelling per address ("::FFFF:10.0.0.1" and "10.0.0.1" are the same peer), so
// a limit keyed by it cannot be dodged by writing the address another way.
std::string canonical(std::string_view text) {
  std::string address(trim(text));
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    char out[INET_ADDRSTRLEN];
    return inet_ntop(AF_INET, &v4, out, sizeof out);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_V4MAPPED(&v6)) {
      char out[INET_ADDRSTRLEN];
      return inet_ntop(AF_INET, &v6.s6_addr[12], out, sizeof out);
    }
    char out[INET6_ADDRSTRLEN];
    return inet_ntop(AF_INET6, &v6, out, sizeof out);
  }
  return {};
}

}  // namespace

TrustedProxies::TrustedProxies(std::vector<std::string> addresses) {
  for (const auto& address : addresses) {
    std::string each = canonical(address);
    if (!each.empty()) addresses_.push_back(each);
  }
}

bool TrustedProxies::contains(std::string_view address) const {
  std::string each = canonical(address);
  return !each.empty() && std::find(addresses_.begin(), addresses_.end(), each) != addresses_.end();
}

bool parse_address_list(std::string_view text, std::vector<std::string>& out) {
  std::vector<std::string> found;
  while (true) {
    size_t comma = text.find(',');
    std::string each = canonical(text.substr(0, comma));
    if (each.empty()) return false;
    found.push_back(each);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  out = std::move(found);
  return true;
}

std::string client_address(const httplib::Request& req, const TrustedProxies& proxies) {
  std::string peer = canonical(req.remote_addr);
  if (peer.empty()) peer = req.remote_addr;
  if (proxies.empty() || !proxies.contains(peer)) return peer;
  // Each proxy appends the address it received from; several headers are one list.
  std::vector<std::string_view> hops;
  auto range = req.headers.equal_range("X-Forwarded-For");
  for (auto it = range.first; it != range.second; ++it) {
    std::string_view list = it->second;
    while (true) {
      size_t comma = list.find(',');
      hops.push_back(list.substr(0, comma));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    std::string hop = canonical(*it);
    // A hop that is not an address is made up; the proxy that wrote what follows it
    // is the last one we can speak for.
    if (hop.empty()) return peer;
    if (!proxies.contains(hop)) return hop;
    peer = hop;
  }
  return peer;  // every hop was a proxy of ours: the left-most one is the nearest we know
}

}  // namespace care::server::http
