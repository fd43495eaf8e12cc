#include "peers/ftps/passive.h"

#include <cctype>
#include <vector>

namespace tlsc::ftps {
namespace {

void set(std::string* why, std::string text) {
  if (why) *why = std::move(text);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<PassiveAddress> parse_pasv_reply(const Reply& reply, std::string* why) {
  // RFC 959 4.2.2: 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2).
  if (reply.code != 227) {
    set(why, "PASV reply code " + std::to_string(reply.code) + ", expected 227 (RFC 959 4.1.2)");
    return std::nullopt;
  }
  const std::string text = reply.lines.empty() ? "" : reply.lines.front().substr(std::min<size_t>(4, reply.lines.front().size()));
  // RFC 1123 4.1.2.6: the format of the text is not fixed; scan for the first digit.
  size_t i = 0;
  while (i < text.size() && !is_digit(text[i])) ++i;
  std::vector<int> nums;
  while (nums.size() < 6) {
    if (i >= text.size() || !is_digit(text[i])) {
      set(why, "PASV reply lacks six comma-separated numbers (RFC 959 4.1.2): \"" + text.substr(0, 60) + "\"");
      return std::nullopt;
    }
    int v = 0;
    size_t digits = 0;
    while (i < text.size() && is_digit(text[i]) && digits < 4) {
      v = v * 10 + (text[i] - '0');
      ++i;
      ++digits;
    }
    if (v > 255 || (i < text.size() && is_digit(text[i]))) {
      set(why, "PASV reply number out of range 0-255 (RFC 959 4.1.2)");
      return std::nullopt;
    }
    nums.push_back(v);
    if (nums.size() < 6) {
      if (i >= text.size() || text[i] != ',') {
        set(why, "PASV reply numbers not separated by commas (RFC 959 4.1.2)");
        return std::nullopt;
      }
      ++i;
    }
  }
  PassiveAddress a;
  a.host = std::to_string(nums[0]) + "." + std::to_string(nums[1]) + "." + std::to_string(nums[2]) + "." + std::to_string(nums[3]);
  a.port = static_cast<uint16_t>(nums[4] * 256 + nums[5]);
  if (a.port == 0) {
    set(why, "PASV reply names port 0");
    return std::nullopt;
  }
  return a;
}

std::optional<PassiveAddress> parse_epsv_reply(const Reply& reply, std::string* why) {
  // RFC 2428 3: 229 Entering Extended Passive Mode (|||6446|).
  if (reply.code != 229) {
    set(why, "EPSV reply code " + std::to_string(reply.code) + ", expected 229 (RFC 2428 3)");
    return std::nullopt;
  }
  const std::string& line = reply.lines.empty() ? std::string() : reply.lines.front();
  const size_t open = line.find('(');
  if (open == std::string::npos || open + 1 >= line.size()) {
    set(why, "EPSV reply has no \"(\" (RFC 2428 3)");
    return std::nullopt;
  }
  // RFC 2428 3: the delimiter is one character in the range 33-126, the same all four times;
  // the network protocol and address fields are empty.
  const char d = line[open + 1];
  if (d < 33 || d > 126 || is_digit(d)) {
    set(why, "EPSV reply delimiter is not a printable non-digit character (RFC 2428 3)");
    return std::nullopt;
  }
  size_t i = open + 1;
  for (int k = 0; k < 3; ++k, ++i) {
    if (i >= line.size() || line[i] != d) {
      set(why, "EPSV reply does not start with three delimiters (RFC 2428 3)");
      return std::nullopt;
    }
  }
  uint32_t port = 0;
  size_t digits = 0;
  while (i < line.size() && is_digit(line[i]) && digits < 6) {
    port = port * 10 + static_cast<uint32_t>(line[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || port == 0 || port > 65535) {
    set(why, "EPSV reply port is not a number in 1-65535 (RFC 2428 3)");
    return std::nullopt;
  }
  if (i + 1 >= line.size() || line[i] != d || line[i + 1] != ')') {
    set(why, "EPSV reply port is not followed by the delimiter and \")\" (RFC 2428 3)");
    return std::nullopt;
  }
  return PassiveAddress{"", static_cast<uint16_t>(port)};
}

std::string pasv_text(const std::string& ipv4, uint16_t port) {
  std::string h = ipv4;
  for (auto& c : h)
    if (c == '.') c = ',';
  return "Entering Passive Mode (" + h + "," + std::to_string(port / 256) + "," + std::to_string(port % 256) + ").";
}

std::string epsv_text(uint16_t port) { return "Entering Extended Passive Mode (|||" + std::to_string(port) + "|)"; }

}  // namespace tlsc::ftps
