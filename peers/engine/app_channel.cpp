#include <optional>

#include "peers/engine/app_script.h"

namespace tlsc::engine {

std::string_view to_string(AppRead::Status s) {
  switch (s) {
    case AppRead::Status::kData: return "data";
    case AppRead::Status::kCloseNotify: return "close_notify";
    case AppRead::Status::kPeerAlert: return "peer-alert";
    case AppRead::Status::kEof: return "eof";
    case AppRead::Status::kReset: return "reset";
    case AppRead::Status::kTimeout: return "timeout";
    case AppRead::Status::kFailed: return "failed";
  }
  return "?";
}

namespace {

class ConnectionChannel final : public AppChannel {
 public:
  ConnectionChannel(Connection& conn, ConnectionReport& report, const PostHandshakeHandler& on_handshake)
      : conn_(conn), report_(report), on_handshake_(on_handshake) {}

  bool send(ByteView data) override {
    if (failure_ || ended_) return false;
    try {
      conn_.send_app_data(data);
      return true;
    } catch (const EngineError& e) {
      remember(e);
      return false;
    }
  }

  AppRead receive(std::chrono::milliseconds timeout) override {
    AppRead out;
    if (failure_ || ended_) {
      out.status = failure_ ? AppRead::Status::kFailed : ended_status_;
      out.detail = failure_ ? failure_->what() : "the connection has ended";
      return out;
    }
    for (;;) {
      Connection::Incoming in;
      try {
        in = conn_.read_with_timeout(timeout);
      } catch (const EngineError& e) {
        out.detail = e.what();
        switch (e.code) {
          case Error::kTimeout:
            // Silence is not the end here: the reader keeps a partial record, the caller may wait on.
            report_.closure = Closure::kOpen;
            out.status = AppRead::Status::kTimeout;
            return out;
          case Error::kPeerClosed: out.status = AppRead::Status::kEof; break;
          case Error::kPeerReset: out.status = AppRead::Status::kReset; break;
          default:
            remember(e);
            out.status = AppRead::Status::kFailed;
            return out;
        }
        ended_ = true;
        ended_status_ = out.status;
        return out;
      }
      switch (in.kind) {
        case Connection::Incoming::Kind::kAppData:
          report_.app_data_received.insert(report_.app_data_received.end(), in.data.begin(), in.data.end());
          out.status = AppRead::Status::kData;
          out.data = std::move(in.data);
          return out;
        case Connection::Incoming::Kind::kAlert:
          // RFC 5246 7.2.1: close_notify ends the peer's writing; 7.2.2: a fatal alert ends the connection.
          if (in.alert.description == AlertDescription::kCloseNotify || in.alert.level == AlertLevel::kFatal) {
            const bool notify = in.alert.description == AlertDescription::kCloseNotify;
            report_.closure = notify ? Closure::kCloseNotify : Closure::kAlert;
            out.status = notify ? AppRead::Status::kCloseNotify : AppRead::Status::kPeerAlert;
            out.detail = "alert " + in.alert.description.name();
            ended_ = true;
            ended_status_ = out.status;
            return out;
          }
          continue;  // a warning (e.g. no_renegotiation) is in the report; data goes on
        case Connection::Incoming::Kind::kHandshake:
          try {
            on_handshake_(in.handshake);
          } catch (const EngineError& e) {
            remember(e);
            out.status = AppRead::Status::kFailed;
            out.detail = e.what();
            return out;
          }
          continue;
        case Connection::Incoming::Kind::kChangeCipherSpec:
          remember(EngineError(Error::kUnexpectedMessage, "change_cipher_spec after the handshake"));
          out.status = AppRead::Status::kFailed;
          out.detail = failure_->what();
          return out;
      }
    }
  }

  const ConnectionReport& report() const override { return report_; }

  const std::optional<EngineError>& failure() const { return failure_; }

 private:
  void remember(const EngineError& e) {
    if (!failure_) failure_ = e;
  }

  Connection& conn_;
  ConnectionReport& report_;
  const PostHandshakeHandler& on_handshake_;
  std::optional<EngineError> failure_;
  bool ended_ = false;
  AppRead::Status ended_status_ = AppRead::Status::kEof;
};

}  // namespace

void run_app_script(Connection& conn, ConnectionReport& report, const AppScript& script,
                    const PostHandshakeHandler& on_handshake) {
  ConnectionChannel channel(conn, report, on_handshake);
  script(channel);
  if (channel.failure()) throw *channel.failure();
}

void close_after_script(Connection& conn, ConnectionReport& report) {
  conn.send_alert(AlertLevel::kWarning, AlertDescription::kCloseNotify);
  if (report.closure != Closure::kOpen) return;
  try {
    for (;;) {
      auto in = conn.read_with_timeout(conn.timeouts().close);
      if (in.kind == Connection::Incoming::Kind::kAlert &&
          (in.alert.description == AlertDescription::kCloseNotify || in.alert.level == AlertLevel::kFatal)) {
        report.closure = in.alert.description == AlertDescription::kCloseNotify ? Closure::kCloseNotify : Closure::kAlert;
        return;
      }
      if (in.kind == Connection::Incoming::Kind::kAppData)
        report.app_data_received.insert(report.app_data_received.end(), in.data.begin(), in.data.end());
    }
  } catch (const EngineError&) {
    // EOF, reset or timeout after our close_notify: the closure field already says which.
  }
}

}  // namespace tlsc::engine
