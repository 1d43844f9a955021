// Attachments (issue 18): where dropped, pasted and picked files go, the image
// previews the conversation draws, and what the server said to each upload.
#include <charconv>
#include <cstdio>

#include "care/codec/json.hpp"
#include "desktop.hpp"
#include "i18n/problems.hpp"

namespace care::client {
namespace {

// The activity of "/api/activities/{id}/attachments", or 0.
care::Id activity_of_upload(const std::string& path) {
  constexpr std::string_view kPrefix = "/api/activities/";
  if (!path.starts_with(kPrefix)) return 0;
  care::Id id = 0;
  std::from_chars(path.data() + kPrefix.size(), path.data() + path.size(), id);
  return id;
}

}  // namespace

std::string attachment_path(care::Id file) {
  return "/api/attachments/" + std::to_string(file);
}

void Desktop::sync_attachments() {
  const Hand* hand = state_.hand(state_.selected_task);
  std::string target;
  if (hand && hand->task.state == care::TaskState::assigned &&
      (hand->activity.media == care::MediaType::chat ||
       hand->activity.media == care::MediaType::email)) {
    target = "/api/activities/" + std::to_string(hand->activity.id) + "/attachments";
  }
  if (target != upload_target_) {
    upload_target_ = target;
    platform_.set_upload_target(target);
  }
  // The images of the conversation on screen: each asked for until the browser has
  // decoded it (it wakes a frame then), then kept; one that failed shows no preview.
  if (hand) {
    for (const care::Message& message : hand->activity.messages) {
      for (const care::Attachment& file : message.attachments) {
        if (!file.media_type.starts_with("image/") || state_.previews.contains(file.id)) continue;
        if (auto image = platform_.image(attachment_path(file.id))) {
          state_.previews[file.id] =
              image->failed ? DesktopState::Preview{}
                            : DesktopState::Preview{image->texture, image->width, image->height};
        }
      }
    }
  }
  for (const Platform::Uploaded& done : platform_.take_uploads()) {
    care::Id activity = activity_of_upload(done.path);
    auto body = care::parse_json(done.body.empty() ? "{}" : done.body);
    if (done.status == 201 && body && body->is_object()) {
      state_.clear_work_error(ErrorSource::Composer);
      // A chat line carrying the file (the event brings it too), or an email's file
      // that waits for the reply.
      if (body->contains("message")) {
        if (auto message = care::decode<care::Message>((*body)["message"])) {
          add_message(state_.hands, activity, *message);
        }
      } else if (body->contains("attachment")) {
        if (auto file = care::decode<care::Attachment>((*body)["attachment"])) {
          state_.reply_files[activity].push_back(*file);
        }
      }
      continue;
    }
    std::optional<care::Error> rule;
    if (body) rule = care::decode_error_body(*body);
    std::string why = i18n::describe(done.status, rule);
    char line[1024];
    std::snprintf(line, sizeof line, i18n::tr(i18n::Text::AttachmentFailed), done.name.c_str(),
                  why.c_str());
    show_work_error(line, ErrorSource::Composer, done.status == 0);
  }
}

}  // namespace care::client
