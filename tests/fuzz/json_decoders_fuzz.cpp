// libFuzzer target over every JSON decoder of the domain core (R-G5: malformed input is
// a clear 4xx, never a crash). Each input goes through all decoders; any that accepts
// it must round-trip exactly, else the run aborts and the input is kept as a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "care/codec/json.hpp"

namespace {

template <class T>
void check(const care::Json& j) {
  const auto decoded = care::decode<T>(j);
  if (!decoded) {
    // Every refusal names a rule; an empty message would leave the agent guessing.
    if (decoded.error().message.empty()) std::abort();
    return;
  }
  const care::Json again = *decoded;
  const auto twice = care::decode<T>(again);
  if (!twice || !(*twice == *decoded) || care::Json(*twice) != again) std::abort();
  (void)again.dump();  // encoding a decoded record never throws (valid UTF-8 only)
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = care::parse_json(text);
  if (!parsed) return 0;
  const care::Json& j = *parsed;
  check<care::AgentState>(j);
  check<care::Agent>(j);
  check<care::Queue>(j);
  check<care::Customer>(j);
  check<care::Request>(j);
  check<care::Message>(j);
  check<care::CallEvent>(j);
  check<care::ConversationContext>(j);
  check<care::Activity>(j);
  check<care::Comment>(j);
  check<care::Task>(j);
  check<care::KbArticle>(j);
  check<care::WrapUpCode>(j);
  check<care::NotReadyReason>(j);
  check<care::LabelsUpdate>(j);
  check<care::Event>(j);
  check<care::SignIn>(j);
  check<care::StateChange>(j);
  check<care::CustomerDraft>(j);
  check<care::CustomerUpdate>(j);
  check<care::RequestDraft>(j);
  check<care::RequestPatch>(j);
  check<care::TextDraft>(j);
  check<care::TagDraft>(j);
  check<care::MoveActivity>(j);
  check<care::SkillsUpdate>(j);
  check<care::CloseAnswers>(j);
  check<care::CloseTask>(j);
  check<care::CallControl>(j);
  check<care::PresenceHeartbeat>(j);
  check<care::SessionAgent>(j);
  check<care::PresenceViewer>(j);
  check<care::PresenceViewers>(j);
  check<care::ChatStart>(j);
  check<care::InboundEmail>(j);
  check<care::InboundCallEvent>(j);
  check<care::QueueTargets>(j);
  check<care::FloorOverview>(j);
  (void)care::decode_error_body(j);
  return 0;
}
