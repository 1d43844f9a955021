// The column widths: defaults grow with the screen, a dragged width is kept as a
// share, and the conversation in the middle never drops below its minimum while the
// side columns can still give way.
#include "layout.hpp"

#include <gtest/gtest.h>

namespace care::client {
namespace {

constexpr float kGap = 8.0f;

float sum(const Columns& c, bool details) {
  return c.left + c.middle + c.details + kGap * (details ? 2.0f : 1.0f);
}

TEST(Layout, ColumnsFillTheWorkAreaAtEverySize) {
  for (float total : {1000.0f, 1264.0f, 1904.0f, 2544.0f, 4000.0f}) {
    for (bool details : {false, true}) {
      Columns c = columns(Layout{}, total, kGap, 1.0f, details);
      EXPECT_NEAR(sum(c, details), total, 0.01f) << total;
      EXPECT_GE(c.middle, 340.0f) << total;
      EXPECT_EQ(c.details == 0.0f, !details);
    }
  }
}

TEST(Layout, SideColumnsGrowOnWideScreens) {
  Columns narrow = columns(Layout{}, 1264.0f, kGap, 1.0f, true);
  Columns wide = columns(Layout{}, 2544.0f, kGap, 1.0f, true);
  EXPECT_GT(wide.left, narrow.left);
  EXPECT_GT(wide.details, narrow.details);
  EXPECT_GT(wide.middle, narrow.middle);
}

TEST(Layout, ADraggedShareIsKeptAndBounded) {
  Columns c = columns(Layout{0.30f, 0.35f}, 2000.0f, kGap, 1.0f, true);
  EXPECT_NEAR(c.left, 600.0f, 0.01f);
  EXPECT_NEAR(c.details, 700.0f, 0.01f);
  // Dragged too far: the side column stops at 45 %, the middle keeps its minimum.
  Columns greedy = columns(Layout{0.9f, 0.0f}, 2000.0f, kGap, 1.0f, true);
  EXPECT_LE(greedy.left, 2000.0f * 0.45f + 0.01f);
  EXPECT_GE(greedy.middle, 340.0f);
  Columns tiny = columns(Layout{0.01f, 0.01f}, 2000.0f, kGap, 1.0f, true);
  EXPECT_GE(tiny.left, 240.0f);
  EXPECT_GE(tiny.details, 300.0f);
}

TEST(Layout, MinimumsScaleWithTheFont) {
  Columns c = columns(Layout{}, 2048.0f, kGap * 2, 2.0f, true);  // 1024 CSS px at DPR 2
  EXPECT_GE(c.left, 480.0f);
  EXPECT_GE(c.details, 600.0f);
  EXPECT_GE(c.middle, 680.0f);
}

TEST(Layout, RoundTripsAndIgnoresWhatItCannotRead) {
  Layout back = decode_layout(encode_layout(Layout{0.25f, 0.3f}));
  EXPECT_FLOAT_EQ(back.left, 0.25f);
  EXPECT_FLOAT_EQ(back.details, 0.3f);
  for (const char* bad : {"", "nonsense", "[1,2]", R"({"left":"wide","details":7})",
                          R"({"left":-0.5,"details":1.5})"}) {
    Layout l = decode_layout(bad);
    EXPECT_EQ(l.left, 0.0f) << bad;
    EXPECT_EQ(l.details, 0.0f) << bad;
  }
}

// The Floor's headers: a share each, but never narrower than the header's longest word.
TEST(Layout, TableColumnsKeepTheirLongestWordAndShareTheRest) {
  float total = 700.0f;
  std::vector<float> weights{1.0f, 1.0f, 2.0f};
  // Room for everyone's share: the weights alone decide.
  std::vector<float> wide = table_widths(weights, {50.0f, 50.0f, 50.0f}, total);
  EXPECT_NEAR(wide[0], 175.0f, 0.01f);
  EXPECT_NEAR(wide[2], 350.0f, 0.01f);
  // A column whose word needs more than its share gets it; the others give way alike.
  std::vector<float> held = table_widths(weights, {300.0f, 50.0f, 50.0f}, total);
  EXPECT_NEAR(held[0], 300.0f, 0.01f);
  EXPECT_NEAR(held[1], 400.0f / 3.0f, 0.01f);
  EXPECT_NEAR(held[2], 800.0f / 3.0f, 0.01f);
  EXPECT_NEAR(held[0] + held[1] + held[2], total, 0.01f);
  // Holding one can push another below its word: it is held too.
  std::vector<float> both = table_widths(weights, {300.0f, 190.0f, 50.0f}, total);
  EXPECT_NEAR(both[1], 190.0f, 0.01f);
  EXPECT_NEAR(both[2], 210.0f, 0.01f);
  // Words longer than the table: scaled down alike, the table still fills `total`.
  std::vector<float> cramped = table_widths(weights, {400.0f, 400.0f, 200.0f}, total);
  EXPECT_NEAR(cramped[0], 280.0f, 0.01f);
  EXPECT_NEAR(cramped[0] + cramped[1] + cramped[2], total, 0.01f);
}

// A click that comes just after the content jumped was aimed at the old layout.
TEST(PointerGuard, HoldsClicksForAMomentAfterTheContentJumps) {
  PointerGuard guard;
  EXPECT_FALSE(guard.place(40.0f, 10.0));  // the first frame: nothing moved
  EXPECT_EQ(guard.holds_for(10.0), 0.0);
  EXPECT_FALSE(guard.place(40.0f, 11.0));
  EXPECT_EQ(guard.holds_for(11.0), 0.0);

  EXPECT_TRUE(guard.place(176.0f, 12.0));  // an offer docked above the columns
  EXPECT_NEAR(guard.holds_for(12.0), PointerGuard::kSettleSeconds, 1e-9);
  EXPECT_GT(guard.holds_for(12.4), 0.0);
  EXPECT_EQ(guard.holds_for(12.0 + PointerGuard::kSettleSeconds), 0.0);
  // Staying put holds nothing more; going back up is a jump of its own.
  EXPECT_FALSE(guard.place(176.0f, 13.0));
  EXPECT_EQ(guard.holds_for(13.0), 0.0);
  EXPECT_TRUE(guard.place(40.0f, 14.0));
  EXPECT_GT(guard.holds_for(14.1), 0.0);
}

TEST(PointerGuard, SubPixelWobbleIsNoJump) {
  PointerGuard guard;
  guard.place(40.0f, 1.0);
  EXPECT_FALSE(guard.place(40.4f, 2.0));
  EXPECT_EQ(guard.holds_for(2.0), 0.0);
}

}  // namespace
}  // namespace care::client
