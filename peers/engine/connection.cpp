#include "peers/engine/connection.h"

#include <array>

#include "peers/messages/alert.h"

namespace tlsc::engine {

Connection::Connection(transport::Stream& stream, ConnectionReport& report, const Timeouts& timeouts,
                       const Limits& limits)
    : stream_(stream),
      report_(report),
      timeouts_(timeouts),
      limits_(limits),
      read_(record::make_null_protection()),
      write_(record::make_null_protection()) {}

void Connection::log(bool sent, const std::string& what) {
  // Limits::max_messages: past the cap nothing more is logged, and the next read() ends the
  // connection (logging never throws: it also runs while an alert goes out).
  if (report_.messages.size() >= limits_.max_messages) return;
  report_.messages.push_back((sent ? "> " : "< ") + what);
}

transport::Deadline Connection::bounded(std::chrono::milliseconds wait) const {
  return std::min(transport::deadline_after(wait), timeouts_.deadline);
}

void Connection::check_stop_and_deadline() {
  if (timeouts_.stop && timeouts_.stop()) {
    if (report_.closure == Closure::kOpen) report_.closure = Closure::kLocalError;
    throw EngineError(Error::kStopped, "stopped: our side is shutting down");
  }
  if (transport::Clock::now() >= timeouts_.deadline) {
    if (report_.closure == Closure::kOpen) report_.closure = Closure::kLocalError;
    throw EngineError(Error::kUnitDeadline, "the overall deadline passed while the peer kept the connection going");
  }
}

void Connection::record_received(const uint8_t* data, size_t n) {
  if (report_.bytes_received.size() + n > limits_.max_recorded_bytes)
    throw EngineError(Error::kTranscriptTooLarge, "the peer sent more than " + std::to_string(limits_.max_recorded_bytes) +
                                                      " bytes on one connection (our recording limit)");
  report_.bytes_received.insert(report_.bytes_received.end(), data, data + n);
}

void Connection::count_record(uint8_t type, size_t plaintext_size) {
  // RFC 5246 6.2.1 sets no bound on the number of records, but a peer that never stops sending
  // them keeps a connection (and our memory) busy forever: RFC 5246 7.2 lets us abort instead.
  if (++records_read_ > limits_.max_records)
    throw EngineError(Error::kTooManyRecords,
                      "the peer sent more than " + std::to_string(limits_.max_records) + " records on one connection");
  if (type != record::kHandshake) return;
  // RFC 5246 7.4: each handshake message is at most 2^24-1 bytes; the whole exchange gets our cap.
  handshake_bytes_read_ += plaintext_size;
  if (handshake_bytes_read_ > limits_.max_handshake_bytes)
    throw EngineError(Error::kHandshakeTooLarge, "the peer sent more than " + std::to_string(limits_.max_handshake_bytes) +
                                                     " bytes of handshake messages on one connection");
}

void Connection::count_warning(const AlertEvent& alert) {
  if (alert.level == AlertLevel::kFatal || alert.description == AlertDescription::kCloseNotify) return;
  // RFC 5246 7.2.2: after a warning alert "generally the connection can continue normally", but the
  // receiver may decide not to proceed (and then sends a fatal alert); RFC 8446 6 treats error
  // alerts as fatal whatever their level. A peer that sends warnings without end is ended here,
  // as OpenSSL ends one after a few in a row.
  if (++warning_alerts_ > limits_.max_warning_alerts)
    throw EngineError(Error::kTooManyWarningAlerts, "the peer sent more than " +
                                                        std::to_string(limits_.max_warning_alerts) +
                                                        " warning alerts (the last: " + alert.description.name() + ")");
}

void Connection::write_bytes(ByteView bytes) {
  if (report_.bytes_sent.size() + bytes.size() > limits_.max_recorded_bytes)
    throw EngineError(Error::kTranscriptTooLarge, "more than " + std::to_string(limits_.max_recorded_bytes) +
                                                      " bytes to send on one connection (our recording limit)");
  check_stop_and_deadline();
  report_.bytes_sent.insert(report_.bytes_sent.end(), bytes.begin(), bytes.end());
  auto r = stream_.write_all(bytes, bounded(timeouts_.io));
  if (r.ok()) return;
  switch (r.status) {
    case transport::IoStatus::timeout:
      check_stop_and_deadline();  // the overall deadline cut the write short: say so
      throw EngineError(Error::kTimeout, "write: " + r.detail);
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
  const auto deadline = bounded(timeouts_.close);
  for (size_t records = 0; records <= limits_.max_records; ++records) {
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
    if (!r.ok() || report_.bytes_received.size() + r.bytes > limits_.max_recorded_bytes) return;
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
  if (!sealed.ok() || (timeouts_.stop && timeouts_.stop())) return;
  if (report_.bytes_sent.size() + sealed.record.size() <= limits_.max_recorded_bytes)
    report_.bytes_sent.insert(report_.bytes_sent.end(), sealed.record.begin(), sealed.record.end());
  (void)stream_.write_all(sealed.record, bounded(timeouts_.io));
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
    fill(deadline);
  }
}

void Connection::fill(transport::Deadline deadline) {
  // With a stop callback, we wait in slices this long so that a stop request is seen in time.
  constexpr auto kSlice = std::chrono::milliseconds(100);
  for (;;) {
    check_stop_and_deadline();
    auto until = std::min(deadline, timeouts_.deadline);
    if (timeouts_.stop) until = std::min(until, transport::deadline_after(kSlice));
    std::array<uint8_t, 16384> buf{};
    const size_t want = std::min(buf.size(), std::max<size_t>(reader_.wanted(), 1));
    auto r = stream_.read_some(std::span<uint8_t>(buf.data(), want), until);
    if (r.ok()) {
      record_received(buf.data(), r.bytes);
      if (!reader_.feed(ByteView(buf.data(), r.bytes))) throw EngineError(Error::kInternalError, "record buffer full");
      return;
    }
    // A slice (or the overall deadline, which the check above reports) ended before ours.
    if (r.status == transport::IoStatus::timeout && transport::Clock::now() < deadline) continue;
    switch (r.status) {
      case transport::IoStatus::eof:
        report_.closure = Closure::kEof;
        throw EngineError(Error::kPeerClosed, reader_.buffered() ? "EOF inside a record" : "EOF");
      case transport::IoStatus::reset:
        report_.closure = Closure::kReset;
        throw EngineError(Error::kPeerReset, r.detail);
      case transport::IoStatus::timeout:
        check_stop_and_deadline();
        report_.closure = Closure::kTimeout;
        throw EngineError(Error::kTimeout, "no data from the peer within " + std::to_string(timeouts_.io.count()) + " ms");
      default:
        throw EngineError(Error::kInternalError, "read: " + r.detail);
    }
  }
}

Connection::Incoming Connection::read() {
  for (;;) {
    check_stop_and_deadline();
    if (report_.messages.size() >= limits_.max_messages)
      throw EngineError(Error::kTranscriptTooLarge, "the peer sent more than " + std::to_string(limits_.max_messages) +
                                                        " messages on one connection (our recording limit)");
    if (auto m = reassembler_.next()) {
      log(false, m->message.type.name());
      return {Incoming::Kind::kHandshake, std::move(*m), {}, {}};
    }
    auto rec = next_record();
    count_record(rec.header.type, rec.fragment.size());
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
        msg::ParseError err;
        if (!reassembler_.add(opened.plaintext, &err)) throw EngineError(err);
        continue;
      }
      case record::kChangeCipherSpec: {
        // RFC 5246 7.1: the message is a single byte of value 1; anything else is decode_error.
        msg::ChangeCipherSpec ccs;
        msg::ParseError err;
        if (!msg::parse(opened.plaintext, ccs, &err)) throw EngineError(err);
        log(false, "change_cipher_spec");
        return {Incoming::Kind::kChangeCipherSpec, {}, {}, {}};
      }
      case record::kAlert: {
        msg::Alert alert;
        msg::ParseError err;
        // RFC 5246 7.2: an Alert of another length is decode_error (errors.h, TLSC_PARSE_ERRORS).
        if (!msg::parse(opened.plaintext, alert, &err)) throw EngineError(err);
        AlertEvent ev{false, alert.level, alert.description};
        report_.alerts.push_back(ev);
        log(false, "alert(" + alert.level.name() + ", " + alert.description.name() + ")");
        count_warning(ev);
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

void Connection::close_with_notify(std::chrono::milliseconds wait) {
  if (report_.closure == Closure::kReset || report_.closure == Closure::kAlert) return;
  try {
    send_alert(AlertLevel::kWarning, AlertDescription::kCloseNotify);
  } catch (const EngineError&) {
    return;  // the peer is gone: the closure field says how
  }
  if (report_.closure != Closure::kOpen) return;
  try {
    for (;;) {
      auto in = read_with_timeout(wait);
      if (in.kind == Incoming::Kind::kAlert &&
          (in.alert.description == AlertDescription::kCloseNotify || in.alert.level == AlertLevel::kFatal)) {
        report_.closure = in.alert.description == AlertDescription::kCloseNotify ? Closure::kCloseNotify : Closure::kAlert;
        return;
      }
      if (in.kind == Incoming::Kind::kAppData)
        report_.app_data_received.insert(report_.app_data_received.end(), in.data.begin(), in.data.end());
    }
  } catch (const EngineError& e) {
    if (e.code == Error::kTimeout) report_.closure = Closure::kOpen;
  }
}

}  // namespace tlsc::engine
