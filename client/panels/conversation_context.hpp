#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// The tabs of the details pane beside a task in progress; Details is the customer,
// request and activity (work_area.cpp), the others are drawn here.
void draw_details_tabs(const DesktopState& state, Action& action);

// Active conversation (R-F1, R-F2): summary with skills to add or remove, the
// pre-chat survey, the portal's self-service actions, visitor and additional details.
void draw_conversation_context(DesktopState& state, const Hand& hand, Action& action);
// Recent cases of the customer (R-F3), priority and status in colour; Link moves
// this conversation into one.
void draw_recent_cases(const DesktopState& state, const Hand& hand, Action& action);
// The timeline (R-F4): the case's (or the whole customer's) activities and this
// conversation's quick notes, newest first; a note is added with Enter.
void draw_timeline(DesktopState& state, const Hand& hand, Action& action);
// Knowledge search (R-F5); Share puts an article into the composer.
void draw_knowledge(DesktopState& state, Action& action);
// The sentiment of the customer's lines (R-F6), one coloured word.
void draw_sentiment(const Hand& hand);

}  // namespace care::client::panels
