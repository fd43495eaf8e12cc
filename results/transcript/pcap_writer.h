// A classic pcap file (LINKTYPE_ETHERNET, microsecond timestamps) of one synthesized TCP
// connection carrying given byte streams: SYN, SYN-ACK, ACK; the data segments in the given
// order, each acknowledging everything the other side sent before; FIN from the client, FIN from
// the server, last ACK. IPv4 and TCP checksums are correct, sequence numbers consistent.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "results/transcript/record_order.h"

namespace tlsc::results {

struct PcapEndpoints {
  std::array<uint8_t, 4> client_ip{127, 0, 0, 1};
  std::array<uint8_t, 4> server_ip{127, 0, 0, 2};
  uint16_t client_port = 49152;
  uint16_t server_port = 443;       // where Wireshark looks for TLS without being told
  uint32_t start_time_s = 1767225600;  // packets are 1 ms apart from here (fixed: same bytes, same file)
};

// Segments larger than 32 KiB are cut into several TCP segments.
std::vector<uint8_t> make_pcap(const std::vector<uint8_t>& client_to_server, const std::vector<uint8_t>& server_to_client,
                               const std::vector<Segment>& order, const PcapEndpoints& endpoints = {});

// The Internet checksum (RFC 1071) of `data`, folded, starting from `sum` (for pseudo-headers).
uint16_t internet_checksum(const uint8_t* data, size_t size, uint32_t sum = 0);

}  // namespace tlsc::results
