#include "iut/capabilities.h"

#include <algorithm>

namespace tlsc::iut {

const std::vector<Capability>& known_capabilities() {
  static const std::vector<Capability> table = {
      {"ems", "supports the Extended Master Secret extension (RFC 7627), on in this configuration"},
      {"ems-off", "runs with EMS turned off"},
      {"dhe", "supports finite-field DHE suites"},
      {"ecdhe", "supports ECDHE suites"},
      {"rsa", "supports RSA key transport suites"},
      {"resume-id", "resumes sessions by session ID (RFC 5246)"},
      {"resume-ticket", "resumes sessions by ticket (RFC 5077)"},
      {"client-auth", "requests client certificates (server) or presents one (client) in the matching configuration"},
      {"renegotiation", "supports renegotiation (RFC 5746)"},
      {"group-secp256r1", "supports the group secp256r1"},
      {"group-secp384r1", "supports the group secp384r1"},
      {"group-secp521r1", "supports the group secp521r1"},
      {"group-x25519", "supports the group x25519"},
      {"ftps", "speaks explicit FTPS (RFC 4217)"},
      {"reuse-required", "FTPS server: refuses a data connection that does not resume the control session"},
  };
  return table;
}

bool is_known_capability(std::string_view name) {
  const auto& t = known_capabilities();
  return std::any_of(t.begin(), t.end(), [&](const Capability& c) { return c.name == name; });
}

std::string unknown_capability(std::string_view name) {
  std::string known;
  for (const auto& c : known_capabilities()) known += (known.empty() ? "" : ", ") + std::string(c.name);
  return "unknown capability '" + std::string(name) + "' (known: " + known + ")";
}

}  // namespace tlsc::iut
