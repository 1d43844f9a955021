#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace care::server::http {

// Finds where one HTTP/1.1 request ends in the bytes a connection has received, so
// that a request is handed to a worker thread only once it is whole (a slow or idle
// client holds a file descriptor, never a thread) and a body is refused as soon as
// it passes the limit, chunked or not. It reads only what framing needs (request
// line, Content-Length, Transfer-Encoding, Expect); cpp-httplib parses the rest.
//
// Feed it the connection's buffer again whenever more bytes arrive: it resumes where
// it stopped, so a body trickled one byte at a time costs O(n) in all.
class RequestFraming {
 public:
  struct Limits {
    size_t max_head = 64 * 1024;    // request line and headers, blank line included
    size_t max_body = 1024 * 1024;  // decoded body bytes (chunked) or Content-Length
    // A file upload (POST to a path ending in /attachments, issue 18) is held to
    // this instead, larger or smaller; 0: to max_body.
    size_t max_upload = 0;
    size_t largest() const { return max_upload > max_body ? max_upload : max_body; }
  };
  enum class State {
    NeedHead,  // the blank line after the headers has not arrived
    NeedBody,  // head complete, the body has not all arrived
    Whole,     // bytes [0, end()) are one complete request
    Refused,   // answer status()/code() and close the connection
  };

  explicit RequestFraming(Limits limits) : limits_(limits) {}

  // `received` always starts at this request's first byte and only grows.
  State feed(std::string_view received);

  State state() const { return state_; }
  size_t head_size() const { return head_end_; }
  size_t end() const { return end_; }
  // The method as sent (for logging a refused request), "" before the request line.
  const std::string& method() const { return method_; }
  // The client sent `Expect: 100-continue` and waits for a go-ahead before the body.
  bool expects_continue() const { return expects_continue_; }
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  // The field a refusal is about ("file" for an upload over its limit), or "".
  const std::string& field() const { return field_; }

 private:
  enum class Body { None, Length, Chunked };
  enum class Chunk { SizeLine, Data, DataEnd, LastLine };

  State refuse(int status, std::string code, std::string message);
  State read_head_line(std::string_view line);
  State scan_chunks(std::string_view received);
  // This request's body limit, and the refusal when the body passes it.
  size_t body_limit() const {
    return upload_ && limits_.max_upload > 0 ? limits_.max_upload : limits_.max_body;
  }
  State refuse_too_large();

  Limits limits_;
  State state_ = State::NeedHead;
  size_t scanned_ = 0;  // bytes of `received` already looked at
  size_t head_end_ = 0;
  size_t end_ = 0;
  std::string method_;
  bool expects_continue_ = false;
  bool upload_ = false;  // POST …/attachments: held to max_upload
  Body body_ = Body::None;
  bool has_length_ = false;
  size_t length_ = 0;
  // Chunked bodies: where the scanner stands.
  Chunk chunk_ = Chunk::SizeLine;
  size_t chunk_left_ = 0;
  size_t decoded_ = 0;
  int status_ = 0;
  std::string code_;
  std::string message_;
  std::string field_;
};

}  // namespace care::server::http
