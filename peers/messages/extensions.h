// Hello extensions (RFC 5246, 7.4.1.4) as an ordered list of raw (type, body) pairs, plus typed
// views of the bodies the engine understands.
//
// The list is neutral: it keeps order, duplicates, unknown types and malformed bodies exactly as
// received or as a test wants to send them. Semantic checks (duplicates, extensions the other side
// did not offer, ...) belong to the engine; count_extensions() and find_extension() help there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "peers/messages/common.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

struct Extension {
  ExtensionType type;
  Bytes body;  // extension_data, verbatim

  friend bool operator==(const Extension&, const Extension&) = default;
  // "name(len)", e.g. "extended_master_secret(0)" or "0x1234(3)".
  std::string describe() const;
};
using Extensions = std::vector<Extension>;

// RFC 5246, 7.4.1.4: Extension extensions<0..2^16-1>. Writes the u16-prefixed block.
void write_extensions(wire::Writer& w, const Extensions& exts);
// Parses the contents of an extensions block (the reader spans exactly the bytes after the u16
// block length). `where` prefixes error messages, e.g. "ClientHello.extensions".
bool parse_extensions(wire::Reader block, Extensions& out, ParseError* err, std::string_view where);
// Convenience for a whole block including its u16 length prefix (rejects trailing bytes).
bool parse_extension_block(ByteView block, Extensions& out, ParseError* err);

// First extension of that type, or nullptr.
const Extension* find_extension(const Extensions& exts, ExtensionType type);
// RFC 5246, 7.4.1.4: "There MUST NOT be more than one extension of the same type." The engine
// checks count_extensions(...) <= 1 for every type.
size_t count_extensions(const Extensions& exts, ExtensionType type);
// Type of the first duplicated extension, if any.
std::optional<ExtensionType> first_duplicate(const Extensions& exts);
// "{server_name(14), extended_master_secret(0)}".
std::string describe_extensions(const Extensions& exts);

// ---- Typed bodies. Each has encode() (the extension_data), to_extension(), describe(), and a
// ---- free parse(body, out, err) that rejects trailing bytes.

// RFC 6066, 3: client's server_name. The server's acknowledgement is an EMPTY body, which this
// type does not parse (server_name_list<1..2^16-1>); check `ext.body.empty()` for that.
struct ServerNameList {
  static constexpr ExtensionType kType = ExtensionType::kServerName;
  static constexpr uint8_t kHostName = 0;
  struct Entry {
    uint8_t name_type = kHostName;
    Bytes name;  // HostName: ASCII bytes, no terminator
    friend bool operator==(const Entry&, const Entry&) = default;
  };
  std::vector<Entry> names;

  static ServerNameList host(std::string_view host_name);
  // The first host_name entry, if any.
  std::optional<std::string> host_name() const;
  Bytes encode() const;
  Extension to_extension() const { return {kType, encode()}; }
  std::string describe() const;
  friend bool operator==(const ServerNameList&, const ServerNameList&) = default;
};
bool parse(ByteView body, ServerNameList& out, ParseError* err);

// RFC 8422, 5.1.1 (RFC 7919 for ffdhe groups): NamedGroup named_group_list<2..2^16-1>.
struct SupportedGroups {
  static constexpr ExtensionType kType = ExtensionType::kSupportedGroups;
  std::vector<NamedGroup> groups;
  Bytes encode() const;
  Extension to_extension() const { return {kType, encode()}; }
  std::string describe() const;
  friend bool operator==(const SupportedGroups&, const SupportedGroups&) = default;
};
bool parse(ByteView body, SupportedGroups& out, ParseError* err);

// RFC 8422, 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>.
struct EcPointFormats {
  static constexpr ExtensionType kType = ExtensionType::kEcPointFormats;
  std::vector<ECPointFormat> formats;
  Bytes encode() const;
  Extension to_extension() const { return {kType, encode()}; }
  std::string describe() const;
  friend bool operator==(const EcPointFormats&, const EcPointFormats&) = default;
};
bool parse(ByteView body, EcPointFormats& out, ParseError* err);

// RFC 5246, 7.4.1.4.1: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>.
struct SignatureAlgorithms {
  static constexpr ExtensionType kType = ExtensionType::kSignatureAlgorithms;
  std::vector<SignatureScheme> schemes;
  Bytes encode() const;
  Extension to_extension() const { return {kType, encode()}; }
  std::string describe() const;
  friend bool operator==(const SignatureAlgorithms&, const SignatureAlgorithms&) = default;
};
bool parse(ByteView body, SignatureAlgorithms& out, ParseError* err);

// RFC 7627, 5.1: the extension_data is empty. A non-empty body is kept by Extension but rejected
// by this parser.
struct ExtendedMasterSecret {
  static constexpr ExtensionType kType = ExtensionType::kExtendedMasterSecret;
  Bytes encode() const { return {}; }
  Extension to_extension() const { return {kType, {}}; }
  std::string describe() const { return "extended_master_secret"; }
  friend bool operator==(const ExtendedMasterSecret&, const ExtendedMasterSecret&) = default;
};
bool parse(ByteView body, ExtendedMasterSecret& out, ParseError* err);

// RFC 5077, 3.2: the extension_data is the opaque ticket itself (empty = "I support tickets").
struct SessionTicketExt {
  static constexpr ExtensionType kType = ExtensionType::kSessionTicket;
  Bytes ticket;
  Bytes encode() const { return ticket; }
  Extension to_extension() const { return {kType, encode()}; }
  std::string describe() const;
  friend bool operator==(const SessionTicketExt&, const SessionTicketExt&) = default;
};
bool parse(ByteView body, SessionTicketExt& out, ParseError* err);

// RFC 5746, 3.2: opaque renegotiated_connection<0..255>.
struct RenegotiationInfo {
  static constexpr ExtensionType kType = ExtensionType::kRenegotiationInfo;
  Bytes renegotiated_connection;
  Bytes encode() const;
  Extension to_extension() const { return {kType, encode()}; }
  std::string describe() const;
  friend bool operator==(const RenegotiationInfo&, const RenegotiationInfo&) = default;
};
bool parse(ByteView body, RenegotiationInfo& out, ParseError* err);

// RFC 7301, 3.1: ProtocolName protocol_name_list<2..2^16-1>; opaque ProtocolName<1..2^8-1>.
struct Alpn {
  static constexpr ExtensionType kType = ExtensionType::kAlpn;
  std::vector<Bytes> protocols;
  Bytes encode() const;
  Extension to_extension() const { return {kType, encode()}; }
  std::string describe() const;
  friend bool operator==(const Alpn&, const Alpn&) = default;
};
bool parse(ByteView body, Alpn& out, ParseError* err);

}  // namespace tlsc::msg
