#include "panels/customer_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

void draw_customer_form(Frame& frame, const Hand& hand) {
  heading(Text::CustomerLabel);
  if (hand.customer) {
    ui::text(hand.customer->name.c_str());
    if (!hand.customer->email.empty()) ui::text_disabled(hand.customer->email.c_str());
    if (!hand.customer->phone.empty()) ui::text_disabled(hand.customer->phone.c_str());
    ImGui::Spacing();
    return;
  }
  CustomerForm& form = frame.state.customer_form;
  ui::text_disabled(tr(Text::UnknownContact));
  ImGui::SameLine();
  if (ImGui::RadioButton(label(Text::Contact, "new-contact").c_str(), !form.account)) {
    form.account = false;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton(label(Text::Account, "new-account").c_str(), form.account)) {
    form.account = true;
  }
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-name", tr(Text::CustomerName), &form.name);
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-email", "Email", &form.email);
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-phone", tr(Text::Phone), &form.phone);
  ImGui::BeginDisabled(form.saving);
  if (ImGui::Button(label(Text::CreateCustomer, "create-customer").c_str())) {
    frame.ask(action::CreateCustomer{});
  }
  ImGui::EndDisabled();
  if (!form.error.empty()) ui::text_colored(0.95f, 0.45f, 0.4f, form.error.c_str());
  ImGui::Spacing();
}

}  // namespace care::client::panels
