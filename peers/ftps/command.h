// FTP commands (RFC 959 4.1, 5.3): "VERB[ SP argument]" CRLF. Formatting refuses what would
// break the line protocol; parsing splits a received line, bounded by LineReader's limit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tlsc::ftps {

struct Command {
  std::string verb;  // upper case (RFC 959 5.3: commands are case-insensitive)
  std::string arg;   // as sent, may be empty
};

// "VERB arg\r\n". nullopt with `why` when the verb is not 3-4 ASCII letters (RFC 959 5.3.1) or
// the argument holds CR, LF or NUL (RFC 959 4.1.3: they would end or corrupt the line).
std::optional<std::string> format_command(std::string_view verb, std::string_view arg, std::string* why = nullptr);

// Parses one received line (without CRLF). nullopt with `why` on a malformed verb.
std::optional<Command> parse_command(std::string_view line, std::string* why = nullptr);

// For logs and reports: the command line without the CRLF, PASS arguments masked.
std::string describe_command(std::string_view verb, std::string_view arg);

}  // namespace tlsc::ftps
