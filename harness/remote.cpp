#include "harness/remote.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "harness/interrupt.h"
#include "peers/transport/loopback_address.h"

namespace tlsc::harness {
namespace {

int ms_left(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

sockaddr_in loopback(uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// Copies bytes both ways until both directions reached EOF (each EOF is passed on as a
// half-close), a socket fails, or nothing moved for `idle`.
void relay(int a, int b, std::chrono::milliseconds idle) {
  bool open_ab = true, open_ba = true;
  char buf[16384];
  while (open_ab || open_ba) {
    pollfd fds[2] = {{a, static_cast<short>(open_ab ? POLLIN : 0), 0}, {b, static_cast<short>(open_ba ? POLLIN : 0), 0}};
    int n = ::poll(fds, 2, static_cast<int>(idle.count()));
    if (n <= 0) return;
    for (int k = 0; k < 2; ++k) {
      bool& open = k == 0 ? open_ab : open_ba;
      const int from = k == 0 ? a : b, to = k == 0 ? b : a;
      if (!open || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = ::recv(from, buf, sizeof buf, 0);
      if (got <= 0) {
        if (got < 0 && errno == EINTR) continue;
        open = false;
        ::shutdown(to, SHUT_WR);
        if (got < 0) return;
        continue;
      }
      for (ssize_t sent = 0; sent < got;) {
        ssize_t w = ::send(to, buf + sent, static_cast<size_t>(got - sent), MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        sent += w;
      }
    }
  }
}

}  // namespace

bool parse_loopback_endpoint(const std::string& text, Endpoint* out, std::string* error) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    *error = "'" + text + "' is not HOST:PORT";
    return false;
  }
  std::string host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoul(port) == 0 ||
      std::stoul(port) > 65535) {
    *error = "'" + port + "' is not a port (1 to 65535)";
    return false;
  }
  // An IPv6 literal is bracketed (RFC 3986 3.2.2): [::1]:4433.
  const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  in6_addr a6{};
  if (bracketed && ::inet_pton(AF_INET6, host.c_str(), &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6)) {
    out->host = "::1";
  } else if (!bracketed && (host == "127.0.0.1" || host == "localhost")) {
    out->host = "127.0.0.1";
  } else {
    in_addr a{};
    const bool other_loopback = ::inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
    *error = other_loopback ? host + ": only 127.0.0.1 is supported (our peer uses 127.0.0.1)"
             : host.find(':') != std::string::npos && !bracketed
                 ? "'" + text + "': write an IPv6 address in brackets, [::1]:PORT"
                 : host + " is not a loopback address: tlsconform only sends traffic on 127.0.0.1 or [::1]";
    return false;
  }
  out->port = static_cast<uint16_t>(std::stoul(port));
  return true;
}

std::string Endpoint::text() const {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

size_t most_connections(const scenarios::Scenario& s, size_t per_run) {
  size_t most = per_run;
  if (s.fallback) most += static_cast<size_t>(std::max(s.fallback->max_attempts - 1, 0)) * per_run;
  return most + s.probes.size() * per_run;
}

bool left_out_of_listen(const scenarios::Scenario& s, bool listening, bool with_retries) {
  return listening && !with_retries && s.role == results::Role::client && s.fallback.has_value();
}

std::string listen_left_out_note(const std::vector<const scenarios::Scenario*>& left_out) {
  std::string ids;
  size_t most = 0;
  for (const auto* s : left_out) {
    ids += (ids.empty() ? "" : ", ") + s->id;
    most = std::max(most, most_connections(*s, s->connections.size()));
  }
  return "--listen: left out " + std::to_string(left_out.size()) +
         " scenario(s) that repeat the client connection until chance gives their case (up to ~" +
         std::to_string(most) + " connections each): " + ids + "; run them with --listen-retries";
}

RemoteIutClient::RemoteIutClient(Endpoint listen, std::chrono::milliseconds timeout, size_t connections, size_t most,
                                 std::function<void(const std::string&)> prompt)
    : listen_(std::move(listen)), timeout_(timeout), connections_(connections), most_(std::max(most, connections)),
      prompt_(std::move(prompt)) {}

RemoteIutClient::~RemoteIutClient() {
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::string RemoteIutClient::connect(uint16_t port, size_t /*index*/, bool resume) {
  const std::string where = listen_.text();
  if (listen_fd_ < 0) {
    std::string aerr;
    auto at = transport::loopback_address(listen_.host, listen_.port, aerr);
    if (!at) return "cannot listen on " + where + ": " + aerr;
    listen_fd_ = ::socket(at->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<const sockaddr*>(&at->addr), at->length) != 0 ||
        ::listen(listen_fd_, 4) != 0) {
      const std::string why = std::strerror(errno);
      if (listen_fd_ >= 0) ::close(listen_fd_);
      listen_fd_ = -1;
      return "cannot listen on " + where + ": " + why;
    }
  }
  // What is coming: the count so far and, where retries or probes may follow, the most there can be.
  const size_t n = ++made_;
  std::string what = "connection " + std::to_string(n);
  if (most_ == connections_) what += " of " + std::to_string(connections_);
  else what += ", up to ~" + std::to_string(most_) + " for this scenario";
  if (n > connections_) what += " (a repeated attempt)";
  what += resume ? ": resume the previous session" : ": a new session";
  prompt_("connect your client to " + where + " now (" + what + ")");
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  int conn = -1;
  while (conn < 0) {
    pollfd p{listen_fd_, POLLIN, 0};
    const int n = ::poll(&p, 1, std::min(ms_left(deadline), 200));
    if (interrupt::requested()) return "the run was interrupted";
    if ((n < 0 && errno == EINTR) || (n == 0 && ms_left(deadline) > 0)) continue;
    if (n <= 0) return "no client connected to " + where + " within " + std::to_string(timeout_.count()) + " ms";
    conn = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (conn < 0 && errno != EINTR && errno != EAGAIN && errno != ECONNABORTED)
      return std::string("accept on ") + where + ": " + std::strerror(errno);
  }
  const int ours = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(port);
  if (ours < 0 || ::connect(ours, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    const std::string why = std::strerror(errno);
    if (ours >= 0) ::close(ours);
    ::close(conn);
    return "cannot reach our server on 127.0.0.1:" + std::to_string(port) + ": " + why;
  }
  relay(conn, ours, timeout_);
  ::close(conn);
  ::close(ours);
  return "";
}

}  // namespace tlsc::harness
