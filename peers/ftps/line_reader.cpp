#include "peers/ftps/line_reader.h"

namespace tlsc::ftps {

void LineReader::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
}

bool LineReader::feed(ByteView data) {
  if (failed()) return false;
  // Drop the lines next() has already returned, so memory stays bounded by one line plus one
  // feed however long the connection lives (lines straddling feeds never empty the buffer).
  if (start_ > 0) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buf_.insert(buf_.end(), data.begin(), data.end());
  return true;
}

std::optional<std::string> LineReader::next() {
  if (failed()) return std::nullopt;
  for (size_t i = start_ + scanned_; i < buf_.size(); ++i) {
    const uint8_t c = buf_[i];
    const size_t len = i - start_;
    if (c == '\r') {
      if (i + 1 == buf_.size()) {  // CR is the last byte so far: wait for the LF
        scanned_ = len;
        return std::nullopt;
      }
      // RFC 959 4.1.3 / 4.2: lines end in CRLF; a CR not followed by LF is malformed.
      if (buf_[i + 1] != '\n') {
        fail("CR not followed by LF at byte " + std::to_string(len) + " of a line (RFC 959 4.2: lines end in CRLF)");
        return std::nullopt;
      }
      std::string line(buf_.begin() + static_cast<std::ptrdiff_t>(start_), buf_.begin() + static_cast<std::ptrdiff_t>(i));
      start_ = i + 2;
      scanned_ = 0;
      if (start_ == buf_.size()) {
        buf_.clear();
        start_ = 0;
      }
      return line;
    }
    if (c == '\n') {
      fail("bare LF at byte " + std::to_string(len) + " of a line (RFC 959 4.2: lines end in CRLF)");
      return std::nullopt;
    }
    if (c == 0) {
      fail("NUL byte at byte " + std::to_string(len) + " of a line (RFC 959 4.1.3: Telnet text)");
      return std::nullopt;
    }
    if (len >= max_line_) {
      fail("line longer than " + std::to_string(max_line_) + " bytes");
      return std::nullopt;
    }
  }
  scanned_ = buf_.size() - start_;
  if (scanned_ > max_line_) fail("line longer than " + std::to_string(max_line_) + " bytes");
  return std::nullopt;
}

Bytes LineReader::take_buffered() {
  Bytes out(buf_.begin() + static_cast<std::ptrdiff_t>(start_), buf_.end());
  buf_.clear();
  start_ = 0;
  scanned_ = 0;
  return out;
}

}  // namespace tlsc::ftps
