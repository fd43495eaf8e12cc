#include "peers/transport/tcp_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "peers/transport/loopback_address.h"
#include "peers/transport/socket_util.h"

namespace tlsc::transport {

TcpListener::Listening TcpListener::listen(std::string_view host, uint16_t port, int backlog) {
  Listening out;
  LoopbackSocket s = open_loopback_socket(host, port);
  if (!s.fd.valid()) {
    out.result = s.result;
    return out;
  }
  UniqueFd fd = std::move(s.fd);
  const LoopbackAddress& addr = s.addr;
  const int one = 1;
  (void)::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr.addr), addr.length) != 0) {
    out.result = sys_failure(IoStatus::error, "bind", errno);
    return out;
  }
  if (::listen(fd.get(), backlog) != 0) {
    out.result = sys_failure(IoStatus::error, "listen", errno);
    return out;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&bound), &len) != 0) {
    out.result = sys_failure(IoStatus::error, "getsockname", errno);
    return out;
  }
  uint16_t actual = 0;
  if (bound.ss_family == AF_INET6) {
    sockaddr_in6 sin6{};
    std::memcpy(&sin6, &bound, sizeof sin6);
    actual = ntohs(sin6.sin6_port);
  } else {
    sockaddr_in sin{};
    std::memcpy(&sin, &bound, sizeof sin);
    actual = ntohs(sin.sin_port);
  }
  out.listener.reset(new TcpListener(std::move(fd), actual));
  return out;
}

TcpListener::Accepted TcpListener::accept(Deadline deadline) {
  Accepted out;
  if (!fd_.valid()) {
    out.result = {IoStatus::error, 0, 0, "accept on a closed listener"};
    return out;
  }
  for (;;) {
    UniqueFd conn(::accept4(fd_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (conn.valid()) {
      const int one = 1;
      (void)::setsockopt(conn.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      out.stream = std::make_unique<TcpStream>(std::move(conn));
      return out;
    }
    const int e = errno;
    if (e == EINTR || e == ECONNABORTED) continue;
    if (e != EAGAIN && e != EWOULDBLOCK) {
      out.result = sys_failure(IoStatus::error, "accept", e);
      return out;
    }
    IoResult waited = wait_fd(fd_.get(), POLLIN, deadline);
    if (!waited.ok()) {
      if (waited.status == IoStatus::timeout) waited.detail = "accept: deadline passed";
      out.result = waited;
      return out;
    }
  }
}

}  // namespace tlsc::transport
