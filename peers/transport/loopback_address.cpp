#include "peers/transport/loopback_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace tlsc::transport {
namespace {

std::optional<LoopbackAddress> refused(const std::string& name, std::string& error) {
  error = "refusing non-loopback address " + name + ": all traffic must stay on 127.0.0.0/8 or ::1";
  return std::nullopt;
}

// `sa` (a sockaddr_in or sockaddr_in6 of `family`) in the storage connect and bind take.
template <class Sockaddr>
LoopbackAddress stored(const Sockaddr& sa, int family) {
  LoopbackAddress out;
  std::memcpy(&out.addr, &sa, sizeof sa);
  out.length = sizeof sa;
  out.family = family;
  return out;
}

}  // namespace

std::optional<LoopbackAddress> loopback_address(std::string_view host, uint16_t port, std::string& error) {
  const std::string name(host == "localhost" ? std::string_view("127.0.0.1") : host);
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, name.c_str(), &v4) == 1) {
    if ((ntohl(v4.s_addr) >> 24) != 127) return refused(name, error);
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr = v4;
    return stored(sin, AF_INET);
  }
  if (inet_pton(AF_INET6, name.c_str(), &v6) == 1) {
    if (!IN6_IS_ADDR_LOOPBACK(&v6)) return refused(name, error);
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(port);
    sin6.sin6_addr = v6;
    return stored(sin6, AF_INET6);
  }
  error = "refusing address '" + name + "': only loopback literals (127.0.0.0/8, ::1, localhost) are allowed";
  return std::nullopt;
}

}  // namespace tlsc::transport
