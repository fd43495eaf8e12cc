// Helpers shared by TcpStream and TcpListener (internal to peers/transport).
#pragma once

#include <poll.h>

#include <string_view>

#include "peers/transport/loopback_address.h"
#include "peers/transport/stream.h"
#include "peers/transport/unique_fd.h"

namespace tlsc::transport {

// "what: strerror(err)" as an IoResult of the given status.
IoResult sys_failure(IoStatus status, std::string_view what, int err);
// Waits for `events` on fd until the deadline: ok when ready, timeout, or error. Retries EINTR.
IoResult wait_fd(int fd, short events, Deadline deadline);
bool set_nonblocking(int fd);

// A non-blocking, close-on-exec TCP socket for host:port, which must be loopback (project rule,
// loopback_address). On failure `fd` is not valid and `result` says why.
struct LoopbackSocket {
  UniqueFd fd;
  LoopbackAddress addr;
  IoResult result;
};
LoopbackSocket open_loopback_socket(std::string_view host, uint16_t port);

}  // namespace tlsc::transport
