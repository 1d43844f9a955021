#include "drafts.hpp"

#include <charconv>

#include "care/codec/json.hpp"
#include "care/rules/email.hpp"

namespace care::client {
namespace {

std::string text_of(const care::Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

care::Id id_of(const care::Json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<care::Id>() : 0;
}

// A field's base: {"value", "clash"}; absent (a draft from before bases were kept)
// reads as unknown, so a newer version makes every difference the agent's choice.
care::Json base_json(const EditBase& base) {
  return {{"value", base.value}, {"clash", base.clash}};
}

EditBase base_of(const care::Json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_object()) return EditBase{{}, false, false};
  auto clash = found->find("clash");
  return EditBase{text_of(*found, "value"), true,
                  clash != found->end() && clash->is_boolean() && clash->get<bool>()};
}

}  // namespace

ReplyFields prefilled_reply(const care::Activity& activity) {
  ReplyFields fields;
  if (activity.media != care::MediaType::email) return fields;
  care::EmailHeaders headers = care::reply_headers(activity);
  fields.activity = activity.id;
  fields.to = care::join_addresses(headers.to);
  fields.cc = care::join_addresses(headers.cc);
  fields.subject = headers.subject;
  return fields;
}

bool Draft::operator==(const Draft& other) const {
  auto same_edit = [](const std::optional<RequestEdit>& a, const std::optional<RequestEdit>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || (a->request == b->request && a->version == b->version && a->title == b->title &&
                  a->description == b->description && a->title_base == b->title_base &&
                  a->description_base == b->description_base && a->changed_by == b->changed_by &&
                  a->changed_at == b->changed_at);
  };
  return composer == other.composer && tag == other.tag && comment == other.comment &&
         same_edit(request, other.request) && customer.activity == other.customer.activity &&
         customer.account == other.customer.account && customer.name == other.customer.name &&
         customer.email == other.customer.email && customer.phone == other.customer.phone &&
         reply == other.reply;
}

bool Draft::empty() const {
  return composer.empty() && tag.empty() && comment.empty() && !request && customer.activity == 0 &&
         !reply;
}

std::string encode_drafts(const Drafts& drafts) {
  care::Json all = care::Json::object();
  for (const auto& [task, draft] : drafts) {
    care::Json one{{"composer", draft.composer}, {"tag", draft.tag}, {"comment", draft.comment}};
    if (draft.request) {
      one["request"] = {{"id", draft.request->request},
                        {"version", draft.request->version},
                        {"title", draft.request->title},
                        {"description", draft.request->description}};
      if (draft.request->title_base.known) {
        one["request"]["title_base"] = base_json(draft.request->title_base);
      }
      if (draft.request->description_base.known) {
        one["request"]["description_base"] = base_json(draft.request->description_base);
      }
      if (draft.request->changed_by != 0) {
        one["request"]["changed_by"] = draft.request->changed_by;
        one["request"]["changed_at"] = care::unix_ms(draft.request->changed_at);
      }
    }
    if (draft.customer.activity != 0) {
      one["customer"] = {{"activity", draft.customer.activity},
                         {"account", draft.customer.account},
                         {"name", draft.customer.name},
                         {"email", draft.customer.email},
                         {"phone", draft.customer.phone}};
    }
    if (draft.reply) {
      one["reply"] = {{"activity", draft.reply->activity},
                      {"to", draft.reply->to},
                      {"cc", draft.reply->cc},
                      {"subject", draft.reply->subject}};
    }
    all[std::to_string(task)] = std::move(one);
  }
  // Replacement, not an exception, for text cut mid-character by a full field.
  return all.dump(-1, ' ', false, care::Json::error_handler_t::replace);
}

Drafts decode_drafts(std::string_view text) {
  Drafts drafts;
  auto parsed = care::parse_json(text);
  if (!parsed || !parsed->is_object()) return drafts;
  for (const auto& [key, one] : parsed->items()) {
    care::Id task = 0;
    auto [end, problem] = std::from_chars(key.data(), key.data() + key.size(), task);
    if (problem != std::errc() || end != key.data() + key.size()) continue;
    if (task <= 0 || !one.is_object()) continue;
    Draft draft;
    draft.composer = text_of(one, "composer");
    draft.tag = text_of(one, "tag");
    draft.comment = text_of(one, "comment");
    if (auto request = one.find("request"); request != one.end() && request->is_object()) {
      RequestEdit edit;
      edit.request = id_of(*request, "id");
      edit.version = id_of(*request, "version");
      edit.title = text_of(*request, "title");
      edit.description = text_of(*request, "description");
      edit.title_base = base_of(*request, "title_base");
      edit.description_base = base_of(*request, "description_base");
      edit.changed_by = id_of(*request, "changed_by");
      edit.changed_at = care::time_from_unix_ms(id_of(*request, "changed_at"));
      edit.dirty = true;
      if (edit.request != 0) draft.request = std::move(edit);
    }
    if (auto customer = one.find("customer"); customer != one.end() && customer->is_object()) {
      draft.customer.activity = id_of(*customer, "activity");
      auto account = customer->find("account");
      draft.customer.account =
          account != customer->end() && account->is_boolean() && account->get<bool>();
      draft.customer.name = text_of(*customer, "name");
      draft.customer.email = text_of(*customer, "email");
      draft.customer.phone = text_of(*customer, "phone");
    }
    if (auto reply = one.find("reply"); reply != one.end() && reply->is_object()) {
      ReplyFields fields;
      fields.activity = id_of(*reply, "activity");
      fields.to = text_of(*reply, "to");
      fields.cc = text_of(*reply, "cc");
      fields.subject = text_of(*reply, "subject");
      if (fields.activity != 0) draft.reply = std::move(fields);
    }
    drafts[task] = std::move(draft);
  }
  return drafts;
}

}  // namespace care::client
