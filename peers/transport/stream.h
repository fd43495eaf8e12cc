// A byte stream with deadlines: the engine's only view of the network. Peer behaviour (EOF,
// reset, silence) is a status, never an exception.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "peers/wire/bytes.h"

namespace tlsc::transport {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

inline Deadline deadline_after(std::chrono::milliseconds ms) { return Clock::now() + ms; }
inline constexpr Deadline kNoDeadline = Deadline::max();

enum class IoStatus : uint8_t {
  ok,
  eof,      // the peer closed its write side cleanly (read returned 0 / FIN)
  reset,    // the peer aborted (ECONNRESET, EPIPE; MemoryPipe: peer closed or aborted)
  timeout,  // the deadline passed first
  error,    // anything else (refused connection, local misuse, closed stream, ...)
};

std::string_view to_string(IoStatus s);

struct IoResult {
  IoStatus status = IoStatus::ok;
  size_t bytes = 0;     // bytes read, or bytes written before the status (write_all)
  int sys_errno = 0;    // errno for socket failures, else 0
  std::string detail;   // "connect: Connection refused", ...
  bool ok() const { return status == IoStatus::ok; }
};

class Stream {
 public:
  virtual ~Stream() = default;
  // Waits until at least one byte is available (or EOF/reset/deadline) and reads up to
  // buf.size() bytes. An empty buf returns ok with 0 bytes at once.
  virtual IoResult read_some(std::span<uint8_t> buf, Deadline deadline) = 0;
  // Writes every byte or reports why not (result.bytes = how many went out).
  virtual IoResult write_all(ByteView data, Deadline deadline) = 0;
  // Half-close: the peer reads EOF once it has drained what was sent.
  virtual IoResult shutdown_write() = 0;
  // Orderly close of both directions. Idempotent; later calls on this stream return error.
  virtual void close() = 0;
  // Abortive close: the peer sees a reset (TCP RST via SO_LINGER 0). Idempotent.
  virtual void abort() = 0;
};

}  // namespace tlsc::transport
