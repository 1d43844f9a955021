#pragma once
// Words for records, shared by the panels.
#include <optional>
#include <string>

#include "care/model.hpp"
#include "i18n/i18n.hpp"
#include "panels/panel.hpp"
#include "ui/theme.hpp"

namespace care::client::panels {

// A label in the current language with a stable ImGui id after "###".
std::string label(i18n::Text text, const char* id);
// A list row's label that fits the column: `words` cut with "…" so that they, two
// spaces and `tail` (a time, a count) fill at most the width left; `id` is "###…".
std::string row_label(const std::string& words, const std::string& tail, const std::string& id);

// After an item: the next one (`width` wide) on the same line when it fits there,
// else on the next line. For rows of buttons whose words vary by language.
void same_line_if_fits(float width);
float button_width(const std::string& label);
float radio_width(const std::string& label);

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

// Urgent in the error tone, high as a warning, low muted, normal as a link.
ui::Tone priority_tone(care::Priority priority);

const char* channel_name(care::Channel channel);
const char* media_name(care::MediaType media);
// The customer's name, else what the channel told (pre-chat name, sender, caller),
// else "Unknown contact".
std::string contact_name(const Hand& hand);
// The words of the lists an admin sets (R-J2), in the agent's language, else English,
// else the entry's old single label or name, else its code.
std::string wrap_up_label(const care::WrapUpCode& code);
// A wrap-up code as stored on an activity: its label when the list has it.
std::string wrap_up_label(const DesktopState& state, const std::string& code);
// A Not Ready reason: from the admin's list; "missed_offer" (the router's) from the
// catalogue.
std::string reason_label(const DesktopState& state, const std::string& code);
std::string reason_label(const care::NotReadyReason& reason);
// A queue by id; `name` (what the server sent beside it) until the list is loaded.
std::string queue_label(const DesktopState& state, care::Id queue, const std::string& name);

// "2026-12-03 14:05" in the agent's time zone (i18n::set_time_zone).
std::string short_time(care::Time time);
// "14:05" for a time on the agent's today, in their zone; with the date otherwise.
std::string moment(care::Time time, care::Time now);
// "03:12": minutes and seconds from `since` to `now` (the frame's clock).
std::string elapsed(care::Time since, care::Time now);

// One transfer or consult line of an activity (issue 18), e.g. "Transfer: Anna → Billing".
std::string handoff_line(const care::Handoff& handoff);
// An activity's handoff lines, each with its time and its note: the journey's record of
// who handed what to whom. Nothing when there are none.
void draw_handoffs(const std::vector<care::Handoff>& handoffs);

}  // namespace care::client::panels
