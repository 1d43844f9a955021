#include <gtest/gtest.h>

#include "care/url.hpp"

namespace care {
namespace {

TEST(Url, UnreservedCharactersStayAsTheyAre) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
}

TEST(Url, EverythingElseIsPercentEncodedByByte) {
  EXPECT_EQ(percent_encode("a b/c?d&e=f#g%h+i"), "a%20b%2Fc%3Fd%26e%3Df%23g%25h%2Bi");
  EXPECT_EQ(percent_encode("Ъ"), "%D0%AA");
  EXPECT_EQ(percent_encode(""), "");
}

}  // namespace
}  // namespace care
