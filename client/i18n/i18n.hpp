#pragma once

#include <array>
#include <string_view>

namespace care::client::i18n {

// R-J2: the desktop speaks the seed languages and English.
enum class Language { English, Bulgarian, Hungarian, Danish, Serbian, Ukrainian };
inline constexpr std::array kLanguages = {Language::Bulgarian, Language::Hungarian,
                                          Language::Danish,    Language::Serbian,
                                          Language::Ukrainian, Language::English};

// Each language's own name for itself, as a language menu shows it.
const char* native_name(Language language);
// BCP 47 tag (en, bg, hu, da, sr-Latn, uk).
const char* tag(Language language);
bool from_tag(std::string_view tag, Language& out);

// Every UI string has a key; i18n.cpp holds one row per key with every language.
enum class Text {
  MenuFile,
  MenuReload,
  MenuLanguage,
  MenuHelp,
  MenuAbout,
  ServerConnecting,
  ServerConnected,
  ServerUnreachable,
  ServerVersion,
  Welcome,
  Language,
  SignIn,
  SignOut,
  Username,
  Password,
  WrongCredentials,
  TooManyAttempts,
  SignInFailed,
  SignedInAs,
  Ready,
  NotReady,
  ReasonBreak,
  ReasonLunch,
  ReasonMeeting,
  ReasonTraining,
  ReasonOther,
  ReasonMissedOffer,
  WaitingForOffers,
  GoReadyHint,
  ConnectionLost,  // printf format: seconds until the next try
  ReconnectNow,
  InProgress,
  NothingInProgress,
  ChannelChat,
  ChannelCall,
  ChannelEmail,
  ChannelNote,
  NewOffer,
  Accept,
  AcceptShortcut,
  SecondsLeft,
  UnknownContact,
  Send,
  ComposerHint,
  CustomerTyping,
  RequestDetails,
  Title,
  Description,
  Save,
  Status,
  StatusOpen,
  StatusClosed,
  Created,
  ClosedOn,
  ChangedElsewhere,
  Load,
  ActivityDetails,
  Tags,
  TagHint,
  Comments,
  AddComment,
  CloseInteraction,
  WrapUp,
  UnknownContactQuestion,
  CreateCustomer,
  LeaveWithoutCreating,
  Cancel,
  CustomerLabel,
  MissedOfferNotice,
  Subject,
  CustomerName,
  Phone,
  PaneQueue,
  PaneCustomers,
  PaneFloor,
  NothingWaiting,
  SelectToPreview,
  Waiting,
  QueueLabel,
  SearchHint,
  Search,
  Recent,
  OpenNow,
  NoResults,
  NoCustomerOpen,
  Journey,
  AllChannels,
  AddRequest,
  NewRequestHint,
  MoveTo,
  Queues,
  Agents,
  LongestWait,
  InProgressCount,
  Handled,
  AverageHandle,
  AgentState,
  Since,
  Work,
  PaletteHint,
  FindCustomer,
  CannedHint,
  Email,
  Contact,
  Account,
  Priority,
  Count
};

void set_language(Language language);
Language language();
const char* tr(Text text);

// A Not Ready reason code from the server ("lunch") in the current language.
const char* reason_text(std::string_view reason);

}  // namespace care::client::i18n
