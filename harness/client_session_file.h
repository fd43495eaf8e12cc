// A client session saved to a file, so that a later `tlsconform peer client` process can offer it
// again (--session-out / --session-in): the per-connection client model of IUT profiles starts one
// client process per connection, the second and later asked to resume the previous session.
//
// Layout (big-endian, TLS-style length prefixes; this project's own, versioned and strictly parsed):
//   opaque magic[8] = "TLSCSESS"
//   uint16 format (= kClientSessionFileFormat)
//   opaque state<1..2^24-1>       session::serialize(SessionState)
//   opaque session_id<0..32>      as the server sent it
//   opaque ticket<0..2^16-1>      RFC 5077 3.3 (empty: none)
//   uint32 ticket_lifetime_hint
#pragma once

#include <filesystem>
#include <string>

#include "peers/crypto/result.h"
#include "peers/session/client_session_store.h"
#include "peers/wire/bytes.h"

namespace tlsc::harness {

inline constexpr uint16_t kClientSessionFileFormat = 1;

Bytes encode_client_session(const session::ClientSession& s);
// Every field checked, trailing bytes rejected; the error is one line saying what is wrong.
crypto::Result<session::ClientSession> decode_client_session(ByteView data);

// Writes atomically (temporary file then rename); "" or one line saying why not.
std::string save_client_session(const std::filesystem::path& file, const session::ClientSession& s);
// Reads and decodes `file`; the error is one line naming the file.
crypto::Result<session::ClientSession> load_client_session(const std::filesystem::path& file);

}  // namespace tlsc::harness
