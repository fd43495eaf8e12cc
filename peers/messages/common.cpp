#include "peers/messages/common.h"

namespace tlsc::msg {

std::string to_string(KeyExchange kx) {
  switch (kx) {
    case KeyExchange::kRsa: return "RSA";
    case KeyExchange::kDhe: return "DHE";
    case KeyExchange::kEcdhe: return "ECDHE";
  }
  return "?";
}

std::string brief_hex(ByteView data, size_t max) {
  std::string out = "[" + std::to_string(data.size()) + "]";
  if (data.empty()) return out;
  out += " " + to_hex(data.first(std::min(max, data.size())));
  if (data.size() > max) out += "...";
  return out;
}

namespace detail {
bool fail(std::string* why, std::string text) {
  if (why) *why = std::move(text);
  return false;
}
}  // namespace detail

}  // namespace tlsc::msg
