// The look of a frame (issue 15): frames that would show the same pixels are not
// drawn, so the fingerprint must change with anything on screen and nothing else.
#include "ui/frame_look.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

namespace care::client::ui {
namespace {

class FrameLook : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
  }
  void TearDown() override { ImGui::DestroyContext(); }

  std::uint64_t look_of(const std::string& words, ImVec2 display = ImVec2(800, 600)) {
    ImGui::GetIO().DisplaySize = display;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(10, 10));
    ImGui::Begin("Call");
    ImGui::TextUnformatted(words.c_str());
    ImGui::End();
    ImGui::Render();
    return frame_look(*ImGui::GetDrawData());
  }
};

TEST_F(FrameLook, TheSameScreenTwiceLooksTheSame) {
  for (int frame = 0; frame < 3; ++frame)
    look_of("Connected  01:04");  // a new window takes frames to place and size itself
  EXPECT_EQ(look_of("Connected  01:04"), look_of("Connected  01:04"));
}

TEST_F(FrameLook, ASecondTurningOrAResizeChangesTheLook) {
  for (int frame = 0; frame < 3; ++frame)
    look_of("Connected  01:04");
  std::uint64_t before = look_of("Connected  01:04");
  EXPECT_NE(look_of("Connected  01:05"), before);
  EXPECT_NE(look_of("Connected  01:04", ImVec2(1024, 700)), before);
}

}  // namespace
}  // namespace care::client::ui
