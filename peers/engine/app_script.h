// Inside the engine: runs a caller's AppScript on an established Connection (see app_channel.h).
// Both flows call it from their after_handshake step.
#pragma once

#include <functional>

#include "peers/engine/app_channel.h"
#include "peers/engine/connection.h"

namespace tlsc::engine {

// What a flow does with a handshake message that arrives after the handshake (HelloRequest for a
// client, a renegotiating ClientHello for a server). May throw EngineError.
using PostHandshakeHandler = std::function<void(const msg::ReassembledMessage&)>;

// Runs `script` with a channel over `conn`. A failure the script met (a record that does not
// open, an unexpected message ...) is rethrown as the EngineError it was, once the script has
// returned, so the flow ends the connection with the right alert (RFC 5246 7.2.2).
void run_app_script(Connection& conn, ConnectionReport& report, const AppScript& script,
                    const PostHandshakeHandler& on_handshake);

// Our close after a script (RFC 5246 7.2.1): close_notify, then a short wait for the peer's
// unless it already sent one.
void close_after_script(Connection& conn, ConnectionReport& report);

}  // namespace tlsc::engine
