#include "peers/engine/errors.h"

#include <array>

namespace tlsc::engine {
namespace {

using AD = AlertDescription;
constexpr std::optional<AD> kNoAlert = std::nullopt;

struct ErrorInfo {
  Error code;
  std::string_view name;
  std::optional<AD> alert;  // what we send (RFC 5246 7.2.2)
  RfcRule rule;             // the clause the peer broke, if it broke one
  std::string_view what;    // what the peer did
};

#define RULE(rfc, section, level) RfcRule{rfc, section, level}
#define NO_RULE RfcRule{}
#define TLSC_ERROR_ROW(name, alert, rule, what) ErrorInfo{Error::k##name, #name, alert, rule, what},

// The one table of errors, from TLSC_ERRORS.
constexpr std::array kErrors = {
    ErrorInfo{Error::kNone, "none", kNoAlert, {}, ""},
    TLSC_ERRORS(TLSC_ERROR_ROW)
};

#undef TLSC_ERROR_ROW
#undef NO_RULE
#undef RULE

struct ParseErrorRow {
  msg::ParseErrorKind kind;
  Error error;
};
#define TLSC_PARSE_ERROR_ROW(kind, error) ParseErrorRow{msg::ParseErrorKind::k##kind, Error::k##error},
constexpr std::array kParseErrors = {TLSC_PARSE_ERRORS(TLSC_PARSE_ERROR_ROW)};
#undef TLSC_PARSE_ERROR_ROW

// Every kind has its row, at its own place in the kinds' order.
constexpr bool every_kind_in_order() {
#define TLSC_PARSE_ERROR_KIND_COUNT(name, text) +1
  constexpr size_t kinds = 0 TLSC_PARSE_ERROR_KINDS(TLSC_PARSE_ERROR_KIND_COUNT);
#undef TLSC_PARSE_ERROR_KIND_COUNT
  if (kParseErrors.size() != kinds) return false;
  for (size_t i = 0; i < kParseErrors.size(); ++i)
    if (static_cast<size_t>(kParseErrors[i].kind) != i) return false;
  return true;
}
static_assert(every_kind_in_order());

const ErrorInfo& info(Error e) {
  for (const auto& i : kErrors)
    if (i.code == e) return i;
  return kErrors.back();  // kInternalError
}

}  // namespace

std::string_view to_string(Error e) { return info(e).name; }
std::optional<Error> error_from_name(std::string_view name) {
  for (const auto& i : kErrors)
    if (i.name == name && i.code != Error::kNone) return i.code;
  return std::nullopt;
}
std::optional<AlertDescription> alert_for(Error e) { return info(e).alert; }
RfcRule rule_for(Error e) { return info(e).rule; }
std::string_view what_peer_did(Error e) { return info(e).what; }

Error error_for(msg::ParseErrorKind kind) {
  const auto i = static_cast<size_t>(kind);
  return i < kParseErrors.size() ? kParseErrors[i].error : Error::kDecodeError;
}

}  // namespace tlsc::engine
