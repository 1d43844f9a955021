// The supervisor's floor (R-H3): targets, service level over the shift, Offline, and
// the overview's codec.
#include <gtest/gtest.h>

#include <vector>

#include "care/codec/json.hpp"
#include "care/rules/floor.hpp"

namespace care {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr Duration kTarget = minutes(2);

TEST(ServiceLevel, NothingDecidedYetHasNoFigure) {
  ServiceLevel level = service_level({}, {}, kTarget);
  EXPECT_EQ(level, (ServiceLevel{0, 0}));
  EXPECT_FALSE(level.share().has_value());
  EXPECT_EQ(service_level_standing(level), Standing::within);
}

TEST(ServiceLevel, AcceptedAtTheTargetIsWithinAndOneMillisecondLaterIsNot) {
  std::vector<Duration> accepted{kTarget, kTarget + Duration(1)};
  ServiceLevel level = service_level(accepted, {}, kTarget);
  EXPECT_EQ(level.within, 1);
  EXPECT_EQ(level.counted, 2);
  EXPECT_DOUBLE_EQ(*level.share(), 0.5);
}

TEST(ServiceLevel, StillWaitingCountsAgainstOnlyOncePastTheTarget) {
  std::vector<Duration> accepted{seconds(10), seconds(30), seconds(50)};
  std::vector<Duration> waiting{seconds(20), kTarget, minutes(10)};
  ServiceLevel level = service_level(accepted, waiting, kTarget);
  EXPECT_EQ(level.within, 3);
  EXPECT_EQ(level.counted, 4);  // the ten-minute wait has already missed it
}

TEST(ServiceLevel, AStuckQueueShowsBeforeAnyoneAccepts) {
  std::vector<Duration> waiting{minutes(3), minutes(5)};
  ServiceLevel level = service_level({}, waiting, kTarget);
  EXPECT_EQ(level, (ServiceLevel{0, 2}));
  EXPECT_DOUBLE_EQ(*level.share(), 0.0);
  EXPECT_EQ(service_level_standing(level), Standing::crossed);
}

TEST(ServiceLevel, StandingAgainstTheEightyPercentGoal) {
  EXPECT_EQ(service_level_standing({4, 5}), Standing::near);  // exactly the goal
  EXPECT_EQ(service_level_standing({79, 100}), Standing::crossed);
  EXPECT_EQ(service_level_standing({89, 100}), Standing::near);
  EXPECT_EQ(service_level_standing({9, 10}), Standing::within);
  EXPECT_EQ(service_level_standing({10, 10}), Standing::within);
}

TEST(Targets, NearFromEightyPercentCrossedAboveTheTarget) {
  EXPECT_EQ(standing(0, 5), Standing::within);
  EXPECT_EQ(standing(3, 5), Standing::within);
  EXPECT_EQ(standing(4, 5), Standing::near);
  EXPECT_EQ(standing(5, 5), Standing::near);
  EXPECT_EQ(standing(6, 5), Standing::crossed);
  QueueTargets targets;  // two minutes, five waiting
  EXPECT_EQ(wait_standing(seconds(95), targets), Standing::within);
  EXPECT_EQ(wait_standing(seconds(96), targets), Standing::near);
  EXPECT_EQ(wait_standing(minutes(10), targets), Standing::crossed);
  EXPECT_EQ(waiting_standing(41, targets), Standing::crossed);
}

TEST(FloorPresence, SignedOutIsOfflineWhateverStateWasLeft) {
  AgentState ready{Presence::ready, "", {}};
  AgentState lunch{Presence::not_ready, "lunch", {}};
  EXPECT_EQ(floor_presence(ready, false), FloorPresence::offline);
  EXPECT_EQ(floor_presence(lunch, false), FloorPresence::offline);
  EXPECT_EQ(floor_presence(ready, true), FloorPresence::ready);
  EXPECT_EQ(floor_presence(lunch, true), FloorPresence::not_ready);
}

FloorOverview sample_overview() {
  FloorOverview o;
  o.now = time_from_unix_ms(1'790'000'000'000);
  o.since = o.now - std::chrono::hours(12);
  o.sample_every = seconds(30);
  FloorQueue q;
  q.id = 3;
  q.name = "Chat";
  q.waiting = 41;
  q.offered = 1;
  q.in_progress = 7;
  q.longest_wait = minutes(10);
  q.waiting_since = o.now - minutes(10);
  q.targets = QueueTargets{seconds(90), 8};
  q.service_level = ServiceLevel{12, 20};
  q.handled = HandledWork{5, 240'000};
  q.ratings = RatingSummary{4, 17};
  q.history = {FloorSample{o.now - seconds(30), 40, 7}, FloorSample{o.now, 41, 7}};
  o.queues.push_back(q);
  FloorAgent a;
  a.id = 9;
  a.display_name = "Olga Hansen";
  a.state = FloorPresence::offline;
  a.since = o.now - minutes(1);
  a.chats = 2;
  a.in_hand = {FloorTask{41, 17, Channel::chat, o.now - minutes(3)},
               FloorTask{42, 18, Channel::chat, o.now - minutes(2)}};
  a.handled = HandledWork{3, std::nullopt};
  o.agents.push_back(a);
  o.handled = HandledWork{5, 240'000};
  o.handled_by_channel[0] = HandledWork{5, 240'000};
  return o;
}

TEST(FloorCodec, RoundTrips) {
  FloorOverview o = sample_overview();
  Json j = o;
  EXPECT_EQ(j["queues"][0]["targets"], Json({{"longest_wait_ms", 90'000}, {"waiting", 8}}));
  EXPECT_DOUBLE_EQ(j["queues"][0]["service_level"]["share"].get<double>(), 0.6);
  EXPECT_EQ(j["agents"][0]["state"], "offline");
  EXPECT_DOUBLE_EQ(j["queues"][0]["ratings"]["average"].get<double>(), 4.25);
  auto back = decode<FloorOverview>(j);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, o);
}

TEST(FloorCodec, RefusesBadInputNamingTheField) {
  Json j = sample_overview();
  j["queues"][0]["service_level"]["within_target"] = 21;
  auto refused = decode<FloorOverview>(j);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "queues[0].service_level.within_target");

  j = sample_overview();
  j["agents"][0]["state"] = "away";
  refused = decode<FloorOverview>(j);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "agents[0].state");

  j = sample_overview();
  j["agents"][0]["in_hand"][1]["channel"] = "fax";
  refused = decode<FloorOverview>(j);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "agents[0].in_hand[1].channel");

  j = sample_overview();
  j["queues"][0]["ratings"]["total"] = 21;  // four ratings cannot sum past 20
  refused = decode<FloorOverview>(j);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "queues[0].ratings.total");

  j = sample_overview();
  j["queues"][0]["history"][1]["waiting"] = -1;
  refused = decode<FloorOverview>(j);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "queues[0].history[1].waiting");
}

TEST(QueueTargetsCodec, BothFieldsWithinTheirBounds) {
  auto ok = decode<QueueTargets>(Json{{"longest_wait_ms", 30'000}, {"waiting", 3}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, (QueueTargets{seconds(30), 3}));
  for (const Json& bad :
       {Json{{"longest_wait_ms", 0}, {"waiting", 3}}, Json{{"longest_wait_ms", -5}, {"waiting", 3}},
        Json{{"longest_wait_ms", "2m"}, {"waiting", 3}},
        Json{{"longest_wait_ms", 30'000}, {"waiting", 0}}, Json{{"longest_wait_ms", 30'000}},
        Json::array()}) {
    EXPECT_FALSE(decode<QueueTargets>(bad)) << bad.dump();
  }
}

TEST(QueueTargetsCodec, AQueueWithoutTargetsReadsTheDefaults) {
  Json q = Queue{4, "Email", 0, {}, QueueTargets{std::chrono::hours(1), 20}, 2, {}, {}};
  EXPECT_EQ(decode<Queue>(q)->targets, (QueueTargets{std::chrono::hours(1), 20}));
  q.erase("targets");
  EXPECT_EQ(decode<Queue>(q)->targets, QueueTargets{});
}

// Customer satisfaction (issue 18): a score from 1 to 5 and a comment of at most
// 1,000 characters; a queue with no ratings has no average rather than 0.
TEST(RatingCodec, ScoreAndCommentWithinTheirBounds) {
  auto ok = decode<RatingDraft>(Json{{"score", 4}, {"comment", "Quick and kind"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, (RatingDraft{4, "Quick and kind"}));
  EXPECT_EQ(decode<RatingDraft>(Json{{"score", 1}})->comment, "");
  for (const auto& [bad, field] : std::vector<std::pair<Json, std::string>>{
           {Json{{"score", 0}}, "score"},
           {Json{{"score", 6}}, "score"},
           {Json{{"score", "5"}}, "score"},
           {Json{{"comment", "no score"}}, "score"},
           {Json{{"score", 3}, {"comment", std::string(1001, 'x')}}, "comment"}}) {
    auto refused = decode<RatingDraft>(bad);
    ASSERT_FALSE(refused) << bad.dump();
    EXPECT_EQ(refused.error().field, field) << bad.dump();
  }
  Rating rating{5, "Спасибо", time_from_unix_ms(1'790'000'000'000)};
  EXPECT_EQ(*decode<Rating>(Json(rating)), rating);
  EXPECT_EQ(RatingSummary{}.average(), std::nullopt);
  EXPECT_DOUBLE_EQ(*(RatingSummary{3, 10}.average()), 10.0 / 3.0);
}

}  // namespace
}  // namespace care
