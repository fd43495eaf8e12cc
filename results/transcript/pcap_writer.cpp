#include "results/transcript/pcap_writer.h"

#include <algorithm>

namespace tlsc::results {
namespace {

constexpr size_t kMaxSegment = 32768;
constexpr uint8_t kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10;

void put16(std::vector<uint8_t>& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v >> 8));
  b.push_back(static_cast<uint8_t>(v));
}
void put32(std::vector<uint8_t>& b, uint32_t v) {
  put16(b, static_cast<uint16_t>(v >> 16));
  put16(b, static_cast<uint16_t>(v));
}
// pcap headers are in the writer's byte order; we write little-endian (magic d4 c3 b2 a1).
void le32(std::vector<uint8_t>& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void le16(std::vector<uint8_t>& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v));
  b.push_back(static_cast<uint8_t>(v >> 8));
}

struct Writer {
  const PcapEndpoints& ep;
  std::vector<uint8_t> file;
  uint32_t packets = 0;
  uint16_t ip_id = 1;

  void packet(bool from_client, uint32_t seq, uint32_t ack, uint8_t flags, const uint8_t* data, size_t size) {
    const auto& src_ip = from_client ? ep.client_ip : ep.server_ip;
    const auto& dst_ip = from_client ? ep.server_ip : ep.client_ip;
    const uint16_t src_port = from_client ? ep.client_port : ep.server_port;
    const uint16_t dst_port = from_client ? ep.server_port : ep.client_port;

    std::vector<uint8_t> tcp;
    put16(tcp, src_port);
    put16(tcp, dst_port);
    put32(tcp, seq);
    put32(tcp, (flags & kAck) ? ack : 0);
    tcp.push_back(5 << 4);  // data offset: 20 bytes, no options
    tcp.push_back(flags);
    put16(tcp, 65535);      // window
    put16(tcp, 0);          // checksum, below
    put16(tcp, 0);          // urgent pointer
    tcp.insert(tcp.end(), data, data + size);
    std::vector<uint8_t> pseudo(src_ip.begin(), src_ip.end());
    pseudo.insert(pseudo.end(), dst_ip.begin(), dst_ip.end());
    pseudo.push_back(0);
    pseudo.push_back(6);
    put16(pseudo, static_cast<uint16_t>(tcp.size()));
    uint32_t sum = 0;
    for (size_t i = 0; i < pseudo.size(); i += 2) sum += (uint32_t{pseudo[i]} << 8) | pseudo[i + 1];
    const uint16_t tcp_sum = internet_checksum(tcp.data(), tcp.size(), sum);
    tcp[16] = static_cast<uint8_t>(tcp_sum >> 8);
    tcp[17] = static_cast<uint8_t>(tcp_sum);

    std::vector<uint8_t> ip;
    ip.push_back(0x45);  // IPv4, 20-byte header
    ip.push_back(0);
    put16(ip, static_cast<uint16_t>(20 + tcp.size()));
    put16(ip, ip_id++);
    put16(ip, 0x4000);  // don't fragment
    ip.push_back(64);   // TTL
    ip.push_back(6);    // TCP
    put16(ip, 0);
    ip.insert(ip.end(), src_ip.begin(), src_ip.end());
    ip.insert(ip.end(), dst_ip.begin(), dst_ip.end());
    const uint16_t ip_sum = internet_checksum(ip.data(), ip.size());
    ip[10] = static_cast<uint8_t>(ip_sum >> 8);
    ip[11] = static_cast<uint8_t>(ip_sum);

    std::vector<uint8_t> frame = {0x02, 0, 0, 0, 0, static_cast<uint8_t>(from_client ? 2 : 1),   // destination MAC
                                  0x02, 0, 0, 0, 0, static_cast<uint8_t>(from_client ? 1 : 2)};  // source MAC
    put16(frame, 0x0800);
    frame.insert(frame.end(), ip.begin(), ip.end());
    frame.insert(frame.end(), tcp.begin(), tcp.end());

    const uint64_t t_us = uint64_t{packets++} * 1000;
    le32(file, ep.start_time_s + static_cast<uint32_t>(t_us / 1000000));
    le32(file, static_cast<uint32_t>(t_us % 1000000));
    le32(file, static_cast<uint32_t>(frame.size()));
    le32(file, static_cast<uint32_t>(frame.size()));
    file.insert(file.end(), frame.begin(), frame.end());
  }
};

}  // namespace

uint16_t internet_checksum(const uint8_t* data, size_t size, uint32_t sum) {
  for (size_t i = 0; i + 1 < size; i += 2) sum += (uint32_t{data[i]} << 8) | data[i + 1];
  if (size % 2) sum += uint32_t{data[size - 1]} << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

std::vector<uint8_t> make_pcap(const std::vector<uint8_t>& c2s, const std::vector<uint8_t>& s2c,
                               const std::vector<Segment>& order, const PcapEndpoints& ep) {
  Writer w{ep, {}, 0, 1};
  le32(w.file, 0xa1b2c3d4);
  le16(w.file, 2);
  le16(w.file, 4);
  le32(w.file, 0);       // thiszone
  le32(w.file, 0);       // sigfigs
  le32(w.file, 262144);  // snaplen
  le32(w.file, 1);       // LINKTYPE_ETHERNET

  // Initial sequence numbers: fixed, distinct, so the file depends only on the bytes.
  uint32_t cseq = 0x10000000, sseq = 0x20000000;
  w.packet(true, cseq++, 0, kSyn, nullptr, 0);
  w.packet(false, sseq++, cseq, kSyn | kAck, nullptr, 0);
  w.packet(true, cseq, sseq, kAck, nullptr, 0);
  for (const Segment& s : order) {
    const bool from_client = s.dir == Direction::client_to_server;
    const std::vector<uint8_t>& bytes = from_client ? c2s : s2c;
    size_t off = std::min(s.offset, bytes.size());
    const size_t end = std::min(s.offset + s.size, bytes.size());
    while (off < end) {
      const size_t n = std::min(kMaxSegment, end - off);
      uint32_t& seq = from_client ? cseq : sseq;
      w.packet(from_client, seq, from_client ? sseq : cseq, kPsh | kAck, bytes.data() + off, n);
      seq += static_cast<uint32_t>(n);
      off += n;
    }
  }
  w.packet(true, cseq++, sseq, kFin | kAck, nullptr, 0);
  w.packet(false, sseq++, cseq, kFin | kAck, nullptr, 0);
  w.packet(true, cseq, sseq, kAck, nullptr, 0);
  return w.file;
}

}  // namespace tlsc::results
