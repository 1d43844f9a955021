#include "ui/frame_look.hpp"

#include <imgui.h>

#include <cstring>

namespace care::client::ui {
namespace {

// FNV-1a over 64-bit words: fast enough for a frame's ~1 MB of vertices in WASM,
// and any changed byte changes the result with near certainty.
class Fingerprint {
 public:
  void add(const void* data, size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      mix(word);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes + i, size - i);
    mix(tail ^ (static_cast<std::uint64_t>(size) << 56));
  }
  template <typename T>
  void add_value(const T& value) {
    add(&value, sizeof value);
  }
  std::uint64_t value() const { return hash_; }

 private:
  void mix(std::uint64_t word) {
    hash_ ^= word;
    hash_ *= 0x100000001b3ULL;
    hash_ ^= hash_ >> 29;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::uint64_t frame_look(const ImDrawData& draw_data) {
  Fingerprint look;
  look.add_value(draw_data.DisplaySize);
  look.add_value(draw_data.FramebufferScale);
  look.add_value(draw_data.CmdListsCount);
  for (int n = 0; n < draw_data.CmdListsCount; ++n) {
    const ImDrawList& list = *draw_data.CmdLists[n];
    look.add(list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    look.add(list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& command : list.CmdBuffer) {
      look.add_value(command.ClipRect);
      look.add_value(command.TextureId);
      look.add_value(command.VtxOffset);
      look.add_value(command.IdxOffset);
      look.add_value(command.ElemCount);
      look.add_value(command.UserCallback != nullptr);
    }
  }
  return look.value();
}

}  // namespace care::client::ui
