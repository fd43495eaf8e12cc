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

std::string raw_description(const char* name, const Bytes& raw) {
  return std::string(name) + " raw_body" + brief_hex(raw, 32);
}

bool parse_digitally_signed(wire::Reader& r, ProtocolVersion version, std::optional<SignatureScheme>& scheme,
                            Bytes& signature, ParseError* err, const char* what) {
  if (has_signature_algorithms(version)) {
    SignatureScheme s;
    if (!r.u16(s.value))
      return detail::fail(err, ParseErrorKind::kTruncated, std::string(what) + ".algorithm: truncated");
    scheme = s;
  }
  if (!r.vec16(signature))
    return detail::fail(err, ParseErrorKind::kTruncated, std::string(what) + ".signature: length overruns body");
  return true;
}

namespace {
constexpr Named<ParseErrorKind> kParseErrorKindNames[] = {
#define TLSC_PARSE_ERROR_ROW(name, text) {ParseErrorKind::k##name, text},
    TLSC_PARSE_ERROR_KINDS(TLSC_PARSE_ERROR_ROW)
#undef TLSC_PARSE_ERROR_ROW
};
static_assert(distinct_rows(kParseErrorKindNames));
}  // namespace

std::string_view to_string(ParseErrorKind kind) { return name_of(kParseErrorKindNames, kind, "?"); }

namespace detail {
bool fail(ParseError* err, ParseErrorKind kind, std::string text) {
  if (err) *err = {kind, std::move(text)};
  return false;
}

bool finish(const wire::Reader& r, ParseError* err, const char* what) {
  if (r.done()) return true;
  // RFC 5246 7.2.2: decode_error, "the length of the message was incorrect".
  return fail(err, ParseErrorKind::kTrailingBytes,
              std::string(what) + ": " + std::to_string(r.remaining()) + " trailing bytes");
}
}  // namespace detail

}  // namespace tlsc::msg
