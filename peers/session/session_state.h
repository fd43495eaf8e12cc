// What a TLS 1.0-1.2 session must remember to be resumed: by session ID (RFC 5246 7.4.1.2, F.1.4)
// or by ticket (RFC 5077 4), including whether it used the extended master secret (RFC 7627 5.3).
//
// The serialized form is this project's own, versioned and strictly parsed: it is what a
// TicketSealer encrypts into a ticket, so hostile bytes may reach parse_session_state() through a
// forged or corrupted ticket only after authentication, but the fuzz target feeds it raw bytes.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "peers/crypto/result.h"
#include "peers/wire/bytes.h"

namespace tlsc::session {

// RFC 5246 8.1: master_secret is always 48 bytes.
inline constexpr size_t kMasterSecretSize = 48;
// RFC 5246 7.4.1.2: SessionID session_id<0..32>.
inline constexpr size_t kMaxSessionIdSize = 32;
// First field of the serialized form; bumped when the layout changes. Older layouts are rejected.
inline constexpr uint16_t kSessionStateFormat = 1;

// Seconds since the Unix epoch. Injectable so tests and replays control expiry.
using Clock = std::function<uint64_t()>;
// The system clock (std::chrono::system_clock), in whole seconds.
uint64_t system_seconds();

struct SessionState {
  uint16_t version = 0;       // ProtocolVersion negotiated (RFC 5246 7.4.1.3 server_version)
  uint16_t cipher_suite = 0;  // CipherSuite negotiated (RFC 5246 7.4.1.3)
  std::array<uint8_t, kMasterSecretSize> master_secret{};
  // RFC 7627 5.3: a session created without EMS must not be resumed by a handshake that uses it
  // (and the server/client decisions there differ), so the flag travels with the session.
  bool extended_master_secret = false;
  uint8_t compression_method = 0;  // RFC 5246 7.4.1.3; null(0) in practice
  // The peer's certificate chain, leaf first, DER (RFC 5246 7.4.2 / 7.4.6). Empty on the server
  // when the client did not authenticate, or for anonymous/PSK suites on the client.
  std::vector<Bytes> peer_certificates;
  // The SNI host_name the session was created for (RFC 6066 3); empty when none was sent.
  std::string server_name;
  uint64_t created_at = 0;  // seconds, from the Clock of whoever created the session
  uint32_t lifetime = 0;    // seconds the session may be resumed for after created_at
  // The session ID it is known by (RFC 5246 7.4.1.2), 0..32 bytes; empty for ticket-only sessions.
  Bytes session_id;

  bool operator==(const SessionState&) const = default;

  // True when `now` is at or past created_at + lifetime (computed without overflow). A session
  // with lifetime 0 is expired from the start. A clock that went backwards (now < created_at)
  // counts as age 0, not expired.
  bool expired_at(uint64_t now) const;
};

// Serializes `state`. Throws std::invalid_argument when the state cannot be represented: a
// session_id over 32 bytes, an empty certificate, a certificate or chain over 2^24-1 bytes, a
// server_name over 2^16-1 bytes.
Bytes serialize(const SessionState& state);

// Parses what serialize() wrote. Every field is checked and trailing bytes are rejected; errors
// carry the reason tag "session_state_malformed".
crypto::Result<SessionState> parse_session_state(ByteView data);

inline constexpr std::string_view kSessionStateMalformed = "session_state_malformed";

// True when an error string carries `tag` as its reason tag ("tag" or "tag: detail").
bool has_reason(std::string_view error, std::string_view tag);

}  // namespace tlsc::session
