#include "care/rules/email.hpp"

#include <cctype>

#include "care/rules/contact.hpp"
#include "care/text.hpp"

namespace care {
namespace {

// "Re:" (any case, spaces before the colon allowed) at the start, and its length.
std::size_t reply_prefix(std::string_view subject) {
  if (subject.size() < 3) return 0;
  if (std::tolower(static_cast<unsigned char>(subject[0])) != 'r' ||
      std::tolower(static_cast<unsigned char>(subject[1])) != 'e') {
    return 0;
  }
  std::size_t at = 2;
  while (at < subject.size() && subject[at] == ' ')
    ++at;
  return at < subject.size() && subject[at] == ':' ? at + 1 : 0;
}

}  // namespace

std::string reply_subject(std::string_view original) {
  std::string rest = trim(original);
  for (std::size_t prefix = reply_prefix(rest); prefix != 0; prefix = reply_prefix(rest)) {
    rest = trim(std::string_view(rest).substr(prefix));
  }
  return "Re: " + rest;
}

EmailHeaders reply_headers(const Activity& email) {
  EmailHeaders headers;
  if (!email.from.empty()) headers.to.push_back(email.from);
  std::string subject = email.subject;
  for (auto message = email.messages.rbegin(); message != email.messages.rend(); ++message) {
    if (message->author != AuthorKind::customer || !message->email) continue;
    headers.cc = message->email->cc;
    if (!message->email->subject.empty()) subject = message->email->subject;
    break;
  }
  headers.subject = reply_subject(subject);
  return headers;
}

std::vector<std::string> split_addresses(std::string_view typed) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) out.push_back(std::move(current));
    current.clear();
  };
  for (char c : typed) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

std::string join_addresses(const std::vector<std::string>& addresses) {
  std::string out;
  for (const std::string& address : addresses) {
    if (!out.empty()) out += ", ";
    out += address;
  }
  return out;
}

Status check_reply_headers(const EmailHeaders& headers) {
  if (headers.to.empty()) {
    return make_error(ErrorCode::empty, "to", "add the address the reply goes to");
  }
  if (headers.to.size() + headers.cc.size() > kMaxRecipients) {
    return make_error(ErrorCode::too_many, headers.to.size() > kMaxRecipients ? "to" : "cc",
                      "at most " + std::to_string(kMaxRecipients) + " addresses in all");
  }
  for (const std::string& address : headers.to) {
    if (auto checked = check_email(address, "to"); !checked) return checked;
  }
  for (const std::string& address : headers.cc) {
    if (auto checked = check_email(address, "cc"); !checked) return checked;
  }
  if (trim(headers.subject).empty()) {
    return make_error(ErrorCode::empty, "subject", "write a subject");
  }
  return check_text("subject", headers.subject, 998);  // RFC 5322's line limit
}

}  // namespace care
