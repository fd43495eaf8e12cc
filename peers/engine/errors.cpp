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

}  // namespace tlsc::engine
