#pragma once
// Columns both stores keep as JSON text (lists of skills, tags, addresses and channels;
// labels per language), read and written the same way by SQLite and PostgreSQL.
#include <string>
#include <string_view>
#include <vector>

#include "care/model.hpp"

namespace care::server::store {

// A JSON list of strings; a damaged one, or entries that are not text, read as none.
std::vector<std::string> string_list(std::string_view json_text);

// A default_for column: channel names as a JSON list; unknown names are skipped.
std::string channels_json(const std::vector<Channel>& channels);
std::vector<Channel> channels_from(std::string_view json_text);

// A labels column ({"en": "…"}); entries that are not text are skipped (the API never
// writes them).
std::string labels_json(const Labels& labels);
Labels labels_from(std::string_view json_text);

}  // namespace care::server::store
