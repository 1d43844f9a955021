#pragma once

namespace care::client {

// One small handler per alternative, for std::visit over actions and events.
template <class... Handlers>
struct Overloaded : Handlers... {
  using Handlers::operator()...;
};
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace care::client
