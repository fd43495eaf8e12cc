#include "peers/messages/common.h"

#include "peers/wire/name_table.h"

namespace tlsc::msg {

namespace {
constexpr Named<KeyExchange> kKeyExchangeNames[] = {
    {KeyExchange::kRsa, "RSA"}, {KeyExchange::kDhe, "DHE"}, {KeyExchange::kEcdhe, "ECDHE"}};
static_assert(distinct_rows(kKeyExchangeNames));
}  // namespace

std::string to_string(KeyExchange kx) { return std::string(name_of(kKeyExchangeNames, kx, "?")); }

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
