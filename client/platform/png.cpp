// A minimal PNG encoder (IHDR, one zlib-compressed IDAT, IEND) for debug screenshots.
#include "platform/png.hpp"

#include <zlib.h>

#include <cstdint>
#include <cstdio>

namespace care::client {
namespace {

void put_u32(std::vector<unsigned char>& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<unsigned char>(value >> shift));
}

void put_chunk(std::vector<unsigned char>& out, const char* type,
               const std::vector<unsigned char>& data) {
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  uLong crc = crc32(0L, out.data() + start, static_cast<uInt>(out.size() - start));
  put_u32(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

bool write_png(const std::string& path, int width, int height,
               const std::vector<unsigned char>& rgba, bool bottom_up) {
  const size_t stride = static_cast<size_t>(width) * 4;
  if (width <= 0 || height <= 0 || rgba.size() < stride * static_cast<size_t>(height)) return false;

  std::vector<unsigned char> raw;  // each row: filter byte 0, then the pixels
  raw.reserve((stride + 1) * static_cast<size_t>(height));
  for (int y = 0; y < height; ++y) {
    size_t row = static_cast<size_t>(bottom_up ? height - 1 - y : y);
    raw.push_back(0);
    raw.insert(raw.end(), rgba.begin() + static_cast<long>(row * stride),
               rgba.begin() + static_cast<long>((row + 1) * stride));
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::vector<unsigned char> packed(packed_size);
  if (compress2(packed.data(), &packed_size, raw.data(), static_cast<uLong>(raw.size()), 6) !=
      Z_OK) {
    return false;
  }
  packed.resize(packed_size);

  std::vector<unsigned char> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<unsigned char> header;
  put_u32(header, static_cast<std::uint32_t>(width));
  put_u32(header, static_cast<std::uint32_t>(height));
  header.insert(header.end(), {8, 6, 0, 0, 0});  // 8-bit RGBA, deflate, no interlace
  put_chunk(png, "IHDR", header);
  put_chunk(png, "IDAT", packed);
  put_chunk(png, "IEND", {});

  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return false;
  bool ok = std::fwrite(png.data(), 1, png.size(), file) == png.size();
  return std::fclose(file) == 0 && ok;
}

}  // namespace care::client
