#include "peers/session/session_state.h"

#include <chrono>
#include <stdexcept>

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::session {

namespace {

// Serialized layout (all integers big-endian, vectors with TLS-style length prefixes):
//   uint16 format (= kSessionStateFormat)
//   uint16 version
//   uint16 cipher_suite
//   opaque master_secret[48]
//   uint8  extended_master_secret (0 or 1)
//   uint8  compression_method
//   ASN.1Cert peer_certificates<0..2^24-1>, each ASN.1Cert<1..2^24-1> (RFC 5246 7.4.2 shape)
//   opaque server_name<0..2^16-1>
//   uint64 created_at
//   uint32 lifetime
//   opaque session_id<0..32>
constexpr size_t kMaxU16 = 0xffff;
constexpr size_t kMaxU24 = 0xffffff;

crypto::Err malformed(std::string_view detail) {
  return crypto::Err{std::string(kSessionStateMalformed) + ": " + std::string(detail)};
}

}  // namespace

uint64_t system_seconds() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(since).count();
  return secs < 0 ? 0 : static_cast<uint64_t>(secs);
}

bool SessionState::expired_at(uint64_t now) const {
  if (now < created_at) return lifetime == 0;
  return now - created_at >= lifetime;
}

bool has_reason(std::string_view error, std::string_view tag) {
  if (error.substr(0, tag.size()) != tag) return false;
  return error.size() == tag.size() || error[tag.size()] == ':';
}

Bytes serialize(const SessionState& s) {
  // RFC 5246 7.4.1.2: session_id<0..32>.
  if (s.session_id.size() > kMaxSessionIdSize)
    throw std::invalid_argument("session_id longer than 32 bytes");
  // RFC 6066 3: HostName<1..2^16-1>; empty here means "no SNI".
  if (s.server_name.size() > kMaxU16) throw std::invalid_argument("server_name longer than 2^16-1");
  size_t chain = 0;
  for (const Bytes& cert : s.peer_certificates) {
    // RFC 5246 7.4.2: opaque ASN.1Cert<1..2^24-1>.
    if (cert.empty() || cert.size() > kMaxU24)
      throw std::invalid_argument("peer certificate of invalid size " + std::to_string(cert.size()));
    chain += 3 + cert.size();
  }
  if (chain > kMaxU24) throw std::invalid_argument("peer certificate chain longer than 2^24-1");

  wire::Writer w;
  w.u16(kSessionStateFormat);
  w.u16(s.version);
  w.u16(s.cipher_suite);
  w.bytes(s.master_secret);
  w.u8(s.extended_master_secret ? 1 : 0);
  w.u8(s.compression_method);
  w.prefixed24([&](wire::Writer& list) {
    for (const Bytes& cert : s.peer_certificates) list.vec24(cert);
  });
  w.vec16(view(s.server_name));
  w.u64(s.created_at);
  w.u32(s.lifetime);
  w.vec8(s.session_id);
  return w.take();
}

crypto::Result<SessionState> parse_session_state(ByteView data) {
  wire::Reader r(data);
  SessionState s;

  uint16_t format = 0;
  if (!r.u16(format)) return malformed("truncated format");
  if (format != kSessionStateFormat) return malformed("unknown format " + std::to_string(format));
  if (!r.u16(s.version) || !r.u16(s.cipher_suite)) return malformed("truncated version/suite");

  // RFC 5246 8.1: the master secret is exactly 48 bytes.
  ByteView ms;
  if (!r.bytes(kMasterSecretSize, ms)) return malformed("truncated master_secret");
  std::copy(ms.begin(), ms.end(), s.master_secret.begin());

  uint8_t ems = 0;
  if (!r.u8(ems)) return malformed("truncated extended_master_secret");
  if (ems > 1) return malformed("extended_master_secret flag not 0/1");
  s.extended_master_secret = ems == 1;
  if (!r.u8(s.compression_method)) return malformed("truncated compression_method");

  wire::Reader chain;
  if (!r.prefixed24(chain)) return malformed("truncated certificate list");
  while (!chain.empty()) {
    Bytes cert;
    if (!chain.vec24(cert)) return malformed("truncated certificate");
    // RFC 5246 7.4.2: ASN.1Cert<1..2^24-1>, an empty entry is invalid.
    if (cert.empty()) return malformed("empty certificate");
    s.peer_certificates.push_back(std::move(cert));
  }

  Bytes name;
  if (!r.vec16(name)) return malformed("truncated server_name");
  s.server_name.assign(name.begin(), name.end());

  if (!r.u64(s.created_at)) return malformed("truncated created_at");
  if (!r.u32(s.lifetime)) return malformed("truncated lifetime");

  if (!r.vec8(s.session_id)) return malformed("truncated session_id");
  // RFC 5246 7.4.1.2: SessionID session_id<0..32>.
  if (s.session_id.size() > kMaxSessionIdSize) return malformed("session_id longer than 32 bytes");

  if (!r.done()) return malformed("trailing bytes");
  return s;
}

}  // namespace tlsc::session
