// Helpers shared by TcpStream and TcpListener (internal to peers/transport).
#pragma once

#include <poll.h>

#include <string_view>

#include "peers/transport/stream.h"

namespace tlsc::transport {

// "what: strerror(err)" as an IoResult of the given status.
IoResult sys_failure(IoStatus status, std::string_view what, int err);
// Waits for `events` on fd until the deadline: ok when ready, timeout, or error. Retries EINTR.
IoResult wait_fd(int fd, short events, Deadline deadline);
bool set_nonblocking(int fd);

}  // namespace tlsc::transport
