#pragma once

#include <httplib.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace care::server::http {

// An address people and connectors reach the server by (--public-url), reduced to
// what the Host header can be checked against.
struct PublicUrl {
  bool https = false;
  std::string host;  // lower case; an IPv6 address in brackets
  std::string port;  // "" when the scheme's default
};

// "https://care.example.com", "http://10.0.0.5:8080/": an origin with an optional "/"
// after it; nullopt for anything else (another scheme, a path, user info, a bad port).
std::optional<PublicUrl> parse_public_url(std::string_view text);

// The Host names this server answers to (DNS rebinding: a page on another site whose
// name the attacker points at this server sends its own name as Host). From the public
// URLs, plus the loopback names and the address the server is bound to. Without any
// public URL every Host passes, as the names behind a proxy are not known.
class AllowedHosts {
 public:
  AllowedHosts(const std::vector<std::string>& public_urls, const std::string& bound_host);

  bool allows(std::string_view host_header) const;
  // The Host names an https public URL: the browser came over TLS (a proxy in front
  // ends it), so cookies may be Secure.
  bool reached_over_https(std::string_view host_header) const;
  // What to warn about at start, if anything.
  std::optional<std::string> start_warning() const;

 private:
  bool restricted_ = false;
  bool bound_to_loopback_ = false;
  std::set<std::string> names_;
  std::set<std::string> https_names_;
};

// The host part of a Host header, lower case, without the port.
std::string host_name(std::string_view host_header);

}  // namespace care::server::http
