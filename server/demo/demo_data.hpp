#pragma once
// What the demo says, in the seed languages (R-H2, R-J2): people's names, what they
// ask about and how they answer. Plain data; demo_seed and traffic pick from it with
// a seeded generator, so a demo run is the same every time for the same seed.
#include <array>
#include <string_view>

namespace care::server::demo {

struct Language {
  std::string_view code;          // "bg"
  std::string_view email_domain;  // "example.bg"
  std::string_view phone_prefix;  // "+359 88"
  std::array<std::string_view, 8> first_names;
  std::array<std::string_view, 8> last_names;
  std::array<std::string_view, 6> questions;  // a chat's first line, an email's subject
  std::array<std::string_view, 4> replies;    // the customer answering the agent
  std::string_view thanks;                    // the customer's last line
};

inline constexpr std::array<Language, 6> kLanguages = {{
    {"bg",
     "example.bg",
     "+359 88",
     {"Мария", "Иван", "Георги", "Елена", "Петър", "Десислава", "Николай", "Радост"},
     {"Иванова", "Петров", "Димитрова", "Георгиев", "Николова", "Стоянов", "Тодорова", "Колев"},
     {"Рутерът ми мига в червено", "Не мога да вляза в профила си", "Сметката ми е двойна",
      "Кога ще пристигне поръчката ми?", "Искам да сменя тарифния си план",
      "Интернетът е много бавен вечер"},
     {"Да, опитах да го рестартирам.", "Номерът на договора е 48213.", "Вчера следобед.",
      "Добре, ще изчакам."},
     "Благодаря, това помогна!"},
    {"hu",
     "example.hu",
     "+36 30",
     {"Eszter", "Gábor", "Zsófia", "László", "Katalin", "Bence", "Réka", "Tamás"},
     {"Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár"},
     {"Nem működik az internet", "Kétszer terheltek meg", "Elfelejtettem a jelszavamat",
      "Mikor érkezik a csomagom?", "Szeretnék csomagot váltani", "Lassú a kapcsolat este"},
     {"Igen, újraindítottam.", "A szerződésszámom 55120.", "Tegnap délután.", "Rendben, várok."},
     "Köszönöm, ez segített!"},
    {"da",
     "example.dk",
     "+45 20",
     {"Mette", "Lars", "Sofie", "Anders", "Ida", "Mikkel", "Freja", "Søren"},
     {"Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"},
     {"Min router blinker rødt", "Jeg kan ikke logge ind", "Jeg er blevet opkrævet to gange",
      "Hvornår kommer min pakke?", "Jeg vil gerne skifte abonnement", "Internettet er langsomt"},
     {"Ja, jeg har genstartet den.", "Mit kundenummer er 77310.", "I går eftermiddags.",
      "Okay, jeg venter."},
     "Tak, det hjalp!"},
    {"sr-Latn",
     "example.rs",
     "+381 64",
     {"Jelena", "Marko", "Ana", "Nikola", "Milica", "Stefan", "Ivana", "Đorđe"},
     {"Jovanović", "Petrović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Pavlović"},
     {"Ruter mi treperi crveno", "Ne mogu da se prijavim", "Račun mi je naplaćen dvaput",
      "Kada stiže moja porudžbina?", "Želim da promenim paket", "Internet je spor uveče"},
     {"Da, restartovao sam ga.", "Broj ugovora je 31877.", "Juče popodne.", "U redu, čekam."},
     "Hvala, to je pomoglo!"},
    {"uk",
     "example.ua",
     "+380 67",
     {"Олена", "Тарас", "Наталія", "Богдан", "Ірина", "Андрій", "Оксана", "Юрій"},
     {"Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Мельник", "Кравченко", "Олійник",
      "Лисенко"},
     {"Мій роутер блимає червоним", "Не можу увійти в обліковий запис", "З мене двічі зняли оплату",
      "Коли прибуде моє замовлення?", "Хочу змінити тариф", "Інтернет дуже повільний увечері"},
     {"Так, я його перезавантажила.", "Номер договору 90412.", "Вчора після обіду.",
      "Добре, я зачекаю."},
     "Дякую, це допомогло!"},
    {"en",
     "example.com",
     "+44 7700",
     {"Emma", "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack"},
     {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts"},
     {"My router is blinking red", "I cannot sign in to my account", "I was charged twice",
      "When will my order arrive?", "I want to change my plan", "The internet is slow at night"},
     {"Yes, I restarted it.", "My contract number is 40918.", "Yesterday afternoon.",
      "OK, I will wait."},
     "Thanks, that helped!"},
}};

// The knowledge base in every demo language, grouped in categories (in the article's
// language) for the help portal's home (R-H1). `views` stands for the portal's readers
// so far: the home's "popular articles" has an order from the first minute.
struct Article {
  std::string_view language;
  std::string_view category;
  std::string_view title;
  std::string_view body;
  int views;
};

inline constexpr std::array<Article, 25> kArticles = {{
    {"en", "Internet and router", "Router blinking red",
     "A red light means the router has no connection to the network.\n\n1. Check that the "
     "cable from the wall socket is firmly in the DSL/WAN port.\n2. Switch the router off, "
     "wait 30 seconds, switch it on.\n3. If the light stays red after 5 minutes, there may be "
     "an outage: check the status page or contact us.",
     140},
    {"en", "Account and sign-in", "Resetting your password",
     "Open the sign-in page, choose \"Forgot password\" and enter your email address. The "
     "link we send is valid for one hour. Check the spam folder if nothing arrives.",
     95},
    {"en", "Billing and plans", "Why was I charged twice?",
     "A pending authorisation can look like a second charge. It disappears within 3 to 5 "
     "working days. If both charges are still there after a week, send us the dates and "
     "amounts and we refund the duplicate.",
     110},
    {"en", "Billing and plans", "Changing your plan",
     "You can change plans once a month in My account → Plan. The new price applies from "
     "the next billing period; there is no fee for changing.",
     40},
    {"en", "Internet and router", "Slow internet in the evening",
     "Evenings are the busiest hours. Connect by cable to rule out Wi-Fi, close streaming "
     "on other devices, and run the speed test twice. Send us the results if the speed is "
     "below 50% of your plan.",
     70},
    {"bg", "Интернет и рутер", "Рутерът мига в червено",
     "Червената светлина означава, че рутерът няма връзка с мрежата. Проверете кабела, "
     "рестартирайте рутера и изчакайте 5 минути.",
     120},
    {"bg", "Интернет и рутер", "Бавен интернет вечер",
     "Вечер мрежата е най-натоварена. Свържете се с кабел, спрете стрийминга на другите "
     "устройства и пуснете теста за скорост два пъти.",
     55},
    {"bg", "Профил и вход", "Забравена парола",
     "На страницата за вход изберете „Забравена парола“ и въведете имейла си. Връзката е "
     "валидна един час.",
     80},
    {"bg", "Сметки и планове", "Защо ми е таксувано два пъти?",
     "Блокирането на сума може да изглежда като второ плащане. То изчезва до 3–5 работни "
     "дни.",
     90},
    {"hu", "Internet és router", "Pirosan villog a router",
     "A piros fény azt jelenti, hogy a router nem kapcsolódik a hálózathoz. Ellenőrizze a "
     "kábelt, indítsa újra a routert, és várjon 5 percet.",
     100},
    {"hu", "Internet és router", "Lassú az internet este",
     "Este a legnagyobb a forgalom. Csatlakozzon kábellel, állítsa le a streamelést a többi "
     "eszközön, és futtassa kétszer a sebességmérést.",
     45},
    {"hu", "Fiók és belépés", "Elfelejtett jelszó",
     "A bejelentkezési oldalon válassza az „Elfelejtett jelszó” lehetőséget, és adja meg az "
     "e-mail címét. A link egy óráig érvényes.",
     85},
    {"hu", "Számlázás és csomagok", "Miért terheltek meg kétszer?",
     "A függő zárolás második terhelésnek tűnhet. 3–5 munkanapon belül eltűnik.", 60},
    {"da", "Internet og router", "Routeren blinker rødt",
     "Et rødt lys betyder, at routeren ikke har forbindelse til nettet. Tjek kablet, "
     "genstart routeren og vent 5 minutter.",
     105},
    {"da", "Internet og router", "Langsomt internet om aftenen",
     "Om aftenen er der mest trafik. Brug kabel i stedet for Wi-Fi, stop streaming på andre "
     "enheder, og kør hastighedstesten to gange.",
     50},
    {"da", "Konto og login", "Glemt adgangskode",
     "Vælg \"Glemt adgangskode\" på login-siden, og skriv din e-mailadresse. Linket gælder i "
     "en time.",
     75},
    {"da", "Regninger og abonnement", "Hvorfor er jeg trukket to gange?",
     "En reservation kan ligne en ekstra betaling. Den forsvinder inden for 3–5 hverdage.", 65},
    {"sr-Latn", "Internet i ruter", "Ruter treperi crveno",
     "Crveno svetlo znači da ruter nema vezu sa mrežom. Proverite kabl, restartujte ruter i "
     "sačekajte 5 minuta.",
     115},
    {"sr-Latn", "Internet i ruter", "Spor internet uveče",
     "Uveče je mreža najopterećenija. Povežite se kablom, zaustavite striming na drugim "
     "uređajima i dvaput pokrenite test brzine.",
     40},
    {"sr-Latn", "Nalog i prijava", "Zaboravljena lozinka",
     "Na stranici za prijavu izaberite „Zaboravljena lozinka” i unesite svoju e-adresu. Link "
     "važi jedan sat.",
     70},
    {"sr-Latn", "Računi i paketi", "Zašto mi je naplaćeno dvaput?",
     "Rezervacija iznosa može da izgleda kao druga naplata. Nestaje za 3–5 radnih dana.", 85},
    {"uk", "Інтернет і роутер", "Роутер блимає червоним",
     "Червоне світло означає, що роутер не має зв'язку з мережею. Перевірте кабель, "
     "перезавантажте роутер і зачекайте 5 хвилин.",
     125},
    {"uk", "Інтернет і роутер", "Повільний інтернет увечері",
     "Увечері мережа найбільш завантажена. Під'єднайтеся кабелем, зупиніть стримінг на інших "
     "пристроях і двічі запустіть тест швидкості.",
     50},
    {"uk", "Обліковий запис і вхід", "Забули пароль",
     "На сторінці входу виберіть «Забули пароль» і введіть свою електронну адресу. Посилання "
     "діє одну годину.",
     90},
    {"uk", "Рахунки й тарифи", "Двічі знято оплату",
     "Тимчасове блокування коштів може виглядати як друге списання. Воно зникає за 3–5 "
     "робочих днів.",
     95},
}};

struct Canned {
  std::string_view name;
  std::string_view body;
};

inline constexpr std::array<Canned, 5> kCanned = {{
    {"greeting", "Hello {customer}, thank you for contacting us. How can I help?"},
    {"restart", "Could you please switch the router off, wait 30 seconds and switch it on again?"},
    {"contract", "Could you tell me your contract or customer number, {customer}?"},
    {"refund",
     "I have started the refund of the duplicate charge; it reaches you in 3 to 5 working days."},
    {"goodbye", "Is there anything else I can do for you, {customer}? Have a nice day!"},
}};

}  // namespace care::server::demo
