#include "peers/ftps/prefixed_stream.h"

#include <algorithm>

namespace tlsc::ftps {

transport::IoResult PrefixedStream::read_some(std::span<uint8_t> buf, transport::Deadline deadline) {
  if (pos_ < prefix_.size() && !buf.empty()) {
    const size_t n = std::min(buf.size(), prefix_.size() - pos_);
    std::copy_n(prefix_.begin() + static_cast<std::ptrdiff_t>(pos_), n, buf.begin());
    pos_ += n;
    transport::IoResult r;
    r.bytes = n;
    return r;
  }
  return inner_.read_some(buf, deadline);
}

}  // namespace tlsc::ftps
