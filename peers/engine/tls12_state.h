// What both TLS 1.2 handshake flows (client.cpp, server.cpp) check, derive and build the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "peers/engine/connection.h"
#include "peers/engine/errors.h"
#include "peers/engine/key_schedule.h"
#include "peers/engine/quirks.h"
#include "peers/engine/report.h"
#include "peers/messages/extensions.h"
#include "peers/session/session_state.h"

namespace tlsc::engine {

// Seconds a session we create may be resumed for; also the NewSessionTicket lifetime hint.
inline constexpr uint32_t kSessionLifetime = 7200;

// The extended_master_secret extension of `hello` ("ClientHello", "ServerHello"), or null.
// RFC 7627 5.1: "The extension_data field of this extension is empty"; a body is kMalformedEms
// unless `accept_malformed` (quirk AcceptMalformedEms).
const msg::Extension* ems_extension(const msg::Extensions& ext, std::string_view hello, bool accept_malformed);

// The master secret in use on a connection and how it was derived.
struct MasterSecret {
  Bytes secret;
  bool extended = false;  // RFC 7627 4 (extended) or RFC 5246 8.1 (standard)
};

// A full handshake's master secret: RFC 7627 4 / 5.2, extended when the ClientHello offered
// extended_master_secret and the ServerHello echoed it (rep.ems_offered, rep.ems_echoed); `force`
// (quirk ForceMasterSecret) overrides the negotiation. Recorded in `rep` (variant, key log).
MasterSecret full_master_secret(const MasterSecretInputs& in, ByteView premaster, MasterSecretMode force,
                                ConnectionReport& rep);

// An abbreviated handshake's master secret: the session's, with its EMS state (RFC 5246 7.3;
// RFC 7627 5.3). Recorded in `rep` like the above.
MasterSecret resumed_master_secret(const session::SessionState& st, ByteView client_random, ConnectionReport& rep);

// The session a full handshake created (RFC 5246 7.4.1.2), resumable for kSessionLifetime.
session::SessionState new_session(ProtocolVersion version, CipherSuite suite, const MasterSecret& master,
                                  std::vector<Bytes> peer_chain, std::string server_name, Bytes session_id);

// A flow that threw `e`: the report takes the error and the rule the peer broke (errors.h), and
// the peer gets our fatal alert where the error has one (RFC 5246 7.2.2).
void report_failure(const EngineError& e, Connection& conn, ConnectionReport& rep);

}  // namespace tlsc::engine
