// What a connection does with application data after the handshake, chosen per IUT (a profile's
// `app_data`, `tlsconform run --app-data`): nothing, an echo, or one small HTTP/1.1 exchange.
// Parsed once at the edge (parse_app_data); the flows switch on the enum. Whatever the mode, our
// peer then ends the connection with close_notify (RFC 5246 7.2.1), so the IUT keeps the session
// resumable.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "peers/wire/bytes.h"

namespace tlsc::engine {

enum class AppData : uint8_t {
  kNone,  // client: send nothing; server: answer nothing (close_notify at once unless a quirk waits)
  kEcho,  // client: send the configured bytes, await them back; server: echo until the client closes
  kHttp,  // client: GET / and read a bounded response; server: answer a request with a small response
};

std::string_view to_string(AppData mode);
// "none", "echo" or "http"; nullopt for anything else.
std::optional<AppData> parse_app_data(std::string_view text);
// The names, for error messages: "none, echo, http".
std::string_view app_data_names();

// The most of an HTTP response our client reads, and of a request our server reads.
inline constexpr size_t kHttpMaxMessage = 64 * 1024;

// `GET / HTTP/1.1` with Host and `Connection: close` (RFC 9112 3.2: Host is required in 1.1).
Bytes http_request(std::string_view host);
// A small `200 OK` with a Content-Length and `Connection: close`.
Bytes http_response();
// The request's header section has ended (an empty line, RFC 9112 2.1).
bool http_request_complete(ByteView got);
// The response is whole: its headers have ended and the body is Content-Length bytes long, or the
// last chunk of a chunked body has come (RFC 9112 6.3). A response of another framing ends only
// when the server closes.
bool http_response_complete(ByteView got);
// Our client stops reading: the response is complete, or what came is not an HTTP response at all
// (it does not start with "HTTP/"; e.g. an echo server's answer), or it reached kHttpMaxMessage.
bool http_reading_done(ByteView got);

}  // namespace tlsc::engine
