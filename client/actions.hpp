#pragma once

#include <string>

#include "i18n/i18n.hpp"

namespace care::client {

// What a panel asks the desktop to do; the desktop turns it into requests.
struct Action {
  enum class Kind { None, SetLanguage, Reconnect, SignIn, SignOut, GoReady, GoNotReady };
  Kind kind = Kind::None;
  i18n::Language language = i18n::Language::English;
  std::string username;
  std::string password;
  std::string reason;
};

}  // namespace care::client
