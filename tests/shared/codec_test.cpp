#include <gtest/gtest.h>

#include <string>

#include "care/codec/json.hpp"
#include "care/event_names.hpp"
#include "samples.hpp"

namespace care {
namespace {

// decode(encode(x)) == x and encode(decode(encode(x))) == encode(x), also through text.
template <class T>
void expect_round_trip(const T& value) {
  const Json j = value;
  const auto back = decode<T>(j);
  ASSERT_TRUE(back) << back.error().message << "\n" << j.dump(2);
  EXPECT_EQ(*back, value);
  EXPECT_EQ(Json(*back), j);
  const auto from_text = decode_text<T>(encode(value));
  ASSERT_TRUE(from_text) << from_text.error().message;
  EXPECT_EQ(*from_text, value);
}

TEST(Codec, EntitiesRoundTripExactly) {
  expect_round_trip(samples::agent());
  expect_round_trip(samples::queue());
  expect_round_trip(samples::customer());
  expect_round_trip(samples::request());
  expect_round_trip(samples::activity());
  expect_round_trip(samples::comment());
  expect_round_trip(samples::task());
  expect_round_trip(samples::article());
  expect_round_trip(samples::wrap_up());
  expect_round_trip(samples::activity().messages[1]);
  expect_round_trip(samples::activity().call_events[0]);
  expect_round_trip(samples::activity().context);
  expect_round_trip(samples::agent().state);
}

// An unknown contact's request has no customer yet (R-D3): 0 on the wire, not refused.
TEST(Codec, ARequestWithoutACustomerRoundTrips) {
  Request r = samples::request();
  r.customer = 0;
  auto back = decode<Request>(Json(r));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, r);
  Json negative = Json(r);
  negative["customer"] = -1;
  EXPECT_FALSE(decode<Request>(negative).ok());
}

TEST(Codec, DefaultsRoundTripToo) {
  Agent a;
  a.id = 1;
  a.username = "x";
  expect_round_trip(a);
  Activity act;
  act.id = 1;
  expect_round_trip(act);
  Request r;
  r.id = 1;
  r.customer = 1;
  expect_round_trip(r);
}

TEST(Codec, EventsRoundTrip) {
  const Time t = samples::at(20);
  for (const EventData& data :
       {EventData{TaskOffered{51, 3, t}}, EventData{TaskWithdrawn{51, 3, "missed_offer"}},
        EventData{TaskAssigned{51, 3}}, EventData{AgentStateChanged{3, samples::agent().state}},
        EventData{RecordChanged{RecordType::customer, 11, 4, Stamp{3, t}}},
        EventData{ChatMessageAdded{31, samples::activity().messages[0]}},
        EventData{CallEventAdded{31, CallEvent{CallEventKind::held, t}}},
        EventData{ChatTyping{31, true}}, EventData{ChatJoined{"Anna"}}, EventData{ChatEnded{}},
        EventData{ChatQueuePlace{3}}, EventData{QueueChanged{2}},
        EventData{
            PresenceChanged{RecordType::request, 9, {{3, "Anna", true, t}, {4, "Ivan", false, t}}}},
        EventData{Resync{}},
        EventData{
            MentionAdded{Mention{5, 4, Comment{8, 31, 3, "Anna", "@Ivan look", t}, 2, false}}},
        EventData{ChatTransferring{"Sam Supervisor"}}}) {
    expect_round_trip(Event{77, t, data});
    // The stream carries the data alone under the event's name: the same codec reads it.
    auto alone = decode_event_data(event_type(data), encode_event_data(data));
    ASSERT_TRUE(alone) << event_type(data) << ": " << alone.error().message;
    EXPECT_EQ(*alone, data);
  }
  EXPECT_EQ(Json(Event{1, t, TaskAssigned{5, 6}})["type"], "task.assigned");
}

TEST(Codec, EventDataOfAnUnknownTypeIsRefused) {
  auto read = decode_event_data("task.exploded", Json::object());
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().field, "type");
  auto wrong = decode_event_data("queue.changed", Json{{"queue", "two"}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "queue");
}

TEST(Codec, EveryEventNameHasAReader) {
  for (std::string_view name : event_names::all) {
    auto read = decode_event_data(name, Json::object());
    // Read as that type: a field may be missing, but the type is never unknown.
    // (record.changed has a field named "type" of its own: compare the rule, not the field.)
    if (!read) {
      EXPECT_EQ(read.error().message.find("not a known event type"), std::string::npos) << name;
    }
  }
}

TEST(Codec, PayloadsRoundTrip) {
  expect_round_trip(SignIn{"mira", "s3cret"});
  expect_round_trip(StateChange{Presence::not_ready, "break"});
  expect_round_trip(StateChange{Presence::ready, ""});
  const CustomerDraft draft{CustomerKind::contact, "Ana", "ana@example.com",
                            "+359 888 123 456",    "bg",  "",
                            std::nullopt,          11};
  expect_round_trip(draft);
  expect_round_trip(CustomerUpdate{4, draft});
  expect_round_trip(RequestDraft{"Title", "Описание", Priority::urgent});
  expect_round_trip(
      RequestPatch{3, "New title", std::nullopt, RequestStatus::closed, std::nullopt});
  expect_round_trip(RequestPatch{3, std::nullopt, "", std::nullopt, Priority::low});
  expect_round_trip(TextDraft{"Здравейте!", "line-1", std::nullopt});
  expect_round_trip(TextDraft{"Dear Ana,", "", EmailHeaders{{"ana@example.com"}, {}, "Re: Hi"}});
  expect_round_trip(TagDraft{"Ъгъл", 2});
  expect_round_trip(MoveActivity{21, 5});
  expect_round_trip(SkillsUpdate{{"bg", "billing"}, 5});
  expect_round_trip(CloseAnswers{UnsavedChoice::save, UnknownContactChoice::create, "resolved"});
  expect_round_trip(CloseAnswers{});
  expect_round_trip(
      CloseTask{CloseAnswers{UnsavedChoice::discard, std::nullopt, "resolved"}, true});
  expect_round_trip(CloseTask{});
  expect_round_trip(CallControl{CallEventKind::held});
  expect_round_trip(CallControl{CallEventKind::resumed});
  expect_round_trip(CallControl{CallEventKind::ended});
  expect_round_trip(PresenceHeartbeat{RecordType::customer, 7, true});
  expect_round_trip(SessionAgent{3, "anna", "Анна Петрова", Role::supervisor, Presence::not_ready,
                                 "lunch", "bg"});
  expect_round_trip(DirectoryAgent{3, "Анна Петрова", Role::supervisor});
  expect_round_trip(PresenceViewers{{{3, "Anna", true, samples::request().created_at}}});
  expect_round_trip(ChatStart{"Ana",
                              "ana@example.com",
                              "Invoice?",
                              2,
                              samples::activity().context.visitor,
                              samples::activity().context.self_service,
                              {Field{"page", "/help"}},
                              ""});
  // The widget may name its queue instead (the portal's data-queue).
  expect_round_trip(
      ChatStart{"Ana", "ana@example.com", "Invoice?", std::nullopt, {}, {}, {}, "Chat"});
  expect_round_trip(
      InboundEmail{"ana@example.com", "support@x.dk", "Hello", "Body", std::nullopt, {}, "", {}});
  expect_round_trip(InboundEmail{"ana@example.com",
                                 "support@x.dk",
                                 "Hello",
                                 "Body",
                                 2,
                                 {"boss@example.com"},
                                 "<4711@mail.example.bg>",
                                 {5, 6}});
  expect_round_trip(InboundCallEvent{"call-77",
                                     CallEventKind::answered,
                                     "+4512345678",
                                     "+4570000000",
                                     2,
                                     {Field{"menu", "1"}},
                                     std::nullopt});
  expect_round_trip(InboundCallEvent{
      "call-77", CallEventKind::held, "", "", std::nullopt, {}, samples::request().created_at});
}

TEST(Codec, PatchSendsOnlyChangedFields) {
  const Json j = RequestPatch{3, "T", std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(j, Json::parse(R"({"version":3,"title":"T"})"));
}

TEST(Codec, TimesAreRfc3339AndEnumsAreNames) {
  const Json j = samples::request();
  EXPECT_EQ(j["created_at"], "2024-05-01T09:29:10.250Z");
  EXPECT_EQ(j["status"], "closed");
  EXPECT_EQ(j["priority"], "high");
  EXPECT_EQ(Json(samples::task())["agent"], 3);
  EXPECT_TRUE(Json(samples::task())["assigned_at"].is_null());
}

// Decodes `text` as T and expects an error with `code` on `field`.
template <class T>
void expect_refused(const std::string& text, ErrorCode code, const std::string& field) {
  const auto result = decode_text<T>(text);
  ASSERT_FALSE(result) << text;
  EXPECT_EQ(result.error().code, code) << result.error().message;
  EXPECT_EQ(result.error().field, field) << result.error().message;
  EXPECT_EQ(result.error().message.rfind(field, 0), 0u) << "message starts with the field";
}

Json request_json() {
  return samples::request();
}

TEST(Codec, MissingFieldsAreNamed) {
  for (const char* key :
       {"id", "customer", "title", "status", "created_at", "updated_at", "version"}) {
    Json j = request_json();
    j.erase(key);
    expect_refused<Request>(j.dump(), ErrorCode::missing, key);
  }
  Json null_title = request_json();
  null_title["title"] = nullptr;
  expect_refused<Request>(null_title.dump(), ErrorCode::missing, "title");
}

TEST(Codec, MistypedFieldsAreNamed) {
  const struct {
    const char* key;
    Json value;
  } cases[] = {{"id", "21"},
               {"id", 21.0},
               {"id", true},
               {"title", 5},
               {"status", 1},
               {"created_at", 1714555800250},
               {"version", Json::array()},
               {"description", Json::object()}};
  for (const auto& c : cases) {
    Json j = request_json();
    j[c.key] = c.value;
    expect_refused<Request>(j.dump(), ErrorCode::wrong_type, c.key);
  }
}

TEST(Codec, OutOfRangeAndUnknownValuesAreInvalid) {
  const struct {
    const char* key;
    Json value;
  } cases[] = {{"id", 0},
               {"id", -4},
               {"id", 18446744073709551615ULL},
               {"version", 0},
               {"status", "pending"},
               {"created_at", "yesterday"},
               {"closed_at", nullptr}};  // closed without a closed date (R-C2)
  for (const auto& c : cases) {
    Json j = request_json();
    j[c.key] = c.value;
    expect_refused<Request>(j.dump(), ErrorCode::invalid, c.key);
  }
  const auto status = decode_text<Request>([] {
    Json j = request_json();
    j["status"] = "pending";
    return j.dump();
  }());
  EXPECT_EQ(status.error().message, "status: must be one of: open, closed");
}

TEST(Codec, OversizedTextIsRefusedNamingFieldAndLimit) {
  Json j = request_json();
  std::string title;
  for (int i = 0; i < 2001; ++i)
    title += "ж";
  j["title"] = title;
  expect_refused<Request>(j.dump(), ErrorCode::too_long, "title");
  EXPECT_EQ(decode<Request>(j).error().message, "title: at most 2000 characters (got 2001)");
  title.resize(title.size() - 2);  // 2000 characters
  j["title"] = title;
  EXPECT_TRUE(decode<Request>(j));
}

TEST(Codec, NestedFieldsAreNamedByPath) {
  Json j = samples::activity();
  j["context"]["visitor"]["browser"] = 3;
  expect_refused<Activity>(j.dump(), ErrorCode::wrong_type, "context.visitor.browser");
  j = samples::activity();
  // A message may be a whole email (kEmailBodyLimit), not R-C1's 2,000 characters.
  j["messages"][1]["text"] = std::string(kEmailBodyLimit, 'x');
  EXPECT_TRUE(decode<Activity>(j));
  j["messages"][1]["text"] = std::string(kEmailBodyLimit + 1, 'x');
  expect_refused<Activity>(j.dump(), ErrorCode::too_long, "messages[1].text");
  j = samples::activity();
  j["messages"][0] = "hello";
  expect_refused<Activity>(j.dump(), ErrorCode::wrong_type, "messages[0]");
  j = samples::activity();
  j["context"]["self_service"][0]["at"] = "2024-02-30T00:00:00Z";
  expect_refused<Activity>(j.dump(), ErrorCode::invalid, "context.self_service[0].at");
}

TEST(Codec, TagsFollowTheTagRules) {
  Json j = samples::activity();
  j["tags"] = {"Ъгъл", "ЪГЪЛ"};
  expect_refused<Activity>(j.dump(), ErrorCode::duplicate, "tags[1]");
  j["tags"] = {std::string(51, 't')};
  expect_refused<Activity>(j.dump(), ErrorCode::too_long, "tags[0]");
  j["tags"] = {std::string(50, 't')};
  EXPECT_TRUE(decode<Activity>(j));
  j["tags"] = {""};
  expect_refused<Activity>(j.dump(), ErrorCode::empty, "tags[0]");
  expect_refused<TagDraft>(R"({"tag":"   ","version":1})", ErrorCode::empty, "tag");
  EXPECT_EQ(decode_text<TagDraft>(R"({"tag":"  VIP ","version":1})")->tag, "VIP");
}

TEST(Codec, ListsHaveBounds) {
  Json j = samples::agent();
  j["skills"] = Json::array();
  for (int i = 0; i < 101; ++i)
    j["skills"].push_back("s" + std::to_string(i));
  expect_refused<Agent>(j.dump(), ErrorCode::too_many, "skills");
}

TEST(Codec, TaskInvariantsAreChecked) {
  Json j = samples::task();
  j["agent"] = nullptr;
  expect_refused<Task>(j.dump(), ErrorCode::missing, "agent");
  j = samples::task();
  j["offer_deadline"] = nullptr;
  expect_refused<Task>(j.dump(), ErrorCode::invalid, "offer_deadline");
}

TEST(Codec, PayloadRules) {
  expect_refused<StateChange>(R"({"state":"not_ready"})", ErrorCode::missing, "reason");
  expect_refused<StateChange>(R"({"state":"away"})", ErrorCode::invalid, "state");
  expect_refused<RequestPatch>(R"({"version":2,"title":null})", ErrorCode::wrong_type, "title");
  expect_refused<RequestPatch>(R"({"title":"x"})", ErrorCode::missing, "version");
  expect_refused<TextDraft>(R"({"text":" "})", ErrorCode::empty, "text");
  expect_refused<TextDraft>(R"({"text":"hi","key":"a b"})", ErrorCode::invalid, "key");
  expect_refused<TextDraft>(R"({"text":"hi","key":7})", ErrorCode::wrong_type, "key");
  expect_refused<SignIn>(R"({"username":"a","password":""})", ErrorCode::empty, "password");
  expect_refused<InboundCallEvent>(R"({"call":"c1","kind":"ringing","collected":[{"name":1}]})",
                                   ErrorCode::wrong_type, "collected[0].name");
  expect_refused<Event>(R"({"id":1,"type":"task.exploded","at":"2024-05-01T00:00:00Z","data":{}})",
                        ErrorCode::invalid, "type");
  expect_refused<Event>(
      R"({"id":1,"type":"task.assigned","at":"2024-05-01T00:00:00Z","data":{"task":1}})",
      ErrorCode::missing, "data.agent");
  // Optional parts of the widget's start may be left out.
  const auto minimal = decode_text<ChatStart>(R"({"name":"Ana"})");
  ASSERT_TRUE(minimal);
  EXPECT_EQ(minimal->name, "Ana");
}

TEST(Codec, MalformedDocumentsNeverThrow) {
  for (const std::string& text :
       {std::string(""), std::string("{"), std::string("nul"), std::string("{\"title\":\"\xFF\"}"),
        std::string("[1,2"), std::string("{} {}"), std::string(100, '['), std::string("\"x\""),
        std::string("[]"), std::string("42")}) {
    const auto result = decode_text<Request>(text);
    ASSERT_FALSE(result) << text;
    EXPECT_TRUE(result.error().code == ErrorCode::malformed ||
                result.error().code == ErrorCode::wrong_type)
        << text;
  }
  EXPECT_EQ(decode_text<Request>(std::string(100, '[')).error().message, "JSON nested too deeply");
}

TEST(Codec, UnknownFieldsAreIgnored) {
  Json j = request_json();
  j["added_in_a_later_version"] = {1, 2, 3};
  EXPECT_EQ(decode<Request>(j).value(), samples::request());
}

TEST(Codec, ErrorBodyShape) {
  const Error e = make_error(ErrorCode::too_long, "title", "at most 2000 characters (got 2001)");
  const Json body = error_body(e);
  EXPECT_EQ(body, Json::parse(R"json({"error":{"code":"too_long","field":"title",
                                  "message":"title: at most 2000 characters (got 2001)"}})json"));
  EXPECT_EQ(decode_error_body(body), e);
  EXPECT_EQ(decode_error_body(Json::parse(R"({"error":"x"})")), std::nullopt);
  EXPECT_EQ(decode_error_message(body), e.message);
}

TEST(Codec, ErrorMessageOfTheHttpLayersOwnCodes) {
  const Json body =
      Json::parse(R"({"error":{"code":"forbidden","message":"this needs the admin role"}})");
  EXPECT_EQ(decode_error_body(body), std::nullopt);  // not an ErrorCode
  EXPECT_EQ(decode_error_message(body), "this needs the admin role");
  EXPECT_EQ(decode_error_message(Json::parse(R"({"error":{"code":"x"}})")), std::nullopt);
}

TEST(Codec, ConflictBodyDecodesToTheConflict) {
  Request current = samples::request();
  current.version = 5;
  const Conflict<Request> conflict{current, 3};
  EXPECT_EQ(decode_conflict_body<Request>(conflict_body(conflict, "request"), 3), conflict);
  EXPECT_EQ(decode_conflict_body<Request>(error_body(make_error(ErrorCode::invalid, "x", "y")), 3),
            std::nullopt);
}

TEST(Codec, CallControlIsAnActionName) {
  EXPECT_EQ(Json(CallControl{CallEventKind::resumed}), Json::parse(R"({"action":"resume"})"));
  expect_refused<CallControl>(R"({"action":"ringing"})", ErrorCode::invalid, "action");
  expect_refused<CallControl>(R"({})", ErrorCode::missing, "action");
}

}  // namespace
}  // namespace care
