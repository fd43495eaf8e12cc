// Splitting one direction of a TLS connection into records, and naming what the plaintext ones
// hold. Bounded and tolerant: bytes that are not a TLS record (an SSLv2 hello, garbage, a
// truncated last record) become one opaque chunk with the rest of the stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tlsc::results {

struct RecordChunk {
  size_t offset = 0;        // in the direction's byte stream
  size_t size = 0;          // bytes of this chunk (header included)
  bool is_record = false;   // a whole TLS record; false: opaque rest of the stream
  uint8_t content_type = 0; // 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data
  uint16_t version = 0;     // record-layer version, e.g. 0x0303
};

std::vector<RecordChunk> split_records(std::span<const uint8_t> stream);

std::string content_type_name(uint8_t type);     // "handshake", "content_type(99)"
std::string handshake_type_name(uint8_t type);   // "client_hello", "handshake_type(99)"
std::string version_name(uint16_t version);      // "TLS1.2", "SSL3.0", "0x7f12"

// Follows the plaintext handshake messages of one direction across records. Once that direction
// has sent change_cipher_spec its handshake records are encrypted and only counted.
class HandshakeTracker {
 public:
  // What `chunk` holds, e.g. "handshake TLS1.2 len 74: client_hello", "handshake TLS1.2 len 40
  // (encrypted, finished expected)"; `types` receives the handshake types completed in it.
  std::string describe(std::span<const uint8_t> stream, const RecordChunk& chunk, std::vector<uint8_t>* types);
  bool encrypted() const { return encrypted_; }

 private:
  std::vector<uint8_t> pending_;  // partial handshake message bytes
  bool encrypted_ = false;
  int encrypted_handshakes_ = 0;
};

}  // namespace tlsc::results
