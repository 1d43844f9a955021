// The help portal and chat widget (R-H1). Everything the customer or the server
// wrote is put on the page with textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const ACTIONS_KEY = 'care-portal-actions';
const CHAT_KEY = 'care-chat';
const LANGUAGE_KEY = 'care-portal-language';

// --- The visitor's language: the six the product speaks (R-J2) ----------------------
// Plural forms follow Intl.PluralRules' categories (one, few, many, other).
const TEXTS = {
  en: {
    title: 'Help centre', skip: 'Skip to content', language: 'Language',
    searchLabel: 'Search the help centre', searchPlaceholder: 'Search articles', search: 'Search',
    homeHeading: 'How can we help?', categories: 'Categories', popular: 'Popular articles',
    articles: { one: '{n} article', other: '{n} articles' },
    empty: 'There are no articles in this language yet.',
    resultsFor: 'Search results for “{q}”', noResults: 'No articles match. Chat with us below.',
    failed: 'Something went wrong: {error}', notFound: 'This article does not exist.',
    breadcrumb: 'Breadcrumb', more: 'More in this category',
    chat: 'Chat', chatWithUs: 'Chat with us', closeChat: 'Close the chat',
    name: 'Name', email: 'Email', question: 'Question', startChat: 'Start chat',
    waiting: 'Waiting for an agent…', place: 'You are number {n} in the queue',
    next: 'You are next in the queue', agentHere: '{agent} is here to help',
    typing: 'The agent is typing…', writeMessage: 'Write a message', message: 'Message',
    send: 'Send', ended: 'The agent ended the chat. Thank you!', chatEnded: 'Chat ended',
    lost: 'Connection lost.', you: 'You',
    messages: 'Messages', newChat: 'Start a new chat', nameMissing: 'Enter your name.',
    emailMissing: 'Enter your email address.', emailInvalid: 'Enter an email address like name@example.com.',
    questionMissing: 'Tell us what you need help with.',
    rateHeading: 'How did we do?', rate1: '1 · Very poor', rate2: '2 · Poor', rate3: '3 · OK', rate4: '4 · Good', rate5: '5 · Excellent',
    rateComment: 'Anything to add? (optional)', rateSend: 'Send rating', rateMissing: 'Choose a score from 1 to 5.', rated: 'Thank you for your rating!',
    attach: 'Attach a file', attachHint: 'Images, PDF, text, CSV or office files; drop or paste them here too',
    transferring: 'Transferring you to {to}…',
  },
  bg: {
    title: 'Център за помощ', skip: 'Към съдържанието', language: 'Език',
    searchLabel: 'Търсене в центъра за помощ', searchPlaceholder: 'Търсене на статии', search: 'Търси',
    homeHeading: 'С какво можем да помогнем?', categories: 'Категории', popular: 'Популярни статии',
    articles: { one: '{n} статия', other: '{n} статии' },
    empty: 'Все още няма статии на този език.',
    resultsFor: 'Резултати за „{q}“', noResults: 'Няма подходящи статии. Пишете ни в чата по-долу.',
    failed: 'Нещо се обърка: {error}', notFound: 'Тази статия не съществува.',
    breadcrumb: 'Навигационна пътека', more: 'Още в тази категория',
    chat: 'Чат', chatWithUs: 'Пишете ни', closeChat: 'Затваряне на чата',
    name: 'Име', email: 'Имейл', question: 'Въпрос', startChat: 'Започни чат',
    waiting: 'Изчакване на служител…', place: 'Вие сте номер {n} на опашката',
    next: 'Вие сте следващи на опашката', agentHere: '{agent} ще ви помогне',
    typing: 'Служителят пише…', writeMessage: 'Напишете съобщение', message: 'Съобщение',
    send: 'Изпрати', ended: 'Служителят приключи чата. Благодарим ви!', chatEnded: 'Чатът приключи',
    lost: 'Връзката прекъсна.', you: 'Вие',
    messages: 'Съобщения', newChat: 'Започни нов чат', nameMissing: 'Въведете името си.',
    emailMissing: 'Въведете имейл адреса си.', emailInvalid: 'Въведете имейл адрес като name@example.com.',
    questionMissing: 'Напишете с какво да ви помогнем.',
    rateHeading: 'Как се справихме?', rate1: '1 · Много зле', rate2: '2 · Зле', rate3: '3 · Добре', rate4: '4 · Много добре', rate5: '5 · Отлично',
    rateComment: 'Искате ли да добавите нещо? (по желание)', rateSend: 'Изпрати оценката', rateMissing: 'Изберете оценка от 1 до 5.', rated: 'Благодарим за оценката!',
    attach: 'Прикачи файл', attachHint: 'Изображения, PDF, текст, CSV или офис файлове; може и да ги пуснете или поставите тук',
    transferring: 'Прехвърляме ви към {to}…',
  },
  hu: {
    title: 'Súgóközpont', skip: 'Ugrás a tartalomhoz', language: 'Nyelv',
    searchLabel: 'Keresés a súgóközpontban', searchPlaceholder: 'Cikkek keresése', search: 'Keresés',
    homeHeading: 'Miben segíthetünk?', categories: 'Kategóriák', popular: 'Népszerű cikkek',
    articles: { other: '{n} cikk' },
    empty: 'Ezen a nyelven még nincsenek cikkek.',
    resultsFor: 'Találatok erre: „{q}”', noResults: 'Nincs találat. Írjon nekünk lent a csevegőben.',
    failed: 'Hiba történt: {error}', notFound: 'Ez a cikk nem létezik.',
    breadcrumb: 'Navigációs útvonal', more: 'Továbbiak ebben a kategóriában',
    chat: 'Csevegés', chatWithUs: 'Csevegjen velünk', closeChat: 'A csevegés bezárása',
    name: 'Név', email: 'E-mail', question: 'Kérdés', startChat: 'Csevegés indítása',
    waiting: 'Várakozás egy munkatársra…', place: 'Az Ön helye a sorban: {n}.',
    next: 'Ön következik a sorban', agentHere: '{agent} segít Önnek',
    typing: 'A munkatárs ír…', writeMessage: 'Írjon üzenetet', message: 'Üzenet',
    send: 'Küldés', ended: 'A munkatárs lezárta a csevegést. Köszönjük!', chatEnded: 'A csevegés véget ért',
    lost: 'Megszakadt a kapcsolat.', you: 'Ön',
    messages: 'Üzenetek', newChat: 'Új csevegés indítása', nameMissing: 'Adja meg a nevét.',
    emailMissing: 'Adja meg az e-mail-címét.', emailInvalid: 'Adjon meg egy e-mail-címet, például: name@example.com.',
    questionMissing: 'Írja le, miben segíthetünk.',
    rateHeading: 'Hogyan segítettünk?', rate1: '1 · Nagyon rossz', rate2: '2 · Rossz', rate3: '3 · Elfogadható', rate4: '4 · Jó', rate5: '5 · Kiváló',
    rateComment: 'Szeretne még valamit hozzáfűzni? (nem kötelező)', rateSend: 'Értékelés küldése', rateMissing: 'Válasszon 1 és 5 közötti értéket.', rated: 'Köszönjük az értékelését!',
    attach: 'Fájl csatolása', attachHint: 'Képek, PDF, szöveg, CSV vagy irodai fájlok; ide is húzhatja vagy beillesztheti őket',
    transferring: 'Átirányítjuk ide: {to}…',
  },
  da: {
    title: 'Hjælpecenter', skip: 'Gå til indholdet', language: 'Sprog',
    searchLabel: 'Søg i hjælpecentret', searchPlaceholder: 'Søg i artikler', search: 'Søg',
    homeHeading: 'Hvordan kan vi hjælpe?', categories: 'Kategorier', popular: 'Populære artikler',
    articles: { one: '{n} artikel', other: '{n} artikler' },
    empty: 'Der er endnu ingen artikler på dette sprog.',
    resultsFor: 'Søgeresultater for “{q}”', noResults: 'Ingen artikler passer. Chat med os nedenfor.',
    failed: 'Noget gik galt: {error}', notFound: 'Denne artikel findes ikke.',
    breadcrumb: 'Brødkrummesti', more: 'Mere i denne kategori',
    chat: 'Chat', chatWithUs: 'Chat med os', closeChat: 'Luk chatten',
    name: 'Navn', email: 'E-mail', question: 'Spørgsmål', startChat: 'Start chat',
    waiting: 'Venter på en medarbejder…', place: 'Du er nummer {n} i køen',
    next: 'Du er den næste i køen', agentHere: '{agent} hjælper dig',
    typing: 'Medarbejderen skriver…', writeMessage: 'Skriv en besked', message: 'Besked',
    send: 'Send', ended: 'Medarbejderen afsluttede chatten. Tak!', chatEnded: 'Chatten er afsluttet',
    lost: 'Forbindelsen blev afbrudt.', you: 'Dig',
    messages: 'Beskeder', newChat: 'Start en ny chat', nameMissing: 'Skriv dit navn.',
    emailMissing: 'Skriv din e-mailadresse.', emailInvalid: 'Skriv en e-mailadresse som navn@example.com.',
    questionMissing: 'Fortæl os, hvad du har brug for hjælp til.',
    rateHeading: 'Hvordan klarede vi det?', rate1: '1 · Meget dårligt', rate2: '2 · Dårligt', rate3: '3 · OK', rate4: '4 · Godt', rate5: '5 · Fremragende',
    rateComment: 'Noget at tilføje? (valgfrit)', rateSend: 'Send bedømmelse', rateMissing: 'Vælg en karakter fra 1 til 5.', rated: 'Tak for din bedømmelse!',
    attach: 'Vedhæft en fil', attachHint: 'Billeder, PDF, tekst, CSV eller kontorfiler; du kan også trække eller indsætte dem her',
    transferring: 'Vi overfører dig til {to}…',
  },
  'sr-Latn': {
    title: 'Centar za pomoć', skip: 'Pređi na sadržaj', language: 'Jezik',
    searchLabel: 'Pretraga centra za pomoć', searchPlaceholder: 'Pretražite članke', search: 'Traži',
    homeHeading: 'Kako možemo da pomognemo?', categories: 'Kategorije', popular: 'Popularni članci',
    articles: { one: '{n} članak', few: '{n} članka', other: '{n} članaka' },
    empty: 'Još nema članaka na ovom jeziku.',
    resultsFor: 'Rezultati pretrage za „{q}”', noResults: 'Nema odgovarajućih članaka. Pišite nam u četu ispod.',
    failed: 'Nešto nije u redu: {error}', notFound: 'Ovaj članak ne postoji.',
    breadcrumb: 'Putanja', more: 'Još u ovoj kategoriji',
    chat: 'Čet', chatWithUs: 'Pišite nam', closeChat: 'Zatvori čet',
    name: 'Ime', email: 'E-pošta', question: 'Pitanje', startChat: 'Započni čet',
    waiting: 'Čeka se operater…', place: 'Vaše mesto u redu čekanja: {n}.',
    next: 'Vi ste sledeći u redu čekanja', agentHere: '{agent} će vam pomoći',
    typing: 'Operater piše…', writeMessage: 'Napišite poruku', message: 'Poruka',
    send: 'Pošalji', ended: 'Operater je završio čet. Hvala!', chatEnded: 'Čet je završen',
    lost: 'Veza je prekinuta.', you: 'Vi',
    messages: 'Poruke', newChat: 'Započni novi čet', nameMissing: 'Unesite svoje ime.',
    emailMissing: 'Unesite svoju adresu e-pošte.', emailInvalid: 'Unesite adresu e-pošte kao ime@example.com.',
    questionMissing: 'Napišite s čime vam treba pomoć.',
    rateHeading: 'Kako smo vam pomogli?', rate1: '1 · Veoma loše', rate2: '2 · Loše', rate3: '3 · U redu', rate4: '4 · Dobro', rate5: '5 · Odlično',
    rateComment: 'Želite li nešto da dodate? (nije obavezno)', rateSend: 'Pošalji ocenu', rateMissing: 'Izaberite ocenu od 1 do 5.', rated: 'Hvala na oceni!',
    attach: 'Priloži fajl', attachHint: 'Slike, PDF, tekst, CSV ili kancelarijski fajlovi; možete ih i prevući ili nalepiti ovde',
    transferring: 'Prebacujemo vas na {to}…',
  },
  uk: {
    title: 'Центр допомоги', skip: 'Перейти до вмісту', language: 'Мова',
    searchLabel: 'Пошук у центрі допомоги', searchPlaceholder: 'Пошук статей', search: 'Шукати',
    homeHeading: 'Чим ми можемо допомогти?', categories: 'Категорії', popular: 'Популярні статті',
    articles: { one: '{n} стаття', few: '{n} статті', many: '{n} статей', other: '{n} статті' },
    empty: 'Ще немає статей цією мовою.',
    resultsFor: 'Результати пошуку «{q}»', noResults: 'Немає відповідних статей. Напишіть нам у чат нижче.',
    failed: 'Щось пішло не так: {error}', notFound: 'Такої статті не існує.',
    breadcrumb: 'Навігаційний ланцюжок', more: 'Ще в цій категорії',
    chat: 'Чат', chatWithUs: 'Напишіть нам', closeChat: 'Закрити чат',
    name: "Ім'я", email: 'Електронна пошта', question: 'Питання', startChat: 'Почати чат',
    waiting: 'Очікування оператора…', place: 'Ваше місце в черзі: {n}.',
    next: 'Ви наступні в черзі', agentHere: '{agent} допоможе вам',
    typing: 'Оператор друкує…', writeMessage: 'Напишіть повідомлення', message: 'Повідомлення',
    send: 'Надіслати', ended: 'Оператор завершив чат. Дякуємо!', chatEnded: 'Чат завершено',
    lost: "З'єднання втрачено.", you: 'Ви',
    messages: 'Повідомлення', newChat: 'Почати новий чат', nameMissing: "Введіть своє ім'я.",
    emailMissing: 'Введіть свою електронну адресу.', emailInvalid: 'Введіть електронну адресу, наприклад name@example.com.',
    questionMissing: 'Напишіть, із чим вам потрібна допомога.',
    rateHeading: 'Як ми впоралися?', rate1: '1 · Дуже погано', rate2: '2 · Погано', rate3: '3 · Нормально', rate4: '4 · Добре', rate5: '5 · Відмінно',
    rateComment: 'Бажаєте щось додати? (необов’язково)', rateSend: 'Надіслати оцінку', rateMissing: 'Оберіть оцінку від 1 до 5.', rated: 'Дякуємо за оцінку!',
    attach: 'Прикріпити файл', attachHint: 'Зображення, PDF, текст, CSV або офісні файли; їх можна також перетягнути чи вставити сюди',
    transferring: 'Переводимо вас до {to}…',
  },
};
const LANGUAGES = Object.keys(TEXTS);

// The first of the browser's languages the portal speaks: "da-DK" → da, any Serbian
// → sr-Latn (the product's Serbian is Latin script); English when none matches.
function browserLanguage() {
  for (const tag of navigator.languages?.length ? navigator.languages : [navigator.language || '']) {
    const lower = tag.toLowerCase();
    const exact = LANGUAGES.find((code) => code.toLowerCase() === lower);
    if (exact) return exact;
    const primary = lower.split('-')[0];
    if (primary === 'sr') return 'sr-Latn';
    if (TEXTS[primary]) return primary;
  }
  return 'en';
}

let language = TEXTS[localStorage.getItem(LANGUAGE_KEY)] ? localStorage.getItem(LANGUAGE_KEY) : browserLanguage();

function t(key, values = {}) {
  let text = TEXTS[language][key] ?? TEXTS.en[key];
  if (typeof text === 'object') {  // plural forms, by values.n
    const form = new Intl.PluralRules(language).select(values.n);
    text = text[form] ?? text.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The page's own words in the visitor's language.
function applyLanguage() {
  document.documentElement.lang = language;
  $('language').value = language;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const time of document.querySelectorAll('#transcript time')) time.textContent = clock(new Date(time.dateTime));
  renderChatStatus();
  renderSurveyProblems();
}

// --- Self-service actions: pages visited, searches, articles viewed (R-F2) ---------
// kind: visited_page, searched, article_viewed (the names the server's codec takes).
function recordAction(kind, detail) {
  const actions = JSON.parse(sessionStorage.getItem(ACTIONS_KEY) || '[]');
  actions.push({ kind, detail: String(detail).slice(0, 500), at: new Date().toISOString() });
  sessionStorage.setItem(ACTIONS_KEY, JSON.stringify(actions.slice(-50)));
}

function visitorDetails() {
  const ua = navigator.userAgent;
  const browser = /Firefox\/\d+/.exec(ua)?.[0] || /(Edg|Chrome|Chromium)\/\d+/.exec(ua)?.[0] ||
    /Version\/\d+.*Safari/.test(ua) && 'Safari' || 'unknown';
  const os = /Windows NT [\d.]+/.exec(ua)?.[0] || /Android [\d.]+/.exec(ua)?.[0] ||
    /iPhone OS [\d_]+/.exec(ua)?.[0] || /Mac OS X [\d_]+/.exec(ua)?.[0] || /Linux/.exec(ua)?.[0] || 'unknown';
  return {
    authenticated: false,  // the portal has no customer sign-in yet
    browser: browser.replace('/', ' '),
    operating_system: os.replace(/_/g, '.'),
    language: navigator.language || '',
    // The browser knows no place; its time zone ("Europe/Sofia") is the honest hint.
    location: Intl.DateTimeFormat().resolvedOptions().timeZone || '',
  };
}

async function getJson(url, options = {}) {
  const response = await fetch(url, options);
  const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error?.message || `the server answered ${response.status}`);
    error.status = response.status;
    error.field = body.error?.field;
    throw error;
  }
  return body;
}

// --- The portal's views, one address each ------------------------------------------
// Hash routes keep the page (and a running chat) alive while the customer browses, work
// with back/forward and bookmarks, and need nothing from the server's static files.
const articleHref = (id) => `#/articles/${id}`;
const categoryHref = (lang, name) => `#/categories/${encodeURIComponent(lang)}/${encodeURIComponent(name)}`;
const searchHref = (query) => `#/search/${encodeURIComponent(query)}`;

function parseRoute(hash) {
  try {
    let match;
    if ((match = /^#article-(\d+)$/.exec(hash))) return { redirect: articleHref(match[1]) };  // old share links
    if ((match = /^#\/articles\/(\d+)$/.exec(hash))) return { view: 'article', id: match[1] };
    if ((match = /^#\/categories\/([^/]+)\/(.+)$/.exec(hash))) {
      return { view: 'category', language: decodeURIComponent(match[1]), name: decodeURIComponent(match[2]) };
    }
    if ((match = /^#\/search\/(.*)$/.exec(hash))) return { view: 'search', query: decodeURIComponent(match[1]) };
  } catch {
    // a malformed address: the home page
  }
  return { view: 'home' };
}

let routeNumber = 0;  // a slow answer for a page already left is dropped

function show(view, heading) {
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== view;
  $('page-error').textContent = '';
  document.title = heading ? `${heading} – ${t('title')}` : t('title');
}

// Every list of links on the portal (categories, popular articles, a category's articles,
// search results, related articles) is drawn by this one renderer: each item one link
// with a title and, when there is one, a line under it. `look` names the CSS classes.
const LOOKS = {
  article: { link: 'article-link', title: 'article-link-title', detail: 'article-link-snippet' },
  category: { link: 'category-card', title: 'category-name', detail: 'category-count' },
};

function renderLinks(list, entries, look = LOOKS.article) {
  list.replaceChildren(...entries.map(({ href, title, detail }) => {
    const link = document.createElement('a');
    link.className = look.link;
    link.href = href;
    const name = document.createElement('span');
    name.className = look.title;
    name.textContent = title;
    link.append(name);
    if (detail) {
      const line = document.createElement('span');
      line.className = look.detail;
      line.textContent = detail;
      link.append(line);
    }
    const item = document.createElement('li');
    item.append(link);
    return item;
  }));
}

const articleEntry = (article) => ({ href: articleHref(article.id), title: article.title, detail: article.snippet });

async function showHome(number) {
  show('home');
  const lang = language;
  const [categories, popular] = await Promise.all([
    getJson(`/api/channels/kb/categories?language=${encodeURIComponent(lang)}`),
    getJson(`/api/channels/kb/popular?language=${encodeURIComponent(lang)}&limit=8`),
  ]);
  if (number !== routeNumber) return;
  renderLinks($('categories'), categories.categories.map((category) => ({
    href: categoryHref(lang, category.name), title: category.name, detail: t('articles', { n: category.articles }),
  })), LOOKS.category);
  renderLinks($('popular'), popular.articles.map(articleEntry));
  const empty = popular.articles.length === 0;
  $('home-empty').hidden = !empty;
  $('categories-title').parentElement.hidden = categories.categories.length === 0;
  $('popular-title').parentElement.hidden = empty;
}

async function showCategory(number, route) {
  show('category', route.name);
  $('category-title').textContent = route.name;
  $('category-title').lang = route.language;
  $('category-articles').replaceChildren();
  const { articles } = await getJson(`/api/channels/kb/popular?language=${encodeURIComponent(route.language)}` +
    `&category=${encodeURIComponent(route.name)}&limit=50`);
  if (number !== routeNumber) return;
  $('category-articles').lang = route.language;
  renderLinks($('category-articles'), articles.map(articleEntry));
}

async function showSearch(number, query) {
  const heading = t('resultsFor', { q: query });
  show('results', heading);
  $('results-title').textContent = heading;
  $('search-input').value = query;
  $('results-list').replaceChildren();
  $('results-count').textContent = '';
  const { articles } = await getJson(`/api/channels/kb?q=${encodeURIComponent(query)}`);
  if (number !== routeNumber) return;
  // A status line, read out once the results are in: how many, or where to turn instead.
  $('results-count').textContent = articles.length ? t('articles', { n: articles.length }) : t('noResults');
  renderLinks($('results-list'), articles.map(articleEntry));
}

async function showArticle(number, id) {
  show('article');
  $('article-title').textContent = '';
  $('article-body').textContent = '';
  $('article-crumb').hidden = true;
  $('related').hidden = true;
  let article;
  try {
    ({ article } = await getJson(`/api/channels/kb/${encodeURIComponent(id)}`));
  } catch (error) {
    if (number !== routeNumber) return;
    if (error.status !== 404) throw error;
    $('article-title').textContent = t('notFound');
    document.title = `${t('notFound')} – ${t('title')}`;
    return;
  }
  if (number !== routeNumber) return;
  recordAction('article_viewed', article.title);
  document.title = `${article.title} – ${t('title')}`;
  $('article').lang = article.language;
  $('article-title').textContent = article.title;
  $('article-body').textContent = article.body;
  if (!article.category) return;
  $('article-category').textContent = article.category;
  $('article-category').href = categoryHref(article.language, article.category);
  $('article-crumb').hidden = false;
  const { articles } = await getJson(`/api/channels/kb/popular?language=${encodeURIComponent(article.language)}` +
    `&category=${encodeURIComponent(article.category)}&limit=6`);
  if (number !== routeNumber) return;
  const others = articles.filter((other) => other.id !== article.id);
  renderLinks($('related-list'), others.map((other) => ({ ...articleEntry(other), detail: '' })));
  $('related').hidden = others.length === 0;
}

async function route({ focus = true } = {}) {
  const target = parseRoute(location.hash);
  if (target.redirect) {
    location.replace(target.redirect);
    return;
  }
  const number = ++routeNumber;
  try {
    if (target.view === 'article') await showArticle(number, target.id);
    else if (target.view === 'category') await showCategory(number, target);
    else if (target.view === 'search') await showSearch(number, target.query);
    else await showHome(number);
  } catch (error) {
    if (number === routeNumber) $('page-error').textContent = t('failed', { error: error.message });
  }
  // A new page for screen readers and keyboards: focus goes to its heading.
  if (focus && number === routeNumber) {
    document.querySelector('.view:not([hidden]) h1')?.focus({ preventScroll: false });
  }
}

// --- Chat -------------------------------------------------------------------------
let chat = JSON.parse(sessionStorage.getItem(CHAT_KEY) || 'null');  // {id, token}
let events = null;
let ratedChat = null;  // {id, token} of the chat just ended, until it is rated
let typingTimer = null;
const shownMessages = new Set();
// Where the chat stands, kept so a language switch can say it again.
const chatState = { stage: 'idle', position: null, agent: null };

function clock(date) {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(date);
}

function renderChatStatus() {
  const status = $('chat-status');
  $('chat').dataset.stage = chatState.stage;
  if (chatState.stage === 'waiting') status.textContent = t('waiting');
  else if (chatState.stage === 'with_agent') status.textContent = t('agentHere', { agent: chatState.agent || '' });
  else if (chatState.stage === 'transferring') status.textContent = t('transferring', { to: chatState.to || '' });
  else if (chatState.stage === 'ended') status.textContent = t('chatEnded');
  else status.textContent = t('chatWithUs');
  const place = $('queue-place');
  const waiting = chatState.stage === 'waiting' && chatState.position;
  place.hidden = !waiting;
  if (waiting) {
    place.textContent = chatState.position === 1 ? t('next') : t('place', { n: chatState.position });
  }
}

function setChatState(changes) {
  const before = chatState.stage;
  Object.assign(chatState, changes);
  renderChatStatus();
  // The heading is not read out when it changes: a status line says it (the end of a
  // chat is a line of the transcript, read out there).
  if (chatState.stage !== before && ['waiting', 'with_agent', 'transferring'].includes(chatState.stage)) {
    $('chat-announcer').textContent = $('chat-status').textContent;
  }
}

// Where focus goes in the open widget: the first field of what it shows.
function widgetFocus() {
  if (!$('survey').hidden) return $('survey').elements.name;
  if (!$('composer').hidden) return $('message');
  return $('chat-again');
}

// Opening puts focus in the widget; closing (×, Esc) gives it back to the launcher.
function openWidget(open) {
  $('chat').hidden = !open;
  $('chat-launcher').hidden = open;
  $('chat-launcher').setAttribute('aria-expanded', String(open));
  if (open) widgetFocus().focus();
  else $('chat-launcher').focus();
}

// One line of the transcript: who, what, and when in the visitor's local time.
function addLine(kind, text, { id, at = new Date(), who = '', whoKey = '' } = {}) {
  if (id !== undefined) {
    if (shownMessages.has(id)) return null;  // a replay after reconnecting
    shownMessages.add(id);
  }
  const line = document.createElement('li');
  line.className = kind;
  const body = document.createElement('p');
  body.className = 'text';
  body.textContent = text;
  const meta = document.createElement('p');
  meta.className = 'meta';
  if (who) {
    const author = document.createElement('span');
    author.className = 'who';
    author.textContent = who;
    if (whoKey) author.dataset.i18n = whoKey;  // "You" follows a language switch
    meta.append(author, ' · ');
  }
  const time = document.createElement('time');
  time.dateTime = at.toISOString();
  time.textContent = clock(at);
  time.title = at.toLocaleString(language);
  meta.append(time);
  line.append(body, meta);
  $('transcript').append(line);
  line.scrollIntoView({ block: 'end' });
  return line;
}

function authHeaders() {
  return { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.token}` };
}

// "12 KB": a file's size as people read it.
function fileSize(bytes) {
  const format = (n, unit) => `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n)} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}

// A file in the transcript (issue 18): a download link with its size, and for an image
// a small preview. The server sends every file as a download, so nothing opens as a page.
function attachmentLink(file) {
  const url = `/api/channels/chat/${chat.id}/attachments/${file.id}?token=${encodeURIComponent(chat.token)}`;
  const link = document.createElement('a');
  link.className = 'attachment';
  link.href = url;
  link.download = file.name;
  if (file.type.startsWith('image/')) {
    const preview = document.createElement('img');
    preview.src = url;
    preview.alt = '';
    link.append(preview);
  }
  const label = document.createElement('span');
  label.textContent = `${file.name} (${fileSize(file.size)})`;
  link.append(label);
  return link;
}

function showMessage(message) {
  const customer = message.author === 'customer';
  const line = addLine(customer ? 'inbound' : 'outbound', message.text, {
    id: message.id,
    at: message.at ? new Date(message.at) : new Date(),
    who: customer ? t('you') : message.author_name,
    whoKey: customer ? 'you' : '',
  });
  if (line && message.attachments?.length && chat) {
    const body = line.querySelector('.text');
    body.textContent = '';
    message.attachments.forEach((file) => body.append(attachmentLink(file)));
  }
  if (message.author === 'agent') $('typing').hidden = true;
}

function chatEnded() {
  const typingThere = $('composer').contains(document.activeElement);
  addLine('notice', t('ended'));
  setChatState({ stage: 'ended', position: null });
  $('composer').hidden = true;
  $('typing').hidden = true;
  $('chat-again').hidden = false;
  // The customer is asked to rate the chat they just had (issue 18), once.
  ratedChat = chat;
  $('rating').reset();
  $('rating-error').textContent = '';
  $('rating').hidden = false;
  if (typingThere) $('rating').elements.score[0].focus();  // focus is not lost with the composer
  events?.close();
  sessionStorage.removeItem(CHAT_KEY);
  chat = null;
}

async function rate(event) {
  event.preventDefault();
  const form = $('rating');
  const score = Number(new FormData(form).get('score'));
  if (!score) {
    $('rating-error').textContent = t('rateMissing');
    form.elements.score[0].focus();
    return;
  }
  if (!ratedChat) return;
  try {
    await getJson(`/api/channels/chat/${ratedChat.id}/rating`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ratedChat.token}` },
      body: JSON.stringify({ score, comment: $('rating-comment').value.trim() }),
    });
  } catch (error) {
    // Rated already (from another tab): the first rating stands, and that is fine.
    if (error.status !== 409) {
      $('rating-error').textContent = t('failed', { error: error.message });
      return;
    }
  }
  ratedChat = null;
  form.hidden = true;
  addLine('notice', t('rated'));
  $('chat-again').focus();
}

// Back to the pre-chat survey: after a chat ended, or when the server no longer knows it.
function showSurvey() {
  events?.close();
  events = null;
  ratedChat = null;
  $('rating').hidden = true;
  setChatState({ stage: 'idle', position: null, agent: null });
  $('transcript').replaceChildren();
  shownMessages.clear();
  $('chat-error').textContent = '';
  $('chat-announcer').textContent = '';
  $('survey').elements.question.value = '';  // name and email stay for the next question
  $('survey').hidden = false;
  $('conversation').hidden = true;
  $('composer').hidden = false;
  $('chat-again').hidden = true;
}

// Counts the stream's events that move the chat on, so an answer to loadChatState()
// that was read before one of them cannot take the chat back (an agent who accepts
// while the state is on its way would otherwise be shown as "waiting" again).
let chatEvents = 0;

// Where the chat stands now: asked on every (re)connect; events keep it live after.
async function loadChatState() {
  if (!chat) return;
  const asked = chatEvents;
  try {
    const { chat: state } = await getJson(`/api/channels/chat/${chat.id}`, { headers: authHeaders() });
    if (asked !== chatEvents) return;
    if (state.state === 'ended') chatEnded();
    else setChatState({ stage: state.state, position: state.queue_position, agent: state.agent });
  } catch {
    // the stream's own error handling tells the visitor
  }
}

async function connect() {
  $('survey').hidden = true;
  $('conversation').hidden = false;
  setChatState({ stage: 'waiting' });
  events?.close();
  // The transcript so far (the question, or everything after a reload), then live.
  try {
    const { messages } = await getJson(`/api/channels/chat/${chat.id}/messages`, { headers: authHeaders() });
    messages.forEach(showMessage);
  } catch (error) {
    if (error.status === 404) {  // the chat is gone: start over
      sessionStorage.removeItem(CHAT_KEY);
      chat = null;
      showSurvey();
      return;
    }
  }
  // EventSource cannot send headers: the widget token rides in the query string.
  events = new EventSource(`/api/channels/chat/${chat.id}/events?token=${encodeURIComponent(chat.token)}`);
  events.addEventListener('chat.message', (event) => {
    showMessage(JSON.parse(event.data).message);
  });
  events.addEventListener('chat.typing', (event) => {
    const { typing } = JSON.parse(event.data);
    $('typing').hidden = !typing;
  });
  events.addEventListener('chat.queue', (event) => {
    const { position } = JSON.parse(event.data);
    if (chatState.stage === 'waiting') setChatState({ position });
  });
  events.addEventListener('chat.joined', (event) => {
    chatEvents += 1;
    const { agent } = JSON.parse(event.data);
    setChatState({ stage: 'with_agent', position: null, agent });
  });
  // An agent handed the chat on (issue 18): to a colleague by name, or to a queue.
  events.addEventListener('chat.transferring', (event) => {
    chatEvents += 1;
    const { to } = JSON.parse(event.data);
    setChatState({ stage: 'transferring', position: null, to });
  });
  events.addEventListener('chat.ended', () => {
    chatEvents += 1;
    chatEnded();
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED && chat) $('chat-error').textContent = t('lost');
  };
  events.onopen = () => {
    $('chat-error').textContent = '';
    loadChatState();
  };
}

// --- The pre-chat survey's errors: each named by its field, in the visitor's language --
const SURVEY_FIELDS = ['name', 'email', 'question'];
// {field: text key} for the fields, and a message for the rest (an unknown queue, a
// server that cannot be reached); kept so a language switch says them again.
let surveyProblems = {};
let surveyMessage = '';

// Like the server's check (care::check_email), which has the last word.
const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]*[^\s@.]$/;

function checkSurvey(values) {
  const problems = {};
  if (!values.name) problems.name = 'nameMissing';
  if (!values.email) problems.email = 'emailMissing';
  else if (!EMAIL.test(values.email) || values.email.includes('..')) problems.email = 'emailInvalid';
  if (!values.question) problems.question = 'questionMissing';
  return problems;
}

function renderSurveyProblems() {
  for (const field of SURVEY_FIELDS) {
    const key = surveyProblems[field];
    const text = key ? t(key) : '';
    // Only what changed: an alert rewritten with the same words is read out again.
    if ($(`survey-${field}-error`).textContent !== text) $(`survey-${field}-error`).textContent = text;
    if (key) $('survey').elements[field].setAttribute('aria-invalid', 'true');
    else $('survey').elements[field].removeAttribute('aria-invalid');
  }
  if ($('survey-error').textContent !== surveyMessage) $('survey-error').textContent = surveyMessage;
}

// Shows the survey's problems (alerts) and puts focus on the first field named.
function reportSurvey(problems, message = '') {
  surveyProblems = problems;
  surveyMessage = message;
  renderSurveyProblems();
  const first = SURVEY_FIELDS.find((field) => problems[field]);
  if (first) $('survey').elements[first].focus();
}

async function startChat(event) {
  event.preventDefault();
  const form = new FormData($('survey'));
  const values = Object.fromEntries(SURVEY_FIELDS.map((field) => [field, form.get(field).trim()]));
  const problems = checkSurvey(values);
  reportSurvey(problems);
  if (Object.keys(problems).length) return;
  try {
    const body = {
      ...values,
      visitor: visitorDetails(),
      self_service: JSON.parse(sessionStorage.getItem(ACTIONS_KEY) || '[]'),
    };
    // The queue this page's chats go to: <body data-queue="Chat"> or ?queue=Chat (its
    // name or id). Without one the server picks the queue marked as the chat default.
    const queue = new URLSearchParams(location.search).get('queue') || document.body.dataset.queue;
    if (queue) body.queue = /^[0-9]+$/.test(queue) ? Number(queue) : queue;
    const answer = await getJson('/api/channels/chat', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    chat = { id: answer.chat.id, token: answer.chat.token };
    sessionStorage.setItem(CHAT_KEY, JSON.stringify(chat));
    connect();
    $('message').focus();  // the survey (and the button pressed) is gone
  } catch (error) {
    // The server names the field it refuses (its words are English): the field's own
    // words in the visitor's language; anything else as the server says it.
    const field = SURVEY_FIELDS.includes(error.field) ? error.field : null;
    if (field) reportSurvey({ [field]: field === 'email' ? 'emailInvalid' : `${field}Missing` });
    else reportSurvey({}, t('failed', { error: error.message }));
  }
}

async function send(event) {
  event.preventDefault();
  const text = $('message').value.trim();
  if (!text || !chat) return;
  $('chat-error').textContent = '';
  $('message').removeAttribute('aria-invalid');
  try {
    await getJson(`/api/channels/chat/${chat.id}/messages`, {
      method: 'POST', headers: authHeaders(), body: JSON.stringify({ text }),
    });
    $('message').value = '';  // kept until the server has it: nothing typed is lost
  } catch (error) {
    $('chat-error').textContent = t('failed', { error: error.message });
    if (error.field === 'text') $('message').setAttribute('aria-invalid', 'true');
  }
}

// Sends files as they are (the body is the file; the server checks its bytes and size).
async function sendFiles(files) {
  if (!chat) return;
  $('chat-error').textContent = '';
  for (const file of files) {
    try {
      await getJson(`/api/channels/chat/${chat.id}/attachments?name=${encodeURIComponent(file.name || 'pasted.png')}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${chat.token}`, 'Content-Type': file.type || 'application/octet-stream' },
        body: file,
      });
    } catch (error) {
      $('chat-error').textContent = t('failed', { error: `${file.name}: ${error.message}` });
    }
  }
}

function typing(active) {
  if (!chat) return;
  fetch(`/api/channels/chat/${chat.id}/typing`, {
    method: 'POST', headers: authHeaders(), body: JSON.stringify({ typing: active }),
  }).catch(() => {});
}

$('message').addEventListener('input', () => {
  $('message').removeAttribute('aria-invalid');
  if (!typingTimer) typing(true);
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { typingTimer = null; typing(false); }, 2000);
});
$('message').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) send(event);  // Shift+Enter: new line
});
$('composer').addEventListener('submit', send);
$('attach').addEventListener('click', () => $('attach-file').click());
$('attach-file').addEventListener('change', () => {
  sendFiles([...$('attach-file').files]);
  $('attach-file').value = '';
});
// Files dropped on the chat, or pasted into the message box (a screenshot), are sent.
$('chat').addEventListener('dragover', (event) => {
  if (!chat || !event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  $('chat').classList.add('dropping');
});
$('chat').addEventListener('dragleave', () => $('chat').classList.remove('dropping'));
$('chat').addEventListener('drop', (event) => {
  $('chat').classList.remove('dropping');
  if (!chat || !event.dataTransfer?.files.length) return;
  event.preventDefault();
  sendFiles([...event.dataTransfer.files]);
});
$('message').addEventListener('paste', (event) => {
  const files = [...(event.clipboardData?.files || [])];
  if (!files.length) return;
  event.preventDefault();
  sendFiles(files);
});
$('rating').addEventListener('submit', rate);
$('rating').addEventListener('change', () => { $('rating-error').textContent = ''; });
$('survey').addEventListener('submit', startChat);
$('chat-launcher').addEventListener('click', () => openWidget(true));
$('chat-close').addEventListener('click', () => openWidget(false));
$('chat-again').addEventListener('click', () => {
  showSurvey();
  widgetFocus().focus();
});
// A field's error goes once the visitor changes that field.
$('survey').addEventListener('input', (event) => {
  if (!surveyProblems[event.target.name]) return;
  surveyProblems = { ...surveyProblems, [event.target.name]: undefined };
  renderSurveyProblems();
});
$('chat').addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  openWidget(false);
});
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = $('search-input').value.trim();
  if (!query) return;
  recordAction('searched', query);
  if (location.hash === searchHref(query)) route();
  else location.hash = searchHref(query);
});
$('language').addEventListener('change', () => {
  language = $('language').value;
  localStorage.setItem(LANGUAGE_KEY, language);
  applyLanguage();
  route({ focus: false });
});
window.addEventListener('hashchange', () => route());

recordAction('visited_page', location.pathname + location.hash);
applyLanguage();
route({ focus: false });
if (chat) { connect(); openWidget(true); }  // connect() swaps the survey for the chat at once
