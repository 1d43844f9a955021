// Where a request ends, decided before cpp-httplib reads it: lengths, chunks, limits,
// and the header combinations that make two parsers disagree.
#include "http/request_framing.hpp"

#include <gtest/gtest.h>

#include <string>

namespace care::server::http {
namespace {

using State = RequestFraming::State;

RequestFraming::Limits small_limits() {
  RequestFraming::Limits limits;
  limits.max_head = 1024;
  limits.max_body = 100;
  return limits;
}

// Feeds `bytes` one at a time, as a slow client would, and returns the framing.
RequestFraming trickled(const std::string& bytes, RequestFraming::Limits limits = small_limits()) {
  RequestFraming framing(limits);
  for (size_t n = 1; n <= bytes.size() && framing.state() != State::Refused; ++n) {
    if (framing.feed(std::string_view(bytes).substr(0, n)) == State::Whole) break;
  }
  return framing;
}

TEST(RequestFraming, ARequestWithoutABodyEndsAtTheBlankLine) {
  std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  RequestFraming framing(small_limits());
  EXPECT_EQ(framing.feed(head.substr(0, head.size() - 1)), State::NeedHead);
  EXPECT_EQ(framing.feed(head), State::Whole);
  EXPECT_EQ(framing.end(), head.size());
  EXPECT_EQ(framing.method(), "GET");
}

TEST(RequestFraming, APostWithoutContentLengthHasAnEmptyBody) {
  std::string head = "POST /api/tasks/1/accept HTTP/1.1\r\nHost: x\r\n\r\n";
  RequestFraming framing(small_limits());
  EXPECT_EQ(framing.feed(head), State::Whole);
  EXPECT_EQ(framing.end(), head.size());
}

TEST(RequestFraming, ContentLengthBodyIsWholeWhenAllOfItArrived) {
  std::string request = "POST /x HTTP/1.1\r\ncontent-length: 5\r\n\r\nhello";
  RequestFraming framing(small_limits());
  EXPECT_EQ(framing.feed(request.substr(0, request.size() - 1)), State::NeedBody);
  EXPECT_EQ(framing.feed(request), State::Whole);
  EXPECT_EQ(framing.end(), request.size());
}

TEST(RequestFraming, PipelinedRequestsEndWhereTheFirstEnds) {
  std::string first = "POST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi";
  std::string second = "GET /y HTTP/1.1\r\n\r\n";
  RequestFraming framing(small_limits());
  EXPECT_EQ(framing.feed(first + second), State::Whole);
  EXPECT_EQ(framing.end(), first.size());
}

TEST(RequestFraming, ChunkedBodyTrickledByteByByteEndsAfterTheLastChunk) {
  std::string request =
      "POST /x HTTP/1.1\r\nTransfer-Encoding: "
      "chunked\r\n\r\n5;ext=1\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n";
  RequestFraming framing = trickled(request + "GET");
  EXPECT_EQ(framing.state(), State::Whole);
  EXPECT_EQ(framing.end(), request.size());
}

TEST(RequestFraming, ChunkedBodyOverTheLimitIsRefusedAtTheSizeLineBeforeItsData) {
  RequestFraming framing(small_limits());
  std::string request = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" +
                        std::string(80, 'a') + "\r\n20\r\n";
  EXPECT_EQ(framing.feed(request), State::Refused);
  EXPECT_EQ(framing.status(), 413);
  EXPECT_EQ(framing.code(), "too_large");
}

TEST(RequestFraming, AHugeChunkSizeIsRefusedWithoutOverflowing) {
  RequestFraming framing(small_limits());
  EXPECT_EQ(framing.feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "ffffffffffffffffffffffff\r\n"),
            State::Refused);
  EXPECT_EQ(framing.status(), 413);
}

TEST(RequestFraming, ContentLengthOverTheLimitIsRefusedBeforeTheBody) {
  RequestFraming framing(small_limits());
  EXPECT_EQ(framing.feed("POST /x HTTP/1.1\r\nContent-Length: 629145600\r\n\r\n"), State::Refused);
  EXPECT_EQ(framing.status(), 413);
}

// Attachments (issue 18): a POST to …/attachments has --max-attachment as its limit,
// larger or smaller than other bodies', announced or chunked; nothing else has it.
TEST(RequestFraming, AnUploadIsHeldToTheAttachmentLimitInsteadOfTheBodyLimit) {
  RequestFraming::Limits limits = small_limits();
  limits.max_upload = 300;
  auto announced = [&](const std::string& target, size_t length) {
    return trickled("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                        std::to_string(length) + "\r\n\r\n" + std::string(length, 'a'),
                    limits);
  };
  EXPECT_EQ(announced("/api/channels/chat/1/attachments?name=a.png", 300).state(), State::Whole);
  RequestFraming over = announced("/api/activities/7/attachments", 301);
  EXPECT_EQ(over.state(), State::Refused);
  EXPECT_EQ(over.status(), 413);
  EXPECT_NE(over.message().find("--max-attachment"), std::string::npos);
  EXPECT_EQ(over.field(), "file");
  // Not an upload: the usual limit.
  EXPECT_EQ(announced("/api/activities/7/messages", 101).state(), State::Refused);
  EXPECT_EQ(announced("/api/attachments/7/x", 101).state(), State::Refused);
  // Chunked: refused at the size line that passes it.
  std::string chunked =
      "POST /api/channels/attachments HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "c8\r\n" +
      std::string(200, 'a') + "\r\nc8\r\n";
  EXPECT_EQ(trickled(chunked, limits).status(), 413);
  // A smaller limit than other bodies' holds too.
  limits.max_upload = 50;
  EXPECT_EQ(announced("/api/activities/7/attachments", 51).status(), 413);
  EXPECT_EQ(announced("/api/activities/7/comments", 51).state(), State::Whole);
}

TEST(RequestFraming, HeadersThatMakeParsersDisagreeAreRefused) {
  struct Case {
    const char* head;
    int status;
  };
  const Case cases[] = {
      {"POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400},
      {"POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
      {"POST /x HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\n", 400},
      {"POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
      {"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"GET /x HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", 400},
      {"GET /x HTTP/1.1\r\nNo colon here\r\n\r\n", 400},
      {"GET /x HTTP/1.1\r\nBad Name: 1\r\n\r\n", 400},
      {"this is not http\r\n\r\n", 400},
      {"GET /a\x01z HTTP/1.1\r\n\r\n", 400},
      {"GET / HTTP/2.0\r\n\r\n", 505},
  };
  for (const auto& c : cases) {
    RequestFraming framing(small_limits());
    EXPECT_EQ(framing.feed(c.head), State::Refused) << c.head;
    EXPECT_EQ(framing.status(), c.status) << c.head;
  }
}

TEST(RequestFraming, ChunkedTrailersAndMissingCrlfAreRefused) {
  RequestFraming trailers(small_limits());
  EXPECT_EQ(trailers.feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "0\r\nX-Trailer: 1\r\n\r\n"),
            State::Refused);
  RequestFraming no_crlf(small_limits());
  EXPECT_EQ(no_crlf.feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXX"),
            State::Refused);
  RequestFraming not_hex(small_limits());
  EXPECT_EQ(not_hex.feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            State::Refused);
}

TEST(RequestFraming, HeadsOverTheLimitAreRefusedEvenWithoutALineEnd) {
  RequestFraming endless_line(small_limits());
  EXPECT_EQ(endless_line.feed("GET /" + std::string(9000, 'a')), State::Refused);
  EXPECT_EQ(endless_line.status(), 414);
  RequestFraming many_headers(small_limits());
  std::string head = "GET / HTTP/1.1\r\n";
  while (head.size() < 2000)
    head += "X-Pad: " + std::string(50, 'p') + "\r\n";
  EXPECT_EQ(many_headers.feed(head), State::Refused);
  EXPECT_EQ(many_headers.status(), 431);
}

TEST(RequestFraming, ExpectContinueIsNoticed) {
  RequestFraming framing(small_limits());
  EXPECT_EQ(framing.feed("POST /x HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\n"),
            State::NeedBody);
  EXPECT_TRUE(framing.expects_continue());
}

}  // namespace
}  // namespace care::server::http
