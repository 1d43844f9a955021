// Transfer and consult (issue 18, R-K1): an agent hands a task on to a queue or to a
// named colleague with a note; the named colleague is offered it first and, if they
// miss or decline it, it waits in the queue; the customer is told; the journey keeps
// who handed what to whom. A chat's holder invites a colleague in, who reads and
// writes and leaves; only the holder closes. A supervisor reassigns the same way.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.hpp"
#include "care/rules/routing.hpp"
#include "gateway_config.hpp"
#include "sse_reader.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class TransferTest : public ApiFixture {
 protected:
  TransferTest() : ApiFixture(gateway_config()) {
    auto& auth = server_.app().auth();
    ivan_id_ = auth.create_agent("ivan", "Ivan Petrov", "correct horse", store::Role::Agent)->id;
    olga_id_ = auth.create_agent("olga", "Olga Horvat", "correct horse", store::Role::Agent)->id;
    root_ = session_for("root");
    anna_ = session_for("anna");
    ivan_ = session_for("ivan");
    olga_ = session_for("olga");
    sam_ = session_for("sam");
    front_ = post(root_, "/api/queues", {{"name", "Front desk"}}, 201)["queue"]["id"];
    billing_ = post(root_, "/api/queues", {{"name", "Billing"}}, 201)["queue"]["id"];
    serve(anna_id_, {front_});
    put(anna_, "/api/me/state", {{"state", "ready"}}, 200);
  }

  void serve(std::int64_t agent, const std::vector<std::int64_t>& queues) {
    put(root_, "/api/agents/" + std::to_string(agent) + "/routing", {{"queues", queues}}, 200);
  }

  struct Chat {
    std::int64_t id = 0;
    std::string token;
    std::int64_t task = 0;
  };

  Chat start_chat(const std::string& email) {
    json started =
        post("", "/api/channels/chat",
             {{"name", "Vera"}, {"email", email}, {"question", "My invoice is wrong"}}, 201);
    return Chat{started["chat"]["id"], started["chat"]["token"], started["task"]["id"]};
  }

  // A chat Anna has accepted, with a line each way.
  Chat chat_with_anna() {
    Chat chat = start_chat("vera@example.com");
    server_.app().routing().route_now();
    post(anna_, task_path(chat.task, "accept"), json::object(), 200);
    customer_says(chat, "It says 300 instead of 30");
    post(anna_, "/api/activities/" + std::to_string(chat.id) + "/messages",
         {{"text", "Let me look"}}, 201);
    return chat;
  }

  void customer_says(const Chat& chat, const std::string& text) {
    send("POST", "", "/api/channels/chat/" + std::to_string(chat.id) + "/messages",
         {{"text", text}}, 201, {{"Authorization", "Bearer " + chat.token}});
  }

  // An email or a call from the gateway (`path`: /api/channels/email or /call), accepted
  // by Anna: its task and activity.
  struct Taken {
    std::int64_t task = 0;
    std::int64_t activity = 0;
  };
  Taken gateway_work_with_anna(const std::string& path, const json& body) {
    json in = send("POST", "", path, body, 201, {{"Authorization", "Bearer gateway-key"}});
    server_.app().routing().route_now();
    Taken taken;
    taken.activity = in["activity"]["id"];
    const json tasks = get(anna_, "/api/tasks");
    for (const json& hand : tasks["tasks"]) {
      if (hand["activity"]["id"] == taken.activity) taken.task = hand["task"]["id"];
    }
    EXPECT_NE(taken.task, 0) << path;
    post(anna_, task_path(taken.task, "accept"), json::object(), 200);
    return taken;
  }
  Taken email_with_anna() {
    return gateway_work_with_anna("/api/channels/email", {{"from", "boss@example.com"},
                                                          {"to", "support@care.example"},
                                                          {"subject", "Contract"},
                                                          {"body", "Please call me."}});
  }

  static std::string task_path(std::int64_t task, const std::string& action) {
    return "/api/tasks/" + std::to_string(task) + "/" + action;
  }

  // The task of `chat` among `cookie`'s tasks in hand, or null.
  json hand_of(const std::string& cookie, const Chat& chat) {
    const json tasks =
        get(cookie, "/api/tasks");  // kept: a range-for over a temporary's part dangles
    for (const json& hand : tasks["tasks"]) {
      if (hand["task"]["id"] == chat.task) return hand;
    }
    return nullptr;
  }

  json transfer(const std::string& cookie, const Chat& chat, const json& body, int expected) {
    return post(cookie, task_path(chat.task, "transfer"), body, expected);
  }

  std::string root_, anna_, ivan_, olga_, sam_;
  std::int64_t ivan_id_ = 0, olga_id_ = 0;
  std::int64_t front_ = 0, billing_ = 0;
};

TEST_F(TransferTest, ANamedAgentAcceptsAndContinuesWithTheWholeTranscript) {
  Chat chat = chat_with_anna();
  put(ivan_, "/api/me/state", {{"state", "ready"}}, 200);  // serves no queue: named, he may

  SseReader widget(server_.port(), {},
                   "/api/channels/chat/" + std::to_string(chat.id) + "/events?token=" + chat.token);
  ASSERT_EQ(widget.status(), 200);
  json moved = transfer(anna_, chat, {{"agent", ivan_id_}, {"note", "Billing question, VIP"}}, 200);
  EXPECT_EQ(moved["task"]["state"], "offered");
  EXPECT_EQ(moved["task"]["agent"], ivan_id_);

  // Anna no longer holds it; she can neither write in it nor close it.
  EXPECT_TRUE(hand_of(anna_, chat).is_null());
  post(anna_, "/api/activities/" + std::to_string(chat.id) + "/messages", {{"text", "Still me"}},
       403);

  // The customer is told who they go to.
  std::optional<SseEvent> told;
  while ((told = widget.next()) && told->type != "chat.transferring") {
  }
  ASSERT_TRUE(told);
  EXPECT_EQ(told->data["to"], "Ivan Petrov");

  // Ivan's offer says it is a transfer, from whom, with the note.
  json offer = hand_of(ivan_, chat);
  ASSERT_FALSE(offer.is_null());
  EXPECT_EQ(offer["task"]["state"], "offered");
  ASSERT_EQ(offer["handoffs"].size(), 1u);
  EXPECT_EQ(offer["handoffs"][0]["kind"], "transfer");
  EXPECT_EQ(offer["handoffs"][0]["by_name"], "Anna Petrova");
  EXPECT_EQ(offer["handoffs"][0]["to_agent"], ivan_id_);
  EXPECT_EQ(offer["handoffs"][0]["note"], "Billing question, VIP");

  json hand = post(ivan_, task_path(chat.task, "accept"), json::object(), 200);
  EXPECT_EQ(hand["task"]["state"], "assigned");
  ASSERT_GE(hand["activity"]["messages"].size(), 3u);
  EXPECT_EQ(hand["activity"]["messages"][1]["text"], "It says 300 instead of 30");
  EXPECT_EQ(hand["activity"]["messages"][2]["text"], "Let me look");
  post(ivan_, "/api/activities/" + std::to_string(chat.id) + "/messages",
       {{"text", "I have corrected it"}}, 201);
  post(ivan_, task_path(chat.task, "close"),
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);

  // The journey's activity keeps who handed what to whom.
  json details = get(ivan_, "/api/activities/" + std::to_string(chat.id));
  ASSERT_EQ(details["handoffs"].size(), 1u);
  EXPECT_EQ(details["handoffs"][0]["by"], anna_id_);
  EXPECT_EQ(details["handoffs"][0]["to_agent_name"], "Ivan Petrov");
}

TEST_F(TransferTest, ANamedAgentWhoMissesItLeavesItToTheQueue) {
  Chat chat = chat_with_anna();
  put(ivan_, "/api/me/state", {{"state", "ready"}}, 200);
  serve(olga_id_, {front_});
  put(olga_, "/api/me/state", {{"state", "ready"}}, 200);

  transfer(anna_, chat, {{"agent", ivan_id_}, {"note", "Can you take this?"}}, 200);
  server_.app().routing().route_now();
  EXPECT_EQ(hand_of(ivan_, chat)["task"]["state"], "offered");  // Olga waits: Ivan is first
  EXPECT_TRUE(hand_of(olga_, chat).is_null());

  clock_.advance(std::chrono::duration_cast<std::chrono::milliseconds>(kOfferTimeout).count() + 1);
  server_.app().routing().route_now();
  EXPECT_TRUE(hand_of(ivan_, chat).is_null());
  EXPECT_EQ(get(ivan_, "/api/me")["agent"]["state_reason"], "missed_offer");
  // The queue's agent gets it, not Anna, who handed it on (she serves the queue too).
  json offer = hand_of(olga_, chat);
  ASSERT_FALSE(offer.is_null());
  EXPECT_EQ(offer["task"]["state"], "offered");
  EXPECT_TRUE(hand_of(anna_, chat).is_null());
  post(olga_, task_path(chat.task, "accept"), json::object(), 200);
}

TEST_F(TransferTest, ANamedAgentWhoDeclinesItLeavesItToTheQueue) {
  Chat chat = chat_with_anna();
  put(ivan_, "/api/me/state", {{"state", "ready"}}, 200);
  serve(olga_id_, {front_});
  put(olga_, "/api/me/state", {{"state", "ready"}}, 200);
  transfer(anna_, chat, {{"agent", ivan_id_}}, 200);
  post(ivan_, task_path(chat.task, "decline"), json::object(), 200);
  server_.app().routing().route_now();
  EXPECT_EQ(hand_of(olga_, chat)["task"]["state"], "offered");
}

TEST_F(TransferTest, ToAQueueItWaitsThereForItsAgents) {
  Chat chat = chat_with_anna();
  serve(olga_id_, {billing_});
  put(olga_, "/api/me/state", {{"state", "ready"}}, 200);
  json moved = transfer(anna_, chat, {{"queue", billing_}, {"note", "Refund"}}, 200);
  EXPECT_EQ(moved["task"]["state"], "queued");
  EXPECT_EQ(moved["task"]["queue"], billing_);
  EXPECT_EQ(moved["activity"]["context"]["queue"], billing_);
  EXPECT_TRUE(hand_of(anna_, chat).is_null());

  server_.app().routing().route_now();
  json offer = hand_of(olga_, chat);
  ASSERT_FALSE(offer.is_null());
  EXPECT_EQ(offer["handoffs"][0]["to_queue_name"], "Billing");
  EXPECT_EQ(offer["handoffs"][0]["note"], "Refund");
  post(olga_, task_path(chat.task, "accept"), json::object(), 200);
}

TEST_F(TransferTest, EmailsAndCallsAreTransferredToo) {
  Taken email = email_with_anna();
  json moved = post(anna_, task_path(email.task, "transfer"), {{"queue", billing_}}, 200);
  EXPECT_EQ(moved["task"]["channel"], "email");
  EXPECT_EQ(moved["task"]["queue"], billing_);
  EXPECT_EQ(moved["activity"]["id"], email.activity);

  Taken call = gateway_work_with_anna(
      "/api/channels/call",
      {{"call", "c-1"}, {"kind", "ringing"}, {"from", "+359881234567"}, {"to", "+35921234"}});
  moved =
      post(anna_, task_path(call.task, "transfer"), {{"queue", billing_}, {"note", "Ask"}}, 200);
  EXPECT_EQ(moved["task"]["channel"], "call");
  EXPECT_EQ(moved["handoffs"][0]["note"], "Ask");
}

TEST_F(TransferTest, OnlyTheHolderOrASupervisorTransfers) {
  Chat chat = chat_with_anna();
  serve(olga_id_, {front_});
  put(olga_, "/api/me/state", {{"state", "ready"}}, 200);
  EXPECT_EQ(transfer(ivan_, chat, {{"queue", billing_}}, 403)["error"]["field"], "task");
  EXPECT_EQ(hand_of(anna_, chat)["task"]["state"], "assigned");

  // K5: a supervisor reassigns from the floor, to an agent or a queue.
  json moved = transfer(sam_, chat, {{"agent", olga_id_}, {"note", "Reassigned"}}, 200);
  EXPECT_EQ(moved["handoffs"][0]["by_name"], "Sam Supervisor");
  EXPECT_EQ(moved["task"]["agent"], olga_id_);
  EXPECT_TRUE(hand_of(anna_, chat).is_null());
  // Offered, not in anyone's hands: nothing to transfer until Olga accepts.
  EXPECT_EQ(transfer(sam_, chat, {{"queue", billing_}}, 409)["error"]["field"], "task");
  post(olga_, task_path(chat.task, "accept"), json::object(), 200);
  transfer(anna_, chat, {{"queue", billing_}}, 403);  // no longer hers
}

TEST_F(TransferTest, UnknownTasksQueuesAndAgentsAre404) {
  Chat chat = chat_with_anna();
  EXPECT_EQ(post(anna_, "/api/tasks/999999/transfer", {{"queue", billing_}}, 404)["error"]["field"],
            "task");
  EXPECT_EQ(transfer(anna_, chat, {{"queue", 999999}}, 404)["error"]["field"], "queue");
  EXPECT_EQ(transfer(anna_, chat, {{"agent", 999999}}, 404)["error"]["field"], "agent");
  EXPECT_EQ(post(anna_, "/api/tasks/999999/consult", {{"agent", ivan_id_}}, 404)["error"]["field"],
            "task");
  EXPECT_EQ(
      post(anna_, task_path(chat.task, "consult"), {{"agent", 999999}}, 404)["error"]["field"],
      "agent");
  EXPECT_EQ(del(anna_, "/api/tasks/999999/consult", 404)["error"]["field"], "task");
  EXPECT_EQ(hand_of(anna_, chat)["task"]["state"], "assigned");
}

TEST_F(TransferTest, BadInputIsRefusedNamingTheField) {
  Chat chat = chat_with_anna();
  EXPECT_EQ(transfer(anna_, chat, json::object(), 400)["error"]["field"], "queue");
  EXPECT_EQ(transfer(anna_, chat, {{"queue", "Billing"}}, 400)["error"]["field"], "queue");
  EXPECT_EQ(
      transfer(anna_, chat, {{"agent", ivan_id_}, {"queue", billing_}}, 422)["error"]["field"],
      "queue");
  EXPECT_EQ(transfer(anna_, chat, {{"queue", billing_}, {"note", std::string(1001, 'x')}},
                     422)["error"]["field"],
            "note");
  EXPECT_EQ(transfer(anna_, chat, {{"queue", billing_}, {"note", 5}}, 400)["error"]["field"],
            "note");
  EXPECT_EQ(transfer(anna_, chat, {{"agent", anna_id_}}, 422)["error"]["field"], "agent");
  // Ivan is Not Ready: he cannot be offered it now; the queue is the way.
  EXPECT_EQ(transfer(anna_, chat, {{"agent", ivan_id_}}, 409)["error"]["field"], "agent");
  EXPECT_EQ(post(anna_, task_path(chat.task, "consult"), json::object(), 400)["error"]["field"],
            "agent");
  EXPECT_EQ(hand_of(anna_, chat)["task"]["state"], "assigned");
  EXPECT_EQ(get(anna_, "/api/activities/" + std::to_string(chat.id))["handoffs"].size(), 0u);
}

TEST_F(TransferTest, AConsultedColleagueReadsWritesAndLeavesButCannotClose) {
  Chat chat = chat_with_anna();
  json invited = post(anna_, task_path(chat.task, "consult"),
                      {{"agent", ivan_id_}, {"note", "Is 300 right?"}}, 200);
  EXPECT_EQ(invited["handoffs"][0]["kind"], "consult");

  json guest = hand_of(ivan_, chat);
  ASSERT_FALSE(guest.is_null());
  EXPECT_TRUE(guest["guest"].get<bool>());
  EXPECT_FALSE(hand_of(anna_, chat)["guest"].get<bool>());
  EXPECT_GE(guest["activity"]["messages"].size(), 3u);  // the transcript so far

  // Both hear the customer; both write.
  SseReader ivan_stream(server_.port(), with_cookie(ivan_));
  ASSERT_EQ(ivan_stream.status(), 200);
  customer_says(chat, "Hello?");
  std::optional<SseEvent> heard;
  while ((heard = ivan_stream.next()) && heard->type != "chat.message") {
  }
  ASSERT_TRUE(heard);
  EXPECT_EQ(heard->data["message"]["text"], "Hello?");
  post(ivan_, "/api/activities/" + std::to_string(chat.id) + "/messages",
       {{"text", "Ivan here, from billing"}}, 201);
  post(anna_, "/api/activities/" + std::to_string(chat.id) + "/messages", {{"text", "Thanks Ivan"}},
       201);

  // Only the holder closes, transfers or invites.
  post(ivan_, task_path(chat.task, "close"),
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 403);
  transfer(ivan_, chat, {{"queue", billing_}}, 403);
  post(ivan_, task_path(chat.task, "consult"), {{"agent", olga_id_}}, 403);
  EXPECT_EQ(
      post(anna_, task_path(chat.task, "consult"), {{"agent", ivan_id_}}, 409)["error"]["field"],
      "agent");
  EXPECT_EQ(
      post(anna_, task_path(chat.task, "consult"), {{"agent", anna_id_}}, 422)["error"]["field"],
      "agent");

  // The guest's leaving changes the activity without an edit: the holder's desktop
  // hears it with the same version and a later stamp, and reloads its handoffs.
  json before = get(anna_, "/api/activities/" + std::to_string(chat.id))["activity"];
  SseReader anna_stream(server_.port(), with_cookie(anna_));
  ASSERT_EQ(anna_stream.status(), 200);
  clock_.advance(1'000);
  del(ivan_, "/api/tasks/" + std::to_string(chat.task) + "/consult", 200);
  std::optional<SseEvent> changed;
  while ((changed = anna_stream.next()) &&
         !(changed->type == "record.changed" && changed->data["id"] == chat.id)) {
  }
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->data["version"], before["version"]);
  EXPECT_GT(changed->data["updated_at"].get<std::string>(),
            before["updated_at"].get<std::string>());
  EXPECT_TRUE(hand_of(ivan_, chat).is_null());
  post(ivan_, "/api/activities/" + std::to_string(chat.id) + "/messages", {{"text", "Bye"}}, 403);
  del(ivan_, "/api/tasks/" + std::to_string(chat.task) + "/consult", 409);
  del(anna_, "/api/tasks/" + std::to_string(chat.task) + "/consult",
      409);  // the holder is no guest

  json lines = get(anna_, "/api/activities/" + std::to_string(chat.id))["handoffs"];
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1]["kind"], "consult_left");
  EXPECT_EQ(lines[1]["to_agent"], ivan_id_);
  post(anna_, task_path(chat.task, "close"),
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
}

TEST_F(TransferTest, ATransferEndsTheConsultsAndAnEmailHasNone) {
  Chat chat = chat_with_anna();
  post(anna_, task_path(chat.task, "consult"), {{"agent", ivan_id_}}, 200);
  transfer(anna_, chat, {{"queue", billing_}}, 200);
  EXPECT_TRUE(hand_of(ivan_, chat).is_null());
  post(ivan_, "/api/activities/" + std::to_string(chat.id) + "/messages", {{"text", "Me?"}}, 403);

  std::int64_t email_task = email_with_anna().task;
  EXPECT_EQ(
      post(anna_, task_path(email_task, "consult"), {{"agent", ivan_id_}}, 422)["error"]["field"],
      "task");
}

}  // namespace
}  // namespace care::server::testing
