// The record-level side of one TLS connection: the only code of the engine that touches the
// Stream. Handshake flows (client.cpp, server.cpp) ask it to queue messages, send a flight, and
// read the next thing the peer sent; it protects and unprotects records, reassembles handshake
// messages, logs every message and byte into the report, and turns transport trouble (EOF,
// reset, timeout) and record failures into EngineErrors.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "peers/crypto/transcript.h"
#include "peers/engine/config.h"
#include "peers/engine/errors.h"
#include "peers/engine/report.h"
#include "peers/messages/handshake.h"
#include "peers/record/protection.h"
#include "peers/record/record_reader.h"
#include "peers/record/record_writer.h"
#include "peers/transport/stream.h"

namespace tlsc::engine {

class Connection {
 public:
  // Every read and write is bounded by timeouts.io and timeouts.deadline, and stops early when
  // timeouts.stop says so; `limits` caps what the peer can make us read and record.
  Connection(transport::Stream& stream, ConnectionReport& report, const Timeouts& timeouts,
             const Limits& limits = {});

  // ---- writing
  // Queues a handshake message of the current flight (sent by flush()/send_ccs()). Adds it to
  // the transcript unless `in_transcript` is false (HelloRequest, RFC 5246 7.4.1.1).
  void queue(const msg::HandshakeMessage& m, bool in_transcript = true);
  template <class M>
  void queue(const M& m) {
    queue(msg::to_handshake(m), M::kType != HandshakeType::kHelloRequest);
  }
  // Sends what is queued.
  void flush();
  // Flushes, sends ChangeCipherSpec, and switches the write side to `next` (RFC 5246 7.1).
  void send_ccs(std::unique_ptr<record::RecordProtection> next);
  // Flushes and sends an alert; transport errors are ignored (the connection is ending anyway).
  void send_alert(AlertLevel level, AlertDescription description);
  void send_app_data(ByteView data);

  // ---- reading
  struct Incoming {
    enum class Kind { kHandshake, kChangeCipherSpec, kAlert, kAppData } kind;
    msg::ReassembledMessage handshake;  // kHandshake
    AlertEvent alert;                   // kAlert
    Bytes data;                         // kAppData
  };
  // The next thing the peer sent. Throws EngineError on EOF, reset, timeout, a record that does
  // not open (after calling on_bad_record), a malformed ChangeCipherSpec or alert, a Limits cap
  // exceeded (too many warning alerts, records, handshake bytes, recorded bytes or messages),
  // the overall deadline (kUnitDeadline) or a stop request (kStopped).
  Incoming read();
  // The next handshake message, which must be one of `allowed` (RFC 5246 7.3 order). A fatal
  // alert throws PeerAlert; a warning alert is logged and skipped; anything else, or another
  // handshake type, throws UnexpectedMessage naming what came and what was expected. Does NOT
  // add the message to the transcript: the flow does, after using the hash before it.
  msg::ReassembledMessage expect(std::initializer_list<HandshakeType> allowed, std::string_view where);
  // The peer's ChangeCipherSpec; switches the read side to `next`. A handshake message split
  // around it is an UnexpectedMessage (RFC 5246 7.1).
  void expect_ccs(std::unique_ptr<record::RecordProtection> next, std::string_view where);
  // Like expect(), but a ChangeCipherSpec is also legal: then nullopt, and the caller switches
  // the read side with switch_read() (for optional messages before CCS, e.g. NewSessionTicket).
  std::optional<msg::ReassembledMessage> expect_or_ccs(std::initializer_list<HandshakeType> allowed,
                                                       std::string_view where);
  // Switches the read side after a ChangeCipherSpec the flow consumed itself.
  void switch_read(std::unique_ptr<record::RecordProtection> next) { read_ = std::move(next); }
  // read() with another deadline for this one call (e.g. the short wait for close_notify).
  Incoming read_with_timeout(std::chrono::milliseconds timeout);

  // RFC 5246 7.2.1: sends close_notify, then reads up to `wait` for the peer's close_notify (or a
  // fatal alert), keeping application data that still arrives. Nothing to do once the connection
  // was reset or ended by an alert; a peer that is gone or silent leaves the closure field to say
  // so (silence is not a hang: the RFC does not make us wait for the answer).
  void close_with_notify(std::chrono::milliseconds wait);

  crypto::Transcript& transcript() { return transcript_; }
  void set_record_version(ProtocolVersion v) { record_version_ = v; }
  ProtocolVersion record_version() const { return record_version_; }
  // When set, expect() keeps application data it meets in report.app_data_received and reads on
  // (RFC 5246 6.2.1: content types MAY be interleaved), instead of failing with UnexpectedMessage.
  bool keep_app_data = false;
  // Called with a record that failed to open, before read() throws: the key-schedule oracle.
  std::function<void(const record::RecordHeader&, ByteView)> on_bad_record;
  const Timeouts& timeouts() const { return timeouts_; }
  const Limits& limits() const { return limits_; }
  // Throws kStopped when timeouts.stop says so, kUnitDeadline once timeouts.deadline has passed.
  void check_stop_and_deadline();
  transport::Stream& stream() { return stream_; }

 private:
  void write_bytes(ByteView bytes);
  // After a write failed because the peer closed: reads what it sent before closing and throws
  // PeerAlert if that holds a fatal alert; returns otherwise.
  void read_alert_after_failed_write();
  record::RecordReader::Next next_record();
  // Reads some bytes into the record reader, waiting until `deadline` (never past the overall
  // deadline), in slices short enough to notice a stop request.
  void fill(transport::Deadline deadline);
  // The deadline of one read or write: now + `wait`, but not past the overall deadline.
  transport::Deadline bounded(std::chrono::milliseconds wait) const;
  // Throws kTooManyWarningAlerts / kTooManyRecords / kHandshakeTooLarge / kTranscriptTooLarge.
  void count_record(uint8_t type, size_t plaintext_size);
  void count_warning(const AlertEvent& alert);
  void record_received(const uint8_t* data, size_t n);
  void log(bool sent, const std::string& what);

  transport::Stream& stream_;
  ConnectionReport& report_;
  Timeouts timeouts_;
  Limits limits_;
  size_t records_read_ = 0;
  size_t handshake_bytes_read_ = 0;
  int warning_alerts_ = 0;
  ProtocolVersion record_version_ = ProtocolVersion::kTls10;
  std::unique_ptr<record::RecordProtection> read_;
  std::unique_ptr<record::RecordProtection> write_;
  record::RecordReader reader_;
  record::RecordWriter writer_;
  msg::HandshakeReassembler reassembler_;
  Bytes queued_;
  crypto::Transcript transcript_;
};

}  // namespace tlsc::engine
