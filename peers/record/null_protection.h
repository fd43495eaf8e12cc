// TLS_NULL_WITH_NULL_NULL (RFC 5246, 6.1): the fragment is the plaintext.
#pragma once

#include "peers/record/protection.h"

namespace tlsc::record {

class NullProtection final : public RecordProtection {
 public:
  std::string_view name() const override { return "null"; }
  size_t max_expansion() const override { return 0; }

 protected:
  SealResult seal_fragment(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext,
                           const SealTweaks& tweaks) override;
  OpenResult open_fragment(uint64_t seq, const RecordHeader& header, ByteView fragment) override;
};

}  // namespace tlsc::record
