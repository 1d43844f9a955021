#pragma once

#include <array>
#include <functional>
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
  Saved,
  Decline,
  EmailComposerHint,
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
  ChangedBy,
  AnotherAgent,
  Yours,
  Theirs,
  KeepMine,
  TakeTheirs,
  EditBoth,
  ChooseEachField,
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
  EmailTo,
  EmailCc,
  OpenLink,
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
  TabDetails,
  TabConversation,
  TabCases,
  TabKnowledge,
  Summary,
  WaitTime,
  StartTime,
  Skills,
  SkillHint,
  PreChatSurvey,
  SelfService,
  VisitorDetails,
  AdditionalDetails,
  Authenticated,
  Anonymous,
  Browser,
  OperatingSystem,
  Location,
  VisitedPage,
  Searched,
  ArticleViewed,
  RecentCases,
  LinkHere,
  KnowledgeHint,
  Share,
  NoArticles,
  Sentiment,
  Positive,
  Neutral,
  Negative,
  UnsavedCustomerQuestion,
  SaveChanges,
  DiscardChanges,
  AlsoHere,
  EditingNow,
  Hold,
  Resume,
  EndCall,
  CallRinging,
  CallConnected,
  CallOnHold,
  CallEnded,
  CallAnswered,
  CallPutOnHold,
  CallResumed,
  ClosedItems,
  TabTimeline,
  QuickNoteHint,
  ThisCase,
  ThisCustomer,
  Sending,
  StillSending,
  UnsentQuestion,
  UnsentLine,
  UnsentComment,
  UnsentRequestFields,
  SendAndSave,
  DiscardTyped,
  SendingBeforeClose,
  NotSentBeforeClose,
  ProblemNoAnswer,
  ProblemTooManyRequests,
  ProblemServer,
  ProblemGone,
  ProblemForbidden,
  ProblemMissing,
  ProblemTooLong,
  ProblemTooManyItems,
  ProblemEmpty,
  ProblemInvalid,
  ProblemDuplicate,
  ProblemConflict,
  ProblemNotAllowed,
  ProblemMalformed,
  FieldMessage,
  FieldTag,
  ProblemEmailInvalid,
  ProblemPhoneInvalid,
  AgentName,
  Offline,
  Tasks,
  InStateFor,
  AverageHandleTime,
  ServiceLevel,
  ServiceLevelHint,
  Target,
  TargetHint,
  OnTarget,
  NearTarget,
  OverTarget,
  FloorChart,
  HourAgo,
  Now,
  MenuView,
  ZoomIn,
  ZoomOut,
  ZoomReset,
  HighContrast,
  MenuKeyboard,
  KeyNextPane,
  KeyNextControl,
  KeyArrows,
  KeyPress,
  KeyEscape,
  KeyPalette,
  KeyNotReady,
  KeyAcceptOffer,
  KeyDeclineOffer,
  KeyCloseTask,
  KeyNextTask,
  KeyDetailsTabs,
  KeyZoom,
  KeyMenuBar,
  KeyHelp,
  // Read out by the accessibility mirror (issue 16), not drawn.
  MessageField,
  OfferAnnounced,  // printf: channel, who
  OfferTimeLeft,   // printf: seconds
  CustomerSaid,    // printf: who, the line
  MainMenu,        // the menu bar's name
  // Customer satisfaction (issue 18).
  CustomerRating,  // printf: the score (1–5)
  RatingColumn,    // the floor's column: the shift's average and how many rated
  RatingHint,
  // Supervisor actions on the floor (issue 18).
  AgentActions,   // the hint on an agent's row: a click opens what can be done
  SetNotReady,    // the menu's submenu of reasons
  MonitorChat,    // printf: how long the agent has had it
  Monitoring,     // printf: the customer, the agent
  MonitorSilent,  // under the title: who is told
  StopMonitoring,
  BargeHint,  // the empty composer's hint
  BargeIn,    // its Send button
  MonitoredChatEnded,
  // Internal notes with @mentions (issue 18).
  Mentions,  // the menu of mentions of me
  NoMentions,
  MarkAllRead,
  MentionedYou,  // printf: who
  InternalNote,  // a note's line in the transcript
  MentionHint,   // under the completion list
  // Attachments (issue 18).
  AttachFile,        // the button beside Send
  AttachHint,        // its tooltip: what may be sent, drop and paste too
  FilesForReply,     // above the email reply's files: they go with it
  OpenAttachment,    // tooltip of a file in the transcript
  AttachmentFailed,  // printf: the file's name, the server's reason
  // Transfer and consult (issue 18).
  Transfer,
  Consult,
  LeaveConsult,
  ConsultTitle,
  ToQueue,
  ToAgent,
  HandoffNote,
  Invite,
  TransferFrom,        // printf: who handed it on
  HandoffTransferred,  // printf: who, to whom (an agent or a queue)
  HandoffConsulted,    // printf: who, whom
  HandoffLeft,         // printf: who
  GuestNotice,         // printf: the agent holding the chat
  Reassign,            // printf: the channel, how long the agent has had it (the floor's menu)
  Count
};

void set_language(Language language);
Language language();
const char* tr(Text text);
// The words for a key in a given language (the language test compares catalogues).
const char* tr_in(Text text, Language language);

// The agent's time zone, like the language a setting of the whole desktop: minutes east
// of UTC at an instant given as Unix milliseconds (the platform's answer; UTC until the
// desktop sets it).
void set_time_zone(std::function<int(long long)> offset_minutes);
int utc_offset_minutes(long long unix_ms);

}  // namespace care::client::i18n
