#include "peers/engine/connection.h"

#include <array>

#include "peers/messages/alert.h"

namespace tlsc::engine {

Connection::Connection(transport::Stream& stream, ConnectionReport& report, const Timeouts& timeouts)
    : stream_(stream),
      report_(report),
      timeouts_(timeouts),
      read_(record::make_null_protection()),
      write_(record::make_null_protection()) {}

void Connection::log(bool sent, const std::string& what) { report_.messages.push_back((sent ? "> " : "< ") + what); }

void Connection::write_bytes(ByteView bytes) {
  report_.bytes_sent.insert(report_.bytes_sent.end(), bytes.begin(), bytes.end());
  auto r = stream_.write_all(bytes, transport::deadline_after(timeouts_.io));
  if (r.ok()) return;
  switch (r.status) {
    case transport::IoStatus::timeout: throw EngineError(Error::kTimeout, "write: " + r.detail);
    case transport::IoStatus::reset:
    case transport::IoStatus::eof:
      read_alert_after_failed_write();
      if (report_.closure == Closure::kOpen) report_.closure = Closure::kReset;
      throw EngineError(Error::kPeerReset, "write: " + r.detail);
    default: throw EngineError(Error::kInternalError, "write: " + r.detail);
  }
}

void Connection::read_alert_after_failed_write() {
  // RFC 5246 7.2.2: a peer that aborts sends its fatal alert, then closes. When our write of the
  // next flight fails on that close, the alert may already be here: report it rather than a
  // bare reset (which side of the race wins must not change what the report says).
  const auto deadline = transport::deadline_after(timeouts_.close);
  for (;;) {
    auto next = reader_.next();
    if (next.status == record::RecordReader::Status::overflow) return;
    if (next.status == record::RecordReader::Status::record) {
      auto opened = read_->open(next.header, next.fragment);  // in order, to keep the sequence number
      msg::Alert alert;
      if (next.header.type != record::kAlert || !opened.ok() || !msg::parse(opened.plaintext, alert, nullptr)) continue;
      report_.alerts.push_back({false, alert.level, alert.description});
      log(false, "alert(" + alert.level.name() + ", " + alert.description.name() + ")");
      if (alert.level != AlertLevel::kFatal) continue;
      report_.closure = Closure::kAlert;
      throw EngineError(Error::kPeerAlert, "peer sent alert " + alert.description.name() + " and closed");
    }
    std::array<uint8_t, 16384> buf{};
    const size_t want = std::min(buf.size(), std::max<size_t>(reader_.wanted(), 1));
    auto r = stream_.read_some(std::span<uint8_t>(buf.data(), want), deadline);
    if (!r.ok()) return;
    report_.bytes_received.insert(report_.bytes_received.end(), buf.begin(), buf.begin() + r.bytes);
    if (!reader_.feed(ByteView(buf.data(), r.bytes))) return;
  }
}

void Connection::queue(const msg::HandshakeMessage& m, bool in_transcript) {
  Bytes framed = m.encode();
  if (in_transcript) transcript_.add(framed);
  queued_.insert(queued_.end(), framed.begin(), framed.end());
  log(true, m.type.name());
}

void Connection::flush() {
  if (queued_.empty()) return;
  auto sealed = writer_.write(*write_, record::kHandshake, record_version_.value, queued_);
  queued_.clear();
  if (!sealed.ok()) throw EngineError(Error::kInternalError, "sealing handshake records: " + sealed.detail);
  write_bytes(sealed.record);
}

void Connection::send_ccs(std::unique_ptr<record::RecordProtection> next) {
  flush();
  static constexpr std::array<uint8_t, 1> kCcs{1};  // RFC 5246 7.1: struct { enum { change_cipher_spec(1) } }
  auto sealed = writer_.write(*write_, record::kChangeCipherSpec, record_version_.value, kCcs);
  if (!sealed.ok()) throw EngineError(Error::kInternalError, "sealing ChangeCipherSpec: " + sealed.detail);
  log(true, "change_cipher_spec");
  write_bytes(sealed.record);
  write_ = std::move(next);  // RFC 5246 6.1: the new write state starts at sequence number 0
}

void Connection::send_alert(AlertLevel level, AlertDescription description) {
  try {
    flush();
  } catch (const EngineError&) {
  }
  msg::Alert alert;
  alert.level = level;
  alert.description = description;
  auto sealed = writer_.write(*write_, record::kAlert, record_version_.value, alert.encode());
  report_.alerts.push_back({true, level, description});
  log(true, "alert(" + level.name() + ", " + description.name() + ")");
  if (!sealed.ok()) return;
  report_.bytes_sent.insert(report_.bytes_sent.end(), sealed.record.begin(), sealed.record.end());
  (void)stream_.write_all(sealed.record, transport::deadline_after(timeouts_.io));
}

void Connection::send_app_data(ByteView data) {
  flush();
  auto sealed = writer_.write(*write_, record::kApplicationData, record_version_.value, data);
  if (!sealed.ok()) throw EngineError(Error::kInternalError, "sealing application data: " + sealed.detail);
  log(true, "application_data[" + std::to_string(data.size()) + "]");
  write_bytes(sealed.record);
}

record::RecordReader::Next Connection::next_record() {
  const auto deadline = transport::deadline_after(timeouts_.io);
  for (;;) {
    auto next = reader_.next();
    if (next.status == record::RecordReader::Status::record) return next;
    if (next.status == record::RecordReader::Status::overflow)
      // RFC 5246 6.2.3: a TLSCiphertext longer than 2^14 + 2048 is a record_overflow.
      throw EngineError(Error::kRecordOverflow, "record of " + std::to_string(next.header.length) + " bytes");
    std::array<uint8_t, 16384> buf{};
    const size_t want = std::min(buf.size(), std::max<size_t>(reader_.wanted(), 1));
    auto r = stream_.read_some(std::span<uint8_t>(buf.data(), want), deadline);
    if (r.ok()) {
      report_.bytes_received.insert(report_.bytes_received.end(), buf.begin(), buf.begin() + r.bytes);
      if (!reader_.feed(ByteView(buf.data(), r.bytes)))
        throw EngineError(Error::kInternalError, "record buffer full");
      continue;
    }
    switch (r.status) {
      case transport::IoStatus::eof:
        report_.closure = Closure::kEof;
        throw EngineError(Error::kPeerClosed, reader_.buffered() ? "EOF inside a record" : "EOF");
      case transport::IoStatus::reset:
        report_.closure = Closure::kReset;
        throw EngineError(Error::kPeerReset, r.detail);
      case transport::IoStatus::timeout:
        report_.closure = Closure::kTimeout;
        throw EngineError(Error::kTimeout, "no data from the peer within " + std::to_string(timeouts_.io.count()) + " ms");
      default:
        throw EngineError(Error::kInternalError, "read: " + r.detail);
    }
  }
}

Connection::Incoming Connection::read() {
  for (;;) {
    if (auto m = reassembler_.next()) {
      log(false, m->message.type.name());
      return {Incoming::Kind::kHandshake, std::move(*m), {}, {}};
    }
    auto rec = next_record();
    auto opened = read_->open(rec.header, rec.fragment);
    if (!opened.ok()) {
      if (on_bad_record) on_bad_record(rec.header, rec.fragment);
      switch (opened.error) {
        case record::RecordError::bad_record_mac: throw EngineError(Error::kBadRecordMac, opened.detail);
        case record::RecordError::record_overflow: throw EngineError(Error::kRecordOverflow, opened.detail);
        case record::RecordError::decode_error: throw EngineError(Error::kDecodeError, opened.detail);
        default: throw EngineError(Error::kInternalError, opened.detail);
      }
    }
    const uint8_t type = rec.header.type;
    if (type != record::kHandshake && reassembler_.has_partial_message())
      // RFC 5246 6.2.1: handshake messages may be fragmented, but not interleaved with other types.
      throw EngineError(Error::kUnexpectedMessage, ContentType{type}.name() + " inside a fragmented handshake message");
    switch (type) {
      case record::kHandshake: {
        std::string why;
        if (!reassembler_.add(opened.plaintext, &why)) throw EngineError(Error::kDecodeError, why);
        continue;
      }
      case record::kChangeCipherSpec:
        // RFC 5246 7.1: the message is a single byte of value 1.
        if (opened.plaintext != Bytes{1})
          throw EngineError(Error::kDecodeError, "ChangeCipherSpec body " + to_hex(opened.plaintext));
        log(false, "change_cipher_spec");
        return {Incoming::Kind::kChangeCipherSpec, {}, {}, {}};
      case record::kAlert: {
        msg::Alert alert;
        std::string why;
        if (!msg::parse(opened.plaintext, alert, &why)) throw EngineError(Error::kDecodeError, why);
        AlertEvent ev{false, alert.level, alert.description};
        report_.alerts.push_back(ev);
        log(false, "alert(" + alert.level.name() + ", " + alert.description.name() + ")");
        return {Incoming::Kind::kAlert, {}, ev, {}};
      }
      case record::kApplicationData:
        log(false, "application_data[" + std::to_string(opened.plaintext.size()) + "]");
        return {Incoming::Kind::kAppData, {}, {}, std::move(opened.plaintext)};
      default:
        // RFC 5246 6: a record of an unknown content type draws unexpected_message.
        throw EngineError(Error::kUnexpectedMessage, "record of content type " + ContentType{type}.name());
    }
  }
}

namespace {

std::string names(std::initializer_list<HandshakeType> types) {
  std::string out;
  for (auto t : types) out += (out.empty() ? "" : " or ") + t.name();
  return out;
}

[[noreturn]] void peer_alert(ConnectionReport& report, const AlertEvent& a, std::string_view where) {
  report.closure = a.description == AlertDescription::kCloseNotify ? Closure::kCloseNotify : Closure::kAlert;
  throw EngineError(Error::kPeerAlert, std::string(where) + ": peer sent alert " + a.description.name());
}

}  // namespace

msg::ReassembledMessage Connection::expect(std::initializer_list<HandshakeType> allowed, std::string_view where) {
  for (;;) {
    Incoming in = read();
    switch (in.kind) {
      case Incoming::Kind::kHandshake:
        for (auto t : allowed)
          if (in.handshake.message.type == t) return std::move(in.handshake);
        throw EngineError(Error::kUnexpectedMessage, std::string(where) + ": got " + in.handshake.message.type.name() +
                                                         ", expected " + names(allowed));
      case Incoming::Kind::kAlert:
        // RFC 5246 7.2.2: a fatal alert ends the connection; close_notify too (7.2.1).
        if (in.alert.level == AlertLevel::kFatal || in.alert.description == AlertDescription::kCloseNotify)
          peer_alert(report_, in.alert, where);
        continue;  // a warning alert is logged and ignored during the handshake
      case Incoming::Kind::kChangeCipherSpec:
        throw EngineError(Error::kUnexpectedMessage, std::string(where) + ": got change_cipher_spec, expected " + names(allowed));
      case Incoming::Kind::kAppData:
        if (keep_app_data) {
          report_.app_data_received.insert(report_.app_data_received.end(), in.data.begin(), in.data.end());
          continue;
        }
        throw EngineError(Error::kUnexpectedMessage, std::string(where) + ": got application_data, expected " + names(allowed));
    }
  }
}

void Connection::expect_ccs(std::unique_ptr<record::RecordProtection> next, std::string_view where) {
  for (;;) {
    Incoming in = read();
    switch (in.kind) {
      case Incoming::Kind::kChangeCipherSpec:
        read_ = std::move(next);  // RFC 5246 6.1: the new read state starts at sequence number 0
        return;
      case Incoming::Kind::kAlert:
        if (in.alert.level == AlertLevel::kFatal || in.alert.description == AlertDescription::kCloseNotify)
          peer_alert(report_, in.alert, where);
        continue;
      case Incoming::Kind::kHandshake:
        throw EngineError(Error::kUnexpectedMessage,
                          std::string(where) + ": got " + in.handshake.message.type.name() + ", expected change_cipher_spec");
      case Incoming::Kind::kAppData:
        throw EngineError(Error::kUnexpectedMessage, std::string(where) + ": got application_data, expected change_cipher_spec");
    }
  }
}

}  // namespace tlsc::engine

namespace tlsc::engine {

std::optional<msg::ReassembledMessage> Connection::expect_or_ccs(std::initializer_list<HandshakeType> allowed,
                                                                 std::string_view where) {
  for (;;) {
    Incoming in = read();
    switch (in.kind) {
      case Incoming::Kind::kChangeCipherSpec:
        return std::nullopt;
      case Incoming::Kind::kHandshake:
        for (auto t : allowed)
          if (in.handshake.message.type == t) return std::move(in.handshake);
        throw EngineError(Error::kUnexpectedMessage, std::string(where) + ": got " + in.handshake.message.type.name() +
                                                         ", expected " + names(allowed) + " or change_cipher_spec");
      case Incoming::Kind::kAlert:
        if (in.alert.level == AlertLevel::kFatal || in.alert.description == AlertDescription::kCloseNotify)
          peer_alert(report_, in.alert, where);
        continue;
      case Incoming::Kind::kAppData:
        throw EngineError(Error::kUnexpectedMessage, std::string(where) + ": got application_data");
    }
  }
}

Connection::Incoming Connection::read_with_timeout(std::chrono::milliseconds timeout) {
  const auto saved = timeouts_.io;
  timeouts_.io = timeout;
  try {
    Incoming in = read();
    timeouts_.io = saved;
    return in;
  } catch (...) {
    timeouts_.io = saved;
    throw;
  }
}

}  // namespace tlsc::engine
