// Presence (R-F8): who views or edits a customer, request or activity, kept fresh by
// heartbeats, expired after 30 s, and published as presence.changed.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "api_fixture.hpp"
#include "care/time.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class PresenceTest : public ApiFixture {
 protected:
  PresenceTest() {
    anna_ = session_for("anna");
    sam_ = session_for("sam");
    customer_ = post(anna_, "/api/customers", {{"kind", "contact"}, {"name", "Maria"}},
                     201)["customer"]["id"];
    // A desktop listening to every event, as root's stream would.
    listener_ = server_.app()
                    .events()
                    .subscribe({root_id_, store::Role::Admin, "test"}, std::nullopt)
                    .subscriber;
  }

  json beat(const std::string& cookie, const json& body, int expected = 200) {
    return post(cookie, "/api/presence", body, expected);
  }
  json customer_beat(const std::string& cookie, bool editing = false) {
    return beat(cookie,
                {{"record", "customer"}, {"id", customer_}, {"editing", editing}})["viewers"];
  }
  std::string customer_query() const { return "?record=customer&id=" + std::to_string(customer_); }

  // The presence.changed events published since the last call, their data in order.
  std::vector<json> presence_events() {
    std::vector<json> found;
    std::string text = listener_->wait(0ms).text;
    size_t at = 0;
    while ((at = text.find("event: presence.changed\ndata: ", at)) != std::string::npos) {
      at += std::string("event: presence.changed\ndata: ").size();
      size_t end = text.find('\n', at);
      found.push_back(json::parse(text.substr(at, end - at)));
    }
    return found;
  }

  std::string anna_, sam_;
  std::int64_t customer_ = 0;
  std::shared_ptr<events::Subscriber> listener_;
};

TEST_F(PresenceTest, ViewersAndEditorsOfARecordAreListedAndPublished) {
  presence_events();  // the customer's record.changed and the like
  json viewers = customer_beat(anna_);
  ASSERT_EQ(viewers.size(), 1u);
  EXPECT_EQ(viewers[0], json({{"agent", anna_id_},
                              {"display_name", "Anna Petrova"},
                              {"editing", false},
                              {"since", format_rfc3339(time_from_unix_ms(kStart))}}));
  auto published = presence_events();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["record"], "customer");
  EXPECT_EQ(published[0]["id"], customer_);
  EXPECT_EQ(published[0]["viewers"], viewers);

  clock_.advance(1'000);
  viewers = customer_beat(sam_, true);
  ASSERT_EQ(viewers.size(), 2u);
  EXPECT_EQ(viewers[0]["agent"], anna_id_);  // first arrived first
  EXPECT_EQ(viewers[1]["agent"], sam_id_);
  EXPECT_EQ(viewers[1]["editing"], true);
  EXPECT_EQ(presence_events().size(), 1u);

  // A heartbeat that changes nothing publishes nothing; one that starts editing does.
  clock_.advance(5'000);
  customer_beat(anna_);
  EXPECT_TRUE(presence_events().empty());
  customer_beat(anna_, true);
  published = presence_events();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["viewers"][0]["editing"], true);

  EXPECT_EQ(get(anna_, "/api/presence" + customer_query())["viewers"], published[0]["viewers"]);
  // Other records are empty.
  EXPECT_TRUE(get(anna_, "/api/presence?record=request&id=1")["viewers"].empty());
}

TEST_F(PresenceTest, LeavingAndSilenceRemoveAViewer) {
  customer_beat(anna_);
  customer_beat(sam_);
  presence_events();

  // Sam closes the record.
  json after = del(sam_, "/api/presence" + customer_query())["viewers"];
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["agent"], anna_id_);
  auto published = presence_events();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["viewers"], after);
  del(sam_, "/api/presence" + customer_query());  // again: nothing changes
  EXPECT_TRUE(presence_events().empty());

  // Anna's heartbeats stop: still there at 29.999 s, gone at 30 s.
  clock_.advance(29'999);
  server_.app().presence().sweep();
  EXPECT_EQ(get(sam_, "/api/presence" + customer_query())["viewers"].size(), 1u);
  EXPECT_TRUE(presence_events().empty());
  clock_.advance(1);
  server_.app().presence().sweep();
  EXPECT_TRUE(get(sam_, "/api/presence" + customer_query())["viewers"].empty());
  published = presence_events();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_TRUE(published[0]["viewers"].empty());
}

TEST_F(PresenceTest, AHeartbeatKeepsAViewer) {
  customer_beat(anna_);
  clock_.advance(20'000);
  customer_beat(anna_);
  clock_.advance(20'000);
  server_.app().presence().sweep();
  json viewers = get(anna_, "/api/presence" + customer_query())["viewers"];
  ASSERT_EQ(viewers.size(), 1u);
  EXPECT_EQ(viewers[0]["since"], format_rfc3339(time_from_unix_ms(kStart)));  // when it opened
}

TEST_F(PresenceTest, RequestsAndActivitiesToo) {
  json request = post(anna_, "/api/customers/" + std::to_string(customer_) + "/requests",
                      {{"title", "Router"}}, 201)["request"];
  json viewers = beat(sam_, {{"record", "request"}, {"id", request["id"]}})["viewers"];
  ASSERT_EQ(viewers.size(), 1u);
  EXPECT_EQ(viewers[0]["editing"], false);  // the default
  beat(sam_, {{"record", "activity"}, {"id", 999999}}, 404);
}

TEST_F(PresenceTest, AnAgentCountsOnAtMostFiftyRecords) {
  std::vector<std::int64_t> customers{customer_};
  for (int i = 0; i < 50; ++i) {
    std::string name = "Customer " + std::to_string(i);
    customers.push_back(post(anna_, "/api/customers", {{"kind", "contact"}, {"name", name}},
                             201)["customer"]["id"]);
  }
  for (std::int64_t id : customers) {
    clock_.advance(10);
    beat(anna_, {{"record", "customer"}, {"id", id}});
  }
  // The 51st dropped the one seen longest ago: the first.
  EXPECT_TRUE(get(sam_, "/api/presence" + customer_query())["viewers"].empty());
  EXPECT_EQ(
      get(sam_, "/api/presence?record=customer&id=" + std::to_string(customers.back()))["viewers"]
          .size(),
      1u);
}

TEST_F(PresenceTest, BadHeartbeatsAreRefusedWithTheField) {
  EXPECT_EQ(beat(anna_, {{"record", "task"}, {"id", customer_}}, 400)["error"]["field"], "record");
  EXPECT_EQ(beat(anna_, {{"id", customer_}}, 400)["error"]["field"], "record");
  EXPECT_EQ(beat(anna_, {{"record", "customer"}}, 400)["error"]["field"], "id");
  EXPECT_EQ(beat(anna_, {{"record", "customer"}, {"id", "7"}}, 400)["error"]["field"], "id");
  // Well formed but out of range: a broken rule (422), as in every shared decoder.
  EXPECT_EQ(beat(anna_, {{"record", "customer"}, {"id", -1}}, 422)["error"]["field"], "id");
  EXPECT_EQ(beat(anna_, {{"record", "customer"}, {"id", customer_}, {"editing", "yes"}},
                 400)["error"]["field"],
            "editing");
  EXPECT_EQ(beat(anna_, {{"record", "customer"}, {"id", 424242}}, 404)["error"]["code"],
            "not_found");
  beat("", {{"record", "customer"}, {"id", customer_}}, 401);
  EXPECT_EQ(get(anna_, "/api/presence?record=customer", 400)["error"]["field"], "id");
  EXPECT_EQ(get(anna_, "/api/presence?record=nope&id=1", 400)["error"]["field"], "record");
  get("", "/api/presence" + customer_query(), 401);
}

}  // namespace
}  // namespace care::server::testing
