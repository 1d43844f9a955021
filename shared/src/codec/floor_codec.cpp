// JSON for the supervisor's floor (GET /api/supervisor/overview, R-H3).
#include "care/codec/json.hpp"
#include "codec/readers.hpp"

namespace care {
namespace codec {
namespace {

constexpr std::size_t kMaxFloorQueues = 1000;
constexpr std::size_t kMaxFloorAgents = 100'000;
constexpr std::size_t kMaxSamples = 1000;
constexpr std::size_t kMaxInHand = 1000;
constexpr std::int64_t kMaxCount = std::int64_t{1} << 40;
constexpr std::int64_t kMaxTasks = 1'000'000'000;
constexpr std::int64_t kMaxMs = std::int64_t{100} * 365 * 24 * 3600 * 1000;
constexpr std::array<Channel, 3> kChannels{Channel::chat, Channel::call, Channel::email};

int count_of(Reader& r, std::string_view key) {
  return static_cast<int>(r.integer(key, 0, kMaxTasks));
}

HandledWork read_handled(Reader& r) {
  HandledWork h;
  h.count = r.integer("count", 0, kMaxCount);
  if (r.has("average_handle_ms")) h.average_handle_ms = r.integer("average_handle_ms", 0, kMaxMs);
  return h;
}

ServiceLevel read_service_level(Reader& r) {
  ServiceLevel s;
  s.within = count_of(r, "within_target");
  s.counted = count_of(r, "counted");
  if (!r.failed() && s.within > s.counted) {
    r.fail(make_error(ErrorCode::invalid, r.path("within_target"), "cannot exceed counted"));
  }
  return s;
}

FloorSample read_sample(Reader& r) {
  FloorSample s;
  s.at = r.time("at");
  s.waiting = count_of(r, "waiting");
  s.in_progress = count_of(r, "in_progress");
  return s;
}

FloorQueue read_floor_queue(Reader& r) {
  FloorQueue q;
  q.id = r.id("id");
  q.name = r.non_empty_text("name");
  q.priority = static_cast<int>(r.integer("priority", -kMaxTasks, kMaxTasks));
  q.waiting = count_of(r, "waiting");
  q.offered = count_of(r, "offered");
  q.in_progress = count_of(r, "in_progress");
  q.longest_wait = Duration(r.integer("longest_wait_ms", 0, kMaxMs));
  q.waiting_since = r.optional_time("waiting_since");
  q.targets = r.object<QueueTargets>("targets", read_queue_targets);
  q.service_level = r.object<ServiceLevel>("service_level", read_service_level);
  q.handled = r.object<HandledWork>("handled", read_handled);
  q.ratings = r.object<RatingSummary>("ratings", [](Reader& rated) {
    RatingSummary summary;
    summary.count = rated.integer("count", 0, kMaxCount);
    summary.total = rated.integer("total", 0, kMaxCount * kHighestRating);
    if (!rated.failed() && (summary.total < summary.count * kLowestRating ||
                            summary.total > summary.count * kHighestRating)) {
      rated.fail(make_error(ErrorCode::invalid, rated.path("total"),
                            "must lie between count × 1 and count × 5"));
    }
    return summary;
  });
  q.history = r.objects<FloorSample>("history", kMaxSamples, read_sample);
  return q;
}

struct InHand {
  int chat = 0, call = 0, email = 0;
};

InHand read_in_hand(Reader& r) {
  return InHand{count_of(r, "chat"), count_of(r, "call"), count_of(r, "email")};
}

FloorAgent read_floor_agent(Reader& r) {
  FloorAgent a;
  a.id = r.id("id");
  a.display_name = r.text("display_name");
  a.state = r.enumeration<FloorPresence>("state");
  a.reason = r.text("reason", Need::optional, kNameLimit);
  a.since = r.time("since");
  InHand tasks = r.object<InHand>("tasks", read_in_hand);
  a.chats = tasks.chat;
  a.calls = tasks.call;
  a.emails = tasks.email;
  a.offered = count_of(r, "offered");
  if (r.has("in_hand")) {
    a.in_hand = r.objects<FloorTask>("in_hand", kMaxInHand, [](Reader& t) {
      FloorTask task;
      task.task = t.id("task");
      task.activity = t.id("activity");
      task.channel = t.enumeration<Channel>("channel");
      task.since = t.time("since");
      return task;
    });
  }
  a.handled = r.object<HandledWork>("handled", read_handled);
  return a;
}

struct HandledTotals {
  HandledWork all;
  std::array<HandledWork, 3> by_channel{};
};

HandledTotals read_totals(Reader& r) {
  HandledTotals t;
  t.all = read_handled(r);
  auto by_channel = r.object<std::array<HandledWork, 3>>("by_channel", [](Reader& c) {
    std::array<HandledWork, 3> out{};
    for (Channel channel : kChannels) {
      out[static_cast<size_t>(channel)] = c.object<HandledWork>(enum_name(channel), read_handled);
    }
    return out;
  });
  t.by_channel = by_channel;
  return t;
}

FloorOverview read_overview(Reader& r) {
  FloorOverview o;
  o.now = r.time("now");
  o.since = r.time("since");
  o.sample_every = Duration(r.integer("sample_every_ms", 0, kMaxMs));
  o.queues = r.objects<FloorQueue>("queues", kMaxFloorQueues, read_floor_queue);
  o.agents = r.objects<FloorAgent>("agents", kMaxFloorAgents, read_floor_agent);
  HandledTotals totals = r.object<HandledTotals>("handled", read_totals);
  o.handled = totals.all;
  o.handled_by_channel = totals.by_channel;
  return o;
}

Json ratings_json(const RatingSummary& summary) {
  auto average = summary.average();
  return Json{{"count", summary.count},
              {"total", summary.total},
              {"average", average ? Json(*average) : Json(nullptr)}};
}

Json handled_json(const HandledWork& h) {
  return Json{
      {"count", h.count},
      {"average_handle_ms", h.average_handle_ms ? Json(*h.average_handle_ms) : Json(nullptr)}};
}

}  // namespace
}  // namespace codec

void to_json(Json& j, const FloorOverview& o) {
  using codec::handled_json;
  Json queues = Json::array();
  for (const FloorQueue& q : o.queues) {
    Json history = Json::array();
    for (const FloorSample& s : q.history) {
      history.push_back(Json{
          {"at", format_rfc3339(s.at)}, {"waiting", s.waiting}, {"in_progress", s.in_progress}});
    }
    auto share = q.service_level.share();
    queues.push_back(Json{{"id", q.id},
                          {"name", q.name},
                          {"priority", q.priority},
                          {"waiting", q.waiting},
                          {"offered", q.offered},
                          {"in_progress", q.in_progress},
                          {"longest_wait_ms", q.longest_wait.count()},
                          {"waiting_since", codec::optional_json(q.waiting_since)},
                          {"targets", q.targets},
                          {"service_level", Json{{"within_target", q.service_level.within},
                                                 {"counted", q.service_level.counted},
                                                 {"share", share ? Json(*share) : Json(nullptr)}}},
                          {"handled", handled_json(q.handled)},
                          {"ratings", codec::ratings_json(q.ratings)},
                          {"history", std::move(history)}});
  }
  Json agents = Json::array();
  for (const FloorAgent& a : o.agents) {
    Json in_hand = Json::array();
    for (const FloorTask& t : a.in_hand) {
      in_hand.push_back(Json{{"task", t.task},
                             {"activity", t.activity},
                             {"channel", enum_name(t.channel)},
                             {"since", format_rfc3339(t.since)}});
    }
    agents.push_back(
        Json{{"id", a.id},
             {"display_name", a.display_name},
             {"state", codec::name_of(a.state)},
             {"reason", a.reason},
             {"since", format_rfc3339(a.since)},
             {"tasks", Json{{"chat", a.chats}, {"call", a.calls}, {"email", a.emails}}},
             {"offered", a.offered},
             {"in_hand", std::move(in_hand)},
             {"handled", handled_json(a.handled)}});
  }
  Json by_channel = Json::object();
  for (Channel channel : codec::kChannels) {
    by_channel[std::string(enum_name(channel))] =
        handled_json(o.handled_by_channel[static_cast<size_t>(channel)]);
  }
  Json handled = handled_json(o.handled);
  handled["by_channel"] = std::move(by_channel);
  j = Json{{"now", format_rfc3339(o.now)},
           {"since", format_rfc3339(o.since)},
           {"sample_every_ms", o.sample_every.count()},
           {"queues", std::move(queues)},
           {"agents", std::move(agents)},
           {"handled", std::move(handled)}};
}

template <>
Result<FloorOverview> decode<FloorOverview>(const Json& j) {
  return codec::read_object<FloorOverview>(j, codec::read_overview);
}

}  // namespace care
