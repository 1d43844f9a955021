// Who gets the next task, through the API (issue 15): the agent idle longest, counted
// from going Ready or from their last task closed or declined, whichever is later;
// and a restart rebuilds the router's view from the store with those idle times.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "accounts_fixture.hpp"
#include "store/postgres/pg_connection.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

Config fairness_config() {
  Config config;
  config.chat_starts_per_address = 0;
  return config;
}

class RoutingFairnessTest : public AccountsFixture {
 protected:
  RoutingFairnessTest() : AccountsFixture(fairness_config()) {
    root_ = session_for("root");
    queue_id_ = send("POST", root_, "/api/queues", {{"name", "General"}}, 201)["queue"]["id"];
    for (const char* name : {"anna", "ben", "cleo"}) {
      if (std::string(name) != "anna") {
        server_.app().auth().create_agent(name, name, "correct horse", store::Role::Agent);
      }
      Id id = server_.app().store().credentials(name)->first.id;
      send("PUT", root_, "/api/agents/" + std::to_string(id) + "/routing",
           {{"queues", {queue_id_}}, {"skills", json::array()}}, 200);
      ids_[name] = id;
      sessions_[name] = session_for(name);
    }
  }

  json send(const char* method, const std::string& cookie, const std::string& path,
            const json& body, int expected) {
    auto client = server_.client();
    httplib::Headers headers = {{"Cookie", cookie}};
    std::string m = method;
    httplib::Result result = m == "POST"
                                 ? client.Post(path, headers, body.dump(), "application/json")
                                 : client.Put(path, headers, body.dump(), "application/json");
    EXPECT_TRUE(result) << method << " " << path;
    if (!result) return json();
    EXPECT_EQ(result->status, expected) << method << " " << path << " → " << result->body;
    return json::parse(result->body, nullptr, false);
  }

  // A second later than the last step: every step below has its own moment.
  void ready(const char* name) {
    clock_.advance(1000);
    send("PUT", sessions_[name], "/api/me/state", {{"state", "ready"}}, 200);
  }

  std::int64_t start_chat() {
    clock_.advance(1000);
    json chat = send("POST", "", "/api/channels/chat",
                     {{"name", "Мария Иванова"},
                      {"email", "maria" + std::to_string(++chats_) + "@example.bg"},
                      {"question", "My router blinks red"}},
                     201);
    server_.app().routing().route_now();
    return chat["task"]["id"];
  }

  // Who the task is offered to now, by name ("" when nobody).
  std::string offered_to(std::int64_t task) {
    auto stored = server_.app().store().task(task);
    if (!stored || stored->state != TaskState::offered || !stored->agent) return "";
    for (const auto& [name, id] : ids_) {
      if (id == *stored->agent) return name;
    }
    return "?";
  }

  void take_and_close(const char* name, std::int64_t task) {
    clock_.advance(1000);
    std::string path = "/api/tasks/" + std::to_string(task);
    send("POST", sessions_[name], path + "/accept", json::object(), 200);
    clock_.advance(1000);
    send("POST", sessions_[name], path + "/close",
         {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  }

  std::string root_;
  std::int64_t queue_id_ = 0;
  int chats_ = 0;
  std::map<std::string, Id> ids_;
  std::map<std::string, std::string> sessions_;
};

TEST_F(RoutingFairnessTest, TheAgentWhoJustClosedGoesToTheBackOfTheLine) {
  ready("anna");
  ready("ben");
  std::int64_t first = start_chat();
  ASSERT_EQ(offered_to(first), "anna");  // Ready the longest
  take_and_close("anna", first);
  // anna has been idle only since she closed; ben since he went Ready, earlier.
  std::int64_t second = start_chat();
  EXPECT_EQ(offered_to(second), "ben");
  take_and_close("ben", second);
  EXPECT_EQ(offered_to(start_chat()), "anna");  // now she has waited longest
}

TEST_F(RoutingFairnessTest, DecliningSendsTheAgentToTheBackOfTheLine) {
  ready("anna");
  ready("ben");
  ready("cleo");
  std::int64_t first = start_chat();
  ASSERT_EQ(offered_to(first), "anna");
  clock_.advance(1000);
  send("POST", sessions_["anna"], "/api/tasks/" + std::to_string(first) + "/decline",
       json::object(), 200);
  server_.app().routing().route_now();
  EXPECT_EQ(offered_to(first), "ben");  // not anna again during her cooldown
  // anna stays Ready, but idle only since she declined: cleo has waited longer.
  EXPECT_EQ(offered_to(start_chat()), "cleo");
}

TEST_F(RoutingFairnessTest, ARestartRebuildsTheRouterFromTheStoreWithIdleTimes) {
  ready("anna");
  ready("ben");
  std::int64_t first = start_chat();
  ASSERT_EQ(offered_to(first), "anna");
  take_and_close("anna", first);
  // The router stops before the next chat: it waits in the store for the next start.
  server_.app().routing().stop();
  clock_.advance(1000);
  json chat = send("POST", "", "/api/channels/chat",
                   {{"name", "Late"}, {"email", "late@example.bg"}, {"question", "Hello?"}}, 201);
  std::int64_t waiting = chat["task"]["id"];
  ASSERT_EQ(server_.app().store().task(waiting)->state, TaskState::queued);

  Config same = fairness_config();
  same.host = "127.0.0.1";
  same.port = 0;
  same.data_dir = server_.data_dir().string();
  same.database = server_.database();  // the same PostgreSQL database, in the .postgres run
  App again(same, &clock_);
  if (!same.database.empty()) {
    // PostgreSQL: while the first node lives it leads routing (issue 17); it is gone
    // as a killed node would be (its lead connection ends), and the new one leads.
    store::pg::Connection admin(same.database);
    admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    for (int tries = 0; tries < 100 && !again.routing().leading(); ++tries) {
      again.routing().route_now();
      if (!again.routing().leading()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  again.routing().route_now();
  auto offered = again.store().task(waiting);
  ASSERT_EQ(offered->state, TaskState::offered);
  EXPECT_EQ(offered->agent, ids_["ben"]);  // anna's close was kept across the restart
}

}  // namespace
}  // namespace care::server::testing
