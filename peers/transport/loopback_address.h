// Project rule: all traffic stays on loopback. Addresses are checked here before any socket is
// created; only 127.0.0.0/8, ::1 and the name "localhost" (= 127.0.0.1) pass.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsc::transport {

struct LoopbackAddress {
  sockaddr_storage addr{};
  socklen_t length = 0;
  int family = AF_INET;
  // The address as bind(2) and connect(2) take it.
  const sockaddr* as_sockaddr() const { return reinterpret_cast<const sockaddr*>(&addr); }
};

// nullopt and `error` set for anything that is not a loopback literal (no DNS lookups).
std::optional<LoopbackAddress> loopback_address(std::string_view host, uint16_t port, std::string& error);

}  // namespace tlsc::transport
