#include "peers/record/record_reader.h"

#include "peers/wire/reader.h"

namespace tlsc::record {

RecordReader::RecordReader(size_t max_fragment_length) : max_fragment_(max_fragment_length) {}

bool RecordReader::feed(ByteView bytes) {
  if (bytes.size() > buffer_cap() - buffered()) return false;
  if (start_ > 0 && start_ >= buf_.size() / 2) {  // compact: drop what next() already handed out
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buf_.insert(buf_.end(), bytes.begin(), bytes.end());
  return true;
}

RecordReader::Next RecordReader::next() {
  Next out;
  if (overflowed_) {
    out.status = Status::overflow;
    out.header = overflow_header_;
    return out;
  }
  wire::Reader in(pending());
  RecordHeader header;
  if (!parse_header(in, header)) return out;  // need_more
  // RFC 5246, 6.2.3 (and 6.2.1 for plaintext): a length over the limit is a fatal
  // record_overflow; decide now instead of buffering up to 64 KiB of a bogus record.
  if (header.length > max_fragment_) {
    overflowed_ = true;
    overflow_header_ = header;
    out.status = Status::overflow;
    out.header = header;
    return out;
  }
  if (!in.bytes(header.length, out.fragment)) return out;  // need_more
  out.status = Status::record;
  out.header = header;
  start_ += kHeaderLength + header.length;
  if (start_ == buf_.size()) {
    buf_.clear();
    start_ = 0;
  }
  return out;
}

size_t RecordReader::wanted() const {
  if (overflowed_) return 0;
  wire::Reader in(pending());
  RecordHeader header;
  if (!parse_header(in, header)) return kHeaderLength - buffered();
  if (header.length > max_fragment_) return 0;
  return in.remaining() >= header.length ? 0 : header.length - in.remaining();
}

}  // namespace tlsc::record
