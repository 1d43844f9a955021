#include "services/attachment_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "care/text.hpp"
#include "care/url.hpp"

namespace care::server::services {
namespace {

struct Office {
  std::string_view extension;
  std::string_view type;
};

// Office Open XML and OpenDocument files are ZIP archives.
constexpr std::array<Office, 6> kZipOffice{{
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"odp", "application/vnd.oasis.opendocument.presentation"},
}};
// The older Word, Excel and PowerPoint files are OLE compound documents.
constexpr std::array<Office, 3> kOleOffice{{
    {"doc", "application/msword"},
    {"xls", "application/vnd.ms-excel"},
    {"ppt", "application/vnd.ms-powerpoint"},
}};
constexpr std::array<std::string_view, 7> kOtherTypes{"image/png",  "image/jpeg",      "image/gif",
                                                      "image/webp", "application/pdf", "text/plain",
                                                      "text/csv"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "image/png; charset=x" → "image/png", lower-case.
std::string bare_type(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ')
    type.remove_suffix(1);
  return lower(type);
}

std::string extension_of(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string() : lower(name.substr(dot + 1));
}

bool starts_with(std::string_view content, std::string_view magic) {
  return content.substr(0, magic.size()) == magic;
}

template <size_t N>
std::optional<std::string> office_type(const std::array<Office, N>& kinds,
                                       std::string_view declared, std::string_view name) {
  std::string extension = extension_of(name);
  for (const Office& kind : kinds) {
    if (declared == kind.type || extension == kind.extension) return std::string(kind.type);
  }
  return std::nullopt;
}

// UTF-8 text without NUL or other control characters but tab, CR, LF and form feed.
bool is_plain_text(std::string_view content) {
  if (!is_valid_utf8(content)) return false;
  return std::none_of(content.begin(), content.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f') || u == 0x7f;
  });
}

WorkError refuse(int status, ErrorCode code, std::string field, std::string message) {
  return WorkError{status, Error{code, std::move(field), std::move(message)}};
}

}  // namespace

bool allowed_type(std::string_view media_type) {
  std::string type = bare_type(media_type);
  if (std::find(kOtherTypes.begin(), kOtherTypes.end(), type) != kOtherTypes.end()) return true;
  for (const Office& kind : kZipOffice)
    if (type == kind.type) return true;
  for (const Office& kind : kOleOffice)
    if (type == kind.type) return true;
  return false;
}

std::optional<std::string> recognise_content(std::string_view content,
                                             std::string_view declared_type,
                                             std::string_view name) {
  std::string declared = bare_type(declared_type);
  if (starts_with(content, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts_with(content, "\xff\xd8\xff")) return "image/jpeg";
  if (starts_with(content, "GIF87a") || starts_with(content, "GIF89a")) return "image/gif";
  if (content.size() >= 12 && starts_with(content, "RIFF") && content.substr(8, 4) == "WEBP")
    return "image/webp";
  if (starts_with(content, "%PDF-")) return "application/pdf";
  if (starts_with(content, std::string_view("PK\x03\x04", 4)))
    return office_type(kZipOffice, declared, name);
  if (starts_with(content, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
    return office_type(kOleOffice, declared, name);
  // What declares itself an image, a PDF or an office file and is none by its bytes
  // is refused, even if its bytes happen to be text.
  if (declared.rfind("text/", 0) != 0 && !declared.empty() &&
      declared != "application/octet-stream")
    return std::nullopt;
  if (!is_plain_text(content)) return std::nullopt;
  if (declared == "text/csv" || extension_of(name) == "csv") return "text/csv";
  return "text/plain";
}

std::string sha256_hex(std::string_view content) {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string content_disposition(std::string_view name) {
  // The fallback keeps printable ASCII but quotes and backslashes; the rest is '_'.
  std::string fallback;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    fallback += (u >= 0x20 && u < 0x7f && c != '"' && c != '\\') ? c : '_';
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + percent_encode(name);
}

std::variant<Attachment, WorkError> AttachmentService::keep(const Upload& upload,
                                                            store::AttachmentRow where) {
  std::string_view name = upload.name;
  if (trim(std::string(name)).empty())
    return refuse(400, ErrorCode::missing, "name", "name: the file's name (?name=photo.png)");
  if (!is_valid_utf8(name) || name.size() > kMaxAttachmentName)
    return refuse(422, ErrorCode::invalid, "name",
                  "name: UTF-8, at most " + std::to_string(kMaxAttachmentName) + " bytes");
  if (std::any_of(name.begin(), name.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f || c == '/' || c == '\\';
      }))
    return refuse(422, ErrorCode::invalid, "name",
                  "name: a file name without folders or control characters");
  if (upload.content.empty())
    return refuse(422, ErrorCode::empty, "file", "file: the body is the file, and it is empty");
  if (static_cast<std::int64_t>(upload.content.size()) > max_bytes_)
    return refuse(413, ErrorCode::too_long, "file",
                  "file: larger than this server's attachment limit of " +
                      std::to_string(max_bytes_) + " bytes");
  std::string declared = bare_type(upload.declared_type);
  if (!declared.empty() && declared != "application/octet-stream" && !allowed_type(declared))
    return refuse(415, ErrorCode::invalid, "Content-Type",
                  "Content-Type: " + declared +
                      " is not taken; send images (PNG, JPEG, GIF, WebP), PDF, text, CSV or "
                      "office documents");
  auto type = recognise_content(upload.content, declared, name);
  if (!type)
    return refuse(415, ErrorCode::invalid, "file",
                  "file: its content is not an image (PNG, JPEG, GIF, WebP), PDF, text, CSV or "
                  "office document, whatever its name or declared type say");
  where.file.name = std::string(name);
  where.file.media_type = *type;
  where.file.size = static_cast<std::int64_t>(upload.content.size());
  where.file.sha256 = sha256_hex(upload.content);
  where.at = time_from_unix_ms(clock_.now_ms());
  return store_.add_attachment(where, upload.content);
}

}  // namespace care::server::services
