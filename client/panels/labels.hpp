#pragma once
// Words for records, shared by the panels.
#include <optional>
#include <string>

#include "care/model.hpp"
#include "i18n/i18n.hpp"
#include "panels/panel.hpp"

namespace care::client::panels {

// A label in the current language with a stable ImGui id after "###".
std::string label(i18n::Text text, const char* id);
// A section heading: coloured words and a rule.
void heading(i18n::Text text);
// "123 / 2000", red past the limit (R-C1: shown, never silently cut).
void counter(const std::string& text);
// "Also here: Ivan Georgiev (editing)" when other agents have the record open (R-F8).
void draw_viewers(const Presence& presence);
// "Changed by Ivan Georgiev at 18:41" (R-E1): the directory's name, the agent's time.
void draw_changed_by(const DesktopState& state, care::Id by, care::Time at, care::Time now);
// A field both this agent and someone else changed (R-E1): Yours and Theirs side by
// side with Keep mine, Take theirs and Edit both (ids "keep-mine-<id>" …); the choice
// once the agent made it.
std::optional<Choice> draw_clash(const char* id, const std::string& mine,
                                 const std::string& theirs);
// "4:05" or "1:02:03" for a span of milliseconds.
std::string duration_text(long long ms);

const char* channel_name(care::Channel channel);
const char* media_name(care::MediaType media);
// The customer's name, else what the channel told (pre-chat name, sender, caller),
// marked as an unknown contact.
std::string contact_name(const Hand& hand);
// "2026-12-03 14:05" in the agent's time zone (i18n::set_time_zone).
std::string short_time(care::Time time);
// "14:05" for a time on the agent's today, in their zone; with the date otherwise.
std::string moment(care::Time time, care::Time now);
// "03:12": minutes and seconds from `since` to `now` (the frame's clock).
std::string elapsed(care::Time since, care::Time now);

}  // namespace care::client::panels
