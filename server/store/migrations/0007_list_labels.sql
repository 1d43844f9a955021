-- Care Desktop: the lists an admin sets carry a word per language (R-J2), so every
-- agent reads wrap-up codes, Not Ready reasons and queue names in their own language.
-- Labels are JSON objects of language tag to label ({"en":"Resolved","hu":"Megoldva"});
-- the old single label (a queue's name) stays as what every language falls back to.

ALTER TABLE wrap_up_codes ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';
ALTER TABLE queues ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';

-- The codes the product ships (0002), in the six languages it ships.
UPDATE wrap_up_codes SET labels = '{"en":"Resolved","bg":"Решено","hu":"Megoldva","da":"Løst","sr-Latn":"Rešeno","uk":"Вирішено"}'
  WHERE code = 'resolved' AND labels = '{}';
UPDATE wrap_up_codes SET labels = '{"en":"Follow-up needed","bg":"Нужно е последващо действие","hu":"Utánkövetés szükséges","da":"Kræver opfølgning","sr-Latn":"Potrebno je praćenje","uk":"Потрібні подальші дії"}'
  WHERE code = 'follow_up' AND labels = '{}';
UPDATE wrap_up_codes SET labels = '{"en":"No action needed","bg":"Не е нужно действие","hu":"Nincs teendő","da":"Ingen handling nødvendig","sr-Latn":"Nije potrebna radnja","uk":"Дії не потрібні"}'
  WHERE code = 'no_action' AND labels = '{}';
UPDATE wrap_up_codes SET labels = '{"en":"Spam or abuse","bg":"Спам или злоупотреба","hu":"Spam vagy visszaélés","da":"Spam eller misbrug","sr-Latn":"Neželjena poruka ili zloupotreba","uk":"Спам або зловживання"}'
  WHERE code = 'spam' AND labels = '{}';

-- Not Ready reasons (R-A2) were a fixed list in the server and the desktop; now an
-- admin keeps them. "missed_offer" is the router's own and never in this list.
CREATE TABLE not_ready_reasons (
  code   TEXT PRIMARY KEY,
  label  TEXT NOT NULL,
  labels TEXT NOT NULL DEFAULT '{}',
  active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO not_ready_reasons(code, label, labels) VALUES
  ('break', 'Break', '{"en":"Break","bg":"Почивка","hu":"Szünet","da":"Pause","sr-Latn":"Pauza","uk":"Перерва"}'),
  ('lunch', 'Lunch', '{"en":"Lunch","bg":"Обяд","hu":"Ebéd","da":"Frokost","sr-Latn":"Ručak","uk":"Обід"}'),
  ('meeting', 'Meeting', '{"en":"Meeting","bg":"Среща","hu":"Megbeszélés","da":"Møde","sr-Latn":"Sastanak","uk":"Нарада"}'),
  ('training', 'Training', '{"en":"Training","bg":"Обучение","hu":"Képzés","da":"Oplæring","sr-Latn":"Obuka","uk":"Навчання"}'),
  ('other', 'Other', '{"en":"Other","bg":"Друго","hu":"Egyéb","da":"Andet","sr-Latn":"Drugo","uk":"Інше"}');
