#include "i18n/problems.hpp"

#include <cctype>
#include <string_view>

#include "i18n/i18n.hpp"

namespace care::client::i18n {
namespace {

// A field's name as the form shows it; a field no form shows keeps its wire name.
std::string field_words(std::string_view field) {
  // "tags[2]" is a tag; "customer.email" an email.
  std::string_view name = field.substr(0, field.find('['));
  if (auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  struct Known {
    std::string_view field;
    Text words;
  };
  static constexpr Known kKnown[] = {
      {"text", Text::FieldMessage},
      {"tag", Text::FieldTag},
      {"tags", Text::Tags},
      {"title", Text::Title},
      {"description", Text::Description},
      {"name", Text::CustomerName},
      {"email", Text::Email},
      {"phone", Text::Phone},
      {"account", Text::Account},
      {"subject", Text::Subject},
      {"to", Text::EmailTo},
      {"cc", Text::EmailCc},
      {"wrap_up", Text::WrapUp},
      {"skills", Text::Skills},
      {"priority", Text::Priority},
      {"status", Text::Status},
      {"password", Text::Password},
      {"username", Text::Username},
  };
  for (const Known& known : kKnown) {
    if (known.field == name) return tr(known.words);
  }
  return std::string(field);
}

// The first number in the server's words: the limit of "at most 50 characters".
std::string first_number(std::string_view words) {
  std::string number;
  for (char c : words) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      number += c;
    } else if (!number.empty()) {
      break;
    }
  }
  return number;
}

std::string fill(Text pattern, const std::string& field, const std::string& number = {}) {
  std::string out = tr(pattern);
  auto put = [&out](std::string_view slot, const std::string& value) {
    if (auto at = out.find(slot); at != std::string::npos) out.replace(at, slot.size(), value);
  };
  put("{field}", field);
  put("{n}", number);
  return out;
}

}  // namespace

std::string describe(const care::Error& error) {
  std::string field = field_words(error.field);
  switch (error.code) {
    case ErrorCode::missing:
      return fill(Text::ProblemMissing, field);
    case ErrorCode::wrong_type:
      return fill(Text::ProblemInvalid, field);
    case ErrorCode::invalid:
      if (error.field == "email" || error.field == "to" || error.field == "cc") {
        return fill(Text::ProblemEmailInvalid, field);
      }
      if (error.field == "phone") return fill(Text::ProblemPhoneInvalid, field);
      return fill(Text::ProblemInvalid, field);
    case ErrorCode::too_long: {
      std::string limit = first_number(error.message);
      return limit.empty() ? fill(Text::ProblemInvalid, field)
                           : fill(Text::ProblemTooLong, field, limit);
    }
    case ErrorCode::too_many:
      return fill(Text::ProblemTooManyItems, field);
    case ErrorCode::empty:
      return fill(Text::ProblemEmpty, field);
    case ErrorCode::duplicate:
      return fill(Text::ProblemDuplicate, field);
    case ErrorCode::conflict:
      return fill(Text::ProblemConflict, field);
    case ErrorCode::not_allowed:
      return tr(Text::ProblemNotAllowed);
    case ErrorCode::malformed:
      return tr(Text::ProblemMalformed);
    case ErrorCode::not_found:
      return tr(Text::ProblemGone);
  }
  return tr(Text::ProblemServer);
}

std::string describe(int status, const std::optional<care::Error>& error) {
  if (status == 0) return tr(Text::ProblemNoAnswer);
  if (status == 429) return tr(Text::ProblemTooManyRequests);
  if (status >= 500) return tr(Text::ProblemServer);
  if (error) return describe(*error);
  if (status == 404) return tr(Text::ProblemGone);
  if (status == 403 || status == 401) return tr(Text::ProblemForbidden);
  return tr(Text::ProblemServer);
}

}  // namespace care::client::i18n
