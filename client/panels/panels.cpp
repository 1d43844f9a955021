#include "panels/panels.hpp"

#include "panels/close_dialog.hpp"
#include "panels/command_palette.hpp"
#include "panels/connection_banner.hpp"
#include "panels/shell.hpp"
#include "panels/shortcuts.hpp"
#include "panels/sign_in.hpp"
#include "panels/transfer_dialog.hpp"
#include "panels/work_area.hpp"

namespace care::client::panels {

std::vector<std::unique_ptr<Panel>> make_panels() {
  std::vector<std::unique_ptr<Panel>> all;
  all.push_back(std::make_unique<Shortcuts>());  // first: keys act before panels draw
  all.push_back(std::make_unique<MainMenu>());
  all.push_back(std::make_unique<StatusLine>());
  all.push_back(std::make_unique<ConnectionBanner>());
  all.push_back(std::make_unique<SignInCard>());
  all.push_back(std::make_unique<WorkArea>());
  // Dialogs over everything (an offer docks inside the work area).
  all.push_back(std::make_unique<CloseDialog>());
  all.push_back(std::make_unique<TransferDialog>());
  all.push_back(std::make_unique<CommandPalette>());
  all.push_back(std::make_unique<AboutBox>());
  all.push_back(std::make_unique<KeyboardHelp>());
  return all;
}

}  // namespace care::client::panels
