#include "peers/messages/hello.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using detail::fail;
using detail::finish;
using wire::Reader;
using wire::Writer;

namespace {

// RFC 5246, 7.4.1.2: opaque SessionID<0..32>;
constexpr size_t kMaxSessionId = 32;

bool parse_random(Reader& r, Random& out, std::string* why, const char* where) {
  ByteView v;
  if (!r.bytes(out.size(), v)) return fail(why, std::string(where) + ".random: truncated");
  for (size_t i = 0; i < out.size(); ++i) out[i] = v[i];
  return true;
}

bool parse_session_id(Reader& r, Bytes& out, std::string* why, const char* where) {
  Reader sid;
  if (!r.prefixed8(sid)) return fail(why, std::string(where) + ".session_id: length overruns body");
  // RFC 5246, 7.4.1.2: opaque SessionID<0..32>
  if (sid.remaining() > kMaxSessionId)
    return fail(why, std::string(where) + ".session_id: " + std::to_string(sid.remaining()) +
                         " bytes, over 32 (RFC 5246, 7.4.1.2)");
  out = sid.take_rest();
  return true;
}

// RFC 5246, 7.4.1.2: "the presence of extensions can be detected by determining whether there are
// bytes following the compression_methods"; if there are, they are one u16-prefixed block.
bool parse_optional_extensions(Reader& r, std::optional<Extensions>& out, std::string* why, const char* where) {
  if (r.empty()) {
    out.reset();
    return true;
  }
  const std::string field = std::string(where) + ".extensions";
  Reader block;
  if (!r.prefixed16(block)) return fail(why, field + ": block length overruns body");
  Extensions exts;
  if (!parse_extensions(block, exts, why, field)) return false;
  out = std::move(exts);
  return true;
}

std::string describe_tail(const Bytes& session_id, const std::optional<Extensions>& exts) {
  std::string out = " session_id" + brief_hex(session_id, 8);
  if (exts)
    out += " extensions[" + std::to_string(exts->size()) + "]" + describe_extensions(*exts);
  else
    out += " (no extensions block)";
  return out;
}

std::string raw_description(const char* name, const Bytes& raw) { return std::string(name) + " raw_body" + brief_hex(raw, 32); }

}  // namespace

// ---- ClientHello

Bytes ClientHello::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  w.u16(version.value);
  w.bytes(random);
  w.vec8(session_id);
  // RFC 5246, 7.4.1.2: CipherSuite cipher_suites<2..2^16-2>; the Writer writes what is given.
  w.prefixed16([&](Writer& l) {
    for (CipherSuite s : cipher_suites) l.u16(s.value);
  });
  // RFC 5246, 7.4.1.2: CompressionMethod compression_methods<1..2^8-1>
  w.prefixed8([&](Writer& l) {
    for (CompressionMethod c : compression_methods) l.u8(c.value);
  });
  if (extensions) write_extensions(w, *extensions);
  return w.take();
}

std::string ClientHello::describe() const {
  if (raw_body) return raw_description("ClientHello", *raw_body);
  std::string out = "ClientHello version=" + version.name() + " random=" + brief_hex(random, 8);
  out += " cipher_suites[" + std::to_string(cipher_suites.size()) + "]{";
  for (size_t i = 0; i < cipher_suites.size(); ++i) out += (i ? ", " : "") + cipher_suites[i].name();
  out += "} compression{";
  for (size_t i = 0; i < compression_methods.size(); ++i) out += (i ? ", " : "") + compression_methods[i].name();
  out += "}";
  return out + describe_tail(session_id, extensions);
}

bool parse(ByteView body, ClientHello& out, std::string* why) {
  Reader r(body);
  ClientHello m;
  if (!r.u16(m.version.value)) return fail(why, "ClientHello.client_version: truncated");
  if (!parse_random(r, m.random, why, "ClientHello")) return false;
  if (!parse_session_id(r, m.session_id, why, "ClientHello")) return false;

  Reader suites;
  if (!r.prefixed16(suites)) return fail(why, "ClientHello.cipher_suites: length overruns body");
  // RFC 5246, 7.4.1.2: CipherSuite cipher_suites<2..2^16-2> (2-byte entries)
  if (suites.remaining() % 2 != 0)
    return fail(why, "ClientHello.cipher_suites: odd length " + std::to_string(suites.remaining()));
  if (suites.empty()) return fail(why, "ClientHello.cipher_suites: empty (RFC 5246, 7.4.1.2: <2..2^16-2>)");
  CipherSuite s;
  while (suites.u16(s.value)) m.cipher_suites.push_back(s);

  Reader comps;
  if (!r.prefixed8(comps)) return fail(why, "ClientHello.compression_methods: length overruns body");
  // RFC 5246, 7.4.1.2: CompressionMethod compression_methods<1..2^8-1>
  if (comps.empty())
    return fail(why, "ClientHello.compression_methods: empty (RFC 5246, 7.4.1.2: <1..2^8-1>)");
  m.compression_methods.clear();
  CompressionMethod c;
  while (comps.u8(c.value)) m.compression_methods.push_back(c);

  if (!parse_optional_extensions(r, m.extensions, why, "ClientHello")) return false;
  if (!finish(r, why, "ClientHello")) return false;
  out = std::move(m);
  return true;
}

// ---- ServerHello

Bytes ServerHello::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  w.u16(version.value);
  w.bytes(random);
  w.vec8(session_id);
  w.u16(cipher_suite.value);
  w.u8(compression_method.value);
  if (extensions) write_extensions(w, *extensions);
  return w.take();
}

std::string ServerHello::describe() const {
  if (raw_body) return raw_description("ServerHello", *raw_body);
  std::string out = "ServerHello version=" + version.name() + " random=" + brief_hex(random, 8) +
                    " cipher_suite=" + cipher_suite.name() + " compression=" + compression_method.name();
  return out + describe_tail(session_id, extensions);
}

bool parse(ByteView body, ServerHello& out, std::string* why) {
  Reader r(body);
  ServerHello m;
  // RFC 5246, 7.4.1.3
  if (!r.u16(m.version.value)) return fail(why, "ServerHello.server_version: truncated");
  if (!parse_random(r, m.random, why, "ServerHello")) return false;
  if (!parse_session_id(r, m.session_id, why, "ServerHello")) return false;
  if (!r.u16(m.cipher_suite.value)) return fail(why, "ServerHello.cipher_suite: truncated");
  if (!r.u8(m.compression_method.value)) return fail(why, "ServerHello.compression_method: truncated");
  if (!parse_optional_extensions(r, m.extensions, why, "ServerHello")) return false;
  if (!finish(r, why, "ServerHello")) return false;
  out = std::move(m);
  return true;
}

// ---- empty messages

std::string HelloRequest::describe() const {
  return raw_body ? raw_description("HelloRequest", *raw_body) : "HelloRequest";
}

bool parse(ByteView body, HelloRequest& out, std::string* why) {
  // RFC 5246, 7.4.1.1: struct { } HelloRequest;
  if (!body.empty()) return fail(why, "HelloRequest: body must be empty, got " + std::to_string(body.size()) + " bytes");
  out = {};
  return true;
}

std::string ServerHelloDone::describe() const {
  return raw_body ? raw_description("ServerHelloDone", *raw_body) : "ServerHelloDone";
}

bool parse(ByteView body, ServerHelloDone& out, std::string* why) {
  // RFC 5246, 7.4.5: struct { } ServerHelloDone;
  if (!body.empty())
    return fail(why, "ServerHelloDone: body must be empty, got " + std::to_string(body.size()) + " bytes");
  out = {};
  return true;
}

}  // namespace tlsc::msg
