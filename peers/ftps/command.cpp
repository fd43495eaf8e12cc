#include "peers/ftps/command.h"

#include <cctype>

namespace tlsc::ftps {
namespace {

bool valid_verb(std::string_view verb) {
  // RFC 959 5.3.1: command codes are four or fewer alphabetic characters (XMKD etc. are 4,
  // USER 4, CWD 3); none is shorter than 3.
  if (verb.size() < 3 || verb.size() > 4) return false;
  for (char c : verb)
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

void set(std::string* why, std::string text) {
  if (why) *why = std::move(text);
}

}  // namespace

std::optional<std::string> format_command(std::string_view verb, std::string_view arg, std::string* why) {
  if (!valid_verb(verb)) {
    set(why, "command verb \"" + std::string(verb.substr(0, 16)) + "\" is not 3-4 letters (RFC 959 5.3.1)");
    return std::nullopt;
  }
  // RFC 959 4.1.3: the Telnet end-of-line CRLF ends a command; it cannot appear inside one.
  if (arg.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    set(why, "argument of " + upper(verb) + " contains CR, LF or NUL (RFC 959 4.1.3)");
    return std::nullopt;
  }
  std::string out = upper(verb);
  if (!arg.empty()) out += " " + std::string(arg);
  return out + "\r\n";
}

std::optional<Command> parse_command(std::string_view line, std::string* why) {
  const size_t sp = line.find(' ');
  const std::string_view verb = line.substr(0, sp);
  if (!valid_verb(verb)) {
    set(why, "command verb \"" + std::string(verb.substr(0, 16)) + "\" is not 3-4 letters (RFC 959 5.3.1)");
    return std::nullopt;
  }
  Command c;
  c.verb = upper(verb);
  // RFC 959 5.3.2: <SP> separates the command from its argument.
  if (sp != std::string_view::npos) c.arg = std::string(line.substr(sp + 1));
  return c;
}

std::string describe_command(std::string_view verb, std::string_view arg) {
  std::string v = upper(verb);
  if (arg.empty()) return v;
  return v + " " + (v == "PASS" ? std::string("****") : std::string(arg));
}

}  // namespace tlsc::ftps
