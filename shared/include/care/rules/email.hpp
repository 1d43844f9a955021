#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "care/error.hpp"
#include "care/model/activity.hpp"

namespace care {

// R-B3: an email reply goes to the customer, copied to whoever the mail was copied
// to, under the customer's subject with one "Re: " in front (never "Re: Re: ").

// "Invoice twice" -> "Re: Invoice twice"; "RE: re: Invoice" -> "Re: Invoice".
std::string reply_subject(std::string_view original);

// What a reply to this email activity starts with: To the sender, Cc the latest
// incoming mail's Cc, subject "Re: " and the latest incoming subject (or the
// activity's).
EmailHeaders reply_headers(const Activity& email);

// Addresses as an agent types them into one field: separated by commas, semicolons
// or spaces; blanks dropped. "a@x.dk, b@y.bg" -> {"a@x.dk", "b@y.bg"}.
std::vector<std::string> split_addresses(std::string_view typed);
// And back, for the field: "a@x.dk, b@y.bg".
std::string join_addresses(const std::vector<std::string>& addresses);

// The headers of a reply as sent: at least one "to", every address valid (the error
// names "to" or "cc"), at most kMaxRecipients in all, a subject that is not blank.
Status check_reply_headers(const EmailHeaders& headers);

}  // namespace care
