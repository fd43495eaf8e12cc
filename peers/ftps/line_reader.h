// A bounded reader of CRLF-terminated text lines (the Telnet end-of-line of the FTP control
// connection, RFC 959 4.1.3 / 4.2). Bytes are fed as they arrive; complete lines come out one by
// one. Hostile input is refused, never buffered without bound: a line longer than the limit, a
// bare LF or CR, or a NUL byte is an error with a one-line reason, and the reader stays failed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "peers/wire/bytes.h"

namespace tlsc::ftps {

// Hard limits of the text protocol (ours, not the RFC's: RFC 959 sets none, real replies and
// commands are far shorter).
inline constexpr size_t kMaxLineLength = 2048;     // bytes, CRLF excluded
inline constexpr size_t kMaxReplyLines = 256;      // lines of one multi-line reply

class LineReader {
 public:
  explicit LineReader(size_t max_line = kMaxLineLength) : max_line_(max_line) {}

  // Appends received bytes. False once the reader has failed (error() says why): the bytes are
  // dropped, since nothing after a malformed line can be trusted.
  bool feed(ByteView data);

  // The next complete line without its CRLF, or nullopt (need more bytes, or failed).
  std::optional<std::string> next();

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // Bytes received after the last complete line (for the AUTH hand-over to TLS, RFC 4217 4).
  Bytes take_buffered();
  size_t buffered() const { return buf_.size() - start_; }
  // Bytes held in memory, consumed lines included until the next feed() drops them: at most
  // max_line + 1 plus the last feed's size when next() is called until it returns nullopt.
  size_t held() const { return buf_.size(); }

 private:
  void fail(std::string why);
  size_t max_line_;
  Bytes buf_;
  size_t start_ = 0;    // first unread byte
  size_t scanned_ = 0;  // bytes from start_ already checked for a line end
  std::string error_;
};

}  // namespace tlsc::ftps
