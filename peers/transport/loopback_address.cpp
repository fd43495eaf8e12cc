#include "peers/transport/loopback_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace tlsc::transport {

std::optional<LoopbackAddress> loopback_address(std::string_view host, uint16_t port, std::string& error) {
  const std::string name(host == "localhost" ? std::string_view("127.0.0.1") : host);
  LoopbackAddress out;
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, name.c_str(), &v4) == 1) {
    if ((ntohl(v4.s_addr) >> 24) != 127) {
      error = "refusing non-loopback address " + name + ": all traffic must stay on 127.0.0.0/8 or ::1";
      return std::nullopt;
    }
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr = v4;
    std::memcpy(&out.addr, &sin, sizeof sin);
    out.length = sizeof sin;
    out.family = AF_INET;
    return out;
  }
  if (inet_pton(AF_INET6, name.c_str(), &v6) == 1) {
    if (!IN6_IS_ADDR_LOOPBACK(&v6)) {
      error = "refusing non-loopback address " + name + ": all traffic must stay on 127.0.0.0/8 or ::1";
      return std::nullopt;
    }
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(port);
    sin6.sin6_addr = v6;
    std::memcpy(&out.addr, &sin6, sizeof sin6);
    out.length = sizeof sin6;
    out.family = AF_INET6;
    return out;
  }
  error = "refusing address '" + name + "': only loopback literals (127.0.0.0/8, ::1, localhost) are allowed";
  return std::nullopt;
}

}  // namespace tlsc::transport
