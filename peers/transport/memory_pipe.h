// An in-memory duplex connection: two Streams, each end's writes become the other end's reads.
// Thread-safe (one mutex + condition variable per pair), so an engine client and server can run
// in two threads. Deadlines are honoured. Each direction holds at most `capacity` bytes; a
// writer blocks (until its deadline) while the buffer is full.
//
// Peer-visible behaviour mirrors TCP: close() or shutdown_write() -> the other end reads EOF
// after draining; writing to an end whose peer has closed -> reset; abort() -> the other end's
// reads and writes report reset at once (unread data is dropped, like an RST).
#pragma once

#include <memory>
#include <utility>

#include "peers/transport/stream.h"

namespace tlsc::transport {

struct MemoryPipe {
  std::unique_ptr<Stream> a;
  std::unique_ptr<Stream> b;
};

MemoryPipe make_memory_pipe(size_t capacity = size_t{1} << 20);

}  // namespace tlsc::transport
