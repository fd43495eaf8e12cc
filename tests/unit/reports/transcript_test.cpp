// Transcripts of a real handshake of our engine (client vs server over an in-memory pipe): the
// pcap reads back to the exact byte streams with valid checksums and consistent TCP sequence
// numbers, both sides' reports give the same file, the text trace follows the flights, and tshark
// (when installed) decrypts it with the key log and shows both Finished messages.
#include <gtest/gtest.h>

#include <thread>

#include "harness/transcript_files.h"
#include "peers/crypto/keys.h"
#include "peers/engine/peer.h"
#include "peers/transport/memory_pipe.h"
#include "results/transcript/pcap_writer.h"
#include "tests/unit/reports/report_fixture.h"

using namespace tlsc;
using namespace tlsc::reports_test;
namespace fs = std::filesystem;

namespace {

struct Pair {
  engine::ConnectionReport client, server;
};

// One full TLS 1.2 handshake plus a little application data, engine against engine.
Pair real_handshake() {
  auto key = crypto::PrivateKey::generate_rsa(2048);
  auto cert = crypto::Certificate::self_signed(*key, "localhost");
  engine::Credential cred;
  cred.chain = {cert->der()};
  cred.key = std::make_shared<crypto::PrivateKey>(std::move(*key));
  engine::ServerConfig s;
  s.rsa = cred;
  s.state = std::make_shared<engine::ServerState>(7);
  s.timeouts.io = std::chrono::milliseconds(3000);
  engine::ClientConfig c;
  c.app_data = {'p', 'i', 'n', 'g'};
  c.timeouts.io = std::chrono::milliseconds(3000);
  auto pipe = transport::make_memory_pipe();
  Pair p;
  std::thread server([&] { p.server = engine::run_server(*pipe.b, s); });
  p.client = engine::run_client(*pipe.a, c);
  server.join();
  return p;
}

const Pair& pair() {
  static const Pair p = real_handshake();
  return p;
}

uint32_t be32(const uint8_t* p) { return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]; }
uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
uint32_t le32(const uint8_t* p) { return p[0] | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24); }

// Independent of the writer: RFC 1071 sum over 16-bit words.
uint16_t fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}
uint32_t words(const uint8_t* p, size_t n) {
  uint32_t s = 0;
  for (size_t i = 0; i + 1 < n; i += 2) s += be16(p + i);
  if (n % 2) s += uint32_t{p[n - 1]} << 8;
  return s;
}

struct Packet {
  bool from_client;
  uint32_t seq, ack;
  uint8_t flags;
  std::vector<uint8_t> payload;
};

// Reads the pcap back, checking every header and checksum on the way.
std::vector<Packet> read_pcap(const std::string& file) {
  std::vector<Packet> out;
  const auto* b = reinterpret_cast<const uint8_t*>(file.data());
  EXPECT_GE(file.size(), 24u);
  EXPECT_EQ(le32(b), 0xa1b2c3d4u);
  EXPECT_EQ(le32(b + 20), 1u) << "LINKTYPE_ETHERNET";
  size_t pos = 24;
  while (pos + 16 <= file.size()) {
    const uint32_t len = le32(b + pos + 8);
    EXPECT_EQ(len, le32(b + pos + 12));
    pos += 16;
    if (pos + len > file.size()) {
      ADD_FAILURE() << "packet past the end";
      break;
    }
    const uint8_t* f = b + pos;
    EXPECT_EQ(be16(f + 12), 0x0800);
    const uint8_t* ip = f + 14;
    EXPECT_EQ(ip[0], 0x45);
    EXPECT_EQ(be16(ip + 2), len - 14);
    EXPECT_EQ(ip[9], 6);
    EXPECT_EQ(fold(words(ip, 20)), 0xffff) << "IPv4 header checksum";
    const uint8_t* tcp = ip + 20;
    const size_t tcp_len = len - 34;
    uint32_t pseudo = words(ip + 12, 8) + 6 + static_cast<uint32_t>(tcp_len);
    EXPECT_EQ(fold(pseudo + words(tcp, tcp_len)), 0xffff) << "TCP checksum";
    Packet p;
    p.from_client = ip[15] == 1;  // 127.0.0.1 is the client
    EXPECT_EQ(be16(tcp + (p.from_client ? 2 : 0)), 443);
    p.seq = be32(tcp + 4);
    p.ack = be32(tcp + 8);
    p.flags = tcp[13];
    const size_t off = (tcp[12] >> 4) * 4u;
    p.payload.assign(tcp + off, tcp + tcp_len);
    out.push_back(std::move(p));
    pos += len;
  }
  EXPECT_EQ(pos, file.size());
  return out;
}

TEST(Transcript, PcapReadsBackToTheExactStreams) {
  const Pair& p = pair();
  ASSERT_TRUE(p.client.handshake_complete) << p.client.describe();
  const fs::path dir = temp_dir("transcript");
  std::string err;
  const auto files = harness::write_transcript(dir, "conn0", p.client, &err);
  ASSERT_EQ(files.size(), 3u) << err;
  EXPECT_EQ(files[0].extension(), ".pcap");
  EXPECT_EQ(files[1].extension(), ".keys");
  EXPECT_EQ(files[2].extension(), ".txt");

  const auto packets = read_pcap(read_file(files[0]));
  ASSERT_GE(packets.size(), 6u);
  EXPECT_EQ(packets[0].flags, 0x02);  // SYN
  EXPECT_EQ(packets[1].flags, 0x12);  // SYN-ACK
  EXPECT_EQ(packets[2].flags, 0x10);  // ACK
  EXPECT_EQ(packets[1].ack, packets[0].seq + 1);
  EXPECT_EQ(packets[packets.size() - 3].flags, 0x11);  // FIN-ACK from the client
  EXPECT_TRUE(packets[packets.size() - 3].from_client);
  EXPECT_EQ(packets[packets.size() - 2].flags, 0x11);
  EXPECT_FALSE(packets[packets.size() - 2].from_client);
  // Sequence numbers: each segment starts where that direction's previous one ended and
  // acknowledges everything the other direction sent before it.
  uint32_t next[2] = {packets[0].seq + 1, packets[1].seq + 1};
  std::vector<uint8_t> c2s, s2c;
  for (size_t i = 2; i < packets.size(); ++i) {
    const Packet& k = packets[i];
    EXPECT_EQ(k.seq, next[k.from_client ? 0 : 1]) << "packet " << i;
    EXPECT_EQ(k.ack, next[k.from_client ? 1 : 0]) << "packet " << i;
    next[k.from_client ? 0 : 1] += static_cast<uint32_t>(k.payload.size()) + ((k.flags & 0x01) ? 1 : 0);
    auto& sink = k.from_client ? c2s : s2c;
    sink.insert(sink.end(), k.payload.begin(), k.payload.end());
  }
  EXPECT_EQ(c2s, p.client.bytes_sent);
  EXPECT_EQ(s2c, p.client.bytes_received);
  EXPECT_EQ(c2s, p.server.bytes_received);

  // Our server's report describes the same connection: the same file.
  const auto server_files = harness::write_transcript(dir, "server-view", p.server, &err);
  ASSERT_EQ(server_files.size(), 3u) << err;
  EXPECT_EQ(read_file(server_files[0]), read_file(files[0]));

  std::string keys;
  for (const auto& l : p.client.keylog) keys += l + "\n";
  EXPECT_EQ(read_file(files[1]), keys);
  EXPECT_EQ(keys.rfind("CLIENT_RANDOM ", 0), 0u);
  RecordProperty("pcap_bytes", static_cast<int>(fs::file_size(files[0])));
  fs::remove_all(dir);
}

TEST(Transcript, TextTraceFollowsTheFlights) {
  const Pair& p = pair();
  const fs::path dir = temp_dir("trace");
  const auto files = harness::write_transcript(dir, "conn0", p.client);
  ASSERT_EQ(files.size(), 3u);
  const std::string txt = read_file(files[2]);
  for (const auto& m : p.client.messages) EXPECT_NE(txt.find("  " + m + "\n"), std::string::npos) << m;
  // Directions of the records, as runs ("CSCS..."), equal the runs of the engine's own ordered
  // message log (">" is the client here).
  std::string record_runs, message_runs;
  for (const auto& line : lines_of(txt.substr(txt.find("## records")))) {
    const char d = line.find("C -> S") != std::string::npos ? 'C' : line.find("S -> C") != std::string::npos ? 'S' : 0;
    if (d && (record_runs.empty() || record_runs.back() != d)) record_runs += d;
  }
  for (const auto& m : p.client.messages) {
    const char d = m[0] == '>' ? 'C' : 'S';
    if (message_runs.empty() || message_runs.back() != d) message_runs += d;
  }
  EXPECT_EQ(record_runs, message_runs) << txt;
  EXPECT_NE(txt.find("     1  C -> S  @0      handshake "), std::string::npos) << txt;
  EXPECT_NE(txt.find("client_hello"), std::string::npos);
  EXPECT_NE(txt.find("server_hello_done"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Transcript, TsharkDecryptsBothFinishedMessages) {
  if (::access("/usr/bin/tshark", X_OK) != 0) GTEST_SKIP() << "tshark is not installed (scripts/setup installs it)";
  const fs::path dir = temp_dir("tshark");
  const auto files = harness::write_transcript(dir, "conn0", pair().client);
  ASSERT_EQ(files.size(), 3u);
  const std::string pcap = files[0].string(), keys = files[1].string();
  Outcome o = run_process({"/usr/bin/tshark", "-n", "-r", pcap, "-o", "tls.keylog_file:" + keys, "-Y", "tls", "-T",
                           "fields", "-e", "ip.src", "-e", "tls.handshake.type"});
  ASSERT_EQ(o.code, 0) << o.err;
  bool client_finished = false, server_finished = false;
  for (const auto& line : lines_of(o.out)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string types = "," + line.substr(tab + 1) + ",";
    if (types.find(",20,") == std::string::npos) continue;
    (line.substr(0, tab) == "127.0.0.1" ? client_finished : server_finished) = true;
  }
  EXPECT_TRUE(client_finished) << o.out;
  EXPECT_TRUE(server_finished) << o.out;
  // Without the key log the Finished messages stay encrypted: the check above can fail.
  o = run_process({"/usr/bin/tshark", "-n", "-r", pcap, "-Y", "tls.handshake.type == 20"});
  EXPECT_EQ(o.out, "");
  // Checksums verified by Wireshark, and no TCP analysis complaint (retransmission, gap...).
  o = run_process({"/usr/bin/tshark", "-n", "-r", pcap, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                   "-Y", "ip.checksum.status != 1 || tcp.checksum.status != 1 || tcp.analysis.flags"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "");
  fs::remove_all(dir);
}

}  // namespace
