#include "i18n/i18n.hpp"

#include <cstddef>
#include <utility>

namespace care::client::i18n {
namespace {

Language current = Language::English;

// One row per text: English, Bulgarian, Hungarian, Danish, Serbian (Latin), Ukrainian.
// Words follow the seed help pages (../shared/seeds) where they have them.
struct Row {
  Text key;
  const char* words[6];
};

// One row per text, its six languages on one line: easier to check side by side than
// anything a formatter would make of them.
// clang-format off
constexpr Row kRows[] = {
    {Text::MenuFile, {"File", "Файл", "Fájl", "Filer", "Datoteka", "Файл"}},
    {Text::MenuReload,
     {"Reconnect", "Свързване отново", "Újrakapcsolódás", "Forbind igen", "Ponovo poveži",
      "Перепідключити"}},
    {Text::MenuLanguage, {"Language", "Език", "Nyelv", "Sprog", "Jezik", "Мова"}},
    {Text::MenuHelp, {"Help", "Помощ", "Súgó", "Hjælp", "Pomoć", "Довідка"}},
    {Text::MenuAbout,
     {"About Care Desktop", "За Care Desktop", "A Care Desktop névjegye", "Om Care Desktop",
      "O programu Care Desktop", "Про Care Desktop"}},
    {Text::ServerConnecting,
     {"Connecting to the server…", "Свързване със сървъра…", "Kapcsolódás a kiszolgálóhoz…",
      "Forbinder til serveren…", "Povezivanje sa serverom…", "З'єднання з сервером…"}},
    {Text::ServerConnected,
     {"Connected", "Свързан", "Kapcsolódva", "Forbundet", "Povezano", "З'єднано"}},
    {Text::ServerUnreachable,
     {"Server unreachable — retrying", "Сървърът е недостъпен — нов опит",
      "A kiszolgáló nem érhető el — újrapróbálás", "Serveren kan ikke nås — prøver igen",
      "Server nije dostupan — novi pokušaj", "Сервер недоступний — повторна спроба"}},
    {Text::ServerVersion,
     {"Server version", "Версия на сървъра", "Kiszolgáló verziója", "Serverversion",
      "Verzija servera", "Версія сервера"}},
    {Text::Welcome,
     {"Welcome to Care Desktop", "Добре дошли в Care Desktop", "Üdvözöljük a Care Desktopban",
      "Velkommen til Care Desktop", "Dobro došli u Care Desktop",
      "Ласкаво просимо до Care Desktop"}},
    {Text::Language, {"Language", "Език", "Nyelv", "Sprog", "Jezik", "Мова"}},
    {Text::SignIn, {"Sign in", "Вход", "Bejelentkezés", "Log ind", "Prijava", "Увійти"}},
    {Text::SignOut, {"Sign out", "Изход", "Kijelentkezés", "Log ud", "Odjava", "Вийти"}},
    {Text::Username,
     {"Username", "Потребителско име", "Felhasználónév", "Brugernavn", "Korisničko ime",
      "Ім'я користувача"}},
    {Text::Password, {"Password", "Парола", "Jelszó", "Adgangskode", "Lozinka", "Пароль"}},
    {Text::WrongCredentials,
     {"Wrong username or password", "Грешно потребителско име или парола",
      "Hibás felhasználónév vagy jelszó", "Forkert brugernavn eller adgangskode",
      "Pogrešno korisničko ime ili lozinka", "Неправильне ім'я користувача або пароль"}},
    {Text::TooManyAttempts,
     {"Too many attempts — wait a minute", "Твърде много опити — изчакайте минута",
      "Túl sok próbálkozás — várjon egy percet", "For mange forsøg — vent et minut",
      "Previše pokušaja — sačekajte minut", "Забагато спроб — зачекайте хвилину"}},
    {Text::SignInFailed,
     {"Sign-in failed — try again", "Входът не успя — опитайте отново",
      "A bejelentkezés nem sikerült — próbálja újra", "Login mislykkedes — prøv igen",
      "Prijava nije uspela — pokušajte ponovo", "Не вдалося увійти — спробуйте ще раз"}},
    {Text::SignedInAs,
     {"Signed in as", "Влезли сте като", "Bejelentkezve:", "Logget ind som", "Prijavljeni ste kao",
      "Ви увійшли як"}},
    {Text::Ready, {"Ready", "Готов", "Elérhető", "Klar", "Spreman", "Готовий"}},
    {Text::NotReady,
     {"Not Ready", "Неготов", "Nem elérhető", "Ikke klar", "Nije spreman", "Не готовий"}},
    {Text::ReasonMissedOffer,
     {"Missed offer", "Пропусната задача", "Elmulasztott ajánlat", "Mistet tilbud",
      "Propuštena ponuda", "Пропущена пропозиція"}},
    {Text::WaitingForOffers,
     {"Waiting for offers", "Очакване на задачи", "Várakozás feladatokra", "Venter på opgaver",
      "Čekanje na zadatke", "Очікування завдань"}},
    {Text::GoReadyHint,
     {"Go Ready to receive chats, calls and emails",
      "Превключете на „Готов“, за да получавате чатове, обаждания и имейли",
      "Váltson „Elérhető” állapotba a csevegések, hívások és e-mailek fogadásához",
      "Skift til Klar for at modtage chats, opkald og e-mails",
      "Pređite u stanje Spreman da biste primali ćaskanja, pozive i e-poruke",
      "Перейдіть у стан «Готовий», щоб отримувати чати, дзвінки та листи"}},
    {Text::ConnectionLost,
     {"Connection lost — reconnecting in %d s", "Връзката е прекъсната — ново свързване след %d с",
      "A kapcsolat megszakadt — újrakapcsolódás %d mp múlva",
      "Forbindelsen er afbrudt — forbinder igen om %d s",
      "Veza je prekinuta — ponovno povezivanje za %d s",
      "З'єднання втрачено — повторне підключення через %d с"}},
    {Text::ReconnectNow,
     {"Reconnect now", "Свържи сега", "Újrakapcsolódás most", "Forbind nu", "Poveži sada",
      "Підключити зараз"}},
    {Text::InProgress,
     {"In progress", "В процес", "Folyamatban", "I gang", "U toku", "В роботі"}},
    {Text::NothingInProgress,
     {"Nothing in progress", "Няма задачи в процес", "Nincs folyamatban lévő feladat", "Intet i gang", "Ništa u toku", "Немає завдань у роботі"}},
    {Text::ChannelChat,
     {"Chat", "Чат", "Csevegés", "Chat", "Čet", "Чат"}},
    {Text::ChannelCall,
     {"Call", "Обаждане", "Hívás", "Opkald", "Poziv", "Дзвінок"}},
    {Text::ChannelEmail,
     {"Email", "Имейл", "E-mail", "E-mail", "Imejl", "Ел. лист"}},
    {Text::ChannelNote,
     {"Note", "Бележка", "Jegyzet", "Note", "Beleška", "Нотатка"}},
    {Text::NewOffer,
     {"New offer", "Нова задача", "Új feladat", "Nyt tilbud", "Nova ponuda", "Нове завдання"}},
    {Text::Accept,
     {"Accept", "Приеми", "Elfogadás", "Accepter", "Prihvati", "Прийняти"}},
    {Text::AcceptShortcut,
     {"Ctrl+Enter accepts", "Ctrl+Enter приема", "Ctrl+Enter: elfogadás", "Ctrl+Enter accepterer", "Ctrl+Enter prihvata", "Ctrl+Enter приймає"}},
    {Text::SecondsLeft,
     {"%d s left", "остават %d с", "még %d mp", "%d s tilbage", "još %d s", "залишилось %d с"}},
    {Text::UnknownContact,
     {"Unknown contact", "Непознат контакт", "Ismeretlen kapcsolat", "Ukendt kontakt", "Nepoznat kontakt", "Невідомий контакт"}},
    {Text::Send,
     {"Send", "Изпрати", "Küldés", "Send", "Pošalji", "Надіслати"}},
    {Text::ComposerHint,
     {"Enter sends, Ctrl+Enter adds a line", "Enter изпраща, Ctrl+Enter нов ред", "Enter: küldés, Ctrl+Enter: új sor", "Enter sender, Ctrl+Enter ny linje", "Enter šalje, Ctrl+Enter novi red", "Enter надсилає, Ctrl+Enter новий рядок"}},
    {Text::Saved,
     {"Saved", "Записано", "Mentve", "Gemt", "Sačuvano", "Збережено"}},
    {Text::Decline,
     {"Decline", "Откажи", "Elutasítás", "Afvis", "Odbij", "Відхилити"}},
    {Text::EmailComposerHint,
     {"Enter adds a line, Ctrl+Enter sends", "Enter нов ред, Ctrl+Enter изпраща", "Enter: új sor, Ctrl+Enter: küldés", "Enter ny linje, Ctrl+Enter sender", "Enter novi red, Ctrl+Enter šalje", "Enter новий рядок, Ctrl+Enter надсилає"}},
    {Text::CustomerTyping,
     {"The customer is typing…", "Клиентът пише…", "Az ügyfél ír…", "Kunden skriver…", "Kupac piše…", "Клієнт пише…"}},
    {Text::RequestDetails,
     {"Request details", "Подробности за заявката", "Kérés részletei", "Anmodningsdetaljer", "Detalji zahteva", "Деталі запиту"}},
    {Text::Title,
     {"Title", "Заглавие", "Cím", "Titel", "Naslov", "Назва"}},
    {Text::Description,
     {"Description", "Описание", "Leírás", "Beskrivelse", "Opis", "Опис"}},
    {Text::Save,
     {"Save", "Запиши", "Mentés", "Gem", "Sačuvaj", "Зберегти"}},
    {Text::Status,
     {"Status", "Статус", "Állapot", "Status", "Status", "Статус"}},
    {Text::StatusOpen,
     {"Open", "Отворена", "Nyitott", "Åben", "Otvoren", "Відкритий"}},
    {Text::StatusClosed,
     {"Closed", "Затворена", "Lezárt", "Lukket", "Zatvoren", "Закритий"}},
    {Text::Created,
     {"Created", "Създадена", "Létrehozva", "Oprettet", "Kreiran", "Створено"}},
    {Text::ClosedOn,
     {"Closed on", "Затворена на", "Lezárva", "Lukket den", "Zatvoren", "Закрито"}},
    {Text::ChangedBy,
     {"Changed by %s at %s", "Променено от %s в %s", "Módosította: %s, ekkor: %s", "Ændret af %s kl. %s", "Izmenu uneo/la %s u %s", "Змінено: %s о %s"}},
    {Text::AnotherAgent,
     {"another agent", "друг агент", "egy másik ügyintéző", "en anden agent", "drugi agent", "інший агент"}},
    {Text::Yours,
     {"Yours", "Вашето", "Az Öné", "Dit", "Vaše", "Ваше"}},
    {Text::Theirs,
     {"Theirs", "Тяхното", "A másiké", "Deres", "Njihovo", "Їхнє"}},
    {Text::KeepMine,
     {"Keep mine", "Запази моето", "Az enyém marad", "Behold mit", "Zadrži moje", "Залишити моє"}},
    {Text::TakeTheirs,
     {"Take theirs", "Вземи тяхното", "A másiké legyen", "Tag deres", "Uzmi njihovo", "Взяти їхнє"}},
    {Text::EditBoth,
     {"Edit both", "Редактирай двете", "Mindkettő szerkesztése", "Rediger begge", "Uredi oba", "Редагувати обидва"}},
    {Text::ChooseEachField,
     {"Both of you changed a field: choose for it, then save", "И двамата сте променили поле: изберете за него, после запазете", "Mindketten módosítottak egy mezőt: válasszon, majd mentsen", "I har begge ændret et felt: vælg for det, og gem så", "Oboje ste promenili polje: izaberite, pa sačuvajte", "Ви обоє змінили поле: оберіть для нього, потім збережіть"}},
    {Text::ActivityDetails,
     {"Activity details", "Подробности за дейността", "Tevékenység részletei", "Aktivitetsdetaljer", "Detalji aktivnosti", "Деталі активності"}},
    {Text::Tags,
     {"Tags", "Етикети", "Címkék", "Tags", "Oznake", "Теги"}},
    {Text::TagHint,
     {"Enter or Tab adds a tag", "Enter или Tab добавя етикет", "Enter vagy Tab: címke hozzáadása", "Enter eller Tab tilføjer et tag", "Enter ili Tab dodaje oznaku", "Enter або Tab додає тег"}},
    {Text::Comments,
     {"Comments", "Коментари", "Megjegyzések", "Kommentarer", "Komentari", "Коментарі"}},
    {Text::AddComment,
     {"Add comment", "Добави коментар", "Megjegyzés hozzáadása", "Tilføj kommentar", "Dodaj komentar", "Додати коментар"}},
    {Text::CloseInteraction,
     {"Close", "Затвори", "Lezárás", "Luk", "Zatvori", "Закрити"}},
    {Text::WrapUp,
     {"Wrap-up code", "Код за приключване", "Lezárási kód", "Afslutningskode", "Šifra završetka", "Код завершення"}},
    {Text::UnknownContactQuestion,
     {"No customer record exists for this contact.", "Няма клиентски запис за този контакт.", "Ehhez a kapcsolathoz nincs ügyfélrekord.", "Der findes ingen kunde for denne kontakt.", "Za ovaj kontakt ne postoji zapis kupca.", "Для цього контакту немає запису клієнта."}},
    {Text::CreateCustomer,
     {"Create customer", "Създай клиент", "Ügyfél létrehozása", "Opret kunde", "Kreiraj kupca", "Створити клієнта"}},
    {Text::LeaveWithoutCreating,
     {"Leave without creating", "Излез без създаване", "Kilépés létrehozás nélkül", "Forlad uden at oprette", "Izađi bez kreiranja", "Вийти без створення"}},
    {Text::Cancel,
     {"Cancel", "Отказ", "Mégse", "Annuller", "Otkaži", "Скасувати"}},
    {Text::CustomerLabel,
     {"Customer", "Клиент", "Ügyfél", "Kunde", "Kupac", "Клієнт"}},
    {Text::MissedOfferNotice,
     {"You did not accept an offer in time and are Not Ready now.", "Не приехте задача навреме и сега сте „Не е готов“.", "Nem fogadott el időben egy feladatot, ezért most nem áll készen.", "Du accepterede ikke et tilbud i tide og er nu Ikke klar.", "Niste na vreme prihvatili ponudu i sada niste spremni.", "Ви не прийняли завдання вчасно і тепер не готові."}},
    {Text::Subject,
     {"Subject", "Тема", "Tárgy", "Emne", "Tema", "Тема"}},
    {Text::EmailTo,
     {"To", "До", "Címzett", "Til", "Za", "Кому"}},
    {Text::EmailCc,
     {"Cc", "Копие до", "Másolat", "Cc", "Kopija", "Копія"}},
    {Text::OpenLink,
     {"Open in a new tab", "Отвори в нов раздел", "Megnyitás új lapon", "Åbn i en ny fane", "Otvori u novoj kartici", "Відкрити в новій вкладці"}},
    {Text::CustomerName,
     {"Name", "Име", "Név", "Navn", "Ime", "Ім'я"}},
    {Text::Phone,
     {"Phone", "Телефон", "Telefon", "Telefon", "Telefon", "Телефон"}},
    {Text::PaneQueue,
     {"Queue", "Опашка", "Várólista", "Kø", "Red čekanja", "Черга"}},
    {Text::PaneCustomers,
     {"Customers", "Клиенти", "Ügyfelek", "Kunder", "Kupci", "Клієнти"}},
    {Text::PaneFloor,
     {"Floor", "Екип", "Csapat", "Gulv", "Tim", "Зміна"}},
    {Text::NothingWaiting,
     {"No tasks are waiting", "Няма чакащи задачи", "Nincs várakozó feladat", "Ingen opgaver venter", "Nema zadataka na čekanju", "Немає завдань у черзі"}},
    {Text::SelectToPreview,
     {"Select a task to preview it before accepting", "Изберете задача, за да я прегледате преди приемане", "Válasszon ki egy feladatot, hogy elfogadás előtt megtekintse", "Vælg en opgave for at se den, før du accepterer", "Izaberite zadatak da biste ga pregledali pre prihvatanja", "Виберіть завдання, щоб переглянути його перед прийняттям"}},
    {Text::Waiting,
     {"Waiting", "Чака", "Várakozik", "Venter", "Čeka", "Очікує"}},
    {Text::QueueLabel,
     {"Queue", "Опашка", "Várólista", "Kø", "Red", "Черга"}},
    {Text::SearchHint,
     {"Name, email, phone or request title", "Име, имейл, телефон или заглавие на заявка", "Név, e-mail, telefon vagy kérés címe", "Navn, e-mail, telefon eller anmodningens titel", "Ime, e-pošta, telefon ili naslov zahteva", "Ім'я, ел. пошта, телефон або назва запиту"}},
    {Text::Search,
     {"Search", "Търсене", "Keresés", "Søg", "Pretraga", "Пошук"}},
    {Text::Recent,
     {"Recent", "Последни", "Legutóbbi", "Seneste", "Nedavni", "Нещодавні"}},
    {Text::OpenNow,
     {"Open", "Отворени", "Megnyitva", "Åbne", "Otvoreni", "Відкриті"}},
    {Text::NoResults,
     {"No customers found", "Няма намерени клиенти", "Nincs találat", "Ingen kunder fundet", "Nije pronađen nijedan kupac", "Клієнтів не знайдено"}},
    {Text::NoCustomerOpen,
     {"Search for a customer or pick a recent one", "Потърсете клиент или изберете от последните", "Keressen ügyfelet, vagy válasszon a legutóbbiak közül", "Søg efter en kunde, eller vælg en af de seneste", "Potražite kupca ili izaberite nedavnog", "Знайдіть клієнта або виберіть з нещодавніх"}},
    {Text::Journey,
     {"Customer journey", "Път на клиента", "Ügyfélút", "Kunderejse", "Putovanje kupca", "Шлях клієнта"}},
    {Text::AllChannels,
     {"All channels", "Всички канали", "Minden csatorna", "Alle kanaler", "Svi kanali", "Усі канали"}},
    {Text::AddRequest,
     {"Add request", "Добави заявка", "Kérés hozzáadása", "Tilføj anmodning", "Dodaj zahtev", "Додати запит"}},
    {Text::NewRequestHint,
     {"Title of the new request", "Заглавие на новата заявка", "Az új kérés címe", "Titel på den nye anmodning", "Naslov novog zahteva", "Назва нового запиту"}},
    {Text::MoveTo,
     {"Move to request", "Премести в заявка", "Áthelyezés kérésbe", "Flyt til anmodning", "Premesti u zahtev", "Перемістити до запиту"}},
    {Text::Queues,
     {"Queues", "Опашки", "Várólisták", "Køer", "Redovi", "Черги"}},
    {Text::Agents,
     {"Agents", "Агенти", "Ügyintézők", "Agenter", "Agenti", "Агенти"}},
    {Text::LongestWait,
     {"Longest wait", "Най-дълго чакане", "Leghosszabb várakozás", "Længste ventetid", "Najduže čekanje", "Найдовше очікування"}},
    {Text::InProgressCount,
     {"In progress", "В процес", "Folyamatban", "I gang", "U toku", "В роботі"}},
    {Text::Handled,
     {"Handled", "Обработени", "Kezelt", "Håndteret", "Obrađeno", "Оброблено"}},
    {Text::AverageHandle,
     {"Avg. handle time", "Ср. време за обработка", "Átl. kezelési idő", "Gns. behandlingstid", "Prosečno vreme obrade", "Сер. час обробки"}},
    {Text::AgentState,
     {"State", "Състояние", "Állapot", "Status", "Stanje", "Стан"}},
    {Text::Since,
     {"Since", "От", "Óta", "Siden", "Od", "З"}},
    {Text::Work,
     {"Work", "Работа", "Munka", "Arbejde", "Rad", "Робота"}},
    {Text::PaletteHint,
     {"Type an action, a task or a customer…", "Въведете действие, задача или клиент…", "Írjon be egy műveletet, feladatot vagy ügyfelet…", "Skriv en handling, en opgave eller en kunde…", "Unesite radnju, zadatak ili kupca…", "Введіть дію, завдання або клієнта…"}},
    {Text::FindCustomer,
     {"Find customer", "Намери клиент", "Ügyfél keresése", "Find kunde", "Pronađi kupca", "Знайти клієнта"}},
    {Text::CannedHint,
     {"Canned responses — click one to insert it", "Готови отговори — щракнете, за да вмъкнете", "Sablonválaszok — kattintson a beszúráshoz", "Standardsvar — klik for at indsætte", "Gotovi odgovori — kliknite da umetnete", "Шаблонні відповіді — клацніть, щоб вставити"}},
    {Text::Email,
     {"Email", "Имейл", "E-mail", "E-mail", "E-pošta", "Ел. пошта"}},
    {Text::Contact,
     {"Contact", "Контакт", "Kapcsolattartó", "Kontakt", "Kontakt", "Контакт"}},
    {Text::Account,
     {"Account", "Акаунт", "Fiók", "Konto", "Nalog", "Обліковий запис"}},
    {Text::Priority,
     {"Priority", "Приоритет", "Prioritás", "Prioritet", "Prioritet", "Пріоритет"}},
    {Text::TabDetails,
     {"Details", "Детайли", "Részletek", "Detaljer", "Detalji", "Деталі"}},
    {Text::TabConversation,
     {"Conversation", "Разговор", "Beszélgetés", "Samtale", "Razgovor", "Розмова"}},
    {Text::TabCases,
     {"Cases", "Случаи", "Esetek", "Sager", "Slučajevi", "Випадки"}},
    {Text::TabKnowledge,
     {"Knowledge", "Знания", "Tudásbázis", "Viden", "Znanje", "Знання"}},
    {Text::Summary,
     {"Summary", "Обобщение", "Összegzés", "Oversigt", "Rezime", "Підсумок"}},
    {Text::WaitTime,
     {"Wait time", "Време за изчакване", "Várakozási idő", "Ventetid", "Vreme čekanja", "Час очікування"}},
    {Text::StartTime,
     {"Started", "Започнал", "Kezdete", "Startet", "Započeto", "Розпочато"}},
    {Text::Skills,
     {"Skills", "Умения", "Készségek", "Færdigheder", "Veštine", "Навички"}},
    {Text::SkillHint,
     {"Add a skill (Enter)", "Добавете умение (Enter)", "Készség hozzáadása (Enter)", "Tilføj en færdighed (Enter)", "Dodajte veštinu (Enter)", "Додайте навичку (Enter)"}},
    {Text::PreChatSurvey,
     {"Pre-chat survey", "Анкета преди чата", "Csevegés előtti kérdőív", "Spørgeskema før chat", "Anketa pre ćaskanja", "Анкета перед чатом"}},
    {Text::SelfService,
     {"Self-service", "Самообслужване", "Önkiszolgálás", "Selvbetjening", "Samouslužno", "Самообслуговування"}},
    {Text::VisitorDetails,
     {"Visitor details", "Данни за посетителя", "Látogató adatai", "Besøgsdetaljer", "Detalji posetioca", "Відомості про відвідувача"}},
    {Text::AdditionalDetails,
     {"Additional details", "Допълнителни данни", "További részletek", "Yderligere detaljer", "Dodatni detalji", "Додаткові відомості"}},
    {Text::Authenticated,
     {"Signed in on the portal", "Влязъл в портала", "Bejelentkezett a portálon", "Logget ind på portalen", "Prijavljen na portalu", "Увійшов на порталі"}},
    {Text::Anonymous,
     {"Not signed in", "Не е влязъл", "Nincs bejelentkezve", "Ikke logget ind", "Nije prijavljen", "Не ввійшов"}},
    {Text::Browser,
     {"Browser", "Браузър", "Böngésző", "Browser", "Pregledač", "Браузер"}},
    {Text::OperatingSystem,
     {"Operating system", "Операционна система", "Operációs rendszer", "Styresystem", "Operativni sistem", "Операційна система"}},
    {Text::Location,
     {"Location", "Местоположение", "Hely", "Placering", "Lokacija", "Розташування"}},
    {Text::VisitedPage,
     {"Visited", "Посетена", "Meglátogatta", "Besøgte", "Posetio", "Відвідав"}},
    {Text::Searched,
     {"Searched", "Търсено", "Keresett", "Søgte", "Pretražio", "Шукав"}},
    {Text::ArticleViewed,
     {"Read article", "Прочетена статия", "Elolvasott cikk", "Læste artikel", "Pročitao članak", "Прочитав статтю"}},
    {Text::RecentCases,
     {"Recent cases", "Последни случаи", "Legutóbbi esetek", "Seneste sager", "Nedavni slučajevi", "Останні випадки"}},
    {Text::LinkHere,
     {"Link this conversation", "Свържи този разговор", "Beszélgetés csatolása", "Tilknyt denne samtale", "Poveži ovaj razgovor", "Прив'язати цю розмову"}},
    {Text::KnowledgeHint,
     {"Search articles (Enter)", "Търсене в статиите (Enter)", "Cikkek keresése (Enter)", "Søg i artikler (Enter)", "Pretraga članaka (Enter)", "Пошук статей (Enter)"}},
    {Text::Share,
     {"Share in chat", "Сподели в чата", "Megosztás a csevegésben", "Del i chatten", "Podeli u ćaskanju", "Поділитися в чаті"}},
    {Text::NoArticles,
     {"No articles found", "Няма намерени статии", "Nincs találat", "Ingen artikler fundet", "Nije pronađen nijedan članak", "Статей не знайдено"}},
    {Text::Sentiment,
     {"Sentiment", "Настроение", "Hangulat", "Stemning", "Raspoloženje", "Настрій"}},
    {Text::Positive,
     {"Positive", "Положително", "Pozitív", "Positiv", "Pozitivno", "Позитивний"}},
    {Text::Neutral,
     {"Neutral", "Неутрално", "Semleges", "Neutral", "Neutralno", "Нейтральний"}},
    {Text::Negative,
     {"Negative", "Отрицателно", "Negatív", "Negativ", "Negativno", "Негативний"}},
    {Text::UnsavedCustomerQuestion,
     {"The customer has unsaved changes.", "Клиентът има незапазени промени.", "Az ügyfél adatai nem mentett módosításokat tartalmaznak.", "Kunden har ændringer, der ikke er gemt.", "Kupac ima nesačuvane izmene.", "Клієнт має незбережені зміни."}},
    {Text::SaveChanges,
     {"Save them", "Запази ги", "Mentés", "Gem dem", "Sačuvaj ih", "Зберегти"}},
    {Text::DiscardChanges,
     {"Discard them", "Откажи ги", "Elvetés", "Kassér dem", "Odbaci ih", "Відхилити"}},
    {Text::AlsoHere,
     {"Also here:", "Също тук:", "Itt van még:", "Også her:", "Takođe ovde:", "Також тут:"}},
    {Text::EditingNow,
     {"editing", "редактира", "szerkeszti", "redigerer", "uređuje", "редагує"}},
    {Text::Hold,
     {"Hold", "Задръж", "Tartás", "Parkér", "Zadrži", "Утримати"}},
    {Text::Resume,
     {"Resume", "Продължи", "Folytatás", "Genoptag", "Nastavi", "Продовжити"}},
    {Text::EndCall,
     {"End call", "Край на разговора", "Hívás vége", "Afslut opkald", "Završi poziv", "Завершити дзвінок"}},
    {Text::CallRinging,
     {"Ringing", "Звъни", "Csörög", "Ringer", "Zvoni", "Дзвонить"}},
    {Text::CallConnected,
     {"Connected", "Свързан", "Kapcsolódva", "Forbundet", "Povezan", "З'єднано"}},
    {Text::CallOnHold,
     {"On hold", "Задържан", "Tartásban", "Parkeret", "Na čekanju", "На утриманні"}},
    {Text::CallEnded,
     {"Ended", "Приключил", "Befejeződött", "Afsluttet", "Završen", "Завершено"}},
    {Text::CallAnswered,
     {"Answered", "Отговорено", "Fogadva", "Besvaret", "Odgovoreno", "Прийнято"}},
    {Text::CallPutOnHold,
     {"Put on hold", "Задържан", "Tartásba téve", "Parkeret", "Stavljen na čekanje", "Поставлено на утримання"}},
    {Text::CallResumed,
     {"Resumed", "Продължен", "Folytatva", "Genoptaget", "Nastavljen", "Відновлено"}},
    {Text::ClosedItems,
     {"Closed work items", "Приключени задачи", "Lezárt feladatok", "Afsluttede opgaver", "Zatvoreni zadaci", "Закриті завдання"}},
    {Text::TabTimeline,
     {"Timeline", "Хронология", "Idővonal", "Tidslinje", "Vremenska linija", "Хронологія"}},
    {Text::QuickNoteHint,
     {"Add a quick note (Enter)", "Добавете бърза бележка (Enter)", "Gyors jegyzet hozzáadása (Enter)", "Tilføj en hurtig note (Enter)", "Dodajte brzu belešku (Enter)", "Додайте швидку нотатку (Enter)"}},
    {Text::ThisCase,
     {"This case", "Този случай", "Ez az eset", "Denne sag", "Ovaj slučaj", "Цей випадок"}},
    {Text::ThisCustomer,
     {"This customer", "Този клиент", "Ez az ügyfél", "Denne kunde", "Ovaj kupac", "Цей клієнт"}},
    {Text::Sending,
     {"sending…", "изпраща се…", "küldés…", "sender…", "šalje se…", "надсилається…"}},
    {Text::StillSending,
     {"Some lines are still sending", "Някои редове още се изпращат", "Néhány sor küldése még folyamatban", "Nogle linjer sendes stadig", "Neki redovi se još šalju", "Деякі рядки ще надсилаються"}},
    {Text::UnsentQuestion,
     {"You typed something that is not sent or saved:", "Въвели сте нещо, което не е изпратено или запазено:", "Van beírt szöveg, amelyet nem küldött el vagy mentett:", "Du har skrevet noget, der ikke er sendt eller gemt:", "Uneli ste nešto što nije poslato ni sačuvano:", "Ви ввели щось, що не надіслано і не збережено:"}},
    {Text::UnsentLine,
     {"Reply", "Отговор", "Válasz", "Svar", "Odgovor", "Відповідь"}},
    {Text::UnsentComment,
     {"Comment", "Коментар", "Megjegyzés", "Kommentar", "Komentar", "Коментар"}},
    {Text::UnsentRequestFields,
     {"Changes to the request", "Промени в заявката", "A kérés módosításai", "Ændringer i anmodningen", "Izmene zahteva", "Зміни в запиті"}},
    {Text::SendAndSave,
     {"Send and save it", "Изпрати и запази", "Küldés és mentés", "Send og gem det", "Pošalji i sačuvaj", "Надіслати і зберегти"}},
    {Text::DiscardTyped,
     {"Discard it", "Откажи го", "Elvetés", "Kassér det", "Odbaci", "Відкинути"}},
    {Text::SendingBeforeClose,
     {"Sending and saving what you typed; the interaction closes once it has arrived…", "Изпращане и запазване на въведеното; взаимодействието ще се затвори, щом пристигне…", "A beírt szöveg küldése és mentése; az interakció a megérkezése után lezárul…", "Det, du skrev, sendes og gemmes; der lukkes, når det er nået frem…", "Šalje se i čuva ono što ste uneli; interakcija se zatvara kada stigne…", "Надсилання і збереження введеного; взаємодія закриється, щойно воно надійде…"}},
    {Text::NotSentBeforeClose,
     {"Not everything was sent or saved; nothing was closed", "Не всичко беше изпратено или запазено; нищо не е затворено", "Nem minden lett elküldve vagy mentve; semmi sem zárult le", "Ikke alt blev sendt eller gemt; intet blev lukket", "Nije sve poslato ni sačuvano; ništa nije zatvoreno", "Не все надіслано чи збережено; нічого не закрито"}},
    {Text::ProblemNoAnswer,
     {"The server cannot be reached; it will be tried again", "Сървърът е недостъпен; ще опитаме отново", "A szerver nem érhető el; újra megpróbáljuk", "Serveren kan ikke nås; vi prøver igen", "Server nije dostupan; pokušaćemo ponovo", "Сервер недоступний; спробуємо ще раз"}},
    {Text::ProblemTooManyRequests,
     {"Too many attempts; wait a moment", "Твърде много опити; изчакайте малко", "Túl sok próbálkozás; várjon egy kicsit", "For mange forsøg; vent et øjeblik", "Previše pokušaja; sačekajte trenutak", "Забагато спроб; зачекайте трохи"}},
    {Text::ProblemServer,
     {"The server could not do it; try again", "Сървърът не успя; опитайте отново", "A szerver nem tudta végrehajtani; próbálja újra", "Serveren kunne ikke gøre det; prøv igen", "Server nije uspeo; pokušajte ponovo", "Сервер не зміг це виконати; спробуйте ще раз"}},
    {Text::ProblemGone,
     {"It no longer exists", "Вече не съществува", "Már nem létezik", "Findes ikke længere", "Više ne postoji", "Більше не існує"}},
    {Text::ProblemForbidden,
     {"You may not do this", "Нямате право на това", "Ezt nem teheti meg", "Det må du ikke", "Ovo vam nije dozvoljeno", "Вам це не дозволено"}},
    {Text::ProblemMissing,
     {"{field}: missing", "{field}: липсва", "{field}: hiányzik", "{field}: mangler", "{field}: nedostaje", "{field}: відсутнє"}},
    {Text::ProblemTooLong,
     {"{field}: at most {n} characters", "{field}: най-много {n} знака", "{field}: legfeljebb {n} karakter", "{field}: højst {n} tegn", "{field}: najviše {n} znakova", "{field}: щонайбільше {n} символів"}},
    {Text::ProblemTooManyItems,
     {"{field}: too many", "{field}: твърде много", "{field}: túl sok", "{field}: for mange", "{field}: previše", "{field}: забагато"}},
    {Text::ProblemEmpty,
     {"{field}: write something first", "{field}: първо напишете нещо", "{field}: előbb írjon valamit", "{field}: skriv noget først", "{field}: prvo nešto napišite", "{field}: спершу щось напишіть"}},
    {Text::ProblemInvalid,
     {"{field}: not valid", "{field}: невалидно", "{field}: érvénytelen", "{field}: ugyldig", "{field}: nije ispravno", "{field}: недійсне"}},
    {Text::ProblemDuplicate,
     {"{field}: already there", "{field}: вече е добавено", "{field}: már szerepel", "{field}: findes allerede", "{field}: već postoji", "{field}: вже є"}},
    {Text::ProblemConflict,
     {"{field}: changed by someone else meanwhile", "{field}: междувременно е променено от друг", "{field}: közben más módosította", "{field}: ændret af en anden i mellemtiden", "{field}: u međuvremenu ga je promenio neko drugi", "{field}: тим часом змінено кимось іншим"}},
    {Text::ProblemNotAllowed,
     {"Not possible now", "Не е възможно сега", "Most nem lehetséges", "Ikke muligt nu", "Trenutno nije moguće", "Зараз неможливо"}},
    {Text::ProblemMalformed,
     {"The request was damaged on the way; try again", "Заявката се повреди по пътя; опитайте отново", "A kérés megsérült útközben; próbálja újra", "Forespørgslen blev beskadiget undervejs; prøv igen", "Zahtev je oštećen usput; pokušajte ponovo", "Запит пошкоджено дорогою; спробуйте ще раз"}},
    {Text::FieldMessage,
     {"Message", "Съобщение", "Üzenet", "Besked", "Poruka", "Повідомлення"}},
    {Text::FieldTag,
     {"Tag", "Етикет", "Címke", "Tag", "Oznaka", "Тег"}},
    {Text::ProblemEmailInvalid,
     {"{field}: an address needs an '@', as in name@example.com", "{field}: адресът трябва да съдържа '@', напр. name@example.com", "{field}: a címben kell '@', pl. name@example.com", "{field}: en adresse skal have '@', fx name@example.com", "{field}: adresa mora imati '@', npr. name@example.com", "{field}: адреса має містити '@', напр. name@example.com"}},
    {Text::ProblemPhoneInvalid,
     {"{field}: at least 6 digits", "{field}: поне 6 цифри", "{field}: legalább 6 számjegy", "{field}: mindst 6 cifre", "{field}: najmanje 6 cifara", "{field}: щонайменше 6 цифр"}},
    {Text::AgentName,
     {"Agent", "Агент", "Ügyintéző", "Agent", "Agent", "Агент"}},
    {Text::Offline,
     {"Offline", "Офлайн", "Offline", "Offline", "Van mreže", "Не в мережі"}},
    {Text::Tasks,
     {"Tasks", "Задачи", "Feladatok", "Opgaver", "Zadaci", "Завдання"}},
    {Text::InStateFor,
     {"In state for", "Време в състоянието", "Idő az állapotban", "Tid i status", "Vreme u stanju", "Час у стані"}},
    {Text::AverageHandleTime,
     {"Avg. handle time", "Ср. време за обработка", "Átl. kezelési idő", "Gns. behandlingstid", "Prosečno vreme obrade", "Сер. час обробки"}},
    {Text::ServiceLevel,
     {"Service level", "Ниво на обслужване", "Szolgáltatási szint", "Serviceniveau", "Nivo usluge", "Рівень обслуговування"}},
    {Text::ServiceLevelHint,
     {"Share of tasks accepted within the queue's wait target since the shift began (waits already past it count too)", "Дял на задачите, приети в рамките на целевото чакане на опашката от началото на смяната (чакащите над него също се броят)", "A műszak kezdete óta a sor várakozási célján belül elfogadott feladatok aránya (a már túllépő várakozások is számítanak)", "Andel af opgaver taget inden for køens ventemål siden vagtens start (ventende, der allerede er over, tæller med)", "Udeo zadataka prihvaćenih u okviru ciljnog čekanja reda od početka smene (čekanja koja su ga već prešla se takođe broje)", "Частка завдань, прийнятих у межах цільового очікування черги від початку зміни (очікування, що вже перевищили його, теж рахуються)"}},
    {Text::Target,
     {"Target", "Цел", "Cél", "Mål", "Cilj", "Ціль"}},
    {Text::TargetHint,
     {"Now against the queue's targets: longest wait and how many may wait", "Сега спрямо целите на опашката: най-дълго чакане и колко могат да чакат", "Most a sor céljaihoz mérve: leghosszabb várakozás és hányan várakozhatnak", "Nu i forhold til køens mål: længste ventetid og hvor mange der må vente", "Sada u odnosu na ciljeve reda: najduže čekanje i koliko njih sme da čeka", "Зараз відносно цілей черги: найдовше очікування і скільки можуть чекати"}},
    {Text::OnTarget,
     {"On target", "В целта", "Célon belül", "Inden for mål", "U okviru cilja", "У межах цілі"}},
    {Text::NearTarget,
     {"Near target", "Близо до целта", "Cél közelében", "Nær målet", "Blizu cilja", "Близько до цілі"}},
    {Text::OverTarget,
     {"Over target", "Над целта", "Cél felett", "Over målet", "Preko cilja", "Понад ціль"}},
    {Text::FloorChart,
     {"Waiting and in progress, last hour", "Чакащи и в процес, последния час", "Várakozó és folyamatban, utolsó óra", "Venter og i gang, seneste time", "Čeka i u toku, poslednji sat", "Очікують і в роботі, остання година"}},
    {Text::HourAgo,
     {"1 h ago", "преди 1 ч", "1 órája", "for 1 t siden", "pre 1 h", "1 год тому"}},
    {Text::Now,
     {"now", "сега", "most", "nu", "sada", "зараз"}},
    {Text::MenuView,
     {"View", "Изглед", "Nézet", "Vis", "Prikaz", "Вигляд"}},
    {Text::ZoomIn,
     {"Zoom in", "Увеличаване", "Nagyítás", "Zoom ind", "Uvećaj", "Збільшити"}},
    {Text::ZoomOut,
     {"Zoom out", "Намаляване", "Kicsinyítés", "Zoom ud", "Umanji", "Зменшити"}},
    {Text::ZoomReset,
     {"Actual size", "Реален размер", "Eredeti méret", "Faktisk størrelse", "Stvarna veličina", "Фактичний розмір"}},
    {Text::HighContrast,
     {"High contrast", "Висок контраст", "Nagy kontraszt", "Høj kontrast", "Visok kontrast", "Висока контрастність"}},
    {Text::MenuKeyboard,
     {"Keyboard shortcuts", "Клавишни комбинации", "Billentyűparancsok", "Tastaturgenveje", "Prečice na tastaturi", "Клавіатурні скорочення"}},
    {Text::KeyNextPane,
     {"Next / previous pane", "Следващ / предишен панел", "Következő / előző panel", "Næste / forrige rude", "Sledeći / prethodni panel", "Наступна / попередня панель"}},
    {Text::KeyNextControl,
     {"Next / previous control", "Следваща / предишна контрола", "Következő / előző vezérlő", "Næste / forrige kontrol", "Sledeća / prethodna kontrola", "Наступний / попередній елемент"}},
    {Text::KeyArrows,
     {"Move in lists, tabs and menus", "Движение в списъци, раздели и менюта", "Mozgás listákban, lapokon és menükben", "Flyt i lister, faner og menuer", "Kretanje kroz liste, kartice i menije", "Рух у списках, вкладках і меню"}},
    {Text::KeyPress,
     {"Press the focused control", "Натискане на избраната контрола", "A kijelölt vezérlő megnyomása", "Tryk på kontrollen i fokus", "Pritisni izabranu kontrolu", "Натиснути вибраний елемент"}},
    {Text::KeyEscape,
     {"Close a dialog, menu or the palette", "Затваряне на диалог, меню или палитрата", "Párbeszédablak, menü vagy paletta bezárása", "Luk en dialog, en menu eller paletten", "Zatvori dijalog, meni ili paletu", "Закрити діалог, меню або палітру"}},
    {Text::KeyPalette,
     {"Command palette", "Палитра с команди", "Parancspaletta", "Kommandopalet", "Paleta komandi", "Палітра команд"}},
    {Text::KeyNotReady,
     {"Not Ready, choosing a reason", "Не е готов, с избор на причина", "Nem kész, ok választásával", "Ikke klar, med valg af årsag", "Nije spreman, uz izbor razloga", "Не готовий, з вибором причини"}},
    {Text::KeyAcceptOffer,
     {"Accept the offer", "Приемане на предложението", "Az ajánlat elfogadása", "Accepter tilbuddet", "Prihvati ponudu", "Прийняти пропозицію"}},
    {Text::KeyDeclineOffer,
     {"Decline the offer", "Отказ от предложението", "Az ajánlat elutasítása", "Afvis tilbuddet", "Odbij ponudu", "Відхилити пропозицію"}},
    {Text::KeyCloseTask,
     {"Close the task", "Затваряне на задачата", "A feladat lezárása", "Luk opgaven", "Zatvori zadatak", "Закрити завдання"}},
    {Text::KeyNextTask,
     {"Next / previous task in hand", "Следваща / предишна задача в работа", "Következő / előző folyamatban lévő feladat", "Næste / forrige opgave i gang", "Sledeći / prethodni zadatak u radu", "Наступне / попереднє завдання в роботі"}},
    {Text::KeyDetailsTabs,
     {"Details tabs", "Раздели с подробности", "Részletek lapjai", "Faner med detaljer", "Kartice sa detaljima", "Вкладки з подробицями"}},
    {Text::KeyZoom,
     {"Zoom in / out / actual size", "Увеличаване / намаляване / реален размер", "Nagyítás / kicsinyítés / eredeti méret", "Zoom ind / ud / faktisk størrelse", "Uvećaj / umanji / stvarna veličina", "Збільшити / зменшити / фактичний розмір"}},
    {Text::KeyMenuBar,
     {"The menu bar", "Лентата с менюта", "A menüsor", "Menulinjen", "Traka sa menijima", "Рядок меню"}},
    {Text::KeyHelp,
     {"This list", "Този списък", "Ez a lista", "Denne liste", "Ova lista", "Цей список"}},
    {Text::MessageField,
     {"Message", "Съобщение", "Üzenet", "Besked", "Poruka", "Повідомлення"}},
    {Text::OfferAnnounced,
     {"%s offered: %s", "Предложение – %s: %s", "Felajánlva – %s: %s", "%s tilbudt: %s", "Ponuđeno – %s: %s", "Пропозиція – %s: %s"}},
    {Text::OfferTimeLeft,
     {"Offer: %d seconds left", "Предложение: остават %d секунди", "Ajánlat: még %d másodperc", "Tilbud: %d sekunder tilbage", "Ponuda: još %d sekundi", "Пропозиція: залишилось %d секунд"}},
    {Text::CustomerSaid,
     {"%s says: %s", "%s пише: %s", "%s írja: %s", "%s skriver: %s", "%s piše: %s", "%s пише: %s"}},
    {Text::MainMenu,
     {"Main menu", "Главно меню", "Főmenü", "Hovedmenu", "Glavni meni", "Головне меню"}},
    {Text::CustomerRating,
     {"Customer rating: %d / 5", "Оценка от клиента: %d / 5", "Ügyfélértékelés: %d / 5",
      "Kundens bedømmelse: %d / 5", "Ocena korisnika: %d / 5", "Оцінка клієнта: %d / 5"}},
    {Text::RatingColumn,
     {"Rating", "Оценка", "Értékelés", "Bedømmelse", "Ocena", "Оцінка"}},
    {Text::RatingHint,
     {"Customers' ratings of this queue's chats since the shift began: the average of 1–5, and how many rated",
      "Оценките на клиентите за чатовете в тази опашка от началото на смяната: средно от 1 до 5 и колко са оценили",
      "Az ügyfelek értékelései a sor csevegéseiről a műszak kezdete óta: az 1–5 átlaga, és hányan értékeltek",
      "Kundernes bedømmelser af køens chats siden vagtens start: gennemsnittet af 1–5, og hvor mange der bedømte",
      "Ocene korisnika za četove ovog reda od početka smene: prosek od 1 do 5 i koliko ih je ocenilo",
      "Оцінки клієнтів для чатів цієї черги від початку зміни: середнє від 1 до 5 і скільки оцінили"}},
    {Text::AttachFile,
     {"Attach", "Прикачи", "Csatolás", "Vedhæft", "Priloži", "Прикріпити"}},
    {Text::AttachHint,
     {"Send a file: images, PDF, text, CSV or office files. You can also drop or paste one here.",
      "Изпратете файл: изображения, PDF, текст, CSV или офис файлове. Може и да го пуснете или поставите тук.",
      "Fájl küldése: képek, PDF, szöveg, CSV vagy irodai fájlok. Ide is húzhatja vagy beillesztheti.",
      "Send en fil: billeder, PDF, tekst, CSV eller kontorfiler. Du kan også slippe eller indsætte en her.",
      "Pošaljite fajl: slike, PDF, tekst, CSV ili kancelarijski fajlovi. Možete ga i prevući ili nalepiti ovde.",
      "Надішліть файл: зображення, PDF, текст, CSV або офісні файли. Його можна також перетягнути чи вставити сюди."}},
    {Text::FilesForReply,
     {"Goes with your reply:", "Ще бъде изпратено с отговора:", "A válasszal megy:", "Sendes med dit svar:",
      "Ide uz vaš odgovor:", "Піде з вашою відповіддю:"}},
    {Text::OpenAttachment,
     {"Download the file", "Изтегли файла", "A fájl letöltése", "Hent filen", "Preuzmi fajl",
      "Завантажити файл"}},
    {Text::AttachmentFailed,
     {"%s was not sent: %s", "%s не беше изпратен: %s", "%s nem ment el: %s", "%s blev ikke sendt: %s",
      "%s nije poslat: %s", "%s не надіслано: %s"}},
};
// clang-format on

constexpr size_t kTextCount = static_cast<size_t>(Text::Count);
static_assert(sizeof kRows / sizeof kRows[0] == kTextCount, "every Text needs a row");

constexpr bool rows_in_order() {
  for (size_t i = 0; i < kTextCount; ++i) {
    if (static_cast<size_t>(kRows[i].key) != i) return false;
  }
  return true;
}
static_assert(rows_in_order(), "rows follow enum Text's order");

size_t column(Language language) {
  switch (language) {
    case Language::Bulgarian:
      return 1;
    case Language::Hungarian:
      return 2;
    case Language::Danish:
      return 3;
    case Language::Serbian:
      return 4;
    case Language::Ukrainian:
      return 5;
    case Language::English:
      break;
  }
  return 0;
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
  return tr_in(text, current);
}

const char* tr_in(Text text, Language language) {
  const Row& row = kRows[static_cast<size_t>(text)];
  const char* word = row.words[column(language)];
  return word ? word : row.words[0];
}

std::function<int(long long)>& time_zone() {
  static std::function<int(long long)> offset = [](long long) { return 0; };
  return offset;
}

void set_time_zone(std::function<int(long long)> offset_minutes) {
  time_zone() = std::move(offset_minutes);
}

int utc_offset_minutes(long long unix_ms) {
  return time_zone()(unix_ms);
}

}  // namespace care::client::i18n
