#include "demo/demo_files.hpp"

#include <zlib.h>

#include <cstdio>
#include <vector>

namespace care::server::demo {
namespace {

void put_u32(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value >> 24);
  out += static_cast<char>((value >> 16) & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
  out += static_cast<char>(value & 0xff);
}

void put_chunk(std::string& png, std::string_view type, const std::string& data) {
  put_u32(png, static_cast<std::uint32_t>(data.size()));
  std::string typed = std::string(type) + data;
  png += typed;
  uLong crc =
      crc32(0L, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
  put_u32(png, static_cast<std::uint32_t>(crc));
}

}  // namespace

std::string make_png(int width, int height, std::uint32_t background, std::uint32_t accent) {
  std::string rows;
  for (int y = 0; y < height; ++y) {
    rows += '\0';  // filter: none
    for (int x = 0; x < width; ++x) {
      int d = (x * height) / width - y;
      std::uint32_t colour = (d > -height / 6 && d < height / 6) ? accent : background;
      rows += static_cast<char>((colour >> 16) & 0xff);
      rows += static_cast<char>((colour >> 8) & 0xff);
      rows += static_cast<char>(colour & 0xff);
    }
  }
  uLongf packed_size = compressBound(static_cast<uLong>(rows.size()));
  std::vector<Bytef> packed(packed_size);
  compress(packed.data(), &packed_size, reinterpret_cast<const Bytef*>(rows.data()),
           static_cast<uLong>(rows.size()));
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string header;
  put_u32(header, static_cast<std::uint32_t>(width));
  put_u32(header, static_cast<std::uint32_t>(height));
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, no interlace
  put_chunk(png, "IHDR", header);
  put_chunk(png, "IDAT", std::string(reinterpret_cast<const char*>(packed.data()), packed_size));
  put_chunk(png, "IEND", "");
  return png;
}

std::string make_pdf(std::string_view line) {
  std::string text;
  for (char c : line) {
    if (c == '(' || c == ')' || c == '\\') text += '\\';
    text += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  std::string stream = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
      " /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace care::server::demo
