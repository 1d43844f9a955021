#include <gtest/gtest.h>

#include <vector>

#include "care/rules/close.hpp"

namespace care {
namespace {

const std::vector<WrapUpCode> kCodes = {{"resolved", "Resolved", {}, true},
                                        {"old", "Retired code", {}, false}};

TEST(Close, NothingToAskWhenAllIsSavedKnownAndNoCodes) {
  const CloseSituation s{};
  EXPECT_TRUE(questions_before_close(s).empty());
  EXPECT_TRUE(check_close(s, {}));
}

TEST(Close, UnsavedCustomerChangesMustBeSavedOrDiscarded) {
  const CloseSituation s{true, true, {}};
  EXPECT_EQ(questions_before_close(s),
            (std::vector<CloseQuestion>{CloseQuestion::unsaved_customer_changes}));
  const auto unanswered = check_close(s, {});
  ASSERT_FALSE(unanswered);
  EXPECT_EQ(unanswered.error().code, ErrorCode::missing);
  EXPECT_EQ(unanswered.error().field, "unsaved_customer_changes");
  EXPECT_TRUE(check_close(s, CloseAnswers{UnsavedChoice::discard, std::nullopt, ""}));
}

TEST(Close, UnknownContactMustBeCreatedOrLeftWithout) {
  const CloseSituation s{false, false, {}};
  EXPECT_EQ(check_close(s, {}).error().field, "unknown_contact");
  EXPECT_TRUE(check_close(s, CloseAnswers{std::nullopt, UnknownContactChoice::leave_without, ""}));
}

TEST(Close, WrapUpCodeIsAskedFromTheActiveList) {
  const CloseSituation s{false, true, kCodes};
  EXPECT_EQ(questions_before_close(s), (std::vector<CloseQuestion>{CloseQuestion::wrap_up}));
  EXPECT_EQ(check_close(s, {}).error().field, "wrap_up");
  EXPECT_EQ(check_close(s, CloseAnswers{std::nullopt, std::nullopt, "old"}).error().code,
            ErrorCode::invalid);
  EXPECT_TRUE(check_close(s, CloseAnswers{std::nullopt, std::nullopt, "resolved"}));
}

TEST(Close, UnsentTextMustBeSentOrDiscardedFirst) {
  // R-J5: a line in the composer, a comment, request fields typed and not saved.
  const CloseSituation s{false, true, {}, true};
  EXPECT_EQ(questions_before_close(s), (std::vector<CloseQuestion>{CloseQuestion::unsent_text}));
  const auto unanswered = check_close(s, {});
  ASSERT_FALSE(unanswered);
  EXPECT_EQ(unanswered.error().code, ErrorCode::missing);
  EXPECT_EQ(unanswered.error().field, "unsent_text");
  EXPECT_TRUE(check_close(s, CloseAnswers{std::nullopt, std::nullopt, "", UnsentChoice::send}));
  EXPECT_TRUE(check_close(s, CloseAnswers{std::nullopt, std::nullopt, "", UnsentChoice::discard}));
}

TEST(Close, QuestionsComeInTheOrderTheDesktopAsks) {
  const CloseSituation s{true, false, kCodes, true};
  EXPECT_EQ(questions_before_close(s),
            (std::vector<CloseQuestion>{CloseQuestion::unsent_text,
                                        CloseQuestion::unsaved_customer_changes,
                                        CloseQuestion::unknown_contact, CloseQuestion::wrap_up}));
}

}  // namespace
}  // namespace care
