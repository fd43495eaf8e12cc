// Limits of ours on what a peer's data connection may bring in (RFC 959 sets none). The text
// protocol's limits (line length, reply lines, commands per connection) sit with their parsers:
// line_reader.h, server.h.
#pragma once

#include <cstddef>

namespace tlsc::ftps {

// Bytes one data connection may bring in (LIST/RETR at the client, STOR at the server): the
// catalog's files are ~150 KB. Past it the receiver stops reading and the transfer fails with a
// reason, instead of buffering whatever the peer keeps sending.
inline constexpr size_t kMaxTransferBytes = size_t{64} << 20;

}  // namespace tlsc::ftps
