#include "peers/messages/extensions.h"

namespace tlsc::msg {

using namespace detail;  // the helpers of common.h, Reader, Writer and K

std::string Extension::describe() const { return type.name() + "(" + std::to_string(body.size()) + ")"; }

void write_extensions(Writer& w, const Extensions& exts) {
  // RFC 5246, 7.4.1.4: struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; }
  w.prefixed16([&](Writer& b) {
    for (const Extension& e : exts) {
      b.u16(e.type.value);
      b.vec16(e.body);
    }
  });
}

bool parse_extensions(Reader block, Extensions& out, ParseError* err, std::string_view where) {
  Extensions exts;
  while (!block.empty()) {
    Extension e;
    if (!block.u16(e.type.value))
      return fail(err, K::kTruncated, std::string(where) + ": truncated extension_type (" + std::to_string(block.remaining()) +
                           " byte left)");
    // RFC 5246, 7.4.1.4: opaque extension_data<0..2^16-1>, bounded by the block.
    if (!block.vec16(e.body))
      return fail(err, K::kTruncated, std::string(where) + ": extension " + e.type.name() + " body overruns the block");
    exts.push_back(std::move(e));
  }
  out = std::move(exts);
  return true;
}

bool parse_extension_block(ByteView data, Extensions& out, ParseError* err) {
  Reader r(data), block;
  if (!r.prefixed16(block)) return fail(err, K::kTruncated, "extensions: block length overruns input");
  if (!finish(r, err, "extensions")) return false;
  return parse_extensions(block, out, err, "extensions");
}

const Extension* find_extension(const Extensions& exts, ExtensionType type) {
  for (const Extension& e : exts)
    if (e.type == type) return &e;
  return nullptr;
}

size_t count_extensions(const Extensions& exts, ExtensionType type) {
  size_t n = 0;
  for (const Extension& e : exts) n += e.type == type;
  return n;
}

std::optional<ExtensionType> first_duplicate(const Extensions& exts) {
  for (size_t i = 0; i < exts.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (exts[i].type == exts[j].type) return exts[i].type;
  return std::nullopt;
}

std::string describe_extensions(const Extensions& exts) {
  std::string out = "{";
  for (size_t i = 0; i < exts.size(); ++i) out += (i ? ", " : "") + exts[i].describe();
  return out + "}";
}

namespace {
template <class T>
std::string join_names(const std::vector<T>& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i].name();
  return out + "}";
}
std::string printable(ByteView b) {
  std::string s;
  for (uint8_t c : b) s += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  return s;
}
}  // namespace

// ---- server_name

ServerNameList ServerNameList::host(std::string_view host_name) {
  ServerNameList l;
  l.names.push_back({kHostName, Bytes(host_name.begin(), host_name.end())});
  return l;
}

std::optional<std::string> ServerNameList::host_name() const {
  for (const Entry& e : names)
    if (e.name_type == kHostName) return std::string(e.name.begin(), e.name.end());
  return std::nullopt;
}

Bytes ServerNameList::encode() const {
  Writer w;
  w.prefixed16([&](Writer& l) {
    for (const Entry& e : names) {
      l.u8(e.name_type);
      l.vec16(e.name);
    }
  });
  return w.take();
}

std::string ServerNameList::describe() const {
  std::string out = "server_name{";
  for (size_t i = 0; i < names.size(); ++i) {
    out += i ? ", " : "";
    if (names[i].name_type == kHostName)
      out += "host_name=\"" + printable(names[i].name) + "\"";
    else
      out += "type" + std::to_string(names[i].name_type) + "=" + brief_hex(names[i].name);
  }
  return out + "}";
}

bool parse(ByteView body, ServerNameList& out, ParseError* err) {
  Reader r(body), list;
  if (!r.prefixed16(list)) return fail(err, K::kTruncated, "server_name.server_name_list: length overruns body");
  if (!finish(r, err, "server_name")) return false;
  // RFC 6066, 3: ServerName server_name_list<1..2^16-1>
  if (list.empty())
    return fail(err, K::kOutOfRange, "server_name.server_name_list: empty (RFC 6066, 3: <1..2^16-1>)");
  ServerNameList result;
  while (!list.empty()) {
    ServerNameList::Entry e;
    if (!list.u8(e.name_type)) return fail(err, K::kTruncated, "server_name.name_type: truncated");
    // RFC 6066, 3: HostName<1..2^16-1>. Other name types have no defined syntax; they are read
    // with the same opaque<1..2^16-1> layout (as RFC 4366 defined it) so they can be reported.
    if (!list.vec16(e.name)) return fail(err, K::kTruncated, "server_name.name: length overruns list");
    if (e.name.empty()) return fail(err, K::kOutOfRange, "server_name.name: empty (RFC 6066, 3: HostName<1..2^16-1>)");
    result.names.push_back(std::move(e));
  }
  out = std::move(result);
  return true;
}

// ---- supported_groups, ec_point_formats, signature_algorithms: a body that is one vector of
// ---- code points

namespace {
template <class T>
Bytes encode_code_point_list(const std::vector<T>& list) {
  Writer w;
  write_code_points(w, list);
  return w.take();
}

// `name` is the extension's, `field` the vector's; `bound` cites the RFC's bounds.
template <class T>
bool parse_code_point_list(ByteView body, std::vector<T>& out, ParseError* err, const char* name, const char* field,
                           const char* bound) {
  const std::string where = std::string(name) + "." + field;
  Reader r(body), list;
  if (!(sizeof(T::value) == 1 ? r.prefixed8(list) : r.prefixed16(list)))
    return fail(err, K::kTruncated, where + ": length overruns body");
  if (!finish(r, err, name)) return false;
  return parse_code_points(list, out, err, where, bound);
}
}  // namespace

Bytes SupportedGroups::encode() const { return encode_code_point_list(groups); }
std::string SupportedGroups::describe() const { return "supported_groups" + join_names(groups); }
bool parse(ByteView body, SupportedGroups& out, ParseError* err) {
  // RFC 8422, 5.1.1: NamedGroup named_group_list<2..2^16-1>
  return parse_code_point_list(body, out.groups, err, "supported_groups", "named_group_list",
                               "RFC 8422, 5.1.1: <2..2^16-1>");
}

Bytes EcPointFormats::encode() const { return encode_code_point_list(formats); }
std::string EcPointFormats::describe() const { return "ec_point_formats" + join_names(formats); }
bool parse(ByteView body, EcPointFormats& out, ParseError* err) {
  // RFC 8422, 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>
  return parse_code_point_list(body, out.formats, err, "ec_point_formats", "ec_point_format_list",
                               "RFC 8422, 5.1.2: <1..2^8-1>");
}

Bytes SignatureAlgorithms::encode() const { return encode_code_point_list(schemes); }
std::string SignatureAlgorithms::describe() const { return "signature_algorithms" + join_names(schemes); }
bool parse(ByteView body, SignatureAlgorithms& out, ParseError* err) {
  // RFC 5246, 7.4.1.4.1: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>
  return parse_code_point_list(body, out.schemes, err, "signature_algorithms", "supported_signature_algorithms",
                               "RFC 5246, 7.4.1.4.1: <2..2^16-2>");
}

// ---- extended_master_secret

bool parse(ByteView body, ExtendedMasterSecret& out, ParseError* err) {
  // RFC 7627, 5.1: "The "extension_data" field of this extension is empty." The RFC names no
  // alert; a body where the structure has none is decode_error (RFC 5246 7.2.2).
  if (!body.empty())
    return fail(err, K::kLengthMismatch, "extended_master_secret: body must be empty (RFC 7627, 5.1), got " +
                         std::to_string(body.size()) + " bytes");
  out = {};
  return true;
}

// ---- session_ticket

std::string SessionTicketExt::describe() const { return "session_ticket" + brief_hex(ticket); }

bool parse(ByteView body, SessionTicketExt& out, ParseError*) {
  // RFC 5077, 3.2: the extension_data is the ticket, possibly empty; no inner structure.
  out.ticket.assign(body.begin(), body.end());
  return true;
}

// ---- renegotiation_info

Bytes RenegotiationInfo::encode() const {
  Writer w;
  w.vec8(renegotiated_connection);
  return w.take();
}

std::string RenegotiationInfo::describe() const { return "renegotiation_info" + brief_hex(renegotiated_connection); }

bool parse(ByteView body, RenegotiationInfo& out, ParseError* err) {
  Reader r(body);
  RenegotiationInfo result;
  // RFC 5746, 3.2: opaque renegotiated_connection<0..255>. Whether its contents match is the
  // engine's check (RFC 5746 3.4, 3.6, 3.7: handshake_failure).
  if (!r.vec8(result.renegotiated_connection))
    return fail(err, K::kTruncated, "renegotiation_info.renegotiated_connection: length overruns body");
  return finish_into(r, result, out, err, "renegotiation_info");
}

// ---- application_layer_protocol_negotiation

Bytes Alpn::encode() const {
  Writer w;
  w.prefixed16([&](Writer& l) {
    for (const Bytes& p : protocols) l.vec8(p);
  });
  return w.take();
}

std::string Alpn::describe() const {
  std::string out = "alpn{";
  for (size_t i = 0; i < protocols.size(); ++i) out += (i ? ", \"" : "\"") + printable(protocols[i]) + "\"";
  return out + "}";
}

bool parse(ByteView body, Alpn& out, ParseError* err) {
  Reader r(body), list;
  if (!r.prefixed16(list)) return fail(err, K::kTruncated, "alpn.protocol_name_list: length overruns body");
  if (!finish(r, err, "alpn")) return false;
  // RFC 7301, 3.1: ProtocolName protocol_name_list<2..2^16-1>
  if (list.empty()) return fail(err, K::kOutOfRange, "alpn.protocol_name_list: empty (RFC 7301, 3.1: <2..2^16-1>)");
  Alpn result;
  while (!list.empty()) {
    Bytes p;
    if (!list.vec8(p)) return fail(err, K::kTruncated, "alpn.protocol_name: length overruns list");
    // RFC 7301, 3.1: opaque ProtocolName<1..2^8-1>; "Empty strings MUST NOT be included"
    if (p.empty()) return fail(err, K::kOutOfRange, "alpn.protocol_name: empty (RFC 7301, 3.1)");
    result.protocols.push_back(std::move(p));
  }
  out = std::move(result);
  return true;
}

}  // namespace tlsc::msg
