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
  LoopbackSocket s = open_loopback_socket(host, port, SOL_SOCKET, SO_REUSEADDR);
  if (!s.fd.valid()) return {nullptr, s.result};
  const int fd = s.fd.get();
  if (::bind(fd, s.addr.as_sockaddr(), s.addr.length) != 0)
    return {nullptr, sys_failure(IoStatus::error, "bind", errno)};
  if (::listen(fd, backlog) != 0) return {nullptr, sys_failure(IoStatus::error, "listen", errno)};
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len) != 0)
    return {nullptr, sys_failure(IoStatus::error, "getsockname", errno)};
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
  return {std::unique_ptr<TcpListener>(new TcpListener(std::move(s.fd), actual)), {}};
}

TcpListener::Accepted TcpListener::accept(Deadline deadline) {
  if (!fd_.valid()) return {nullptr, {IoStatus::error, 0, 0, "accept on a closed listener"}};
  for (;;) {
    UniqueFd conn(::accept4(fd_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (conn.valid()) {
      set_option_on(conn.get(), IPPROTO_TCP, TCP_NODELAY);
      return {std::make_unique<TcpStream>(std::move(conn)), {}};
    }
    const int e = errno;
    if (e == EINTR || e == ECONNABORTED) continue;
    if (e != EAGAIN && e != EWOULDBLOCK) return {nullptr, sys_failure(IoStatus::error, "accept", e)};
    if (IoResult waited = wait_fd(fd_.get(), POLLIN, deadline, "accept"); !waited.ok()) return {nullptr, waited};
  }
}

}  // namespace tlsc::transport
