// Interactive application data on an established connection: instead of the fixed "send
// app_data, await the reply, close" script, a caller can hand the engine an AppScript that runs
// right after the handshake with an AppChannel to send and receive application data as it likes
// (a line protocol such as FTP on top of TLS). When the script returns, the engine closes the
// connection as usual (close_notify, RFC 5246 7.2.1). The channel never throws: a failure is a
// status, remembered by the engine, which ends the connection with the proper alert afterwards.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "peers/engine/report.h"
#include "peers/wire/bytes.h"

namespace tlsc::engine {

struct AppRead {
  enum class Status : uint8_t {
    kData,         // `data` holds the plaintext of one application_data record
    kCloseNotify,  // the peer sent close_notify (RFC 5246 7.2.1): nothing more will come
    kPeerAlert,    // the peer sent a fatal alert
    kEof,          // the peer closed the TCP connection without close_notify
    kReset,        // connection reset
    kTimeout,      // nothing arrived within the timeout; the connection is still usable
    kFailed,       // a protocol error (bad record, unexpected message ...): report().error says which
  };
  Status status = Status::kFailed;
  Bytes data;
  std::string detail;
  bool ok() const { return status == Status::kData; }
};

std::string_view to_string(AppRead::Status s);

class AppChannel {
 public:
  virtual ~AppChannel() = default;
  // Sends `data` as application_data records (split at 2^14 bytes). False when the connection
  // has failed or the write did not go through (the report says why).
  virtual bool send(ByteView data) = 0;
  // The next application data, waiting at most `timeout`. Handshake messages that arrive meanwhile
  // (HelloRequest, a renegotiating ClientHello) are handled as the engine always does.
  virtual AppRead receive(std::chrono::milliseconds timeout) = 0;
  // The connection's report so far (negotiated parameters, resumption, the session to resume).
  virtual const ConnectionReport& report() const = 0;
};

// Runs after a completed handshake, in place of the app_data / echo script.
using AppScript = std::function<void(AppChannel&)>;

}  // namespace tlsc::engine
