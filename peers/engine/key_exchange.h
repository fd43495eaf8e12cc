// Key exchange glue between the handshake flows and the crypto layer: how each side turns the
// peer's public value into a premaster secret, with the premaster quirks applied at the one step
// where they matter (RFC 5246 8.1.2: DHE Z stripped of leading zeros; RFC 8422 5.10: ECDHE x at
// its fixed length).
#pragma once

#include <optional>
#include <string>

#include "peers/crypto/dh.h"
#include "peers/crypto/drbg.h"
#include "peers/crypto/ecdh.h"
#include "peers/crypto/key_search.h"
#include "peers/crypto/keys.h"
#include "peers/engine/quirks.h"
#include "peers/messages/key_exchange.h"
#include "peers/record/cipher_suite.h"

namespace tlsc::engine {

// The premaster a side used, and the other form it could have taken (for the oracle).
struct Premaster {
  Bytes used;
  std::string form;         // "stripped", "padded", "fixed", "rsa"
  Bytes alternative;        // empty when there is no other form
  std::string alternative_form;
  size_t leading_zeros = 0; // of the shared secret written at its full length (|p| or field size)
  std::string group;        // "ffdhe2048", "dh-2049", "x25519", "rsa"
  uint64_t tries = 0;       // leading-zero key search
};

msg::KeyExchange kx_family(record::KeyExchange kx);

// Name of a finite-field group for reports: "ffdhe2048", "ffdhe3072", "sparse2049" or "dh-<bits>".
std::string dh_group_label(const crypto::DhGroup& g);

// Encodes our DH public value in the form a quirk asks for.
Bytes encode_dh_public(const crypto::DhKey& key, PublicValueForm form);

// ---- client side: the server's key exchange parameters are known first.
struct ClientKeyShare {
  Bytes exchange;  // ClientKeyExchange.exchange
  Premaster premaster;
};
// DHE: validates (p, g, Ys), draws our key (searching for leading zeros if asked; `stop` ends a
// search early with Error::kStopped).
ClientKeyShare client_dhe(const msg::ServerKeyExchange& ske, const ClientQuirks& q, crypto::Drbg& drbg,
                          const crypto::StopCheck& stop = {});
// ECDHE on the server's named group.
ClientKeyShare client_ecdhe(const msg::ServerKeyExchange& ske, const ClientQuirks& q, crypto::Drbg& drbg,
                            const crypto::StopCheck& stop = {});
// RSA key transport: client_version || 46 random bytes, encrypted to the server's key.
ClientKeyShare client_rsa(const crypto::PublicKey& server_key, ProtocolVersion client_version, crypto::Drbg& drbg);

// ---- server side: our ephemeral key is sent first.
class ServerKeyShare {
 public:
  static ServerKeyShare dhe(const crypto::DhGroup& group, const ServerQuirks& q, crypto::Drbg& drbg);
  static ServerKeyShare ecdhe(NamedGroup group, crypto::Drbg& drbg);
  // The unsigned ServerKeyExchange (params only).
  msg::ServerKeyExchange params() const { return ske_; }
  // The premaster from the client's public value (validated first).
  Premaster finish(const msg::ClientKeyExchange& cke, const ServerQuirks& q) const;

 private:
  msg::ServerKeyExchange ske_;
  std::optional<crypto::DhKey> dh_;
  std::optional<crypto::EcdhKey> ec_;
  std::string group_;
};

// RSA key transport on the server (RFC 5246 7.4.7.1 countermeasure inside).
Premaster server_rsa(const msg::ClientKeyExchange& cke, const crypto::PrivateKey& key, ProtocolVersion client_version,
                     crypto::Drbg& drbg, std::string* observation);

}  // namespace tlsc::engine
