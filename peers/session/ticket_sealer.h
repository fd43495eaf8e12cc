// Server-side session tickets (RFC 5077): the server's SessionState, encrypted and authenticated
// under a key only the server holds, so the server keeps no per-session state.
//
// Construction (RFC 5077 4 "recommended ticket construction" shape, with AES-256-GCM in place of
// AES-128-CBC + HMAC-SHA-256, because one AEAD gives confidentiality and integrity in one pass):
//
//   opaque key_name[16];     names the key that sealed it (RFC 5077 4)
//   opaque nonce[12];        GCM IV (plays the role of RFC 5077's IV)
//   opaque encrypted_state[ticket length - 44];   serialize(SessionState) under AES-256-GCM
//   opaque tag[16];          GCM tag over key_name || nonce (as AAD) and encrypted_state
//
// RFC 5077 4 gives encrypted_state a 16-bit length; here its length is implied by the ticket's,
// which is already length-delimited in NewSessionTicket (RFC 5077 3.3) and the SessionTicket
// extension (3.2). The key_name is bound as AAD, as the RFC's MAC covers it.
//
// Nonces follow NIST SP 800-38D 8.2.1 (deterministic construction): 4 bytes drawn from the
// caller's Drbg per seal, then a 64-bit per-key invocation counter, so a nonce never repeats under
// one key even if a caller hands in a replayed Drbg stream, and a run with the same seed replays.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>

#include "peers/crypto/drbg.h"
#include "peers/crypto/result.h"
#include "peers/session/session_state.h"
#include "peers/wire/bytes.h"

namespace tlsc::session {

inline constexpr size_t kTicketKeyNameSize = 16;  // RFC 5077 4
inline constexpr size_t kTicketNonceSize = 12;    // GCM 96-bit IV (SP 800-38D 5.2.1.1)
inline constexpr size_t kTicketTagSize = 16;      // full-length GCM tag
inline constexpr size_t kTicketKeySize = 32;      // AES-256
// key_name + nonce + tag: anything shorter cannot be a ticket of this sealer.
inline constexpr size_t kTicketOverhead = kTicketKeyNameSize + kTicketNonceSize + kTicketTagSize;

// Reason tags of TicketSealer::open(); errors read "<tag>: <detail>" (match with has_reason()).
inline constexpr std::string_view kTicketTooShort = "ticket_too_short";
inline constexpr std::string_view kTicketUnknownKeyName = "ticket_unknown_key_name";
inline constexpr std::string_view kTicketAuthFailed = "ticket_auth_failed";
inline constexpr std::string_view kTicketMalformedState = "ticket_malformed_state";
inline constexpr std::string_view kTicketExpired = "ticket_expired";

struct OpenedTicket {
  SessionState state;
  // Sealed under the previous (rotated-out) key: RFC 5077 3.3 lets the server issue a fresh
  // ticket in that case.
  bool sealed_with_previous_key = false;
};

class TicketSealer {
 public:
  // Draws the first key (key_name, AES key) from `keys`.
  explicit TicketSealer(crypto::Drbg& keys, Clock clock = system_seconds);
  ~TicketSealer();
  TicketSealer(const TicketSealer&) = delete;
  TicketSealer& operator=(const TicketSealer&) = delete;

  // Encrypts serialize(state) into a ticket under the current key; `nonces` supplies the random
  // part of the nonce. Throws std::invalid_argument for a state serialize() rejects.
  Bytes seal(const SessionState& state, crypto::Drbg& nonces);
  // Seals arbitrary plaintext exactly as seal() does: lets a misbehaving server issue a
  // well-authenticated ticket whose contents are not a valid state (and lets tests reach the
  // ticket_malformed_state path).
  Bytes seal_raw(ByteView plaintext, crypto::Drbg& nonces);

  // Decrypts and checks a ticket, failing (never throwing) with one of the reason tags above:
  // too short, unknown key name, authentication failure, undecodable state, or expired by the
  // injected clock.
  crypto::Result<SessionState> open(ByteView ticket) const;
  crypto::Result<OpenedTicket> open_detailed(ByteView ticket) const;

  // Draws a new current key from `keys`; the current key becomes the previous one, which still
  // opens tickets (and the key before it is forgotten, so its tickets get unknown_key_name).
  void rotate(crypto::Drbg& keys);

  // The current key's name (public: it is sent in every ticket).
  Bytes current_key_name() const;

 private:
  struct Key {
    std::array<uint8_t, kTicketKeyNameSize> name{};
    std::array<uint8_t, kTicketKeySize> aes{};
    uint64_t invocations = 0;
  };
  static Key draw_key(crypto::Drbg& keys);
  static void wipe(Key& key);

  const Clock clock_;
  mutable std::mutex mu_;
  Key current_;
  std::optional<Key> previous_;
};

}  // namespace tlsc::session
