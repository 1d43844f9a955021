// The journey row (R-D5) both ways: written as text by the server, decoded by the
// desktop, and to_json for tests and anyone holding a tree already.
#include "care/codec/json.hpp"
#include "care/codec/json_text.hpp"
#include "codec/readers.hpp"

namespace care {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_time(std::string& out, Time at) {
  out += '"';
  out += format_rfc3339(at);
  out += '"';
}

// Bytes of the valid UTF-8 sequence starting at `i` (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF), or 0. Inline because it runs for every letter
// of a Cyrillic title: a call per letter was the top of the journey's profile.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t run = 0;  // the start of the bytes copied as they are, in one append
  std::size_t i = 0;
  auto flush = [&] { out.append(text.data() + run, i - run); };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (std::size_t length = utf8_length(text, i)) {
        i += length;
        continue;
      }
      flush();
      out += "\xEF\xBF\xBD";  // U+FFFD
      run = ++i;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    flush();
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    run = ++i;
  }
  flush();
  out += '"';
}

// Keys in nlohmann's (sorted) order, so the bytes equal Json(entry).dump().
void append_journey_entry(std::string& out, const JourneyEntry& e) {
  out += "{\"closed_at\":";
  if (e.closed_at) {
    append_time(out, *e.closed_at);
  } else {
    out += "null";
  }
  out += ",\"created_at\":";
  append_time(out, e.created_at);
  out += ",\"id\":";
  out += std::to_string(e.id);
  out += ",\"media\":\"";
  out += enum_name(e.media);  // a fixed word, nothing to escape
  out += "\",\"request\":";
  out += e.request ? std::to_string(*e.request) : "null";
  out += ",\"request_title\":";
  append_json_string(out, e.request_title);
  out += ",\"subject\":";
  append_json_string(out, e.subject);
  out += ",\"tags\":[";
  for (std::size_t t = 0; t < e.tags.size(); ++t) {
    if (t) out += ',';
    append_json_string(out, e.tags[t]);
  }
  out += "],\"version\":";
  out += std::to_string(e.version);
  out += ",\"wrap_up\":";
  append_json_string(out, e.wrap_up);
  out += '}';
}

void append_request(std::string& out, const Request& q) {
  out += "{\"closed_at\":";
  if (q.closed_at) {
    append_time(out, *q.closed_at);
  } else {
    out += "null";
  }
  out += ",\"created_at\":";
  append_time(out, q.created_at);
  out += ",\"customer\":";
  out += std::to_string(q.customer);
  out += ",\"description\":";
  append_json_string(out, q.description);
  out += ",\"id\":";
  out += std::to_string(q.id);
  out += ",\"priority\":\"";
  out += enum_name(q.priority);
  out += "\",\"status\":\"";
  out += enum_name(q.status);
  out += "\",\"title\":";
  append_json_string(out, q.title);
  out += ",\"updated_at\":";
  append_time(out, q.updated.at);
  out += ",\"updated_by\":";
  out += std::to_string(q.updated.by);
  out += ",\"version\":";
  out += std::to_string(q.version);
  out += '}';
}

void to_json(Json& j, const JourneyEntry& e) {
  j = Json{{"id", e.id},
           {"media", codec::name_of(e.media)},
           {"request", codec::optional_json(e.request)},
           {"request_title", e.request_title},
           {"subject", e.subject},
           {"created_at", format_rfc3339(e.created_at)},
           {"closed_at", codec::optional_json(e.closed_at)},
           {"tags", e.tags},
           {"wrap_up", e.wrap_up},
           {"version", e.version}};
}

template <>
Result<JourneyEntry> decode<JourneyEntry>(const Json& j) {
  return codec::read_object<JourneyEntry>(j, [](codec::Reader& r) {
    JourneyEntry e;
    e.id = r.id("id");
    e.media = r.enumeration<MediaType>("media");
    e.request = r.optional_id("request");
    e.request_title = r.text("request_title", codec::Need::optional);
    e.subject = r.text("subject", codec::Need::optional);
    e.created_at = r.time("created_at");
    e.closed_at = r.optional_time("closed_at");
    e.tags = r.tags("tags");
    e.wrap_up = r.text("wrap_up", codec::Need::optional, codec::kNameLimit);
    e.version = r.version("version");
    return e;
  });
}

}  // namespace care
