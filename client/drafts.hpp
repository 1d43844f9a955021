#pragma once

#include <map>
#include <string>
#include <string_view>

#include "state.hpp"

namespace care::client {

// What the agent typed for one task and has not sent or saved (R-J5: no typed word is
// lost): kept while they work on another task, and across a page reload.
struct Draft {
  std::string composer;
  std::string tag;
  std::string comment;
  std::optional<RequestEdit> request;  // only while it has unsaved edits
  CustomerForm customer;               // the unknown contact's form as typed
  std::optional<ReplyFields> reply;    // an email reply's To, Cc, subject, when changed
  bool operator==(const Draft& other) const;
  bool empty() const;
};

using Drafts = std::map<care::Id, Draft>;  // by task

// An email reply's fields as they start (R-B3): To the sender, Cc the mail's Cc,
// "Re: <subject>". Empty (activity 0) for anything but an email.
ReplyFields prefilled_reply(const care::Activity& activity);

// The drafts as the browser keeps them (a setting per signed-in agent), and back.
// Reading never fails: what cannot be read is left out, so a damaged setting costs
// at most its own drafts.
std::string encode_drafts(const Drafts& drafts);
Drafts decode_drafts(std::string_view text);

}  // namespace care::client
