#include "care/rules/contact.hpp"

#include <string>

#include "care/text.hpp"

namespace care {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// RFC 5322 "atext", plus any non-ASCII (RFC 6531 allows UTF-8 local parts).
bool is_local_char(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return is_ascii_alnum(c) || non_ascii(c) || kSpecials.find(c) != std::string_view::npos;
}

Status email_error(std::string_view field, std::string_view rule) {
  return make_error(ErrorCode::invalid, field, rule);
}

}  // namespace

Status check_email(std::string_view value, std::string_view field) {
  if (auto text = check_text(field, value, 254); !text) return text;
  if (value.empty()) return make_error(ErrorCode::empty, field, "enter an email address");
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      return email_error(field, "an email address cannot contain spaces");
    }
  }
  const auto at = value.rfind('@');
  if (at == std::string_view::npos) {
    return email_error(field, "an email address needs an '@', as in name@example.com");
  }
  const std::string_view local = value.substr(0, at);
  const std::string_view domain = value.substr(at + 1);
  if (local.empty()) return email_error(field, "the part before '@' is empty");
  if (domain.empty()) return email_error(field, "the part after '@' is empty");
  if (local.size() > 64) return email_error(field, "the part before '@' is too long (64 at most)");
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return email_error(field, "the part before '@' cannot begin or end with a dot or have two dots in a row");
  }
  for (char c : local) {
    if (c != '.' && !is_local_char(c)) {
      return email_error(field, std::string("the part before '@' cannot contain '") + c + "'");
    }
  }
  if (domain.find('.') == std::string_view::npos) {
    return email_error(field, "the part after '@' needs a dot, as in example.com");
  }
  std::size_t start = 0;
  std::string_view last_label;
  while (start <= domain.size()) {
    const auto dot = domain.find('.', start);
    const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty()) {
      return email_error(field, "the part after '@' has an empty name between dots");
    }
    if (label.size() > 63) return email_error(field, "a name in the domain is too long (63 at most)");
    if (label.front() == '-' || label.back() == '-') {
      return email_error(field, "a name in the domain cannot begin or end with '-'");
    }
    for (char c : label) {
      if (!is_ascii_alnum(c) && c != '-' && !non_ascii(c)) {
        return email_error(field, std::string("the part after '@' cannot contain '") + c + "'");
      }
    }
    last_label = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  bool all_digits = true;
  for (char c : last_label) all_digits = all_digits && c >= '0' && c <= '9';
  if (all_digits) return email_error(field, "the domain must end in a name such as .com, not a number");
  return {};
}

Status check_phone(std::string_view value, std::string_view field) {
  if (auto text = check_text(field, value, 40); !text) return text;
  if (value.empty()) return make_error(ErrorCode::empty, field, "enter a phone number");
  std::size_t digits = 0;
  int open = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return make_error(ErrorCode::invalid, field, "'+' may only come first");
    } else if (c == '(') {
      if (open++ > 0) return make_error(ErrorCode::invalid, field, "brackets cannot be nested");
    } else if (c == ')') {
      if (open-- == 0) return make_error(ErrorCode::invalid, field, "a ')' without its '('");
    } else if (c != ' ' && c != '-' && c != '.' && c != '/') {
      return make_error(ErrorCode::invalid, field,
                        "only digits, spaces and + - . / ( ) are allowed in a phone number");
    }
  }
  if (open != 0) return make_error(ErrorCode::invalid, field, "a '(' without its ')'");
  if (digits < 6) return make_error(ErrorCode::invalid, field, "a phone number has at least 6 digits");
  if (digits > 15) return make_error(ErrorCode::invalid, field, "a phone number has at most 15 digits");
  return {};
}

Status check_customer(const Customer& c) {
  for (const auto& [field, value] : {std::pair<std::string_view, const std::string&>{"name", c.name},
                                     {"email", c.email},
                                     {"phone", c.phone},
                                     {"language", c.language},
                                     {"location", c.location}}) {
    if (auto text = check_text(field, value); !text) return text;
  }
  if (trim(c.name).empty()) return make_error(ErrorCode::empty, "name", "enter the customer's name");
  if (!c.email.empty()) {
    if (auto email = check_email(c.email); !email) return email;
  }
  if (!c.phone.empty()) {
    if (auto phone = check_phone(c.phone); !phone) return phone;
  }
  if (c.kind == CustomerKind::contact && c.primary_contact) {
    return make_error(ErrorCode::invalid, "primary_contact", "only an account has a primary contact");
  }
  if (c.kind == CustomerKind::account && c.account) {
    return make_error(ErrorCode::invalid, "account", "an account cannot belong to another account");
  }
  return {};
}

}  // namespace care
