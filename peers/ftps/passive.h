// The passive-mode replies: 227 for PASV (RFC 959 4.1.2, h1,h2,h3,h4,p1,p2; RFC 1123 4.1.2.6:
// the client scans the text for the six numbers) and 229 for EPSV (RFC 2428 3: "(|||port|)"
// with any printable delimiter). Parsers are bounded by the reply's line and reject malformed
// values with a one-line reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "peers/ftps/reply.h"

namespace tlsc::ftps {

struct PassiveAddress {
  std::string host;  // dotted quad from a 227 reply; empty from a 229 (the control host is used)
  uint16_t port = 0;
};

std::optional<PassiveAddress> parse_pasv_reply(const Reply& reply, std::string* why = nullptr);
std::optional<PassiveAddress> parse_epsv_reply(const Reply& reply, std::string* why = nullptr);

// Reply texts for our server.
std::string pasv_text(const std::string& ipv4, uint16_t port);  // "Entering Passive Mode (127,0,0,1,p1,p2)."
std::string epsv_text(uint16_t port);                            // "Entering Extended Passive Mode (|||port|)"

}  // namespace tlsc::ftps
