#pragma once

// Records with every field set, for round trips (and the fuzz corpus seeds).
#include "care/api.hpp"
#include "care/events.hpp"
#include "care/model.hpp"

namespace care::samples {

inline Time at(std::int64_t seconds) {
  return time_from_unix_ms(1'714'555'800'000 + seconds * 1000 + 250);
}

inline Agent agent() {
  Agent a;
  a.id = 3;
  a.username = "mira";
  a.display_name = "Мира Петрова";
  a.role = Role::supervisor;
  a.skills = {"bg", "billing"};
  a.queues = {1, 2};
  a.state = AgentState{Presence::not_ready, "lunch", at(1)};
  a.capacity = Capacity{4, 6};
  a.language = "bg";
  a.version = 7;
  return a;
}

inline Queue queue() {
  return Queue{2,
               "Billing — Ügyfélszolgálat",
               5,
               {"billing"},
               QueueTargets{std::chrono::minutes(10), 12},
               2,
               {{"en", "Billing"}, {"hu", "Számlázás"}, {"sr-Latn", "Naplata"}},
               {Channel::chat, Channel::email}};
}

inline Customer customer() {
  Customer c;
  c.id = 11;
  c.kind = CustomerKind::account;
  c.name = "Østergaard ApS";
  c.email = "kontakt@ostergaard.dk";
  c.phone = "+45 12 34 56 78";
  c.language = "da";
  c.location = "Aarhus";
  c.primary_contact = 12;
  c.created_at = at(-100);
  c.updated = Stamp{3, at(2)};
  c.version = 4;
  return c;
}

inline Request request() {
  Request r;
  r.id = 21;
  r.customer = 11;
  r.title = "Рахунок двічі";
  r.description = "Клієнт отримав рахунок двічі 😀";
  r.status = RequestStatus::closed;
  r.priority = Priority::high;
  r.created_at = at(-50);
  r.updated = Stamp{0, at(3)};
  r.closed_at = at(3);
  r.version = 9;
  return r;
}

inline Activity activity() {
  Activity a;
  a.id = 31;
  a.request = 21;
  a.customer = 11;
  a.media = MediaType::chat;
  a.subject = "Chat";
  a.from = "ana@example.com";
  a.to = "support@example.com";
  a.tags = {"Ъгъл", "VIP"};
  a.messages = {Message{1, AuthorKind::customer, 0, "Ana", "Zdravo!", at(4), {}, {}, {}},
                Message{2,
                        AuthorKind::agent,
                        3,
                        "Mira",
                        "Здравейте",
                        at(5),
                        "k:7",
                        EmailHeaders{{"ana@example.com"}, {"boss@example.com"}, "Re: Zdravo"},
                        {Attachment{5, "фото.png", "image/png", 1234, std::string(64, 'a')}}}};
  a.call_events = {CallEvent{CallEventKind::ringing, at(1)},
                   CallEvent{CallEventKind::ended, at(9)}};
  a.context.pre_chat = {Field{"Question", "Invoice?"}};
  a.context.self_service = {SelfServiceAction{SelfServiceKind::searched, "invoice twice", at(-5)}};
  a.context.visitor = VisitorDetails{true, "Firefox", "Linux", "Sofia", "bg"};
  a.context.variables = {Field{"plan", "gold"}};
  a.context.skills = {"bg"};
  a.context.queue = 2;
  a.context.wait_time = Duration(42'000);
  a.context.started_at = at(4);
  a.created_at = at(0);
  a.updated = Stamp{3, at(6)};
  a.closed_at = at(10);
  a.wrap_up = "resolved";
  a.version = 5;
  return a;
}

inline Comment comment() {
  return Comment{41, 31, 3, "Mira", "Called back, fixed.", at(7)};
}

inline Task task() {
  Task t;
  t.id = 51;
  t.activity = 31;
  t.queue = 2;
  t.channel = Channel::call;
  t.state = TaskState::offered;
  t.skills = {"billing"};
  t.waiting_since = at(-30);
  t.agent = 3;
  t.offer_deadline = at(15);
  t.version = 3;
  return t;
}

inline KbArticle article() {
  return KbArticle{61,          "Двойна фактура", "Стъпки…", "bg",
                   {"billing"}, Stamp{3, at(8)},  2,         "Сметки"};
}

inline WrapUpCode wrap_up() {
  return WrapUpCode{"resolved", "Resolved", {{"en", "Resolved"}, {"uk", "Вирішено"}}, true};
}

inline NotReadyReason not_ready_reason() {
  return NotReadyReason{"lunch", "Lunch", {{"en", "Lunch"}, {"bg", "Обяд"}}, false};
}

}  // namespace care::samples
