// A listening TCP socket bound to a loopback address only (default 127.0.0.1, port 0 =
// ephemeral; port() reports the one the kernel chose).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "peers/transport/stream.h"
#include "peers/transport/tcp_stream.h"
#include "peers/transport/unique_fd.h"

namespace tlsc::transport {

class TcpListener {
 public:
  struct Listening {
    std::unique_ptr<TcpListener> listener;  // null unless result.ok()
    IoResult result;
  };
  // Non-loopback hosts are refused with IoStatus::error.
  static Listening listen(std::string_view host = "127.0.0.1", uint16_t port = 0, int backlog = 16);

  struct Accepted {
    std::unique_ptr<TcpStream> stream;  // null unless result.ok()
    IoResult result;
  };
  // Waits for one connection until the deadline (timeout if none arrives).
  Accepted accept(Deadline deadline);

  uint16_t port() const { return port_; }
  void close() { fd_.reset(); }

 private:
  TcpListener(UniqueFd fd, uint16_t port) : fd_(std::move(fd)), port_(port) {}
  UniqueFd fd_;
  uint16_t port_;
};

}  // namespace tlsc::transport
