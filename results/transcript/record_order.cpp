#include "results/transcript/record_order.h"

#include <algorithm>

#include "results/transcript/tls_records.h"

namespace tlsc::results {

std::vector<Segment> order_records(const std::vector<uint8_t>& c2s, const std::vector<uint8_t>& s2c) {
  struct Side {
    const std::vector<uint8_t>* bytes;
    std::vector<RecordChunk> chunks;
    size_t next = 0;
    HandshakeTracker tracker;
    Direction dir;
  };
  Side sides[2] = {{&c2s, split_records(c2s), 0, {}, Direction::client_to_server},
                   {&s2c, split_records(s2c), 0, {}, Direction::server_to_client}};
  std::vector<Segment> out;
  int turn = 0;
  while (sides[0].next < sides[0].chunks.size() || sides[1].next < sides[1].chunks.size()) {
    Side& s = sides[turn];
    if (s.next >= s.chunks.size()) {
      turn ^= 1;
      continue;
    }
    const RecordChunk& c = s.chunks[s.next++];
    const bool was_encrypted = s.tracker.encrypted();
    std::vector<uint8_t> types;
    std::string what = s.tracker.describe(*s.bytes, c, &types);
    out.push_back({s.dir, c.offset, c.size, std::move(what)});
    bool flight_end = !c.is_record || c.content_type == 21 || c.content_type == 23;
    if (c.content_type == 22) {
      if (was_encrypted) flight_end = true;  // Finished (or an encrypted renegotiation message)
      for (uint8_t t : types) flight_end = flight_end || t == 0 || t == 1 || t == 14;
    }
    if (flight_end) turn ^= 1;
  }
  return out;
}

}  // namespace tlsc::results
