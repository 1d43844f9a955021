// JSON for transfer and consult (issue 18): the drafts agents send, and the handoff
// lines the desktop reads with an activity or an offer.
#include "care/codec/json.hpp"
#include "codec/readers.hpp"

namespace care {
namespace codec {
namespace {

TransferDraft read_transfer_draft(Reader& r) {
  TransferDraft draft;
  draft.queue = r.optional_id("queue");
  draft.agent = r.optional_id("agent");
  draft.note = r.text("note", Need::optional, kHandoffNoteLimit);
  if (r.failed()) return draft;
  if (draft.queue.has_value() == draft.agent.has_value()) {
    r.fail(make_error(draft.queue ? ErrorCode::invalid : ErrorCode::missing, r.path("queue"),
                      "name a queue or an agent, one of them"));
  }
  return draft;
}

ConsultDraft read_consult_draft(Reader& r) {
  ConsultDraft draft;
  draft.agent = r.id("agent");
  draft.note = r.text("note", Need::optional, kHandoffNoteLimit);
  return draft;
}

Handoff read_handoff(Reader& r) {
  Handoff h;
  h.id = r.id("id");
  h.activity = r.id("activity");
  h.task = r.id_or_zero("task");
  h.kind = r.enumeration<HandoffKind>("kind");
  h.by = r.agent_ref("by");
  h.by_name = r.text("by_name", Need::optional, kNameLimit);
  h.to_agent = r.optional_id("to_agent");
  h.to_agent_name = r.text("to_agent_name", Need::optional, kNameLimit);
  h.to_queue = r.optional_id("to_queue");
  h.to_queue_name = r.text("to_queue_name", Need::optional, kNameLimit);
  h.note = r.text("note", Need::optional, kHandoffNoteLimit);
  h.at = r.time("at");
  return h;
}

}  // namespace
}  // namespace codec

void to_json(Json& j, const TransferDraft& d) {
  j = Json::object();
  if (d.queue) j["queue"] = *d.queue;
  if (d.agent) j["agent"] = *d.agent;
  j["note"] = d.note;
}

void to_json(Json& j, const ConsultDraft& d) {
  j = Json{{"agent", d.agent}, {"note", d.note}};
}

void to_json(Json& j, const Handoff& h) {
  j = Json{{"id", h.id},
           {"activity", h.activity},
           {"task", h.task},
           {"kind", codec::name_of(h.kind)},
           {"by", h.by},
           {"by_name", h.by_name},
           {"to_agent", codec::optional_json(h.to_agent)},
           {"to_agent_name", h.to_agent_name},
           {"to_queue", codec::optional_json(h.to_queue)},
           {"to_queue_name", h.to_queue_name},
           {"note", h.note},
           {"at", format_rfc3339(h.at)}};
}

template <>
Result<TransferDraft> decode<TransferDraft>(const Json& j) {
  return codec::read_object<TransferDraft>(j, codec::read_transfer_draft);
}

template <>
Result<ConsultDraft> decode<ConsultDraft>(const Json& j) {
  return codec::read_object<ConsultDraft>(j, codec::read_consult_draft);
}

template <>
Result<Handoff> decode<Handoff>(const Json& j) {
  return codec::read_object<Handoff>(j, codec::read_handoff);
}

}  // namespace care
