#pragma once
// The SELECT both stores read a mention with (issue 18), in the column order their
// read_mention takes: mention id, agent, read, then the note (a comment) with its
// author's name, and the activity's request.
namespace care::server::store {

inline constexpr const char* kMentionColumns =
    "SELECT m.id, m.agent_id, m.read_at IS NOT NULL, c.id, c.activity_id, c.author_id,"
    " a.display_name, c.body, c.created_at, act.request_id"
    " FROM mentions m JOIN comments c ON c.id = m.comment_id"
    " JOIN agents a ON a.id = c.author_id JOIN activities act ON act.id = c.activity_id";

}  // namespace care::server::store
