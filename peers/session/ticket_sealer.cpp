#include "peers/session/ticket_sealer.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "peers/crypto/ossl.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::session {

namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, crypto::ossl::Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;

crypto::Err fail(std::string_view tag, std::string_view detail) {
  return crypto::Err{std::string(tag) + ": " + std::string(detail)};
}

int int_len(size_t n) {
  if (n > static_cast<size_t>(INT_MAX)) throw std::length_error("ticket too large for EVP");
  return static_cast<int>(n);
}

// AES-256-GCM encryption of `plaintext` with `aad`; returns ciphertext || tag. Failures here are
// OpenSSL/allocation failures (not input-dependent), so they throw.
Bytes gcm_seal(ByteView key, ByteView nonce, ByteView aad, ByteView plaintext) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  Bytes out(plaintext.size() + kTicketTagSize);
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int_len(nonce.size()), nullptr) == 1 &&
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), int_len(aad.size())) == 1 &&
      (plaintext.empty() ||
       EVP_EncryptUpdate(ctx.get(), out.data(), &len, plaintext.data(), int_len(plaintext.size())) == 1) &&
      EVP_EncryptFinal_ex(ctx.get(), out.data() + plaintext.size(), &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int_len(kTicketTagSize),
                          out.data() + plaintext.size()) == 1;
  if (!ok) throw std::runtime_error(crypto::ossl::error_string("ticket AES-256-GCM seal failed"));
  return out;
}

// AES-256-GCM decryption; nullopt when the tag does not verify.
std::optional<Bytes> gcm_open(ByteView key, ByteView nonce, ByteView aad, ByteView ciphertext,
                              ByteView tag) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw std::bad_alloc();
  int len = 0;
  Bytes out(ciphertext.size());
  // The tag buffer is only read by SET_TAG, but the ctrl API takes a non-const pointer.
  Bytes tag_copy(tag.begin(), tag.end());
  const bool ok =
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int_len(nonce.size()), nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), int_len(aad.size())) == 1 &&
      (ciphertext.empty() ||
       EVP_DecryptUpdate(ctx.get(), out.data(), &len, ciphertext.data(), int_len(ciphertext.size())) == 1) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int_len(tag_copy.size()), tag_copy.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), out.data() + ciphertext.size(), &len) == 1;
  if (!ok) {
    crypto::ossl::clear_errors();
    OPENSSL_cleanse(out.data(), out.size());
    return std::nullopt;
  }
  return out;
}

}  // namespace

TicketSealer::Key TicketSealer::draw_key(crypto::Drbg& keys) {
  Key key;
  Bytes name = keys.generate(kTicketKeyNameSize);
  Bytes aes = keys.generate(kTicketKeySize);
  std::copy(name.begin(), name.end(), key.name.begin());
  std::copy(aes.begin(), aes.end(), key.aes.begin());
  OPENSSL_cleanse(aes.data(), aes.size());
  return key;
}

void TicketSealer::wipe(Key& key) { OPENSSL_cleanse(key.aes.data(), key.aes.size()); }

TicketSealer::TicketSealer(crypto::Drbg& keys, Clock clock)
    : clock_(clock ? std::move(clock) : Clock(system_seconds)), current_(draw_key(keys)) {}

TicketSealer::~TicketSealer() {
  wipe(current_);
  if (previous_) wipe(*previous_);
}

void TicketSealer::rotate(crypto::Drbg& keys) {
  Key fresh = draw_key(keys);
  std::lock_guard lock(mu_);
  if (previous_) wipe(*previous_);
  previous_ = current_;
  current_ = fresh;
  wipe(fresh);
}

Bytes TicketSealer::current_key_name() const {
  std::lock_guard lock(mu_);
  return Bytes(current_.name.begin(), current_.name.end());
}

Bytes TicketSealer::seal(const SessionState& state, crypto::Drbg& nonces) {
  Bytes plaintext = serialize(state);
  Bytes ticket = seal_raw(plaintext, nonces);
  OPENSSL_cleanse(plaintext.data(), plaintext.size());  // it holds the master secret
  return ticket;
}

Bytes TicketSealer::seal_raw(ByteView plaintext, crypto::Drbg& nonces) {
  const Bytes random_part = nonces.generate(4);
  std::lock_guard lock(mu_);
  // SP 800-38D 8.2.1: fixed field (4 bytes) || invocation field (64-bit counter per key). 8.3
  // caps invocations at 2^32 for random IVs; the counter construction allows 2^64, never reached.
  if (current_.invocations == UINT64_MAX) throw std::runtime_error("ticket key nonce space exhausted");
  wire::Writer nonce;
  nonce.bytes(random_part);
  nonce.u64(current_.invocations++);

  wire::Writer header;  // key_name || nonce: the AAD and the ticket's first 28 bytes
  header.bytes(current_.name);
  header.bytes(nonce.data());

  wire::Writer ticket;
  ticket.bytes(header.data());
  ticket.bytes(gcm_seal(current_.aes, nonce.data(), header.data(), plaintext));
  return ticket.take();
}

crypto::Result<SessionState> TicketSealer::open(ByteView ticket) const {
  auto opened = open_detailed(ticket);
  if (!opened) return crypto::Err{opened.error()};
  return std::move(opened.value().state);
}

crypto::Result<OpenedTicket> TicketSealer::open_detailed(ByteView ticket) const {
  // RFC 5077 4: key_name[16] + IV + encrypted_state + MAC; with GCM the MAC is the 16-byte tag.
  if (ticket.size() < kTicketOverhead)
    return fail(kTicketTooShort, std::to_string(ticket.size()) + " bytes, need at least " +
                                     std::to_string(kTicketOverhead));
  wire::Reader r(ticket);
  ByteView key_name, nonce, ciphertext, tag;
  if (!r.bytes(kTicketKeyNameSize, key_name) || !r.bytes(kTicketNonceSize, nonce) ||
      !r.bytes(r.remaining() - kTicketTagSize, ciphertext) || !r.bytes(kTicketTagSize, tag) || !r.done())
    return fail(kTicketTooShort, "cannot split ticket");  // unreachable after the size check
  const ByteView aad = ticket.first(kTicketKeyNameSize + kTicketNonceSize);

  std::optional<Bytes> plaintext;
  bool previous = false;
  {
    std::lock_guard lock(mu_);
    // RFC 5077 4: key_name identifies the key set; an unknown one means the ticket cannot be
    // used (and the server falls back to a full handshake, RFC 5077 3.1).
    const Key* key = nullptr;
    if (std::equal(key_name.begin(), key_name.end(), current_.name.begin())) {
      key = &current_;
    } else if (previous_ && std::equal(key_name.begin(), key_name.end(), previous_->name.begin())) {
      key = &*previous_;
      previous = true;
    }
    if (key == nullptr) return fail(kTicketUnknownKeyName, to_hex(key_name));
    plaintext = gcm_open(key->aes, nonce, aad, ciphertext, tag);
  }
  // RFC 5077 4: the MAC (here the GCM tag) must verify before the state is used.
  if (!plaintext) return fail(kTicketAuthFailed, "AES-256-GCM tag mismatch");

  auto state = parse_session_state(*plaintext);
  OPENSSL_cleanse(plaintext->data(), plaintext->size());
  if (!state) return fail(kTicketMalformedState, state.error());
  // RFC 5077 5.6: tickets must carry an expiry the server enforces; here created_at + lifetime.
  const uint64_t now = clock_();
  if (state->expired_at(now))
    return fail(kTicketExpired, "created " + std::to_string(state->created_at) + " lifetime " +
                                    std::to_string(state->lifetime) + " now " + std::to_string(now));
  return OpenedTicket{std::move(state.value()), previous};
}

}  // namespace tlsc::session
