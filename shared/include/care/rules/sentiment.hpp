#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace care {

// R-F6: how the customer sounds, for the indicator beside a conversation.
enum class Sentiment { negative, neutral, positive };

// A small lexicon reading of the customer's own lines, in the desktop's languages
// (English, Bulgarian, Hungarian, Danish, Serbian Latin, Ukrainian): each word or
// phrase that starts a word counts +1 or −1, negative phrases first ("not working"
// is not "working"), letter case ignored. The newest line weighs double, and only
// the last five count: the indicator follows the mood as it changes. A rough
// signal by design — it never blocks anything.
Sentiment read_sentiment(const std::vector<std::string>& customer_lines);

}  // namespace care
