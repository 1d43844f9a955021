#pragma once

#include <cstdint>
#include <string>

#include "i18n/i18n.hpp"

namespace care::client {

// What a panel asks the desktop to do; the desktop turns it into requests.
struct Action {
  enum class Kind {
    None,
    SetLanguage,
    Reconnect,
    SignIn,
    SignOut,
    GoReady,
    GoNotReady,
    Accept,
    Select,
    SendMessage,
    SaveRequest,
    LoadRequest,
    AddTag,
    RemoveTag,
    AddComment,
    StartClose,
    Close,
    CancelClose,
    CreateCustomer,
    ShowPane,
    Preview,
    SearchCustomers,
    OpenCustomer,
    SaveCustomer,
    LoadCustomer,
    FilterJourney,
    SelectJourneyActivity,
    AddRequest,
    MoveActivity,
    FindCanned,
    UseCanned,
    ShowDetailsTab,
    AddSkill,
    RemoveSkill,
    SearchKnowledge,
    ShareArticle,
    ControlCall,
    OpenClosed,
    TimelineScope
  };
  Kind kind = Kind::None;
  i18n::Language language = i18n::Language::English;
  std::string username;
  std::string password;
  std::string reason;
  std::int64_t task = 0;
  std::int64_t id = 0;  // a customer, request or activity, as the kind says
  int number = 0;       // a pane, a channel filter
  std::string text;  // a message, a tag, a comment
};

}  // namespace care::client
