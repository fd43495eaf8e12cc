#include "peers/record/hmac.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

namespace tlsc::record {

Hmac::Hmac(MacAlgorithm alg, ByteView key) {
  const char* digest = nullptr;
  switch (alg) {
    case MacAlgorithm::hmac_sha1: digest = "SHA1"; length_ = 20; break;
    case MacAlgorithm::hmac_sha256: digest = "SHA256"; length_ = 32; break;
    case MacAlgorithm::hmac_sha384: digest = "SHA384"; length_ = 48; break;
    case MacAlgorithm::none: return;
  }
  ossl::Mac mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) return;
  ossl::MacCtx ctx(EVP_MAC_CTX_new(mac.get()));
  if (!ctx) return;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1) return;
  keyed_ = std::move(ctx);
}

std::optional<Bytes> Hmac::compute(std::initializer_list<ByteView> parts) const {
  if (!keyed_) return std::nullopt;
  ossl::MacCtx ctx(EVP_MAC_CTX_dup(keyed_.get()));
  if (!ctx) return std::nullopt;
  for (ByteView part : parts)
    if (!part.empty() && EVP_MAC_update(ctx.get(), part.data(), part.size()) != 1) return std::nullopt;
  Bytes out(length_);
  size_t outl = 0;
  if (EVP_MAC_final(ctx.get(), out.data(), &outl, out.size()) != 1 || outl != length_) return std::nullopt;
  return out;
}

}  // namespace tlsc::record
