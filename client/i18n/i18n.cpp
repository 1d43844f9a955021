#include "i18n/i18n.hpp"

#include <cstddef>

namespace care::client::i18n {
namespace {

Language current = Language::English;

constexpr size_t kTextCount = static_cast<size_t>(Text::Count);
using Table = std::array<const char*, kTextCount>;

// Order follows enum Text. Words follow the seed help pages where they have them.
constexpr Table kEnglish = {"File",
                            "Reload",
                            "View",
                            "Language",
                            "Help",
                            "About Care Desktop",
                            "Connecting to the server…",
                            "Connected",
                            "Server unreachable — retrying",
                            "Server version",
                            "Welcome to Care Desktop",
                            "Language"};
constexpr Table kBulgarian = {"Файл",
                              "Презареждане",
                              "Изглед",
                              "Език",
                              "Помощ",
                              "За Care Desktop",
                              "Свързване със сървъра…",
                              "Свързан",
                              "Сървърът е недостъпен — нов опит",
                              "Версия на сървъра",
                              "Добре дошли в Care Desktop",
                              "Език"};
constexpr Table kHungarian = {"Fájl",
                              "Újratöltés",
                              "Nézet",
                              "Nyelv",
                              "Súgó",
                              "A Care Desktop névjegye",
                              "Kapcsolódás a kiszolgálóhoz…",
                              "Kapcsolódva",
                              "A kiszolgáló nem érhető el — újrapróbálás",
                              "Kiszolgáló verziója",
                              "Üdvözöljük a Care Desktopban",
                              "Nyelv"};
constexpr Table kDanish = {"Filer",
                           "Genindlæs",
                           "Vis",
                           "Sprog",
                           "Hjælp",
                           "Om Care Desktop",
                           "Forbinder til serveren…",
                           "Forbundet",
                           "Serveren kan ikke nås — prøver igen",
                           "Serverversion",
                           "Velkommen til Care Desktop",
                           "Sprog"};
constexpr Table kSerbian = {"Datoteka",
                            "Ponovo učitaj",
                            "Prikaz",
                            "Jezik",
                            "Pomoć",
                            "O programu Care Desktop",
                            "Povezivanje sa serverom…",
                            "Povezano",
                            "Server nije dostupan — novi pokušaj",
                            "Verzija servera",
                            "Dobro došli u Care Desktop",
                            "Jezik"};
constexpr Table kUkrainian = {"Файл",
                              "Перезавантажити",
                              "Вигляд",
                              "Мова",
                              "Довідка",
                              "Про Care Desktop",
                              "З'єднання з сервером…",
                              "З'єднано",
                              "Сервер недоступний — повторна спроба",
                              "Версія сервера",
                              "Ласкаво просимо до Care Desktop",
                              "Мова"};

const Table& table(Language language) {
  switch (language) {
    case Language::Bulgarian:
      return kBulgarian;
    case Language::Hungarian:
      return kHungarian;
    case Language::Danish:
      return kDanish;
    case Language::Serbian:
      return kSerbian;
    case Language::Ukrainian:
      return kUkrainian;
    case Language::English:
      break;
  }
  return kEnglish;
}

}  // namespace

const char* native_name(Language language) {
  switch (language) {
    case Language::Bulgarian:
      return "Български";
    case Language::Hungarian:
      return "Magyar";
    case Language::Danish:
      return "Dansk";
    case Language::Serbian:
      return "Srpski";
    case Language::Ukrainian:
      return "Українська";
    case Language::English:
      break;
  }
  return "English";
}

const char* tag(Language language) {
  switch (language) {
    case Language::Bulgarian:
      return "bg";
    case Language::Hungarian:
      return "hu";
    case Language::Danish:
      return "da";
    case Language::Serbian:
      return "sr-Latn";
    case Language::Ukrainian:
      return "uk";
    case Language::English:
      break;
  }
  return "en";
}

bool from_tag(std::string_view text, Language& out) {
  for (Language language : kLanguages) {
    if (text == tag(language)) {
      out = language;
      return true;
    }
  }
  return false;
}

void set_language(Language language) {
  current = language;
}
Language language() {
  return current;
}

const char* tr(Text text) {
  const char* translated = table(current)[static_cast<size_t>(text)];
  return translated ? translated : kEnglish[static_cast<size_t>(text)];
}

}  // namespace care::client::i18n
