// TLS 1.0-1.2 key schedule: master secret (standard and extended), key block, Finished.
#pragma once

#include "peers/crypto/prf.h"
#include "peers/wire/bytes.h"

namespace tlsc::crypto {

constexpr size_t kMasterSecretLen = 48;
constexpr size_t kVerifyDataLen = 12;

// RFC 5246, 8.1: master_secret = PRF(pre_master_secret, "master secret",
//                                    ClientHello.random + ServerHello.random)[0..47]
Bytes master_secret(PrfAlg alg, ByteView premaster, ByteView client_random, ByteView server_random);

// RFC 7627, 4: master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47]
// where session_hash is the transcript hash up to and including ClientKeyExchange (RFC 7627, 3).
Bytes extended_master_secret(PrfAlg alg, ByteView premaster, ByteView session_hash);

// Lengths of one side's keys; the block holds client MAC, server MAC, client key, server key,
// client IV, server IV in that order (RFC 5246, 6.3).
struct KeyBlockLayout {
  size_t mac_key_len = 0;
  size_t enc_key_len = 0;
  size_t iv_len = 0;  // fixed_iv_length (AEAD implicit nonce, TLS 1.0 CBC IV); 0 for TLS 1.1+ CBC
  size_t total() const { return 2 * (mac_key_len + enc_key_len + iv_len); }
};

struct KeyBlock {
  Bytes client_mac_key, server_mac_key;
  Bytes client_key, server_key;
  Bytes client_iv, server_iv;
};

// RFC 5246, 6.3: key_block = PRF(master_secret, "key expansion",
//                                server_random + client_random), split per layout.
KeyBlock key_block(PrfAlg alg, ByteView master, ByteView client_random, ByteView server_random,
                   const KeyBlockLayout& layout);

enum class Sender { client, server };

// RFC 5246, 7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))
// [0..verify_data_length-1], label "client finished" / "server finished", 12 bytes. For tls10 the
// hash is MD5||SHA1 (RFC 2246, 7.4.9); pass Transcript::hash(alg).
Bytes finished_verify_data(PrfAlg alg, ByteView master, Sender sender, ByteView handshake_hash);

}  // namespace tlsc::crypto
