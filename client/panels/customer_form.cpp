#include "panels/customer_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "panels/labels.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

void draw_customer_form(Frame& frame, const Hand& hand) {
  heading(Text::CustomerLabel);
  if (hand.customer) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text_fitted(hand.customer->name.c_str(), width);
    if (!hand.customer->email.empty()) ui::text_fitted(hand.customer->email.c_str(), width, true);
    if (!hand.customer->phone.empty()) ui::text_fitted(hand.customer->phone.c_str(), width, true);
    ImGui::Spacing();
    return;
  }
  CustomerForm& form = frame.state.customer_form;
  ui::text_disabled(tr(Text::UnknownContact));
  const std::string contact = label(Text::Contact, "new-contact");
  const std::string account = label(Text::Account, "new-account");
  same_line_if_fits(radio_width(contact));
  if (ui::radio_button(contact.c_str(), !form.account)) {
    form.account = false;
  }
  same_line_if_fits(radio_width(account));
  if (ui::radio_button(account.c_str(), form.account)) {
    form.account = true;
  }
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-name", tr(Text::CustomerName), &form.name);
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-email", tr(Text::Email), &form.email);
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-phone", tr(Text::Phone), &form.phone);
  ImGui::BeginDisabled(form.saving);
  if (ImGui::Button(label(Text::CreateCustomer, "create-customer").c_str())) {
    frame.ask(action::CreateCustomer{});
  }
  ImGui::EndDisabled();
  if (!form.error.empty()) ui::text_tone(ui::Tone::Error, form.error.c_str());
  ImGui::Spacing();
}

}  // namespace care::client::panels
