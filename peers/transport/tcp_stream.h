// TCP over loopback: non-blocking sockets driven by poll() against the caller's deadline.
// SIGPIPE-safe (MSG_NOSIGNAL). EOF (FIN), reset (RST) and timeout are told apart.
#pragma once

#include <memory>
#include <string_view>

#include "peers/transport/stream.h"
#include "peers/transport/unique_fd.h"

namespace tlsc::transport {

class TcpStream final : public Stream {
 public:
  struct Connected {
    std::unique_ptr<TcpStream> stream;  // null unless result.ok()
    IoResult result;
  };
  // host must be a loopback literal (127.0.0.0/8, ::1) or "localhost"; anything else is refused
  // with IoStatus::error before a socket exists. A refused connection is an error carrying
  // ECONNREFUSED; no answer before the deadline is a timeout.
  static Connected connect(std::string_view host, uint16_t port, Deadline deadline);

  // Takes a connected socket (made non-blocking here).
  explicit TcpStream(UniqueFd fd);
  ~TcpStream() override = default;

  IoResult read_some(std::span<uint8_t> buf, Deadline deadline) override;
  IoResult write_all(ByteView data, Deadline deadline) override;
  IoResult shutdown_write() override;
  void close() override;
  void abort() override;

  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
};

}  // namespace tlsc::transport
