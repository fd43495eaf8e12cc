#include "results/transcript/tls_records.h"

#include <fmt/format.h>

namespace tlsc::results {

namespace {
constexpr size_t kHeader = 5;
constexpr size_t kMaxPayload = 16384 + 2048;  // TLSCiphertext limit (RFC 5246 6.2.3)
}  // namespace

std::vector<RecordChunk> split_records(std::span<const uint8_t> s) {
  std::vector<RecordChunk> out;
  size_t pos = 0;
  while (pos < s.size()) {
    bool ok = s.size() - pos >= kHeader;
    size_t len = 0;
    if (ok) {
      const uint8_t type = s[pos];
      len = (size_t{s[pos + 3]} << 8) | s[pos + 4];
      ok = type >= 20 && type <= 24 && s[pos + 1] == 3 && len <= kMaxPayload && s.size() - pos - kHeader >= len;
    }
    if (!ok) {
      out.push_back({pos, s.size() - pos, false, 0, 0});
      break;
    }
    out.push_back({pos, kHeader + len, true, s[pos], static_cast<uint16_t>((s[pos + 1] << 8) | s[pos + 2])});
    pos += kHeader + len;
  }
  return out;
}

std::string content_type_name(uint8_t t) {
  switch (t) {
    case 20: return "change_cipher_spec";
    case 21: return "alert";
    case 22: return "handshake";
    case 23: return "application_data";
    case 24: return "heartbeat";
  }
  return fmt::format("content_type({})", t);
}

std::string handshake_type_name(uint8_t t) {
  switch (t) {
    case 0: return "hello_request";
    case 1: return "client_hello";
    case 2: return "server_hello";
    case 4: return "new_session_ticket";
    case 11: return "certificate";
    case 12: return "server_key_exchange";
    case 13: return "certificate_request";
    case 14: return "server_hello_done";
    case 15: return "certificate_verify";
    case 16: return "client_key_exchange";
    case 20: return "finished";
    case 22: return "certificate_status";
  }
  return fmt::format("handshake_type({})", t);
}

std::string version_name(uint16_t v) {
  switch (v) {
    case 0x0300: return "SSL3.0";
    case 0x0301: return "TLS1.0";
    case 0x0302: return "TLS1.1";
    case 0x0303: return "TLS1.2";
  }
  return fmt::format("{:#06x}", v);
}

std::string HandshakeTracker::describe(std::span<const uint8_t> s, const RecordChunk& c, std::vector<uint8_t>* types) {
  if (!c.is_record) return fmt::format("{} bytes that are not a TLS record", c.size);
  const auto payload = s.subspan(c.offset + kHeader, c.size - kHeader);
  std::string d = fmt::format("{} {} len {}", content_type_name(c.content_type), version_name(c.version), payload.size());
  switch (c.content_type) {
    case 20:
      encrypted_ = true;
      encrypted_handshakes_ = 0;  // the next handshake record is this direction's Finished
      pending_.clear();
      return d;
    case 21:
      if (!encrypted_ && payload.size() == 2)
        return d + fmt::format(": {} alert {}", payload[0] == 2 ? "fatal" : "warning", payload[1]);
      return d + (encrypted_ ? " (encrypted)" : "");
    case 22: break;
    default: return d + (encrypted_ ? " (encrypted)" : "");
  }
  if (encrypted_) {
    ++encrypted_handshakes_;
    return d + (encrypted_handshakes_ == 1 ? " (encrypted; finished)" : " (encrypted)");
  }
  pending_.insert(pending_.end(), payload.begin(), payload.end());
  std::string names;
  size_t pos = 0;
  while (pending_.size() - pos >= 4) {
    const size_t len = (size_t{pending_[pos + 1]} << 16) | (size_t{pending_[pos + 2]} << 8) | pending_[pos + 3];
    if (pending_.size() - pos - 4 < len) break;
    names += (names.empty() ? "" : ", ") + handshake_type_name(pending_[pos]);
    if (types) types->push_back(pending_[pos]);
    pos += 4 + len;
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pos));
  if (!pending_.empty()) names += std::string(names.empty() ? "" : ", ") + "(fragment)";
  return d + ": " + names;
}

}  // namespace tlsc::results
