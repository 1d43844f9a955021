#pragma once

#include <string>
#include <vector>

#include "care/model/common.hpp"
#include "care/model/labels.hpp"

namespace care {

// R-F5: an article an agent can search, read and share into a chat.
struct KbArticle {
  Id id = 0;
  std::string title;
  std::string body;
  std::string language;
  std::vector<std::string> tags;
  Stamp updated;
  Version version = 1;
  std::string category;  // in the article's language; empty: none (R-H1's portal home)

  bool operator==(const KbArticle&) const = default;
};

// R-F10: one entry of the configurable wrap-up list.
struct WrapUpCode {
  std::string code;    // stable key stored on the activity, e.g. "resolved"
  std::string label;   // English, and what every language falls back to
  Labels labels;       // per language (R-J2); the agent reads label_in(labels, …)
  bool active = true;  // retired codes stay readable on old activities

  bool operator==(const WrapUpCode&) const = default;
};

}  // namespace care
