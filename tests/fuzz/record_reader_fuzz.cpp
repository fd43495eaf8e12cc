// Fuzzes the record layer's receive path with hostile bytes:
//  - selector bit 7 clear: the input (after the selector) is a byte stream fed to RecordReader
//    in chunks; every record it cuts is opened by the null protection and by a protection for
//    every (suite, version) pair, all with fixed keys. Nothing may crash or overread.
//  - selector bit 7 set: round trip. The input is plaintext, sealed by one protection through a
//    fragmenting RecordWriter, reassembled by RecordReader and opened again; any difference traps.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "peers/record/protection.h"
#include "peers/record/record_reader.h"
#include "peers/record/record_writer.h"

using namespace tlsc;
using namespace tlsc::record;

namespace {

DirectionKeys fuzz_keys(const CipherSuite& suite, uint16_t version) {
  DirectionKeys k;
  k.mac_key.assign(suite.mac_key_length, 0x11);
  k.enc_key.assign(suite.enc_key_length, 0x21);
  k.fixed_iv.assign(suite.fixed_iv_length(version), 0x31);
  return k;
}

RandomSource fixed_random() {
  return [](std::span<uint8_t> out) {
    for (auto& b : out) b = 0x5a;
  };
}

struct Target {
  const CipherSuite* suite;
  uint16_t version;
};

const std::vector<Target>& targets() {
  static const std::vector<Target> t = [] {
    std::vector<Target> out;
    for (const auto& s : all_cipher_suites())
      for (uint16_t v : {kTls10, kTls11, kTls12})
        if (s.allowed_in(v)) out.push_back({&s, v});
    return out;
  }();
  return t;
}

std::unique_ptr<RecordProtection> protection_for(const Target& t) {
  return make_protection(*t.suite, t.version, fuzz_keys(*t.suite, t.version), fixed_random());
}

void reader_mode(uint8_t selector, ByteView stream) {
  std::vector<std::unique_ptr<RecordProtection>> opens;
  opens.push_back(make_null_protection());
  for (const auto& t : targets()) opens.push_back(protection_for(t));
  RecordReader reader((selector & 0x40) ? kMaxPlaintext : kMaxCiphertext);
  const size_t chunk = (selector & 0x3f) + 1u;
  for (size_t at = 0; at < stream.size(); at += chunk) {
    const ByteView piece = stream.subspan(at, std::min(chunk, stream.size() - at));
    if (!reader.feed(piece)) __builtin_trap();  // we drain after every feed: never over the cap
    for (;;) {
      RecordReader::Next n = reader.next();
      if (n.status != RecordReader::Status::record) break;
      if (n.fragment.size() != n.header.length) __builtin_trap();
      for (auto& p : opens) {
        OpenResult o = p->open(n.header, n.fragment);
        if (o.ok() && o.plaintext.size() > kMaxPlaintext) __builtin_trap();
      }
    }
    (void)reader.wanted();
  }
}

void round_trip_mode(uint8_t selector, ByteView rest) {
  if (rest.empty()) return;
  const Target& t = targets()[rest[0] % targets().size()];
  const ByteView plaintext = rest.subspan(1);
  auto seal = protection_for(t);
  auto open = protection_for(t);
  RecordWriter writer((selector & 0x7f) + 1u);
  SealResult sealed = writer.write(*seal, kApplicationData, t.version, plaintext);
  if (!sealed.ok()) __builtin_trap();
  RecordReader reader;
  Bytes back;
  const size_t chunk = (selector & 0x0f) * 97u + 1u;
  for (size_t at = 0; at < sealed.record.size(); at += chunk) {
    if (!reader.feed(ByteView(sealed.record).subspan(at, std::min(chunk, sealed.record.size() - at)))) __builtin_trap();
    for (RecordReader::Next n = reader.next(); n.status == RecordReader::Status::record; n = reader.next()) {
      OpenResult o = open->open(n.header, n.fragment);
      if (!o.ok()) __builtin_trap();
      back.insert(back.end(), o.plaintext.begin(), o.plaintext.end());
    }
  }
  if (reader.buffered() != 0 || back != Bytes(plaintext.begin(), plaintext.end())) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ByteView input(data, size);
  if (input.empty()) return 0;
  const uint8_t selector = input[0];
  if (selector & 0x80) {
    round_trip_mode(selector, input.subspan(1));
  } else {
    reader_mode(selector, input.subspan(1));
  }
  return 0;
}
