#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/model/common.hpp"

namespace care {

// R-C4: what kind of interaction an activity records.
enum class MediaType { chat, call, email, note };
constexpr auto names_of(std::type_identity<MediaType>) {
  return std::array<std::string_view, 4>{"chat", "call", "email", "note"};
}

// Notes are not routed, so they have no channel.
std::optional<Channel> channel_of(MediaType media);
MediaType media_of(Channel channel);

enum class AuthorKind { customer, agent, system };
constexpr auto names_of(std::type_identity<AuthorKind>) {
  return std::array<std::string_view, 3>{"customer", "agent", "system"};
}

// A chat line or an email (R-B1, R-B3). Inbound = from the customer.
// A message's idempotency key, made by the sender: up to 64 of [A-Za-z0-9._:-];
// "" is no key.
inline constexpr std::size_t kMaxMessageKey = 64;
bool is_message_key(std::string_view key);

// An email's addressing (R-B3): who it went to and under which subject. Bare
// addresses (name@example.com), as the mail gateway posts and reads them back.
inline constexpr std::size_t kMaxRecipients = 50;
struct EmailHeaders {
  std::vector<std::string> to;
  std::vector<std::string> cc;
  std::string subject;

  bool operator==(const EmailHeaders&) const = default;
};

// Messages are not R-C1's text fields (a request's title and description): a mail
// carries its quoted thread. An email body holds 200,000 characters, inside the 1 MiB
// request body even when each takes two bytes (Cyrillic); a chat line 2,000, the
// widget's bound. Ingestion and agents' replies hold a message to the same limit.
inline constexpr std::size_t kEmailBodyLimit = 200'000;
inline constexpr std::size_t kChatLineLimit = 2'000;
std::size_t message_limit(MediaType media);

// A file sent in a chat or with an email (issue 18): stored once by the SHA-256 of its
// content, served under its id. A message carries the files it was sent with.
inline constexpr std::size_t kMaxAttachmentName = 255;
inline constexpr std::size_t kMaxAttachmentsPerMessage = 20;
struct Attachment {
  Id id = 0;
  std::string name;        // as the sender named it (no folders)
  std::string media_type;  // as the server recognised the content (not as declared)
  std::int64_t size = 0;   // bytes
  std::string sha256;      // lower-case hex of the content

  bool operator==(const Attachment&) const = default;
};

struct Message {
  Id id = 0;
  AuthorKind author = AuthorKind::customer;
  Id agent = 0;             // the agent who wrote it, when author is agent
  std::string author_name;  // as shown in the transcript
  std::string text;
  Time at{};
  std::string key;                      // the sender's idempotency key, when it sent one
  std::optional<EmailHeaders> email;    // an email's To, Cc and subject; none for chat
  std::vector<Attachment> attachments;  // files sent with it (a chat line: its one file)

  bool operator==(const Message&) const = default;
};

// R-B2, R-B4: what the telephony integration reports about a call.
enum class CallEventKind { ringing, answered, held, resumed, ended };
constexpr auto names_of(std::type_identity<CallEventKind>) {
  return std::array<std::string_view, 5>{"ringing", "answered", "held", "resumed", "ended"};
}

struct CallEvent {
  CallEventKind kind = CallEventKind::ringing;
  Time at{};

  bool operator==(const CallEvent&) const = default;
};

// A question and its answer, or a context key and value (R-F2).
struct Field {
  std::string name;
  std::string value;

  bool operator==(const Field&) const = default;
};

// R-F2: what the customer did on the help portal before the conversation.
enum class SelfServiceKind { visited_page, searched, article_viewed, custom };
constexpr auto names_of(std::type_identity<SelfServiceKind>) {
  return std::array<std::string_view, 4>{"visited_page", "searched", "article_viewed", "custom"};
}

struct SelfServiceAction {
  SelfServiceKind kind = SelfServiceKind::custom;
  std::string detail;  // the page, the phrase, the article title, the custom action
  Time at{};

  bool operator==(const SelfServiceAction&) const = default;
};

struct VisitorDetails {
  bool authenticated = false;
  std::string browser;
  std::string operating_system;
  std::string location;
  std::string language;

  bool operator==(const VisitorDetails&) const = default;
};

// R-F1, R-F2: the context the agent sees beside an active conversation.
struct ConversationContext {
  std::vector<Field> pre_chat;                  // survey answers, in the order asked
  std::vector<SelfServiceAction> self_service;  // as recorded; the client shows newest first
  VisitorDetails visitor;
  std::vector<Field> variables;     // key/values sent by the channel
  std::vector<std::string> skills;  // agents may add or remove these (R-F1)
  std::optional<Id> queue;
  Duration wait_time{0};
  std::optional<Time> started_at;

  bool operator==(const ConversationContext&) const = default;
};

// One interaction: a chat, call, email or note (R-C4). It belongs to a request once
// accepted (R-A7); before that `request` is empty. `customer` is empty for an unknown
// contact until the agent creates one (R-D3).
struct Activity {
  Id id = 0;
  std::optional<Id> request;
  std::optional<Id> customer;
  MediaType media = MediaType::chat;
  std::string subject;  // email subject, call / note headline
  std::string from;     // email sender, or the caller's number
  std::string to;       // the address or number the customer contacted
  std::vector<std::string> tags;
  std::vector<Message> messages;
  std::vector<CallEvent> call_events;
  ConversationContext context;
  Time created_at{};
  Stamp updated;  // counts for the request's auto-close (R-C3)
  std::optional<Time> closed_at;
  std::string wrap_up;  // the wrap-up code chosen on close (R-F10)
  Version version = 1;

  bool operator==(const Activity&) const = default;
};

// The latest moment this activity changed: its stamp, a message or a call event.
Time last_change(const Activity& activity);

}  // namespace care
