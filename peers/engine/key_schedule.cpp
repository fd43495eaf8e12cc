#include "peers/engine/key_schedule.h"

namespace tlsc::engine {

crypto::PrfAlg prf_for(ProtocolVersion version, const record::CipherSuite& suite) {
  if (version < ProtocolVersion::kTls12) return crypto::PrfAlg::tls10;
  return suite.prf_hash == record::PrfHash::sha384 ? crypto::PrfAlg::sha384 : crypto::PrfAlg::sha256;
}

Bytes derive_master_secret(const MasterSecretInputs& in, ByteView premaster, bool extended) {
  if (extended) return crypto::extended_master_secret(in.prf, premaster, in.session_hash);
  return crypto::master_secret(in.prf, premaster, in.client_random, in.server_random);
}

RecordKeys derive_record_keys(const record::CipherSuite& suite, ProtocolVersion version, crypto::PrfAlg prf,
                              ByteView master, ByteView client_random, ByteView server_random,
                              record::RandomSource iv_source) {
  Bytes seed(server_random.begin(), server_random.end());
  seed.insert(seed.end(), client_random.begin(), client_random.end());
  const Bytes block = crypto::prf(prf, master, "key expansion", seed, suite.key_block_length(version.value));
  RecordKeys keys;
  auto split = record::split_key_block(suite, version.value, block);
  if (!split) return keys;
  keys.client_write = record::make_protection(suite, version.value, split->client_write, iv_source);
  keys.server_write = record::make_protection(suite, version.value, split->server_write, iv_source);
  return keys;
}

std::string keylog_line(ByteView client_random, ByteView master) {
  return "CLIENT_RANDOM " + to_hex(client_random) + " " + to_hex(master);
}

}  // namespace tlsc::engine
