#include "peers/engine/report.h"

#include <sstream>

namespace tlsc::engine {

std::string_view to_string(Closure c) {
  switch (c) {
    case Closure::kOpen: return "closed-by-us";
    case Closure::kCloseNotify: return "close_notify";
    case Closure::kAlert: return "alert";
    case Closure::kEof: return "eof";
    case Closure::kReset: return "reset";
    case Closure::kTimeout: return "timeout";
    case Closure::kLocalError: return "aborted-by-us";
  }
  return "unknown";
}

std::string_view to_string(ResumedBy r) {
  switch (r) {
    case ResumedBy::kNone: return "no";
    case ResumedBy::kSessionId: return "session-id";
    case ResumedBy::kTicket: return "ticket";
  }
  return "no";
}

std::optional<AlertDescription> ConnectionReport::peer_alert() const {
  for (const auto& a : alerts)
    if (!a.sent && a.level == AlertLevel::kFatal) return a.description;
  return std::nullopt;
}

std::optional<AlertDescription> ConnectionReport::our_alert() const {
  for (const auto& a : alerts)
    if (a.sent && a.description != AlertDescription::kCloseNotify) return a.description;
  return std::nullopt;
}

std::string ConnectionReport::describe() const {
  std::ostringstream out;
  out << (role == Role::kClient ? "client" : "server") << " seed=" << seed
      << " complete=" << (handshake_complete ? "yes" : "no") << " version=" << version.name()
      << " suite=" << suite.name() << " group=" << group << " ems_offered=" << ems_offered
      << " ems_echoed=" << ems_echoed << " ms=" << master_secret_variant << " premaster=" << premaster_form
      << " resumed=" << to_string(resumed) << " closure=" << to_string(closure);
  if (error != Error::kNone) out << " error=" << to_string(error) << " (" << error_detail << ")";
  if (oracle) out << " oracle: " << oracle->summary;
  out << "\n  messages:";
  for (const auto& m : messages) out << " [" << m << "]";
  return out.str();
}

}  // namespace tlsc::engine
