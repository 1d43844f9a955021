#pragma once
// Raw bytes over a real socket, for requests no HTTP client library would build.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace care::server::testing {

// Sends `bytes` to the server on loopback `port` and returns one answer (its head and
// Content-Length bytes of body), or what came before the server closed.
inline std::string raw_exchange(int port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "";
  }
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    answer.append(buffer, static_cast<size_t>(n));
    size_t head_end = answer.find("\r\n\r\n");
    if (head_end == std::string::npos) continue;
    size_t length_at = answer.find("Content-Length: ");
    size_t length = length_at < head_end ? std::stoul(answer.substr(length_at + 16)) : 0;
    if (answer.size() >= head_end + 4 + length) break;
  }
  ::close(fd);
  return answer;
}

inline int status_of(const std::string& raw_answer) {
  if (raw_answer.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(raw_answer.substr(9, 3));
}

// The value of header `name` (as the server spells it) in a raw answer, or "".
inline std::string header_of(const std::string& raw_answer, const std::string& name) {
  size_t at = raw_answer.find("\r\n" + name + ": ");
  if (at == std::string::npos || at > raw_answer.find("\r\n\r\n")) return "";
  at += name.size() + 4;
  return raw_answer.substr(at, raw_answer.find("\r\n", at) - at);
}

inline std::string body_of(const std::string& raw_answer) {
  size_t at = raw_answer.find("\r\n\r\n");
  return at == std::string::npos ? "" : raw_answer.substr(at + 4);
}

}  // namespace care::server::testing
