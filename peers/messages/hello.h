// Hello messages: ClientHello, ServerHello (RFC 5246, 7.4.1.2-3), HelloRequest (7.4.1.1) and
// ServerHelloDone (7.4.5).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "peers/messages/common.h"
#include "peers/messages/extensions.h"
#include "peers/messages/handshake.h"

namespace tlsc::msg {

using Random = std::array<uint8_t, 32>;  // RFC 5246, 7.4.1.2: struct Random (32 bytes)

// RFC 5246, 7.4.1.2
struct ClientHello {
  static constexpr HandshakeType kType = HandshakeType::kClientHello;

  ProtocolVersion version = ProtocolVersion::kTls12;  // client_version
  Random random{};
  Bytes session_id;  // SessionID<0..32>; may hold more to send an invalid one
  std::vector<CipherSuite> cipher_suites;
  std::vector<CompressionMethod> compression_methods{CompressionMethod::kNull};
  // nullopt: no extensions block at all; empty vector: a present, zero-length block.
  std::optional<Extensions> extensions;
  std::optional<Bytes> raw_body;  // when set, encode() emits exactly these bytes

  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const ClientHello&, const ClientHello&) = default;
};
bool parse(ByteView body, ClientHello& out, ParseError* err);

// RFC 5246, 7.4.1.3
struct ServerHello {
  static constexpr HandshakeType kType = HandshakeType::kServerHello;

  ProtocolVersion version = ProtocolVersion::kTls12;  // server_version
  Random random{};
  Bytes session_id;
  CipherSuite cipher_suite;
  CompressionMethod compression_method = CompressionMethod::kNull;
  std::optional<Extensions> extensions;
  std::optional<Bytes> raw_body;

  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const ServerHello&, const ServerHello&) = default;
};
bool parse(ByteView body, ServerHello& out, ParseError* err);

// RFC 5246, 7.4.1.1: struct { } HelloRequest;
struct HelloRequest {
  static constexpr HandshakeType kType = HandshakeType::kHelloRequest;
  std::optional<Bytes> raw_body;
  Bytes encode() const { return raw_body.value_or(Bytes{}); }
  std::string describe() const;
  friend bool operator==(const HelloRequest&, const HelloRequest&) = default;
};
bool parse(ByteView body, HelloRequest& out, ParseError* err);

// RFC 5246, 7.4.5: struct { } ServerHelloDone;
struct ServerHelloDone {
  static constexpr HandshakeType kType = HandshakeType::kServerHelloDone;
  std::optional<Bytes> raw_body;
  Bytes encode() const { return raw_body.value_or(Bytes{}); }
  std::string describe() const;
  friend bool operator==(const ServerHelloDone&, const ServerHelloDone&) = default;
};
bool parse(ByteView body, ServerHelloDone& out, ParseError* err);

}  // namespace tlsc::msg
