// Umbrella header for peers/crypto: everything the handshake engine needs from OpenSSL.
#pragma once

#include "peers/crypto/dh.h"            // finite-field DH over any (p, g); ffdhe2048/3072, sparse2049
#include "peers/crypto/drbg.h"          // deterministic HMAC_DRBG streams
#include "peers/crypto/ecdh.h"          // NamedGroup, ECDH (P-256/384/521, x25519)
#include "peers/crypto/hash.h"          // HashAlg, digest, md5_sha1, hmac
#include "peers/crypto/key_schedule.h"  // master secret (standard/EMS), key block, Finished
#include "peers/crypto/key_search.h"    // leading-zero private key search
#include "peers/crypto/keys.h"          // PrivateKey, PublicKey, Certificate
#include "peers/crypto/octets.h"        // strip_leading_zeros, pad_to, leading_zero_bytes
#include "peers/crypto/prf.h"           // PrfAlg, prf, p_hash
#include "peers/crypto/result.h"        // Result<T>, Status, Err
#include "peers/crypto/rsa_kx.h"        // RSA premaster transport + countermeasure
#include "peers/crypto/signature.h"     // SignatureScheme sign/verify, TLS 1.0 forms
#include "peers/crypto/transcript.h"    // handshake transcript hashes
