#pragma once
// A client socket that sends exactly the bytes a test gives it, from a chosen
// loopback address (127.0.0.2, 127.0.0.3, … stand for other clients), for the
// requests and the pacing no HTTP library would produce.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>

namespace care::server::testing {

class RawConnection {
 public:
  // `receive_buffer` (bytes, 0 = the system's) makes a client that takes an answer
  // in small pieces, so the server's sends come back partly taken.
  explicit RawConnection(int port, const char* source = "127.0.0.1", int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0)
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // False once the server has closed or reset the connection.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(sent));
    }
    return true;
  }

  // True when something (an answer, or the server closing) can be read now.
  bool readable() const {
    pollfd entry{fd_, POLLIN, 0};
    return ::poll(&entry, 1, 0) > 0;
  }

  // The next whole response (head and Content-Length body; a 1xx has no body), or ""
  // when none came within `timeout`.
  std::string response(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      size_t head_end = buffer_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t length_at = buffer_.find("Content-Length: ");
        size_t length = length_at < head_end ? std::stoul(buffer_.substr(length_at + 16)) : 0;
        if (buffer_.size() >= head_end + 4 + length) {
          std::string answer = buffer_.substr(0, head_end + 4 + length);
          buffer_.erase(0, answer.size());
          return answer;
        }
      }
      if (!receive(deadline)) return "";
    }
  }

  // What the server sent up to and including `needle` (e.g. a frame of an event
  // stream), or "" when it did not come within `timeout`. The rest stays buffered.
  std::string read_until(std::string_view needle,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      size_t at = buffer_.find(needle);
      if (at != std::string::npos) {
        std::string text = buffer_.substr(0, at + needle.size());
        buffer_.erase(0, text.size());
        return text;
      }
      if (!receive(deadline)) return "";
    }
  }

  // True when the server closed the connection within `timeout`.
  bool closed_by_server(std::chrono::milliseconds timeout) {
    pollfd entry{fd_, POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char chunk[1024];
    return ::recv(fd_, chunk, sizeof chunk, MSG_PEEK) <= 0;
  }

  static int status_of(const std::string& response) {
    return response.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(response.substr(9, 3)) : 0;
  }

 private:
  // Appends what arrives before `deadline` to the buffer; false on none or a close.
  bool receive(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{fd_, POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[64 * 1024];
    ssize_t count = ::recv(fd_, chunk, sizeof chunk, 0);
    if (count <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(count));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

}  // namespace care::server::testing
