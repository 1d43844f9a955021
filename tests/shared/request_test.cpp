#include <gtest/gtest.h>

#include <string>

#include "care/rules/request.hpp"

namespace care {
namespace {

TEST(RequestTitle, BlankTitleIsRefused) {
  for (const char* blank : {"", "   ", "\t\n", "\xC2\xA0"}) {
    Status checked = check_request_title(blank);
    ASSERT_FALSE(checked) << blank;
    EXPECT_EQ(checked.error().code, ErrorCode::empty);
    EXPECT_EQ(checked.error().field, "title");
  }
}

TEST(RequestTitle, TitleOver2000CharactersIsRefused) {
  EXPECT_TRUE(check_request_title(std::string(2000, 'a')));
  Status checked = check_request_title(std::string(2001, 'a'));
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::too_long);
}

TEST(RequestTitle, OrdinaryTitleIsAccepted) {
  EXPECT_TRUE(check_request_title("Refund for order 7"));
}

}  // namespace
}  // namespace care
