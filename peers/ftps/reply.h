// FTP replies (RFC 959 4.2): a three-digit code and text, on one line ("226 Done") or on several
// ("211-Features:" ... "211 End"). ReplyParser assembles them from lines, bounded in the number
// of lines, and rejects anything RFC 959 does not allow with a one-line reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "peers/ftps/line_reader.h"

namespace tlsc::ftps {

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // as received, code included
  // The text of the first line after "ddd " / "ddd-".
  std::string text() const;
  // All lines, joined with " | " (for reports).
  std::string joined() const;
  bool preliminary() const { return code >= 100 && code < 200; }   // RFC 959 4.2.1: 1yz
  bool completion() const { return code >= 200 && code < 300; }    // 2yz
  bool intermediate() const { return code >= 300 && code < 400; }  // 3yz
  bool failure() const { return code >= 400; }                     // 4yz, 5yz
};

class ReplyParser {
 public:
  explicit ReplyParser(size_t max_lines = kMaxReplyLines) : max_lines_(max_lines) {}
  enum class Status { kComplete, kMore, kError };
  // Adds one line (no CRLF). kComplete: take() the reply. kError: error() says why; the parser
  // stays failed.
  Status add(std::string_view line);
  Reply take();
  const std::string& error() const { return error_; }

 private:
  Status fail(std::string why);
  size_t max_lines_;
  Reply cur_;
  bool in_multiline_ = false;
  std::string error_;
};

// The reply code of a line that starts "ddd" with a valid RFC 959 4.2.1 first and second digit,
// followed by end of line, ' ' or '-'; nullopt otherwise.
std::optional<int> reply_code(std::string_view line);

// Formats a reply for our server: one line, or a multi-line reply (RFC 959 4.2) when `lines` has
// more than one element. Lines must not contain CR or LF (nullopt otherwise).
std::optional<std::string> format_reply(int code, const std::vector<std::string>& lines);

}  // namespace tlsc::ftps
