// The lists an admin sets carry a word per language (R-J2): wrap-up codes (R-F10), Not
// Ready reasons (R-A2) and queue names. Agents read them; only admins change them; a
// bad language, an empty or too long word, or a bad code is refused naming the field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts_fixture.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class ListLabelsTest : public AccountsFixture {
 protected:
  ListLabelsTest() {
    root_ = session_for("root");
    anna_ = session_for("anna");
  }

  // Status and body of one call.
  std::pair<int, json> call(const std::string& method, const std::string& cookie,
                            const std::string& path, const json& body = nullptr) {
    auto client = server_.client();
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    httplib::Result result =
        method == "PUT"    ? client.Put(path, headers, body.dump(), "application/json")
        : method == "POST" ? client.Post(path, headers, body.dump(), "application/json")
                           : client.Get(path, headers);
    EXPECT_TRUE(result) << method << " " << path;
    if (!result) return {0, json()};
    return {result->status, json::parse(result->body, nullptr, false)};
  }

  json entry(const json& list, const std::string& code) {
    for (const json& item : list) {
      if (item["code"] == code) return item;
    }
    ADD_FAILURE() << "no " << code;
    return json();
  }

  // Expects `status` and an error naming `field`.
  void expect_refused(const std::string& path, const json& body, int status,
                      const std::string& field) {
    auto [got, answer] = call("PUT", root_, path, body);
    EXPECT_EQ(got, status) << path << " " << body.dump() << " → " << answer.dump();
    EXPECT_EQ(answer["error"].value("field", ""), field) << path << " " << body.dump();
  }

  std::string root_;
  std::string anna_;
};

TEST_F(ListLabelsTest, AgentsReadEveryListWithItsWordsInTheSixLanguages) {
  auto [status, codes] = call("GET", anna_, "/api/wrap-up-codes");
  ASSERT_EQ(status, 200);
  json resolved = entry(codes["codes"], "resolved");
  EXPECT_EQ(resolved["label"], "Resolved");
  EXPECT_EQ(resolved["labels"]["hu"], "Megoldva");
  EXPECT_EQ(resolved["labels"].size(), 6u);

  auto [reasons_status, reasons] = call("GET", anna_, "/api/not-ready-reasons");
  ASSERT_EQ(reasons_status, 200);
  ASSERT_EQ(reasons["reasons"].size(), 5u);
  for (const char* code : {"break", "lunch", "meeting", "training", "other"}) {
    json reason = entry(reasons["reasons"], code);
    EXPECT_EQ(reason["labels"].size(), 6u) << code;
    EXPECT_TRUE(reason["active"].get<bool>()) << code;
  }
  EXPECT_EQ(entry(reasons["reasons"], "lunch")["labels"]["uk"], "Обід");

  EXPECT_EQ(call("GET", "", "/api/not-ready-reasons").first, 401);
  EXPECT_EQ(call("GET", "", "/api/wrap-up-codes").first, 401);
}

TEST_F(ListLabelsTest, OnlyAdminsChangeTheLists) {
  const json body = {{"labels", {{"en", "Lunch"}}}};
  for (const std::string& path :
       {std::string("/api/wrap-up-codes/resolved"), std::string("/api/not-ready-reasons/lunch"),
        std::string("/api/queues/1/labels")}) {
    EXPECT_EQ(call("PUT", anna_, path, body).first, 403) << path;
    EXPECT_EQ(call("PUT", session_for("sam"), path, body).first, 403) << path;
    EXPECT_EQ(call("PUT", "", path, body).first, 401) << path;
    // Refused before the body is read: an agent learns nothing from a bad one.
    EXPECT_EQ(call("PUT", anna_, path, json{{"labels", 7}}).first, 403) << path;
  }
}

TEST_F(ListLabelsTest, AnAdminAddsRenamesAndRetiresAReasonAndAgentsFollowTheList) {
  // A new reason needs its English word: the one every language falls back to.
  expect_refused("/api/not-ready-reasons/coaching", {{"labels", {{"hu", "Coaching"}}}}, 422,
                 "labels.en");
  auto [added, made] =
      call("PUT", root_, "/api/not-ready-reasons/coaching",
           {{"labels", {{"en", "Coaching"}, {"hu", "Mentorálás"}, {"da", "Coaching"}}}});
  ASSERT_EQ(added, 201) << made.dump();
  EXPECT_EQ(made["reason"]["label"], "Coaching");
  EXPECT_TRUE(made["reason"]["active"].get<bool>());

  // The agent may choose it now …
  auto [chosen, state] =
      call("PUT", anna_, "/api/me/state", {{"state", "not_ready"}, {"reason", "coaching"}});
  EXPECT_EQ(chosen, 200) << state.dump();

  // … and no longer once it is retired; the list still shows it, marked.
  auto [retired, off] =
      call("PUT", root_, "/api/not-ready-reasons/coaching",
           {{"labels", {{"en", "Coaching session"}, {"hu", "Mentorálás"}}}, {"active", false}});
  ASSERT_EQ(retired, 200) << off.dump();
  EXPECT_EQ(off["reason"]["label"], "Coaching session");
  auto [refused, why] =
      call("PUT", anna_, "/api/me/state", {{"state", "not_ready"}, {"reason", "coaching"}});
  EXPECT_EQ(refused, 422);
  EXPECT_EQ(why["error"]["field"], "reason");
  json listed = entry(call("GET", anna_, "/api/not-ready-reasons").second["reasons"], "coaching");
  EXPECT_FALSE(listed["active"].get<bool>());
  EXPECT_EQ(listed["labels"]["hu"], "Mentorálás");
  EXPECT_FALSE(listed["labels"].contains("da"));  // the labels sent replace the old ones

  // Retiring a shipped reason works the same way.
  ASSERT_EQ(call("PUT", root_, "/api/not-ready-reasons/lunch",
                 {{"labels", {{"en", "Lunch"}}}, {"active", false}})
                .first,
            200);
  EXPECT_EQ(
      call("PUT", anna_, "/api/me/state", {{"state", "not_ready"}, {"reason", "lunch"}}).first,
      422);
  EXPECT_EQ(
      call("PUT", anna_, "/api/me/state", {{"state", "not_ready"}, {"reason", "break"}}).first,
      200);
}

TEST_F(ListLabelsTest, WithoutAnEnglishWordTheOldLabelStaysTheFallback) {
  auto [status, changed] =
      call("PUT", root_, "/api/wrap-up-codes/resolved", {{"labels", {{"hu", "Megoldott ügy"}}}});
  ASSERT_EQ(status, 200) << changed.dump();
  EXPECT_EQ(changed["wrap_up_code"]["label"], "Resolved");
  json resolved = entry(call("GET", anna_, "/api/wrap-up-codes").second["codes"], "resolved");
  EXPECT_EQ(resolved["label"], "Resolved");
  EXPECT_EQ(resolved["labels"], json({{"hu", "Megoldott ügy"}}));
  EXPECT_TRUE(resolved["active"].get<bool>());  // absent "active" leaves it as it was
  // What a Danish agent reads: no Danish, no English entry, so the old label.
  auto codes = server_.app().store().wrap_up_codes();
  for (const WrapUpCode& code : codes) {
    if (code.code == "resolved") {
      EXPECT_EQ(label_in(code.labels, "da", code.label, code.code), "Resolved");
      EXPECT_EQ(label_in(code.labels, "hu", code.label, code.code), "Megoldott ügy");
    }
  }
}

TEST_F(ListLabelsTest, BadWordsAndCodesAreRefusedNamingTheField) {
  const std::string path = "/api/wrap-up-codes/resolved";
  expect_refused(path, {{"labels", {{"de", "Erledigt"}}}}, 422, "labels.de");
  expect_refused(path, {{"labels", {{"sr", "Rešeno"}}}}, 422, "labels.sr");
  expect_refused(path, {{"labels", {{"hu", ""}}}}, 422, "labels.hu");
  expect_refused(path, {{"labels", {{"hu", "   "}}}}, 422, "labels.hu");
  expect_refused(path, {{"labels", {{"uk", std::string(101, 'x')}}}}, 422, "labels.uk");
  expect_refused(path, {{"labels", {{"uk", 5}}}}, 400, "labels.uk");
  expect_refused(path, {{"labels", "Resolved"}}, 400, "labels");
  expect_refused(path, json::object(), 400, "labels");
  expect_refused(path, {{"labels", {{"en", "Resolved"}}}, {"active", "no"}}, 400, "active");
  expect_refused("/api/wrap-up-codes/Bad%20Code", {{"labels", {{"en", "Bad"}}}}, 422, "code");
  expect_refused("/api/wrap-up-codes/" + std::string(41, 'a'), {{"labels", {{"en", "Long"}}}}, 422,
                 "code");
  expect_refused("/api/not-ready-reasons/missed_offer", {{"labels", {{"en", "Missed"}}}}, 422,
                 "code");
  // Nothing above changed the list.
  json resolved = entry(call("GET", anna_, "/api/wrap-up-codes").second["codes"], "resolved");
  EXPECT_EQ(resolved["labels"]["hu"], "Megoldva");
  EXPECT_EQ(resolved["labels"].size(), 6u);

  // An agent's reason must be in the list: an unknown one and the router's own are refused.
  for (const char* reason : {"nap", "missed_offer"}) {
    auto [status, why] =
        call("PUT", anna_, "/api/me/state", {{"state", "not_ready"}, {"reason", reason}});
    EXPECT_EQ(status, 422) << reason;
    EXPECT_EQ(why["error"]["field"], "reason") << reason;
  }
}

TEST_F(ListLabelsTest, QueuesCarryTheirNameInEachLanguage) {
  auto [created, queue] =
      call("POST", root_, "/api/queues",
           {{"name", "Calls"}, {"labels", {{"en", "Calls"}, {"hu", "Hívások"}}}});
  ASSERT_EQ(created, 201) << queue.dump();
  EXPECT_EQ(queue["queue"]["labels"]["hu"], "Hívások");
  const std::string path =
      "/api/queues/" + std::to_string(queue["queue"]["id"].get<std::int64_t>()) + "/labels";

  auto [status, changed] =
      call("PUT", root_, path, {{"labels", {{"en", "Phone"}, {"uk", "Дзвінки"}}}});
  ASSERT_EQ(status, 200) << changed.dump();
  EXPECT_EQ(changed["queue"]["name"], "Calls");  // the unique name stays the fallback
  EXPECT_EQ(changed["queue"]["labels"], json({{"en", "Phone"}, {"uk", "Дзвінки"}}));
  json listed = call("GET", anna_, "/api/queues").second["queues"][0];
  EXPECT_EQ(listed["labels"]["uk"], "Дзвінки");

  expect_refused(path, {{"labels", {{"xx", "Calls"}}}}, 422, "labels.xx");
  expect_refused(path, {{"labels", {{"en", "Calls"}}}, {"active", false}}, 422, "active");
  EXPECT_EQ(call("PUT", root_, "/api/queues/999/labels", {{"labels", {{"en", "X"}}}}).first, 404);
  EXPECT_EQ(call("PUT", root_, "/api/queues/abc/labels", {{"labels", {{"en", "X"}}}}).first, 404);
  auto [bad_post, why] =
      call("POST", root_, "/api/queues", {{"name", "Email"}, {"labels", {{"en", ""}}}});
  EXPECT_EQ(bad_post, 422);
  EXPECT_EQ(why["error"]["field"], "labels.en");
}

}  // namespace
}  // namespace care::server::testing
