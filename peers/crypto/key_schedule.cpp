#include "peers/crypto/key_schedule.h"

namespace tlsc::crypto {

Bytes master_secret(PrfAlg alg, ByteView premaster, ByteView client_random, ByteView server_random) {
  Bytes seed(client_random.begin(), client_random.end());
  seed.insert(seed.end(), server_random.begin(), server_random.end());
  return prf(alg, premaster, "master secret", seed, kMasterSecretLen);
}

Bytes extended_master_secret(PrfAlg alg, ByteView premaster, ByteView session_hash) {
  return prf(alg, premaster, "extended master secret", session_hash, kMasterSecretLen);
}

KeyBlock key_block(PrfAlg alg, ByteView master, ByteView client_random, ByteView server_random,
                   const KeyBlockLayout& layout) {
  Bytes seed(server_random.begin(), server_random.end());  // note: server_random first
  seed.insert(seed.end(), client_random.begin(), client_random.end());
  const Bytes block = prf(alg, master, "key expansion", seed, layout.total());
  size_t pos = 0;
  auto take = [&](size_t n) {
    Bytes out(block.begin() + static_cast<std::ptrdiff_t>(pos),
              block.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    return out;
  };
  KeyBlock kb;
  kb.client_mac_key = take(layout.mac_key_len);
  kb.server_mac_key = take(layout.mac_key_len);
  kb.client_key = take(layout.enc_key_len);
  kb.server_key = take(layout.enc_key_len);
  kb.client_iv = take(layout.iv_len);
  kb.server_iv = take(layout.iv_len);
  return kb;
}

Bytes finished_verify_data(PrfAlg alg, ByteView master, Sender sender, ByteView handshake_hash) {
  const char* label = sender == Sender::client ? "client finished" : "server finished";
  return prf(alg, master, label, handshake_hash, kVerifyDataLen);
}

}  // namespace tlsc::crypto
