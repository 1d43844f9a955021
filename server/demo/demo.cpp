#include "demo/demo.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <variant>

#include "auth/password.hpp"
#include "care/rules/call.hpp"
#include "demo/demo_data.hpp"
#include "demo/demo_files.hpp"
#include "http/log.hpp"

namespace care::server::demo {
namespace {

// A demo customer's score: mostly 4 and 5, now and then a poor one.
int demo_score(std::mt19937& random) {
  static constexpr std::array<int, 10> kScores{5, 5, 5, 5, 4, 4, 4, 3, 2, 1};
  return kScores[random() % kScores.size()];
}

constexpr auto kStepEvery = std::chrono::milliseconds(500);
constexpr std::int64_t kDay = 24LL * 3600 * 1000;
// A simulated customer answers an agent's line after this long.
constexpr std::int64_t kReplyAfterMs = 2500;
constexpr int kRepliesPerChat = 4;

struct Seat {
  const char* username;
  const char* display_name;
  store::Role role;
};
constexpr Seat kSeats[] = {
    {"anna", "Anna Petrova", store::Role::Agent},
    {"ivan", "Ivan Georgiev", store::Role::Agent},
    {"eszter", "Eszter Nagy", store::Role::Agent},
    {"sam", "Sam Supervisor", store::Role::Supervisor},
    {"admin", "Demo Admin", store::Role::Admin},
};

struct QueueSeed {
  const char* name;
  int priority;
  QueueTargets targets;  // the floor's (R-H3): a caller waits seconds, an email an hour
  Labels labels;         // the name in every language the desktop speaks (R-J2)
  Channel channel;       // the queue is this channel's default (portal chats go to Chat)
};
const QueueSeed kQueues[] = {{"Calls",
                              3,
                              QueueTargets{std::chrono::seconds(30), 3},
                              {{"en", "Calls"},
                               {"bg", "Обаждания"},
                               {"hu", "Hívások"},
                               {"da", "Opkald"},
                               {"sr-Latn", "Pozivi"},
                               {"uk", "Дзвінки"}},
                              Channel::call},
                             {"Chat",
                              2,
                              QueueTargets{std::chrono::minutes(2), 5},
                              {{"en", "Chat"},
                               {"bg", "Чат"},
                               {"hu", "Csevegés"},
                               {"da", "Chat"},
                               {"sr-Latn", "Čet"},
                               {"uk", "Чат"}},
                              Channel::chat},
                             {"Email",
                              1,
                              QueueTargets{std::chrono::hours(1), 20},
                              {{"en", "Email"},
                               {"bg", "Имейл"},
                               {"hu", "E-mail"},
                               {"da", "E-mail"},
                               {"sr-Latn", "Imejl"},
                               {"uk", "Ел. пошта"}},
                              Channel::email}};

std::optional<Id> queue_named(store::Store& store, std::string_view name) {
  for (const Queue& q : store.queues()) {
    if (q.name == name) return q.id;
  }
  return std::nullopt;
}

template <class List>
const auto& pick(std::mt19937& random, const List& list) {
  return list[std::uniform_int_distribution<size_t>(0, std::size(list) - 1)(random)];
}

// What colleagues write in each other's records (agents only: never the customer's).
constexpr std::array<std::string_view, 6> kNotes{
    "she called yesterday about the same invoice, see the journey",
    "VIP account: please keep the manager in copy",
    "I can take the follow-up tomorrow if you need",
    "check the warranty date before promising a replacement",
    "the courier confirmed the parcel left the depot this morning",
    "same problem as last month: the router firmware"};
// A colleague notes a held conversation once it has gone on this long, now and then.
constexpr std::int64_t kNoteAfterMs = 20'000;

}  // namespace

Demo::Demo(Options options, store::Store& store, services::AuthService& auth,
           services::IngestionService& ingestion, services::MentionService& mentions,
           const Clock& clock)
    : options_(std::move(options)),
      store_(store),
      auth_(auth),
      ingestion_(ingestion),
      mentions_(mentions),
      clock_(clock),
      random_(options_.seed),
      notes_random_(options_.seed + 1) {}

Demo::~Demo() {
  stop();
}

std::vector<DemoAccount> Demo::seed() {
  std::filesystem::path file = options_.data_dir / "demo-accounts.json";
  std::vector<DemoAccount> accounts;
  if (store_.queues().empty()) {
    for (const QueueSeed& q : kQueues) {
      Queue queue;
      queue.name = q.name;
      queue.priority = q.priority;
      queue.targets = q.targets;
      queue.labels = q.labels;
      queue.default_for = {q.channel};
      store_.create_queue(queue);
    }
    std::vector<Id> all_queues;
    for (const Queue& q : store_.queues())
      all_queues.push_back(q.id);
    nlohmann::json saved = nlohmann::json::array();
    for (const Seat& seat : kSeats) {
      // Random passwords, shown to whoever started the demo: nothing guessable ships.
      std::string password = auth::random_token().substr(0, 16);
      auto agent = auth_.create_agent(seat.username, seat.display_name, password, seat.role);
      if (!agent) continue;  // e.g. an admin of that name from CARE_ADMIN_USER
      if (seat.role == store::Role::Agent) seated_.push_back(*agent);
      store_.set_agent_routing(agent->id, all_queues, {}, Capacity{});
      saved.push_back({{"username", seat.username},
                       {"password", password},
                       {"role", store::role_name(seat.role)}});
    }
    {
      std::ofstream out(file);
      out << saved.dump(2) << "\n";
    }
    std::filesystem::permissions(
        file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    seed_customers();
    seed_knowledge();
  }
  // A demo folder made before queues had labels or channel defaults gets them now.
  std::vector<Queue> queues = store_.queues();
  bool any_default = std::any_of(queues.begin(), queues.end(),
                                 [](const Queue& q) { return !q.default_for.empty(); });
  for (const Queue& queue : queues) {
    for (const QueueSeed& q : kQueues) {
      if (queue.name != q.name) continue;
      if (queue.labels.empty()) store_.set_queue_labels(queue.id, q.labels);
      if (!any_default) store_.set_queue_default_for(queue.id, {q.channel});
    }
  }
  std::ifstream in(file);
  auto saved = nlohmann::json::parse(in, nullptr, false);
  if (saved.is_array()) {
    for (const auto& a : saved) {
      accounts.push_back({a.value("username", ""), a.value("password", ""), a.value("role", "")});
    }
  }
  return accounts;
}

void Demo::seed_customers() {
  Time now = time_from_unix_ms(clock_.now_ms());
  const std::vector<store::AgentRecord> seats = store_.agents();  // who writes notes
  std::uniform_int_distribution<int> requests_per_customer(0, 3);
  std::uniform_int_distribution<int> activities_per_request(1, 3);
  std::uniform_int_distribution<int> days_ago(1, 120);
  std::uniform_int_distribution<int> digits(1000000, 9999999);
  constexpr MediaType kMedia[] = {MediaType::chat, MediaType::email, MediaType::call,
                                  MediaType::note};
  for (int i = 0; i < options_.customers; ++i) {
    const Language& language = kLanguages[static_cast<size_t>(i) % kLanguages.size()];
    Customer customer;
    customer.name = std::string(pick(random_, language.first_names)) + " " +
                    std::string(pick(random_, language.last_names));
    customer.email = "customer" + std::to_string(i + 1) + "@" + std::string(language.email_domain);
    customer.phone = std::string(language.phone_prefix) + " " + std::to_string(digits(random_));
    customer.language = std::string(language.code);
    customer.created_at = now - Duration(150 * kDay);
    customer.updated = Stamp{0, customer.created_at};
    customer = store_.create_customer(customer, 0);
    customers_.push_back(customer.id);

    int requests = requests_per_customer(random_);
    for (int r = 0; r < requests; ++r) {
      Time opened = now - Duration(days_ago(random_) * kDay);
      Request request;
      request.customer = customer.id;
      request.title = std::string(pick(random_, language.questions));
      request.created_at = opened;
      request.updated = Stamp{0, opened};
      // Older cases are done; the newest may still be open.
      bool open = r == requests - 1 && opened > now - Duration(4 * kDay);
      if (!open) {
        request.status = RequestStatus::closed;
        request.closed_at = opened + Duration(kDay);
      }
      request = store_.create_request(request, 0);
      int activities = activities_per_request(random_);
      for (int a = 0; a < activities; ++a) {
        Time at = opened + Duration(a * 3600 * 1000);
        Activity activity;
        activity.request = request.id;
        activity.customer = customer.id;
        activity.media = pick(random_, kMedia);
        activity.subject = request.title;
        activity.from = activity.media == MediaType::call ? customer.phone : customer.email;
        activity.created_at = at;
        activity.updated = Stamp{0, at};
        activity.closed_at = at + Duration(15 * 60 * 1000);
        activity.wrap_up = "resolved";
        if (activity.media == MediaType::chat || activity.media == MediaType::email) {
          activity.messages.push_back(
              Message{0, AuthorKind::customer, 0, customer.name, request.title, at, {}, {}, {}});
          activity.messages.push_back(Message{0,
                                              AuthorKind::agent,
                                              0,
                                              "Anna Petrova",
                                              std::string(pick(random_, language.replies)),
                                              at + Duration(60 * 1000),
                                              {},
                                              {},
                                              {}});
        }
        if (activity.media == MediaType::call) {
          activity.call_events = {{CallEventKind::ringing, at},
                                  {CallEventKind::answered, at + Duration(10 * 1000)},
                                  {CallEventKind::ended, at + Duration(8 * 60 * 1000)}};
        }
        Activity created = store_.create_activity(activity, "", 0);
        seed_note(created, seats);
        seed_transfer(created);
        // Most customers rated their chats, mostly well.
        if (created.media == MediaType::chat && random_() % 10 < 7) {
          store_.rate_activity(created.id, Rating{demo_score(random_), "", *created.closed_at});
        }
      }
    }
  }
}

// Demo agents hand work on now and then (issue 18): one in six past chats, calls and
// emails was transferred, to a colleague or to another queue, with a note. Chosen by
// the activity's id, not the random stream, so the rest of the seeding stays as it was.
void Demo::seed_transfer(const Activity& activity) {
  constexpr const char* kNotes[] = {"Needs someone with billing access",
                                    "Second-line question: over to you",
                                    "The customer asked for a specialist"};
  if (activity.media == MediaType::note || activity.id % 6 != 0 || seated_.size() < 2) return;
  std::vector<Queue> queues = store_.queues();
  const store::AgentRecord& by = seated_[static_cast<size_t>(activity.id / 6) % seated_.size()];
  Handoff line;
  line.activity = activity.id;
  line.kind = HandoffKind::transfer;
  line.by = by.id;
  line.by_name = by.display_name;
  line.note = kNotes[static_cast<size_t>(activity.id / 6) % std::size(kNotes)];
  line.at = activity.created_at + Duration(5 * 60 * 1000);
  if (activity.id % 12 == 0 && !queues.empty()) {
    const Queue& queue = queues[static_cast<size_t>(activity.id / 12) % queues.size()];
    line.to_queue = queue.id;
    line.to_queue_name = queue.name;
  } else {
    const store::AgentRecord& to =
        seated_[static_cast<size_t>(activity.id / 6 + 1) % seated_.size()];
    line.to_agent = to.id;
    line.to_agent_name = to.display_name;
  }
  store_.add_handoff(line);
}

void Demo::seed_knowledge() {
  Time now = time_from_unix_ms(clock_.now_ms());
  for (const Article& a : kArticles) {
    KbArticle article;
    article.title = std::string(a.title);
    article.body = std::string(a.body);
    article.language = std::string(a.language);
    article.category = std::string(a.category);
    article.updated = Stamp{0, now};
    article = store_.create_article(article, 0);
    store_.add_article_views(article.id, a.views);
  }
  for (const Canned& c : kCanned) {
    store_.create_canned_response(
        store::CannedResponse{0, std::string(c.name), std::string(c.body)}, 0, now);
  }
}

void Demo::start() {
  if (thread_.joinable()) return;
  if (customers_.empty()) {
    // A restart on an existing demo database: find its customers again.
    for (const auto& c : store_.search_customers("customer", 1))
      customers_.push_back(c.id);
  }
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      http::run_step_logging_failure("demo", [this] { step(); });
      lock.lock();
      wake_.wait_for(lock, kStepEvery, [this] { return stopping_; });
    }
  });
}

void Demo::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Demo::step() {
  std::int64_t now = clock_.now_ms();
  if (now >= next_arrival_ms_) {
    new_interaction();  // the first at once: the demo is alive the moment it starts
    // Arrivals as a Poisson process at the configured rate.
    std::exponential_distribution<double> gap(options_.per_minute / 60'000.0);
    next_arrival_ms_ = now + static_cast<std::int64_t>(gap(random_));
    if (next_arrival_ms_ == now) ++next_arrival_ms_;
  }
  customers_answer();
  customers_rate();
  colleagues_note();
}

void Demo::colleagues_note() {
  const std::int64_t now = clock_.now_ms();
  std::vector<Id> open;
  for (const Task& task : store_.open_tasks()) {
    open.push_back(task.id);
    if (task.state != TaskState::assigned || !task.agent || !task.assigned_at) continue;
    if (now - unix_ms(*task.assigned_at) < kNoteAfterMs) continue;
    if (std::find(considered_.begin(), considered_.end(), task.id) != considered_.end()) continue;
    considered_.push_back(task.id);
    if (notes_random_() % 3 != 0) continue;  // most conversations get none
    auto holder = store_.agent(*task.agent);
    if (!holder) continue;
    std::vector<store::AgentRecord> others;
    for (const store::AgentRecord& agent : store_.agents()) {
      if (agent.id != holder->id) others.push_back(agent);
    }
    if (others.empty()) continue;
    const store::AgentRecord& author = pick(notes_random_, others);
    std::string text(pick(notes_random_, kNotes));
    // Half of them ask the agent who holds it, who hears of it at once.
    if (notes_random_() % 2 == 0) text = "@" + holder->display_name + " " + text;
    Agent by;
    by.id = author.id;
    by.username = author.username;
    by.display_name = author.display_name;
    (void)mentions_.add_note(task.activity, TextDraft{text, {}, {}}, by);
  }
  // Closed tasks are not thought of again.
  std::erase_if(considered_,
                [&](Id task) { return std::find(open.begin(), open.end(), task) == open.end(); });
}

void Demo::seed_note(const Activity& activity, const std::vector<store::AgentRecord>& seats) {
  if (seats.size() < 2 || notes_random_() % 15 != 0) return;
  const store::AgentRecord& author = pick(notes_random_, seats);
  std::string text(pick(notes_random_, kNotes));
  std::vector<Id> named;
  if (notes_random_() % 4 == 0) {
    const store::AgentRecord& other = pick(notes_random_, seats);
    if (other.id != author.id) {
      text = "@" + other.display_name + " " + text;
      named.push_back(other.id);
    }
  }
  Comment note{0,         activity.id,
               author.id, author.display_name,
               text,      activity.created_at + Duration(30 * 60 * 1000)};
  note = store_.add_comment(note);
  // Unread: the agent named finds them at their first sign-in.
  store_.add_mentions(note, named, activity.request);
}

void Demo::new_interaction() {
  const Language* chosen = &pick(random_, kLanguages);
  std::optional<Customer> known;
  // Most contacts are customers we know; some are new.
  if (!customers_.empty() && random_() % 10 < 7) known = store_.customer(pick(random_, customers_));
  if (known) {
    for (const Language& l : kLanguages) {
      if (l.code == known->language) chosen = &l;
    }
  }
  const Language& language = *chosen;
  std::string name = std::string(pick(random_, language.first_names)) + " " +
                     std::string(pick(random_, language.last_names));
  std::string email =
      "visitor" + std::to_string(random_() % 100000) + "@" + std::string(language.email_domain);
  std::string phone =
      std::string(language.phone_prefix) + " " + std::to_string(1000000 + random_() % 9000000);
  if (known) {
    name = known->name;
    email = known->email;
    phone = known->phone;
  }
  std::string question(pick(random_, language.questions));
  unsigned channel = random_() % 20;
  if (channel < 11) {
    ChatStart chat;
    chat.name = name;
    chat.email = email;
    chat.question = question;
    chat.queue = queue_named(store_, "Chat");
    chat.visitor =
        VisitorDetails{random_() % 2 == 0, "Chromium 156", "Linux", "", std::string(language.code)};
    chat.self_service = {
        {SelfServiceKind::searched, question, time_from_unix_ms(clock_.now_ms() - 60'000)}};
    auto started = ingestion_.start_chat(chat);
    if (auto* opened = std::get_if<services::ChatStarted>(&started)) {
      chats_.push_back(opened->activity.id);
    }
  } else if (channel < 16) {
    InboundEmail mail;
    mail.from = email;
    mail.to = "support@care.example";
    mail.subject = question;
    mail.body = question + "\n\n" + name;
    mail.queue = queue_named(store_, "Email");
    // One mail in three comes with the invoice it asks about, as a mail gateway sends
    // it: the file first, then the mail naming it.
    if (attachments_ && random_() % 3 == 0) {
      store::AttachmentRow from_gateway;
      from_gateway.author = AuthorKind::system;
      std::string pdf = make_pdf("Invoice " + std::to_string(1000 + random_() % 9000));
      auto kept = attachments_->keep({pdf, "invoice.pdf", "application/pdf"}, from_gateway);
      if (auto* file = std::get_if<Attachment>(&kept)) mail.attachments = {file->id};
    }
    (void)ingestion_.inbound_email(mail);
  } else {
    InboundCallEvent call;
    call.call = "demo-" + std::to_string(options_.seed) + "-" + std::to_string(++calls_) + "-" +
                std::to_string(clock_.now_ms());
    call.kind = CallEventKind::ringing;
    call.from = phone;
    call.to = "+359 2 400 4000";
    call.queue = queue_named(store_, "Calls");
    call.collected = {{"Language", std::string(language.code)}, {"Reason", question}};
    (void)ingestion_.call_event(call);
  }
}

void Demo::customers_rate() {
  std::erase_if(chats_, [&](Id chat) {
    auto activity = store_.activity(chat);
    if (!activity) return true;
    if (!activity->closed_at) return false;
    {
      const Language* language = &kLanguages.back();
      for (const Language& l : kLanguages) {
        if (l.code == activity->context.visitor.language) language = &l;
      }
      int score = demo_score(random_);
      std::string comment = score >= 4 && random_() % 2 == 0 ? std::string(language->thanks) : "";
      (void)ingestion_.rate_chat(chat, RatingDraft{score, comment});
    }
    return true;
  });
}

void Demo::customers_answer() {
  std::int64_t now = clock_.now_ms();
  for (const Task& task : store_.open_tasks()) {
    if (task.state != TaskState::assigned) continue;
    if (task.channel == Channel::call) {
      // The telephony system reports the call answered once an agent has it, by the
      // call's id kept with the activity: calls taken after a restart are answered too.
      auto activity = store_.activity(task.activity);
      if (!activity || call_stage(activity->call_events) != CallStage::ringing) continue;
      InboundCallEvent answered;
      answered.call = store_.external_ref(task.activity);
      answered.kind = CallEventKind::answered;
      if (!answered.call.empty()) (void)ingestion_.call_event(answered);
      continue;
    }
    if (task.channel != Channel::chat) continue;
    auto activity = store_.activity(task.activity);
    if (!activity || activity->messages.empty()) continue;
    const Message& last = activity->messages.back();
    if (last.author != AuthorKind::agent || now - unix_ms(last.at) < kReplyAfterMs) continue;
    int said = 0;
    for (const Message& m : activity->messages)
      said += m.author == AuthorKind::customer;
    if (said > kRepliesPerChat) continue;
    const Language* language = &kLanguages.back();
    for (const Language& l : kLanguages) {
      if (!activity->context.visitor.language.empty() &&
          l.code == activity->context.visitor.language) {
        language = &l;
      }
    }
    // Now and then the first answer is a screenshot of what the customer sees.
    if (said == 1 && attachments_ && random_() % 3 == 0) {
      store::AttachmentRow where;
      where.activity = activity->id;
      where.author = AuthorKind::customer;
      std::uint32_t accent = 0x404040 + (random_() % 0xbfbfbf);
      std::string png = make_png(160, 100, 0xf4f6fa, accent);
      auto kept = attachments_->keep({png, "screenshot.png", "image/png"}, where);
      if (auto* file = std::get_if<Attachment>(&kept)) {
        (void)ingestion_.customer_message(activity->id, TextDraft{file->name, {}, {}}, {*file});
        continue;
      }
    }
    std::string text = said == kRepliesPerChat ? std::string(language->thanks)
                                               : std::string(pick(random_, language->replies));
    (void)ingestion_.customer_message(activity->id, TextDraft{text, {}, {}});
  }
}

}  // namespace care::server::demo
