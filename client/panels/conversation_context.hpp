#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The tabs of the details pane beside a task in progress; Details is the customer,
// request and activity (work_area.cpp), the others are drawn here.
void draw_details_tabs(Frame& frame);

// Active conversation (R-F1, R-F2): summary with skills to add or remove, the
// pre-chat survey, the portal's self-service actions, visitor and additional details.
void draw_conversation_context(Frame& frame, const Hand& hand);
// Recent cases of the customer (R-F3), priority and status in colour; Link moves
// this conversation into one.
void draw_recent_cases(Frame& frame, const Hand& hand);
// The timeline (R-F4): the case's (or the whole customer's) activities and this
// conversation's quick notes, newest first; a note is added with Enter.
void draw_timeline(Frame& frame, const Hand& hand);
// Knowledge search (R-F5); Share puts an article into the composer.
void draw_knowledge(Frame& frame);
// The sentiment of the customer's lines (R-F6), one coloured word.
void draw_sentiment(const Hand& hand);

}  // namespace care::client::panels
