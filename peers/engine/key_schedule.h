// The engine's view of the key schedule: which PRF a connection uses, the master secret (standard
// or extended, RFC 7627 4), record protections from the key block (RFC 5246 6.3), Finished, and
// the NSS key-log line.
#pragma once

#include <memory>
#include <string>

#include "peers/crypto/key_schedule.h"
#include "peers/crypto/prf.h"
#include "peers/record/cipher_suite.h"
#include "peers/record/protection.h"
#include "peers/wire/codepoints.h"

namespace tlsc::engine {

// RFC 5246 5 (TLS 1.2: SHA-256 unless the suite names SHA-384); RFC 2246 5 (TLS 1.0/1.1).
crypto::PrfAlg prf_for(ProtocolVersion version, const record::CipherSuite& suite);

struct MasterSecretInputs {
  crypto::PrfAlg prf;
  Bytes client_random, server_random;
  Bytes session_hash;  // transcript hash through ClientKeyExchange (RFC 7627 3)
};

// RFC 7627 4 when `extended`, RFC 5246 8.1 otherwise.
Bytes derive_master_secret(const MasterSecretInputs& in, ByteView premaster, bool extended);

struct RecordKeys {
  std::unique_ptr<record::RecordProtection> client_write;
  std::unique_ptr<record::RecordProtection> server_write;
};

// RFC 5246 6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random).
// Null protections on a key block that does not fit the suite (a programming error).
RecordKeys derive_record_keys(const record::CipherSuite& suite, ProtocolVersion version, crypto::PrfAlg prf,
                              ByteView master, ByteView client_random, ByteView server_random,
                              record::RandomSource iv_source);

// NSS key log: "CLIENT_RANDOM <client_random hex> <master_secret hex>".
std::string keylog_line(ByteView client_random, ByteView master);

}  // namespace tlsc::engine
