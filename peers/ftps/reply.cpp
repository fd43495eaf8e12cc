#include "peers/ftps/reply.h"

namespace tlsc::ftps {

std::string Reply::text() const {
  if (lines.empty()) return {};
  const std::string& l = lines.front();
  return l.size() > 4 ? l.substr(4) : std::string();
}

std::string Reply::joined() const {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : " | ") + l;
  return out;
}

std::optional<int> reply_code(std::string_view line) {
  if (line.size() < 3) return std::nullopt;
  // RFC 959 4.2.1: the first digit is 1-5, the second 0-5, the third any digit.
  if (line[0] < '1' || line[0] > '5' || line[1] < '0' || line[1] > '5' || line[2] < '0' || line[2] > '9')
    return std::nullopt;
  if (line.size() > 3 && line[3] != ' ' && line[3] != '-') return std::nullopt;
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

ReplyParser::Status ReplyParser::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
  return Status::kError;
}

ReplyParser::Status ReplyParser::add(std::string_view line) {
  if (!error_.empty()) return Status::kError;
  if (!in_multiline_) {
    auto code = reply_code(line);
    // RFC 959 4.2: a reply begins with its three-digit code.
    if (!code) return fail("reply line does not start with a valid code (RFC 959 4.2): \"" + std::string(line.substr(0, 40)) + "\"");
    cur_ = Reply{*code, {std::string(line)}};
    // RFC 959 4.2: "ddd-" opens a multi-line reply; "ddd " (or "ddd" alone) is a one-line reply.
    if (line.size() > 3 && line[3] == '-') {
      in_multiline_ = true;
      return Status::kMore;
    }
    return Status::kComplete;
  }
  if (cur_.lines.size() >= max_lines_)
    return fail("multi-line reply " + std::to_string(cur_.code) + " longer than " + std::to_string(max_lines_) + " lines");
  cur_.lines.emplace_back(line);
  // RFC 959 4.2: the last line starts with the same code followed by a space (or ends there).
  auto code = reply_code(line);
  if (code && *code == cur_.code && (line.size() == 3 || line[3] == ' ')) {
    in_multiline_ = false;
    return Status::kComplete;
  }
  return Status::kMore;
}

Reply ReplyParser::take() {
  Reply out = std::move(cur_);
  cur_ = {};
  return out;
}

std::optional<std::string> format_reply(int code, const std::vector<std::string>& lines) {
  if (code < 100 || code > 599) return std::nullopt;
  for (const auto& l : lines)
    if (l.find_first_of("\r\n") != std::string::npos || l.find('\0') != std::string::npos) return std::nullopt;
  const std::string c = std::to_string(code);
  if (lines.size() <= 1) return c + " " + (lines.empty() ? "" : lines.front()) + "\r\n";
  // RFC 959 4.2: "ddd-" first line, text lines, "ddd " last line. A middle line that itself
  // starts with a code is indented so it cannot end the reply early.
  std::string out = c + "-" + lines.front() + "\r\n";
  for (size_t i = 1; i + 1 < lines.size(); ++i)
    out += (reply_code(lines[i]) ? " " : "") + lines[i] + "\r\n";
  out += c + " " + lines.back() + "\r\n";
  return out;
}

}  // namespace tlsc::ftps
