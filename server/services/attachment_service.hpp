#pragma once
// Attachments (issue 18): files customers send in the chat widget, agents in the
// desktop, and mail gateways with an email. The server decides what a file is by its
// first bytes (never by the name or the declared type alone), keeps only the types on
// its allow-list, and stores each content once by its SHA-256.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "care/model/activity.hpp"
#include "clock.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::services {

// What arrived: the raw body, the name the sender gave, its declared Content-Type.
struct Upload {
  std::string_view content;
  std::string name;
  std::string declared_type;  // "" or application/octet-stream: let the content say
};

// The media type of `content` when it is one the allow-list takes (PNG, JPEG, GIF,
// WebP, PDF, plain text, CSV, Word, Excel, PowerPoint and OpenDocument files), found
// from its magic bytes. Office files share the ZIP or OLE container, so for those the
// declared type or the name's extension says which; text must be UTF-8 without
// control characters. nullopt: refused.
std::optional<std::string> recognise_content(std::string_view content,
                                             std::string_view declared_type, std::string_view name);
// True for the types the allow-list takes (as declared; parameters after ';' ignored).
bool allowed_type(std::string_view media_type);
// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view content);
// `Content-Disposition: attachment` with the name for every browser: an ASCII
// fallback and the UTF-8 name (RFC 6266, RFC 8187).
std::string content_disposition(std::string_view name);

class AttachmentService {
 public:
  AttachmentService(store::Store& store, const Clock& clock, std::int64_t max_bytes)
      : store_(store), clock_(clock), max_bytes_(max_bytes) {}

  // Checks the upload (422 name, 413 size, 415 type) and keeps it as `where` says
  // (activity, author, agent); the file with its id.
  std::variant<Attachment, WorkError> keep(const Upload& upload, store::AttachmentRow where);
  std::int64_t max_bytes() const { return max_bytes_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  std::int64_t max_bytes_;
};

}  // namespace care::server::services
