#include "layout.hpp"

#include <algorithm>
#include <cmath>

#include "care/codec/json.hpp"

namespace care::client {
namespace {

// Defaults and limits, in pixels at a 16 px font. The middle column (the conversation
// and its composer) is the work itself: the side columns give way before it does.
constexpr float kLeftShare = 0.22f, kLeftMin = 240.0f, kLeftDefaultMax = 400.0f;
constexpr float kDetailsShare = 0.30f, kDetailsMin = 300.0f, kDetailsDefaultMax = 620.0f;
constexpr float kMiddleMin = 340.0f;
constexpr float kSideMaxShare = 0.45f;  // a dragged side column may take this much at most

float share_or_default(float share) {
  return std::isfinite(share) && share > 0.0f && share < 1.0f ? share : 0.0f;
}

float width_of(float share, float fallback_share, float low, float high, float total) {
  if (share > 0.0f) return share * total;
  return std::clamp(fallback_share * total, low, std::max(low, high));
}

}  // namespace

std::string encode_layout(const Layout& layout) {
  return care::Json{{"left", layout.left}, {"details", layout.details}}.dump();
}

Layout decode_layout(const std::string& text) {
  Layout layout;
  auto parsed = care::parse_json(text);
  if (!parsed || !parsed->is_object()) return layout;
  auto share = [&](const char* key) {
    auto it = parsed->find(key);
    return it != parsed->end() && it->is_number() ? share_or_default(it->get<float>()) : 0.0f;
  };
  layout.left = share("left");
  layout.details = share("details");
  return layout;
}

Columns columns(const Layout& layout, float total, float gap, float unit, bool details) {
  const float room = std::max(0.0f, total - gap * (details ? 2.0f : 1.0f));
  Columns c;
  c.left = width_of(share_or_default(layout.left), kLeftShare, kLeftMin * unit,
                    kLeftDefaultMax * unit, total);
  c.left = std::clamp(c.left, kLeftMin * unit, std::max(kLeftMin * unit, kSideMaxShare * total));
  if (details) {
    c.details = width_of(share_or_default(layout.details), kDetailsShare, kDetailsMin * unit,
                         kDetailsDefaultMax * unit, total);
    c.details = std::clamp(c.details, kDetailsMin * unit,
                           std::max(kDetailsMin * unit, kSideMaxShare * total));
  }
  // Too narrow for all three at their widths: the side columns shrink, each in
  // proportion, down to their minimums; below that the middle gives what is left.
  float over = c.left + c.details + kMiddleMin * unit - room;
  if (over > 0.0f) {
    float left_slack = c.left - kLeftMin * unit;
    float details_slack = details ? c.details - kDetailsMin * unit : 0.0f;
    float slack = left_slack + details_slack;
    if (slack > 0.0f) {
      float take = std::min(over, slack);
      c.left -= take * left_slack / slack;
      c.details -= take * details_slack / slack;
    }
  }
  c.middle = std::max(0.0f, room - c.left - c.details);
  return c;
}

std::vector<float> table_widths(const std::vector<float>& weights,
                                const std::vector<float>& minimums, float total) {
  const size_t count = weights.size();
  std::vector<float> widths(count, 0.0f);
  if (count == 0 || minimums.size() != count) return widths;
  float least = 0.0f;
  for (float minimum : minimums)
    least += minimum;
  if (least >= total) {
    for (size_t i = 0; i < count; ++i)
      widths[i] = least > 0.0f ? minimums[i] * total / least : total / static_cast<float>(count);
    return widths;
  }
  // Columns held at their minimum leave the rest to share; each pass can only hold
  // more, so at most `count` passes.
  std::vector<bool> held(count, false);
  for (size_t pass = 0; pass < count; ++pass) {
    float room = total;
    float shares = 0.0f;
    for (size_t i = 0; i < count; ++i) {
      if (held[i]) {
        room -= minimums[i];
      } else {
        shares += weights[i];
      }
    }
    bool changed = false;
    for (size_t i = 0; i < count; ++i) {
      if (held[i]) continue;
      widths[i] = shares > 0.0f ? room * weights[i] / shares : 0.0f;
      if (widths[i] < minimums[i]) {
        held[i] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (size_t i = 0; i < count; ++i)
    if (held[i]) widths[i] = minimums[i];
  return widths;
}

bool PointerGuard::place(float top, double now) {
  // Sub-pixel wobble (a scale being rounded) is no jump a person would see.
  const bool jumped = top_ && std::fabs(*top_ - top) >= 1.0f;
  if (jumped) moved_at_ = now;
  top_ = top;
  return jumped;
}

double PointerGuard::holds_for(double now) const {
  if (!moved_at_) return 0.0;
  return std::max(0.0, *moved_at_ + kSettleSeconds - now);
}

}  // namespace care::client
