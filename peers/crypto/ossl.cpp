#include "peers/crypto/ossl.h"

#include <openssl/err.h>

namespace tlsc::crypto::ossl {

std::string error_string(std::string_view what) {
  std::string out(what);
  unsigned long code = 0;
  bool first = true;
  while ((code = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    out += first ? ": " : "; ";
    out += buf;
    first = false;
  }
  return out;
}

void clear_errors() { ERR_clear_error(); }

Bignum bn_from(ByteView be) {
  return Bignum(BN_bin2bn(be.data(), static_cast<int>(be.size()), nullptr));
}

Bignum bn_new() { return Bignum(BN_new()); }

Bytes bn_bytes(const BIGNUM* bn) {
  Bytes out(static_cast<size_t>(BN_num_bytes(bn)));
  if (!out.empty()) BN_bn2bin(bn, out.data());
  return out;
}

Bytes bn_bytes_padded(const BIGNUM* bn, size_t len) {
  Bytes out(len);
  if (BN_bn2binpad(bn, out.data(), static_cast<int>(len)) < 0) return {};
  return out;
}

}  // namespace tlsc::crypto::ossl
