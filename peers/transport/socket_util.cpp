#include "peers/transport/socket_util.h"

#include <fcntl.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace tlsc::transport {

IoResult sys_failure(IoStatus status, std::string_view what, int err) {
  IoResult r;
  r.status = status;
  r.sys_errno = err;
  r.detail = std::string(what) + ": " + std::generic_category().message(err);
  return r;
}

IoResult wait_fd(int fd, short events, Deadline deadline, std::string_view what) {
  const IoResult timeout{IoStatus::timeout, 0, 0,
                         what.empty() ? "deadline passed" : std::string(what) + ": deadline passed"};
  for (;;) {
    int timeout_ms = -1;
    if (deadline != kNoDeadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return timeout;
      timeout_ms = left > 1'000'000'000 ? 1'000'000'000 : static_cast<int>(left);
    }
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, timeout_ms);
    if (n > 0) return {};  // readable/writable, or HUP/ERR: the next syscall tells which
    if (n == 0) {
      if (deadline != kNoDeadline && Clock::now() >= deadline) return timeout;
      continue;
    }
    if (errno == EINTR) continue;
    return sys_failure(IoStatus::error, "poll", errno);
  }
}

bool set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

void set_option_on(int fd, int level, int option) {
  const int one = 1;
  (void)::setsockopt(fd, level, option, &one, sizeof one);
}

LoopbackSocket open_loopback_socket(std::string_view host, uint16_t port, int level, int option) {
  LoopbackSocket out;
  std::string why;
  const std::optional<LoopbackAddress> addr = loopback_address(host, port, why);
  if (!addr) {
    out.result = {IoStatus::error, 0, 0, why};
    return out;
  }
  out.addr = *addr;
  out.fd = UniqueFd(::socket(addr->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!out.fd.valid())
    out.result = sys_failure(IoStatus::error, "socket", errno);
  else
    set_option_on(out.fd.get(), level, option);
  return out;
}

}  // namespace tlsc::transport
