#include "peers/ftps/control.h"

#include <array>

#include "peers/crypto/hash.h"
#include "peers/wire/reader.h"

namespace tlsc::ftps {

ReplyRead ControlChannel::read_reply(std::chrono::milliseconds timeout) {
  ReplyRead out;
  ReplyParser parser;
  for (;;) {
    auto l = read_line(timeout);
    if (!l.line) {
      out.error = l.error;
      return out;
    }
    switch (parser.add(*l.line)) {
      case ReplyParser::Status::kComplete: out.reply = parser.take(); return out;
      case ReplyParser::Status::kMore: continue;
      case ReplyParser::Status::kError: out.error = parser.error(); return out;
    }
  }
}

bool PlainControl::send_text(const std::string& text) {
  return stream_.write_all(view(text), transport::deadline_after(std::chrono::milliseconds(5000))).ok();
}

namespace {

// The loop both channels share: a complete line, the line reader's error, or why `fill` (one
// read from the channel into the reader) could not go on, as it wrote into `out`.
template <typename Fill>
LineRead next_line(LineReader& reader, Fill fill) {
  LineRead out;
  for (;;) {
    if (auto l = reader.next()) {
      out.line = std::move(l);
      return out;
    }
    if (reader.failed()) {
      out.error = reader.error();
      return out;
    }
    if (!fill(out)) return out;
  }
}

}  // namespace

LineRead PlainControl::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = transport::deadline_after(timeout);
  return next_line(reader_, [&](LineRead& out) {
    // One byte at a time would be safest for the TLS hand-over, but the peer must not send
    // anything after its AUTH line before our 234 (RFC 4217 4); leftovers are handed over anyway.
    std::array<uint8_t, 512> buf{};
    auto r = stream_.read_some(buf, deadline);
    if (!r.ok()) {
      out.timeout = r.status == transport::IoStatus::timeout;
      out.error = "control connection: " + std::string(transport::to_string(r.status)) + (r.detail.empty() ? "" : " (" + r.detail + ")");
      return false;
    }
    reader_.feed(ByteView(buf.data(), r.bytes));
    return true;
  });
}

bool TlsControl::send_text(const std::string& text) { return channel_.send(view(text)); }

LineRead TlsControl::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = transport::deadline_after(timeout);
  return next_line(reader_, [&](LineRead& out) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - transport::Clock::now());
    if (left.count() <= 0) {
      out.timeout = true;
      out.error = "control connection (TLS): timeout";
      return false;
    }
    auto r = channel_.receive(left);
    if (!r.ok()) {
      out.timeout = r.status == engine::AppRead::Status::kTimeout;
      out.error = "control connection (TLS): " + std::string(engine::to_string(r.status)) + (r.detail.empty() ? "" : " (" + r.detail + ")");
      return false;
    }
    reader_.feed(r.data);
    return true;
  });
}

std::optional<std::string> plaintext_after_records(ByteView received) {
  wire::Reader r(received);
  for (;;) {
    // RFC 5246 6.2.1: type(1) version(2) length(2) fragment; the types are 20-23.
    ByteView rest = r.rest();
    if (rest.size() >= 5 && rest[0] >= 20 && rest[0] <= 23 && rest[1] == 3) {
      wire::Reader h(rest);
      uint8_t type = 0;
      uint16_t version = 0, length = 0;
      if (h.u8(type) && h.u16(version) && h.u16(length) && h.remaining() >= length) {
        if (!r.skip(5u + length)) return std::nullopt;
        continue;
      }
      return std::nullopt;  // a record still arriving
    }
    if (rest.size() < 4) return std::nullopt;
    std::string text(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(rest.size(), 200)));
    if (!reply_code(text.substr(0, 4))) return std::nullopt;
    const size_t end = text.find_first_of("\r\n");
    return end == std::string::npos ? text : text.substr(0, end);
  }
}

std::string logged_master_secret(const engine::ConnectionReport& r) {
  if (r.keylog.empty()) return {};
  const std::string& l = r.keylog.back();
  const size_t sp = l.rfind(' ');
  return sp == std::string::npos ? std::string() : l.substr(sp + 1);
}

std::string sha256_hex(ByteView data) { return to_hex(crypto::digest(crypto::HashAlg::sha256, data)); }

}  // namespace tlsc::ftps
