// JSON for customer satisfaction (issue 18): the widget's rating, and a rating as the
// desktop reads it with its activity.
#include "care/codec/json.hpp"
#include "codec/readers.hpp"

namespace care {
namespace codec {
namespace {

RatingDraft read_rating_draft(Reader& r) {
  RatingDraft draft;
  draft.score = static_cast<int>(r.integer("score", kLowestRating, kHighestRating));
  draft.comment = r.text("comment", Need::optional, kRatingCommentLimit);
  return draft;
}

Rating read_rating(Reader& r) {
  Rating rating;
  rating.score = static_cast<int>(r.integer("score", kLowestRating, kHighestRating));
  rating.comment = r.text("comment", Need::optional, kRatingCommentLimit);
  rating.at = r.time("at");
  return rating;
}

}  // namespace
}  // namespace codec

void to_json(Json& j, const RatingDraft& d) {
  j = Json{{"score", d.score}, {"comment", d.comment}};
}

void to_json(Json& j, const Rating& r) {
  j = Json{{"score", r.score}, {"comment", r.comment}, {"at", format_rfc3339(r.at)}};
}

template <>
Result<RatingDraft> decode<RatingDraft>(const Json& j) {
  return codec::read_object<RatingDraft>(j, codec::read_rating_draft);
}

template <>
Result<Rating> decode<Rating>(const Json& j) {
  return codec::read_object<Rating>(j, codec::read_rating);
}

}  // namespace care
