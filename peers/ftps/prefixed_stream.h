// A Stream that first hands out bytes already read from the underlying stream (by the clear-text
// line reader, before AUTH TLS), then reads from it: the TLS engine takes over the connection
// without losing a byte (RFC 4217 4: the TLS handshake follows the 234 reply directly).
#pragma once

#include "peers/transport/stream.h"

namespace tlsc::ftps {

class PrefixedStream final : public transport::Stream {
 public:
  PrefixedStream(transport::Stream& inner, Bytes prefix) : inner_(inner), prefix_(std::move(prefix)) {}
  transport::IoResult read_some(std::span<uint8_t> buf, transport::Deadline deadline) override;
  transport::IoResult write_all(ByteView data, transport::Deadline deadline) override {
    return inner_.write_all(data, deadline);
  }
  transport::IoResult shutdown_write() override { return inner_.shutdown_write(); }
  void close() override { inner_.close(); }
  void abort() override { inner_.abort(); }

 private:
  transport::Stream& inner_;
  Bytes prefix_;
  size_t pos_ = 0;
};

}  // namespace tlsc::ftps
