#include "panels/panel.hpp"

namespace care::client::panels {

void Panel::draw(Frame& frame) {
  bool show = shown(frame);
  if (!show && !lingers()) return;
  bool opened = open(frame, show);
  if (opened && show) draw_content(frame);
  close(opened);
}

bool Window::open(Frame& frame, bool) {
  place(frame);
  colours_ = vars_ = 0;
  if (background) {
    ImGui::PushStyleColor(ImGuiCol_WindowBg, *background);
    ++colours_;
  }
  if (rounding) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, *rounding);
    ++vars_;
  }
  if (padding_y) {
    ImVec2 padding = ImGui::GetStyle().WindowPadding;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding.x, padding.y * *padding_y));
    ++vars_;
  }
  return ImGui::Begin(id_, nullptr, flags_);
}

void Window::close(bool) {
  ImGui::End();  // ImGui wants End() whatever Begin() answered
  ImGui::PopStyleVar(vars_);
  ImGui::PopStyleColor(colours_);
}

bool Modal::open(Frame& frame, bool shown) {
  std::string name = title();
  if (!shown) {
    // No longer asked for: close it from inside, or it would keep blocking the
    // windows under it.
    if (ImGui::BeginPopupModal(name.c_str(), nullptr, flags_)) {
      ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
    is_open_ = false;
    return false;
  }
  if (!ImGui::IsPopupOpen(name.c_str())) ImGui::OpenPopup(name.c_str());
  place(frame);
  bool keep = true;
  bool opened = ImGui::BeginPopupModal(name.c_str(), closable_ ? &keep : nullptr, flags_);
  is_open_ = opened;
  bool escape = opened && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
  if (!keep || escape) dismiss(frame);
  return opened;
}

void Modal::close(bool opened) {
  if (opened) ImGui::EndPopup();
}

}  // namespace care::client::panels
