#include "care/rules/sentiment.hpp"

#include <array>

#include "care/case_fold.hpp"

namespace care {
namespace {

// Folded stems; a match must start a word. Negative phrases come first and are
// blanked out of the line, so their words are not counted again as positive.
constexpr std::array kNegative = {
    // English
    "not working", "doesn't work", "does not work", "still broken", "terrible", "awful",
    "angry", "broken", "useless", "worst", "bad", "annoy", "frustrat", "disappoint",
    "unacceptable", "ridiculous", "complain", "refund", "cancel",
    // Bulgarian
    "не работи", "пак не", "ужас", "лош", "ядос", "разочар", "безобраз", "недовол", "счупен",
    // Hungarian
    "nem működik", "szörnyű", "rossz", "dühös", "elfogadhatatlan", "csalódott",
    // Danish
    "virker ikke", "fungerer ikke", "elendig", "dårlig", "vred", "utilfreds", "skuffet",
    // Serbian (Latin)
    "ne radi", "užasn", "loše", "loš", "ljut", "razočaran", "nezadovolj",
    // Ukrainian
    "не працює", "жахлив", "погано", "поган", "злий", "розчаров", "обурен",
};

constexpr std::array kPositive = {
    // English
    "thank", "great", "perfect", "works", "working", "solved", "excellent", "awesome", "happy",
    "love", "helpful", "good",
    // Bulgarian
    "благодар", "мерси", "чудесн", "супер", "отлично", "перфектн", "доволен", "доволна", "работи",
    // Hungarian
    "köszön", "remek", "szuper", "tökéletes", "működik", "kiváló", "nagyszerű",
    // Danish
    "tak", "perfekt", "fantastisk", "virker", "fungerer", "glad",
    // Serbian (Latin)
    "hvala", "odlično", "savršeno", "radi", "zadovolj",
    // Ukrainian
    "дякую", "чудово", "відмінно", "працює", "ідеально", "задоволен",
};

bool starts_word(const std::string& text, size_t at) {
  if (at == 0) return true;
  unsigned char before = static_cast<unsigned char>(text[at - 1]);
  // A letter of another script ends in a continuation byte; ASCII letters and digits
  // continue the word; everything else (space, punctuation) starts one.
  if (before >= 0x80) return false;
  return !((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9') || before == '\'');
}

int count_and_blank(std::string& text, std::string_view stem) {
  int found = 0;
  for (size_t at = text.find(stem); at != std::string::npos; at = text.find(stem, at + 1)) {
    if (!starts_word(text, at)) continue;
    ++found;
    for (size_t i = 0; i < stem.size(); ++i) text[at + i] = ' ';
  }
  return found;
}

int score(const std::string& line) {
  std::string text = fold_case(line);
  int total = 0;
  for (const char* stem : kNegative) total -= count_and_blank(text, stem);
  for (const char* stem : kPositive) total += count_and_blank(text, stem);
  return total;
}

}  // namespace

Sentiment read_sentiment(const std::vector<std::string>& customer_lines) {
  constexpr size_t kCounted = 5;
  size_t first = customer_lines.size() > kCounted ? customer_lines.size() - kCounted : 0;
  int total = 0;
  for (size_t i = first; i < customer_lines.size(); ++i) {
    int weight = i + 1 == customer_lines.size() ? 2 : 1;
    total += weight * score(customer_lines[i]);
  }
  if (total > 0) return Sentiment::positive;
  if (total < 0) return Sentiment::negative;
  return Sentiment::neutral;
}

}  // namespace care
