#include "http/request_framing.hpp"

#include <algorithm>
#include <cctype>

#include "http/header_text.hpp"

namespace care::server::http {
namespace {

// cpp-httplib answers 414 beyond this; refusing earlier keeps the two in step.
constexpr size_t kMaxRequestLine = 8192;
constexpr size_t kMaxChunkSizeLine = 1024;

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A line without its "\n" and an optional "\r" before it.
std::string_view without_line_end(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

RequestFraming::State RequestFraming::refuse(int status, std::string code, std::string message) {
  status_ = status;
  code_ = std::move(code);
  message_ = std::move(message);
  return state_ = State::Refused;
}

RequestFraming::State RequestFraming::refuse_too_large() {
  if (upload_ && limits_.max_upload > 0) {
    field_ = "file";
    return refuse(413, "too_large",
                  "file: larger than this server's attachment limit of " +
                      std::to_string(limits_.max_upload) + " bytes (--max-attachment)");
  }
  return refuse(413, "too_large", "the request body is larger than 1 MiB");
}

RequestFraming::State RequestFraming::feed(std::string_view received) {
  while (state_ == State::NeedHead) {
    size_t newline = received.find('\n', scanned_);
    if (newline == std::string_view::npos) {
      if (method_.empty() && received.size() > kMaxRequestLine)
        return refuse(414, "uri_too_long", "the request line is too long");
      if (received.size() > limits_.max_head)
        return refuse(431, "headers_too_large", "the request headers are too large");
      return state_;
    }
    std::string_view line = without_line_end(received.substr(scanned_, newline - scanned_));
    scanned_ = newline + 1;
    if (scanned_ > limits_.max_head)
      return refuse(431, "headers_too_large", "the request headers are too large");
    read_head_line(line);
  }
  if (state_ == State::NeedBody) {
    if (body_ == Body::Chunked) {
      scan_chunks(received);
    } else if (received.size() >= end_) {
      state_ = State::Whole;
    }
  }
  return state_;
}

RequestFraming::State RequestFraming::read_head_line(std::string_view line) {
  if (method_.empty()) {
    // METHOD SP request-target SP HTTP-version
    size_t first = line.find(' ');
    size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (first == 0 || second == std::string_view::npos || second == first + 1 ||
        line.find(' ', second + 1) != std::string_view::npos)
      return refuse(400, "bad_request", "the request line is not METHOD target HTTP/1.1");
    std::string_view method = line.substr(0, first);
    if (!std::all_of(method.begin(), method.end(), is_token_char))
      return refuse(400, "bad_request", "the method is not a token");
    method_ = std::string(method);
    std::string_view version = line.substr(second + 1);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
      return refuse(505, "http_version_not_supported", "only HTTP/1.1 and HTTP/1.0 are served");
    std::string_view target = line.substr(first + 1, second - first - 1);
    for (char c : target) {
      if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f)
        return refuse(400, "bad_request", "the request target has a control character");
    }
    std::string_view path = target.substr(0, target.find('?'));
    constexpr std::string_view kUploads = "/attachments";
    upload_ = method_ == "POST" && path.size() >= kUploads.size() &&
              path.substr(path.size() - kUploads.size()) == kUploads;
    return state_;
  }
  if (line.empty()) {
    head_end_ = scanned_;
    if (body_ == Body::Chunked && has_length_)
      return refuse(400, "bad_request",
                    "a request cannot carry both Content-Length and Transfer-Encoding");
    if (has_length_ && length_ > body_limit()) return refuse_too_large();
    if (body_ == Body::Chunked) return state_ = State::NeedBody;
    body_ = has_length_ ? Body::Length : Body::None;
    end_ = head_end_ + (has_length_ ? length_ : 0);
    return state_ = State::NeedBody;
  }
  // Folded header lines (a line starting with white space) are obsolete and a
  // classic way to make two parsers disagree on the headers.
  size_t colon = line.find(':');
  if (line.front() == ' ' || line.front() == '\t' || colon == std::string_view::npos || colon == 0)
    return refuse(400, "bad_request", "a header line is not Name: value");
  std::string_view name = line.substr(0, colon);
  if (!std::all_of(name.begin(), name.end(), is_token_char))
    return refuse(400, "bad_request", "a header name is not a token");
  std::string_view value = trim_ows(line.substr(colon + 1));
  if (ascii_equal_ignoring_case(name, "Content-Length")) {
    if (value.empty() || value.size() > 18 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return refuse(400, "bad_request", "Content-Length is not a number");
    size_t length = std::stoull(std::string(value));
    if (has_length_ && length != length_)
      return refuse(400, "bad_request", "two different Content-Length headers");
    has_length_ = true;
    length_ = length;
  } else if (ascii_equal_ignoring_case(name, "Transfer-Encoding")) {
    if (body_ == Body::Chunked)
      return refuse(400, "bad_request", "more than one Transfer-Encoding header");
    if (!ascii_equal_ignoring_case(value, "chunked"))
      return refuse(501, "not_implemented", "only the chunked transfer coding is supported");
    body_ = Body::Chunked;
  } else if (ascii_equal_ignoring_case(name, "Expect")) {
    expects_continue_ = ascii_equal_ignoring_case(value, "100-continue");
  }
  return state_;
}

RequestFraming::State RequestFraming::scan_chunks(std::string_view received) {
  size_t at = std::max(scanned_, head_end_);
  while (state_ == State::NeedBody) {
    if (chunk_ == Chunk::SizeLine) {
      size_t newline = received.find('\n', at);
      if (newline == std::string_view::npos) {
        if (received.size() - at > kMaxChunkSizeLine)
          return refuse(400, "bad_request", "a chunk size line is too long");
        break;
      }
      std::string_view line = without_line_end(received.substr(at, newline - at));
      size_t size = 0;
      size_t digits = 0;
      for (; digits < line.size() && hex_digit(line[digits]) >= 0; ++digits) {
        size = size * 16 + static_cast<size_t>(hex_digit(line[digits]));
        // Refused before the data is sent: the limit holds while reading.
        if (size > body_limit() - decoded_) return refuse_too_large();
      }
      if (digits == 0 || (digits < line.size() && line[digits] != ';'))
        return refuse(400, "bad_request", "a chunk size is not hexadecimal");
      at = newline + 1;
      chunk_left_ = size;
      chunk_ = size == 0 ? Chunk::LastLine : Chunk::Data;
    } else if (chunk_ == Chunk::Data) {
      size_t take = std::min(chunk_left_, received.size() - at);
      at += take;
      chunk_left_ -= take;
      decoded_ += take;
      if (chunk_left_ > 0) break;
      chunk_ = Chunk::DataEnd;
    } else {
      // After chunk data and after the last chunk: exactly CRLF (cpp-httplib reads no
      // trailers, so none are let through).
      if (received.size() - at < 2) break;
      if (received.substr(at, 2) != "\r\n")
        return refuse(400, "bad_request",
                      chunk_ == Chunk::LastLine ? "chunked trailers are not supported"
                                                : "chunk data is not followed by CRLF");
      at += 2;
      if (chunk_ == Chunk::LastLine) {
        end_ = at;
        state_ = State::Whole;
      } else {
        chunk_ = Chunk::SizeLine;
      }
    }
  }
  scanned_ = at;
  return state_;
}

}  // namespace care::server::http
