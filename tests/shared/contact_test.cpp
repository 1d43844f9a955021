#include <gtest/gtest.h>

#include "care/rules/contact.hpp"

namespace care {
namespace {

TEST(Email, CommonAddressesAreAccepted) {
  for (const char* ok : {"ana@example.com", "first.last+tag@mail.example.co.uk", "o'neil@x.dk",
                         "иван@пример.бг", "user@sub-domain.example.org", "A_B@EXAMPLE.COM"}) {
    EXPECT_TRUE(check_email(ok)) << ok;
  }
}

TEST(Email, MistakesGetMessagesThatSayWhatIsWrong) {
  const struct {
    const char* value;
    const char* message;
  } cases[] = {
      {"", "email: enter an email address"},
      {"ana.example.com", "email: an email address needs an '@', as in name@example.com"},
      {"@example.com", "email: the part before '@' is empty"},
      {"ana@", "email: the part after '@' is empty"},
      {"ana@example", "email: the part after '@' needs a dot, as in example.com"},
      {"ana @example.com", "email: an email address cannot contain spaces"},
      {"ana@example..com", "email: the part after '@' has an empty name between dots"},
      {".ana@example.com", "email: the part before '@' cannot begin or end with a dot or have two dots in a row"},
      {"ana@-example.com", "email: a name in the domain cannot begin or end with '-'"},
      {"ana@exa_mple.com", "email: the part after '@' cannot contain '_'"},
      {"an(a@example.com", "email: the part before '@' cannot contain '('"},
      {"ana@1.2", "email: the domain must end in a name such as .com, not a number"},
  };
  for (const auto& c : cases) {
    const auto result = check_email(c.value);
    ASSERT_FALSE(result) << c.value;
    EXPECT_EQ(result.error().message, c.message) << c.value;
    EXPECT_EQ(result.error().field, "email");
  }
}

TEST(Email, LengthLimits) {
  EXPECT_FALSE(check_email(std::string(65, 'a') + "@example.com"));
  EXPECT_TRUE(check_email(std::string(64, 'a') + "@example.com"));
  EXPECT_FALSE(check_email("a@" + std::string(64, 'b') + ".com"));
  EXPECT_EQ(check_email("a@" + std::string(260, 'b') + ".com").error().code, ErrorCode::too_long);
}

TEST(Phone, CommonFormatsAreAccepted) {
  for (const char* ok : {"+359 2 123 4567", "(06 1) 234-5678", "+45 12 34 56 78", "011/123-456",
                         "123456", "+381.11.123.4567"}) {
    EXPECT_TRUE(check_phone(ok)) << ok;
  }
}

TEST(Phone, MistakesGetMessages) {
  const struct {
    const char* value;
    const char* message;
  } cases[] = {
      {"", "phone: enter a phone number"},
      {"12345", "phone: a phone number has at least 6 digits"},
      {"1234567890123456", "phone: a phone number has at most 15 digits"},
      {"12+345678", "phone: '+' may only come first"},
      {"123 456 abc", "phone: only digits, spaces and + - . / ( ) are allowed in a phone number"},
      {"(123 456", "phone: a '(' without its ')'"},
      {"123) 456", "phone: a ')' without its '('"},
      {"((1)) 234567", "phone: brackets cannot be nested"},
  };
  for (const auto& c : cases) {
    const auto result = check_phone(c.value);
    ASSERT_FALSE(result) << c.value;
    EXPECT_EQ(result.error().message, c.message) << c.value;
  }
}

TEST(Customer, ChecksNameEmailPhoneAndAccountLinks) {
  Customer c;
  c.name = "Иван Петров";
  EXPECT_TRUE(check_customer(c));  // email and phone are optional
  c.email = "ivan@example";
  EXPECT_EQ(check_customer(c).error().field, "email");
  c.email = "ivan@example.bg";
  c.phone = "12";
  EXPECT_EQ(check_customer(c).error().field, "phone");
  c.phone = "+359 888 123 456";
  EXPECT_TRUE(check_customer(c));
  c.name = "  ";
  EXPECT_EQ(check_customer(c).error().code, ErrorCode::empty);
  c.name = std::string(2001, 'n');
  EXPECT_EQ(check_customer(c).error().code, ErrorCode::too_long);
  c.name = "Acme";
  c.primary_contact = 4;
  EXPECT_EQ(check_customer(c).error().field, "primary_contact");
  c.kind = CustomerKind::account;
  EXPECT_TRUE(check_customer(c));
  c.account = 9;
  EXPECT_EQ(check_customer(c).error().field, "account");
}

}  // namespace
}  // namespace care
