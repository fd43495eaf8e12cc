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
// A timeout says "<what>: deadline passed" when `what` is given, else "deadline passed".
IoResult wait_fd(int fd, short events, Deadline deadline, std::string_view what = {});
bool set_nonblocking(int fd);
// Turns a boolean socket option on (e.g. IPPROTO_TCP, TCP_NODELAY); best effort.
void set_option_on(int fd, int level, int option);

// A non-blocking, close-on-exec TCP socket for host:port, which must be loopback (project rule,
// loopback_address), with the boolean option level/option on (set_option_on). On failure `fd` is
// not valid and `result` says why.
struct LoopbackSocket {
  UniqueFd fd;
  LoopbackAddress addr;
  IoResult result;
};
LoopbackSocket open_loopback_socket(std::string_view host, uint16_t port, int level, int option);

}  // namespace tlsc::transport
