#include "peers/messages/extensions.h"

namespace tlsc::msg {

using detail::fail;
using detail::finish;
using wire::Reader;
using wire::Writer;

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

bool parse_extensions(Reader block, Extensions& out, std::string* why, std::string_view where) {
  Extensions exts;
  while (!block.empty()) {
    Extension e;
    if (!block.u16(e.type.value))
      return fail(why, std::string(where) + ": truncated extension_type (" + std::to_string(block.remaining()) +
                           " byte left)");
    // RFC 5246, 7.4.1.4: opaque extension_data<0..2^16-1>, bounded by the block.
    if (!block.vec16(e.body))
      return fail(why, std::string(where) + ": extension " + e.type.name() + " body overruns the block");
    exts.push_back(std::move(e));
  }
  out = std::move(exts);
  return true;
}

bool parse_extension_block(ByteView data, Extensions& out, std::string* why) {
  Reader r(data), block;
  if (!r.prefixed16(block)) return fail(why, "extensions: block length overruns input");
  if (!finish(r, why, "extensions")) return false;
  return parse_extensions(block, out, why, "extensions");
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

bool parse(ByteView body, ServerNameList& out, std::string* why) {
  Reader r(body), list;
  if (!r.prefixed16(list)) return fail(why, "server_name.server_name_list: length overruns body");
  if (!finish(r, why, "server_name")) return false;
  // RFC 6066, 3: ServerName server_name_list<1..2^16-1>
  if (list.empty()) return fail(why, "server_name.server_name_list: empty (RFC 6066, 3: <1..2^16-1>)");
  ServerNameList result;
  while (!list.empty()) {
    ServerNameList::Entry e;
    if (!list.u8(e.name_type)) return fail(why, "server_name.name_type: truncated");
    // RFC 6066, 3: HostName<1..2^16-1>. Other name types have no defined syntax; they are read
    // with the same opaque<1..2^16-1> layout (as RFC 4366 defined it) so they can be reported.
    if (!list.vec16(e.name)) return fail(why, "server_name.name: length overruns list");
    if (e.name.empty()) return fail(why, "server_name.name: empty (RFC 6066, 3: HostName<1..2^16-1>)");
    result.names.push_back(std::move(e));
  }
  out = std::move(result);
  return true;
}

// ---- supported_groups

Bytes SupportedGroups::encode() const {
  Writer w;
  w.prefixed16([&](Writer& l) {
    for (NamedGroup g : groups) l.u16(g.value);
  });
  return w.take();
}

std::string SupportedGroups::describe() const { return "supported_groups" + join_names(groups); }

bool parse(ByteView body, SupportedGroups& out, std::string* why) {
  Reader r(body), list;
  if (!r.prefixed16(list)) return fail(why, "supported_groups.named_group_list: length overruns body");
  if (!finish(r, why, "supported_groups")) return false;
  // RFC 8422, 5.1.1: NamedGroup named_group_list<2..2^16-1>
  if (list.remaining() % 2 != 0)
    return fail(why, "supported_groups.named_group_list: odd length " + std::to_string(list.remaining()));
  if (list.empty()) return fail(why, "supported_groups.named_group_list: empty (RFC 8422, 5.1.1: <2..2^16-1>)");
  SupportedGroups result;
  NamedGroup g;
  while (list.u16(g.value)) result.groups.push_back(g);
  out = std::move(result);
  return true;
}

// ---- ec_point_formats

Bytes EcPointFormats::encode() const {
  Writer w;
  w.prefixed8([&](Writer& l) {
    for (ECPointFormat f : formats) l.u8(f.value);
  });
  return w.take();
}

std::string EcPointFormats::describe() const { return "ec_point_formats" + join_names(formats); }

bool parse(ByteView body, EcPointFormats& out, std::string* why) {
  Reader r(body), list;
  if (!r.prefixed8(list)) return fail(why, "ec_point_formats.ec_point_format_list: length overruns body");
  if (!finish(r, why, "ec_point_formats")) return false;
  // RFC 8422, 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>
  if (list.empty()) return fail(why, "ec_point_formats.ec_point_format_list: empty (RFC 8422, 5.1.2: <1..2^8-1>)");
  EcPointFormats result;
  ECPointFormat f;
  while (list.u8(f.value)) result.formats.push_back(f);
  out = std::move(result);
  return true;
}

// ---- signature_algorithms

Bytes SignatureAlgorithms::encode() const {
  Writer w;
  w.prefixed16([&](Writer& l) {
    for (SignatureScheme s : schemes) l.u16(s.value);
  });
  return w.take();
}

std::string SignatureAlgorithms::describe() const { return "signature_algorithms" + join_names(schemes); }

bool parse(ByteView body, SignatureAlgorithms& out, std::string* why) {
  Reader r(body), list;
  if (!r.prefixed16(list))
    return fail(why, "signature_algorithms.supported_signature_algorithms: length overruns body");
  if (!finish(r, why, "signature_algorithms")) return false;
  // RFC 5246, 7.4.1.4.1: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>
  if (list.remaining() % 2 != 0)
    return fail(why, "signature_algorithms.supported_signature_algorithms: odd length " +
                         std::to_string(list.remaining()));
  if (list.empty())
    return fail(why, "signature_algorithms.supported_signature_algorithms: empty (RFC 5246, 7.4.1.4.1: <2..2^16-2>)");
  SignatureAlgorithms result;
  SignatureScheme s;
  while (list.u16(s.value)) result.schemes.push_back(s);
  out = std::move(result);
  return true;
}

// ---- extended_master_secret

bool parse(ByteView body, ExtendedMasterSecret& out, std::string* why) {
  // RFC 7627, 5.1: "The "extension_data" field of this extension is empty."
  if (!body.empty())
    return fail(why, "extended_master_secret: body must be empty (RFC 7627, 5.1), got " +
                         std::to_string(body.size()) + " bytes");
  out = {};
  return true;
}

// ---- session_ticket

std::string SessionTicketExt::describe() const { return "session_ticket" + brief_hex(ticket); }

bool parse(ByteView body, SessionTicketExt& out, std::string*) {
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

bool parse(ByteView body, RenegotiationInfo& out, std::string* why) {
  Reader r(body);
  RenegotiationInfo result;
  // RFC 5746, 3.2: opaque renegotiated_connection<0..255>
  if (!r.vec8(result.renegotiated_connection))
    return fail(why, "renegotiation_info.renegotiated_connection: length overruns body");
  if (!finish(r, why, "renegotiation_info")) return false;
  out = std::move(result);
  return true;
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

bool parse(ByteView body, Alpn& out, std::string* why) {
  Reader r(body), list;
  if (!r.prefixed16(list)) return fail(why, "alpn.protocol_name_list: length overruns body");
  if (!finish(r, why, "alpn")) return false;
  // RFC 7301, 3.1: ProtocolName protocol_name_list<2..2^16-1>
  if (list.empty()) return fail(why, "alpn.protocol_name_list: empty (RFC 7301, 3.1: <2..2^16-1>)");
  Alpn result;
  while (!list.empty()) {
    Bytes p;
    if (!list.vec8(p)) return fail(why, "alpn.protocol_name: length overruns list");
    // RFC 7301, 3.1: opaque ProtocolName<1..2^8-1>; "Empty strings MUST NOT be included"
    if (p.empty()) return fail(why, "alpn.protocol_name: empty (RFC 7301, 3.1)");
    result.protocols.push_back(std::move(p));
  }
  out = std::move(result);
  return true;
}

}  // namespace tlsc::msg
