#include "http/allowed_hosts.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace care::server::http {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

// "::1" as --host spells it, "[::1]" as a Host header does.
std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
}

}  // namespace

std::string host_name(std::string_view host_header) {
  std::string host = lower(host_header);
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    return close == std::string::npos ? host : host.substr(0, close + 1);
  }
  return host.substr(0, host.find(':'));
}

std::optional<PublicUrl> parse_public_url(std::string_view text) {
  PublicUrl url;
  std::string rest = lower(text);
  if (rest.rfind("https://", 0) == 0) {
    url.https = true;
    rest.erase(0, 8);
  } else if (rest.rfind("http://", 0) == 0) {
    rest.erase(0, 7);
  } else {
    return std::nullopt;
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.empty() || rest.find('/') != std::string::npos) return std::nullopt;
  url.host = host_name(rest);
  std::string after = rest.substr(url.host.size());
  if (url.host.front() == '[') {
    if (url.host.back() != ']' || url.host.size() < 3) return std::nullopt;
    for (char c : url.host.substr(1, url.host.size() - 2))
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
        return std::nullopt;
  } else if (!std::all_of(url.host.begin(), url.host.end(), is_name_char)) {
    return std::nullopt;
  }
  if (!after.empty()) {
    if (after.front() != ':') return std::nullopt;
    url.port = after.substr(1);
    int port = 0;
    auto [end, ec] = std::from_chars(url.port.data(), url.port.data() + url.port.size(), port);
    if (ec != std::errc() || end != url.port.data() + url.port.size() || port < 1 || port > 65535) {
      return std::nullopt;
    }
  }
  return url;
}

AllowedHosts::AllowedHosts(const std::vector<std::string>& public_urls,
                           const std::string& bound_host) {
  const std::string bound = bracketed(lower(bound_host));
  bound_to_loopback_ = is_loopback(bound);
  restricted_ = !public_urls.empty();
  // Loopback names cannot be a rebinding: only pages on this machine's own names send them.
  names_ = {"localhost", "127.0.0.1", "[::1]"};
  if (bound != "0.0.0.0" && bound != "[::]" && !bound.empty()) names_.insert(bound);
  for (const std::string& text : public_urls) {
    if (auto url = parse_public_url(text)) {
      names_.insert(url->host);
      if (url->https) https_names_.insert(url->host);
    }
  }
}

bool AllowedHosts::allows(std::string_view host_header) const {
  return !restricted_ || names_.contains(host_name(host_header));
}

bool AllowedHosts::reached_over_https(std::string_view host_header) const {
  return https_names_.contains(host_name(host_header));
}

std::optional<std::string> AllowedHosts::start_warning() const {
  if (restricted_ || bound_to_loopback_) return std::nullopt;
  return "listening beyond loopback without --public-url: every Host is accepted, so a "
         "site can reach the sign-in-free endpoints by DNS rebinding; set --public-url "
         "(CARE_PUBLIC_URL) to the address people use";
}

}  // namespace care::server::http
