// Internal notes with @mentions (issue 18): a note is for agents only, never the
// customer's; each agent it names hears of it on their own stream alone, or, when
// away, finds it unread at their next sign-in; mentions are marked read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.hpp"
#include "sse_reader.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class MentionsTest : public ApiFixture {
 protected:
  MentionsTest() {
    anna_ = session_for("anna");
    sam_ = session_for("sam");
    root_ = session_for("root");
    post(root_, "/api/queues", {{"name", "General"}}, 201);
    json started =
        post("", "/api/channels/chat",
             {{"name", "Vera"}, {"email", "vera@example.com"}, {"question", "Help"}}, 201);
    chat_ = started["chat"]["id"];
    token_ = started["chat"]["token"];
  }

  std::string notes_path() const { return "/api/activities/" + std::to_string(chat_) + "/notes"; }
  json note(const std::string& cookie, const std::string& text, int expected = 201) {
    return post(cookie, notes_path(), {{"text", text}}, expected);
  }
  httplib::Headers widget() const { return {{"Authorization", "Bearer " + token_}}; }

  // Events on `stream` up to and including the first of `type`; empty when none came.
  static std::vector<SseEvent> until(SseReader& stream, const std::string& type) {
    std::vector<SseEvent> seen;
    while (auto event = stream.next()) {
      seen.push_back(*event);
      if (event->type == type) return seen;
    }
    return {};
  }

  std::string anna_, sam_, root_;
  std::int64_t chat_ = 0;
  std::string token_;
};

TEST_F(MentionsTest, ANoteIsForAgentsOnlyNeverTheCustomers) {
  SseReader customer(server_.port(), widget(),
                     "/api/channels/chat/" + std::to_string(chat_) + "/events");
  ASSERT_EQ(customer.status(), 200);
  json added = note(anna_, "Secret: @Sam Supervisor, she is a VIP");
  EXPECT_EQ(added["note"]["text"], "Secret: @Sam Supervisor, she is a VIP");
  EXPECT_EQ(added["note"]["author"], anna_id_);
  EXPECT_EQ(added["note"]["author_name"], "Anna Petrova");
  ASSERT_EQ(added["mentions"].size(), 1u);
  EXPECT_EQ(added["mentions"][0]["agent"], sam_id_);

  // Agents read it with the activity.
  json details = get(anna_, "/api/activities/" + std::to_string(chat_));
  ASSERT_EQ(details["comments"].size(), 1u);
  EXPECT_EQ(details["comments"][0]["text"], "Secret: @Sam Supervisor, she is a VIP");

  // The chat's token reads nothing of it: not in the state, not in the transcript.
  auto client = server_.client();
  for (const std::string path : {"", "/messages"}) {
    auto read = client.Get("/api/channels/chat/" + std::to_string(chat_) + path, widget());
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 200);
    EXPECT_EQ(read->body.find("Secret"), std::string::npos) << path << ": " << read->body;
  }
  // Nor its stream: up to a line the customer writes after the note, nothing of it.
  send("POST", "", "/api/channels/chat/" + std::to_string(chat_) + "/messages",
       {{"text", "marker"}}, 201, widget());
  std::vector<SseEvent> seen = until(customer, "chat.message");
  ASSERT_FALSE(seen.empty());
  for (const SseEvent& event : seen) {
    EXPECT_NE(event.type, "mention.added");
    EXPECT_EQ(event.data.dump().find("Secret"), std::string::npos) << event.data.dump();
  }
}

TEST_F(MentionsTest, TheMentionReachesOnlyTheAgentNamed) {
  SseReader sam(server_.port(), with_cookie(sam_));
  SseReader root(server_.port(), with_cookie(root_));
  SseReader anna(server_.port(), with_cookie(anna_));
  ASSERT_EQ(sam.status(), 200);
  ASSERT_EQ(root.status(), 200);
  ASSERT_EQ(anna.status(), 200);
  // By username too, ignoring case; the author's own name is not a mention.
  json added = note(anna_, "@SAM can you look? cc @anna");
  ASSERT_EQ(added["mentions"].size(), 1u);

  std::vector<SseEvent> to_sam = until(sam, "mention.added");
  ASSERT_FALSE(to_sam.empty());
  json mention = to_sam.back().data["mention"];
  EXPECT_EQ(mention["id"], added["mentions"][0]["id"]);
  EXPECT_EQ(mention["agent"], sam_id_);
  EXPECT_EQ(mention["read"], false);
  EXPECT_EQ(mention["note"]["activity"], chat_);
  EXPECT_EQ(mention["note"]["text"], "@SAM can you look? cc @anna");
  EXPECT_EQ(mention["note"]["author_name"], "Anna Petrova");

  // A later note that names nobody reaches everyone as record.changed: up to it, the
  // others' streams carried no mention.
  note(anna_, "no one named here");
  for (SseReader* other : {&root, &anna}) {
    std::vector<SseEvent> seen;
    int changes = 0;
    while (auto event = other->next()) {
      seen.push_back(*event);
      if (event->type == "record.changed" && ++changes == 2) break;
    }
    ASSERT_EQ(changes, 2);
    for (const SseEvent& event : seen)
      EXPECT_NE(event.type, "mention.added");
  }
}

TEST_F(MentionsTest, AMentionOfAnAgentAwayIsListedAtTheirNextSignIn) {
  auto bob =
      server_.app().auth().create_agent("bob", "Bob Jones", "correct horse", store::Role::Agent);
  ASSERT_TRUE(bob);
  // Bob has never signed in: the note keeps his mention.
  json added = note(anna_, "@Bob Jones please call her back tomorrow");
  ASSERT_EQ(added["mentions"].size(), 1u);
  clock_.advance(60'000);

  std::string bob_session = session_for("bob");
  json listed = get(bob_session, "/api/mentions?unread=true");
  EXPECT_EQ(listed["unread"], 1);
  ASSERT_EQ(listed["mentions"].size(), 1u);
  json mention = listed["mentions"][0];
  EXPECT_EQ(mention["agent"], bob->id);
  EXPECT_EQ(mention["read"], false);
  EXPECT_EQ(mention["note"]["text"], "@Bob Jones please call her back tomorrow");
  EXPECT_EQ(mention["note"]["author"], anna_id_);
  EXPECT_EQ(mention["note"]["activity"], chat_);
  // Nobody else's list has it.
  EXPECT_EQ(get(sam_, "/api/mentions")["mentions"].size(), 0u);
}

TEST_F(MentionsTest, MentionsAreMarkedReadOneOrAll) {
  json first = note(anna_, "@sam one")["mentions"][0];
  json second = note(anna_, "@sam two")["mentions"][0];
  note(anna_, "@sam three");
  EXPECT_EQ(get(sam_, "/api/mentions")["unread"], 3);

  std::string one = "/api/mentions/" + std::to_string(first["id"].get<std::int64_t>()) + "/read";
  json after = post(sam_, one, json::object(), 200);
  EXPECT_EQ(after["unread"], 2);
  EXPECT_EQ(after["mentions"].size(), 2u);  // the unread ones
  // Again: nothing changes.
  EXPECT_EQ(post(sam_, one, json::object(), 200)["unread"], 2);
  // All of them are still listed, newest first, the read one marked.
  json all = get(sam_, "/api/mentions");
  ASSERT_EQ(all["mentions"].size(), 3u);
  EXPECT_EQ(all["mentions"][2]["id"], first["id"]);
  EXPECT_EQ(all["mentions"][2]["read"], true);
  EXPECT_EQ(all["mentions"][1]["id"], second["id"]);
  EXPECT_EQ(all["mentions"][1]["read"], false);
  // Another agent cannot mark Sam's: 404, and it stays unread.
  post(root_, "/api/mentions/" + std::to_string(second["id"].get<std::int64_t>()) + "/read",
       json::object(), 404);
  EXPECT_EQ(get(sam_, "/api/mentions?unread=true")["unread"], 2);

  json cleared = post(sam_, "/api/mentions/read", json::object(), 200);
  EXPECT_EQ(cleared["unread"], 0);
  EXPECT_EQ(cleared["mentions"].size(), 0u);
  EXPECT_EQ(get(sam_, "/api/mentions")["mentions"].size(), 3u);
}

TEST_F(MentionsTest, BadNotesAreRefusedNamingTheFieldAndUnknownNamesArePlainText) {
  // The wrong type or missing: 400; blank or too long: 422.
  EXPECT_EQ(post(anna_, notes_path(), {{"text", 5}}, 400)["error"]["field"], "text");
  EXPECT_EQ(post(anna_, notes_path(), {{"words", "x"}}, 400)["error"]["field"], "text");
  EXPECT_EQ(note(anna_, "   ", 422)["error"]["field"], "text");
  EXPECT_EQ(note(anna_, "@sam " + std::string(2000, 'x'), 422)["error"]["field"], "text");
  // Naming more than ten agents at once: 422, and nobody is told.
  std::string crowd;
  for (int i = 0; i < 11; ++i) {
    std::string name = "agent" + std::to_string(i);
    server_.app().auth().create_agent(name, "Agent " + std::to_string(i), "correct horse",
                                      store::Role::Agent);
    crowd += "@" + name + " ";
  }
  json refused = note(anna_, crowd, 422);
  EXPECT_EQ(refused["error"]["field"], "text");
  EXPECT_EQ(refused["error"]["code"], "too_many");
  // No such activity: 404; not signed in: 401; a bad filter: 400 naming it.
  post(anna_, "/api/activities/999999/notes", {{"text", "@sam hi"}}, 404);
  post("", notes_path(), {{"text", "@sam hi"}}, 401);
  EXPECT_EQ(get(sam_, "/api/mentions?unread=maybe", 400)["error"]["field"], "unread");
  post(sam_, "/api/mentions/999999/read", json::object(), 404);
  EXPECT_EQ(get(sam_, "/api/mentions")["mentions"].size(), 0u);

  // "@" naming nobody, or inside an email address, is plain text: the note is kept.
  json plain = note(anna_, "@nobody wrote to sam@example.com and @samuel");
  EXPECT_EQ(plain["mentions"].size(), 0u);
  EXPECT_EQ(plain["note"]["text"], "@nobody wrote to sam@example.com and @samuel");
  EXPECT_EQ(get(sam_, "/api/mentions")["mentions"].size(), 0u);
}

}  // namespace
}  // namespace care::server::testing
