// The FTP control connection as lines in and lines out, either in the clear on the TCP stream
// (before AUTH, RFC 4217 4) or as application data of our engine's TLS connection (after it).
// Reads are bounded by LineReader / ReplyParser; a failure is a status with a one-line reason.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "peers/engine/app_channel.h"
#include "peers/ftps/line_reader.h"
#include "peers/ftps/reply.h"
#include "peers/transport/stream.h"

namespace tlsc::ftps {

struct LineRead {
  std::optional<std::string> line;  // set on success
  std::string error;                // otherwise: why (timeout, EOF, malformed line, TLS failure)
  bool timeout = false;
};

struct ReplyRead {
  std::optional<Reply> reply;
  std::string error;
};

class ControlChannel {
 public:
  virtual ~ControlChannel() = default;
  virtual bool send_text(const std::string& text) = 0;
  virtual LineRead read_line(std::chrono::milliseconds timeout) = 0;
  // Bytes read past the last line (for the hand-over to TLS).
  virtual Bytes take_buffered() = 0;

  // One whole reply (RFC 959 4.2), bounded in lines.
  ReplyRead read_reply(std::chrono::milliseconds timeout);
};

// In the clear on a stream (the part before AUTH TLS).
class PlainControl final : public ControlChannel {
 public:
  explicit PlainControl(transport::Stream& stream) : stream_(stream) {}
  bool send_text(const std::string& text) override;
  LineRead read_line(std::chrono::milliseconds timeout) override;
  Bytes take_buffered() override { return reader_.take_buffered(); }

 private:
  transport::Stream& stream_;
  LineReader reader_;
};

// Over the engine's TLS connection (inside an AppScript).
class TlsControl final : public ControlChannel {
 public:
  explicit TlsControl(engine::AppChannel& channel) : channel_(channel) {}
  bool send_text(const std::string& text) override;
  LineRead read_line(std::chrono::milliseconds timeout) override;
  Bytes take_buffered() override { return reader_.take_buffered(); }
  engine::AppChannel& channel() { return channel_; }

 private:
  engine::AppChannel& channel_;
  LineReader reader_;
};

// When a TLS-protected control connection stops parsing: walks the TLS records in `received`
// (every byte read on the connection since the TLS handshake began) and returns the first line
// of what follows the last whole record if it reads like a clear-text FTP reply ("ddd " /
// "ddd-"). That is a server writing non-TLS bytes on a protected control channel (RFC 4217 4:
// after AUTH, the control connection is TLS only).
std::optional<std::string> plaintext_after_records(ByteView received);

// The master secret a connection report's key log names (hex; "" if none): two connections
// with the same one share a TLS session (a resumption of it).
std::string logged_master_secret(const engine::ConnectionReport& r);

// SHA-256 of `data`, lower-case hex.
std::string sha256_hex(ByteView data);

}  // namespace tlsc::ftps
