// The scripted TLS peer: one call runs one connection over a Stream, as client or as server, and
// returns what happened. The flows live in client.cpp and server.cpp; they never touch the
// network themselves (Connection does).
#pragma once

#include "peers/engine/config.h"
#include "peers/engine/report.h"
#include "peers/transport/stream.h"

namespace tlsc::engine {

// Runs a client connection: handshake, optional application data, close. Never throws on peer
// behaviour: everything the peer did is in the report. The stream is closed at the end.
ConnectionReport run_client(transport::Stream& stream, const ClientConfig& config);

// Runs a server connection: handshake, then echoes application data until the client closes.
// If config.state is null a fresh ServerState is used (no resumption across calls).
ConnectionReport run_server(transport::Stream& stream, const ServerConfig& config);

}  // namespace tlsc::engine
