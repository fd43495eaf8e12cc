#include "peers/transport/tcp_stream.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>

#include "peers/transport/loopback_address.h"
#include "peers/transport/socket_util.h"

namespace tlsc::transport {
namespace {

bool is_reset_errno(int e) { return e == ECONNRESET || e == EPIPE || e == ECONNABORTED; }

}  // namespace

TcpStream::Connected TcpStream::connect(std::string_view host, uint16_t port, Deadline deadline) {
  // TCP_NODELAY: small records go out at once.
  LoopbackSocket s = open_loopback_socket(host, port, IPPROTO_TCP, TCP_NODELAY);
  if (!s.fd.valid()) return {nullptr, s.result};
  const int fd = s.fd.get();
  if (::connect(fd, s.addr.as_sockaddr(), s.addr.length) != 0) {
    if (errno != EINPROGRESS && errno != EINTR) return {nullptr, sys_failure(IoStatus::error, "connect", errno)};
    if (IoResult waited = wait_fd(fd, POLLOUT, deadline, "connect"); !waited.ok()) return {nullptr, waited};
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) return {nullptr, sys_failure(IoStatus::error, "connect", err)};
  }
  return {std::make_unique<TcpStream>(std::move(s.fd)), {}};
}

TcpStream::TcpStream(UniqueFd fd) : fd_(std::move(fd)) {
  if (fd_.valid()) (void)set_nonblocking(fd_.get());
}

IoResult TcpStream::read_some(std::span<uint8_t> buf, Deadline deadline) {
  if (!fd_.valid()) return {IoStatus::error, 0, 0, "read on a closed stream"};
  if (buf.empty()) return {};
  for (;;) {
    const ssize_t n = ::recv(fd_.get(), buf.data(), buf.size(), 0);
    if (n > 0) return {IoStatus::ok, static_cast<size_t>(n), 0, {}};
    if (n == 0) return {IoStatus::eof, 0, 0, "peer closed the connection"};
    const int e = errno;
    if (e == EINTR) continue;
    if (e == EAGAIN || e == EWOULDBLOCK) {
      IoResult waited = wait_fd(fd_.get(), POLLIN, deadline);
      if (!waited.ok()) return waited;
      continue;
    }
    if (is_reset_errno(e)) return sys_failure(IoStatus::reset, "recv", e);
    return sys_failure(IoStatus::error, "recv", e);
  }
}

IoResult TcpStream::write_all(ByteView data, Deadline deadline) {
  if (!fd_.valid()) return {IoStatus::error, 0, 0, "write on a closed stream"};
  size_t sent = 0;
  while (sent < data.size()) {
    const ByteView rest = data.subspan(sent);
    const ssize_t n = ::send(fd_.get(), rest.data(), rest.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    const int e = errno;
    if (e == EINTR) continue;
    IoResult r;
    if (e == EAGAIN || e == EWOULDBLOCK) {
      r = wait_fd(fd_.get(), POLLOUT, deadline);
      if (r.ok()) continue;
    } else {
      r = sys_failure(is_reset_errno(e) ? IoStatus::reset : IoStatus::error, "send", e);
    }
    r.bytes = sent;
    return r;
  }
  return {IoStatus::ok, sent, 0, {}};
}

IoResult TcpStream::shutdown_write() {
  if (!fd_.valid()) return {IoStatus::error, 0, 0, "shutdown on a closed stream"};
  if (::shutdown(fd_.get(), SHUT_WR) != 0) {
    const int e = errno;
    return sys_failure(e == ENOTCONN || is_reset_errno(e) ? IoStatus::reset : IoStatus::error, "shutdown", e);
  }
  return {};
}

void TcpStream::close() { fd_.reset(); }

void TcpStream::abort() {
  if (!fd_.valid()) return;
  // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
  const linger lg{1, 0};
  (void)::setsockopt(fd_.get(), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  fd_.reset();
}

}  // namespace tlsc::transport
