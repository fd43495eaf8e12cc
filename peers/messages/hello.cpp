#include "peers/messages/hello.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using namespace detail;  // the helpers of common.h, Reader, Writer and K

namespace {

// RFC 5246, 7.4.1.2: opaque SessionID<0..32>;
constexpr size_t kMaxSessionId = 32;

bool parse_random(Reader& r, Random& out, ParseError* err, const char* where) {
  ByteView v;
  if (!r.bytes(out.size(), v)) return fail(err, K::kTruncated, std::string(where) + ".random: truncated");
  for (size_t i = 0; i < out.size(); ++i) out[i] = v[i];
  return true;
}

bool parse_session_id(Reader& r, Bytes& out, ParseError* err, const char* where) {
  Reader sid;
  if (!r.prefixed8(sid)) return fail(err, K::kTruncated, std::string(where) + ".session_id: length overruns body");
  // RFC 5246, 7.4.1.2: opaque SessionID<0..32>; over the ceiling is decode_error (RFC 5246 7.2.2:
  // "some field was out of the specified range").
  if (sid.remaining() > kMaxSessionId)
    return fail(err, K::kOutOfRange, std::string(where) + ".session_id: " + std::to_string(sid.remaining()) +
                         " bytes, over 32 (RFC 5246, 7.4.1.2)");
  out = sid.take_rest();
  return true;
}

// RFC 5246, 7.4.1.2 / 7.4.1.3: the version, the random and the session_id that start both hellos.
bool parse_head(Reader& r, ProtocolVersion& version, Random& random, Bytes& session_id, ParseError* err,
                const char* where, const char* version_field) {
  if (!r.u16(version.value))
    return fail(err, K::kTruncated, std::string(where) + "." + version_field + ": truncated");
  return parse_random(r, random, err, where) && parse_session_id(r, session_id, err, where);
}

// RFC 5246, 7.4.1.2: "the presence of extensions can be detected by determining whether there are
// bytes following the compression_methods"; if there are, they are one u16-prefixed block.
bool parse_optional_extensions(Reader& r, std::optional<Extensions>& out, ParseError* err, const char* where) {
  if (r.empty()) {
    out.reset();
    return true;
  }
  const std::string field = std::string(where) + ".extensions";
  Reader block;
  if (!r.prefixed16(block)) return fail(err, K::kTruncated, field + ": block length overruns body");
  Extensions exts;
  if (!parse_extensions(block, exts, err, field)) return false;
  out = std::move(exts);
  return true;
}

// RFC 5246, 7.4.1.2 / 7.4.1.3: both hellos start with the version, the random and the session_id.
void write_head(Writer& w, ProtocolVersion version, const Random& random, const Bytes& session_id) {
  w.u16(version.value);
  w.bytes(random);
  w.vec8(session_id);
}

std::string describe_tail(const Bytes& session_id, const std::optional<Extensions>& exts) {
  std::string out = " session_id" + brief_hex(session_id, 8);
  if (exts)
    out += " extensions[" + std::to_string(exts->size()) + "]" + describe_extensions(*exts);
  else
    out += " (no extensions block)";
  return out;
}

}  // namespace

// ---- ClientHello

Bytes ClientHello::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  write_head(w, version, random, session_id);
  // RFC 5246, 7.4.1.2: CipherSuite cipher_suites<2..2^16-2>;
  // CompressionMethod compression_methods<1..2^8-1>. Written as given, also out of bounds.
  write_code_points(w, cipher_suites);
  write_code_points(w, compression_methods);
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

bool parse(ByteView body, ClientHello& out, ParseError* err) {
  Reader r(body);
  ClientHello m;
  // RFC 5246, 7.4.1.2
  if (!parse_head(r, m.version, m.random, m.session_id, err, "ClientHello", "client_version")) return false;

  Reader suites;
  if (!r.prefixed16(suites)) return fail(err, K::kTruncated, "ClientHello.cipher_suites: length overruns body");
  // RFC 5246, 7.4.1.2: CipherSuite cipher_suites<2..2^16-2> (2-byte entries)
  if (!detail::parse_code_points(suites, m.cipher_suites, err, "ClientHello.cipher_suites",
                                 "RFC 5246, 7.4.1.2: <2..2^16-2>"))
    return false;

  Reader comps;
  if (!r.prefixed8(comps)) return fail(err, K::kTruncated, "ClientHello.compression_methods: length overruns body");
  // RFC 5246, 7.4.1.2: CompressionMethod compression_methods<1..2^8-1>
  if (!detail::parse_code_points(comps, m.compression_methods, err, "ClientHello.compression_methods",
                                 "RFC 5246, 7.4.1.2: <1..2^8-1>"))
    return false;

  if (!parse_optional_extensions(r, m.extensions, err, "ClientHello")) return false;
  return finish_into(r, m, out, err, "ClientHello");
}

// ---- ServerHello

Bytes ServerHello::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  write_head(w, version, random, session_id);
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

bool parse(ByteView body, ServerHello& out, ParseError* err) {
  Reader r(body);
  ServerHello m;
  // RFC 5246, 7.4.1.3
  if (!parse_head(r, m.version, m.random, m.session_id, err, "ServerHello", "server_version")) return false;
  if (!r.u16(m.cipher_suite.value)) return fail(err, K::kTruncated, "ServerHello.cipher_suite: truncated");
  if (!r.u8(m.compression_method.value)) return fail(err, K::kTruncated, "ServerHello.compression_method: truncated");
  if (!parse_optional_extensions(r, m.extensions, err, "ServerHello")) return false;
  return finish_into(r, m, out, err, "ServerHello");
}

// ---- empty messages

std::string HelloRequest::describe() const {
  return raw_body ? raw_description("HelloRequest", *raw_body) : "HelloRequest";
}

namespace {
// RFC 5246, 7.4.1.1 / 7.4.5: struct { } — a body of any length is decode_error (RFC 5246 7.2.2).
bool parse_empty(ByteView body, ParseError* err, const char* name) {
  if (body.empty()) return true;
  return fail(err, K::kLengthMismatch,
              std::string(name) + ": body must be empty, got " + std::to_string(body.size()) + " bytes");
}
}  // namespace

bool parse(ByteView body, HelloRequest& out, ParseError* err) {
  // RFC 5246, 7.4.1.1: struct { } HelloRequest;
  if (!parse_empty(body, err, "HelloRequest")) return false;
  out = {};
  return true;
}

std::string ServerHelloDone::describe() const {
  return raw_body ? raw_description("ServerHelloDone", *raw_body) : "ServerHelloDone";
}

bool parse(ByteView body, ServerHelloDone& out, ParseError* err) {
  // RFC 5246, 7.4.5: struct { } ServerHelloDone;
  if (!parse_empty(body, err, "ServerHelloDone")) return false;
  out = {};
  return true;
}

}  // namespace tlsc::msg
