#pragma once

#include <memory>
#include <vector>

#include "panels/panel.hpp"

namespace care::client::panels {

// Every panel of the desktop, listed once, in drawing order: later ones lie on top.
std::vector<std::unique_ptr<Panel>> make_panels();

}  // namespace care::client::panels
