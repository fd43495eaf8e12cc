#include "peers/engine/report.h"

#include <sstream>

#include "peers/wire/name_table.h"

namespace tlsc::engine {

namespace {

constexpr Named<Closure> kClosureNames[] = {
    {Closure::kOpen, "closed-by-us"}, {Closure::kCloseNotify, "close_notify"}, {Closure::kAlert, "alert"},
    {Closure::kEof, "eof"},           {Closure::kReset, "reset"},              {Closure::kTimeout, "timeout"},
    {Closure::kLocalError, "aborted-by-us"},
};
static_assert(distinct_rows(kClosureNames));

constexpr Named<ResumedBy> kResumedByNames[] = {
    {ResumedBy::kNone, "no"}, {ResumedBy::kSessionId, "session-id"}, {ResumedBy::kTicket, "ticket"}};
static_assert(distinct_rows(kResumedByNames));

}  // namespace

std::string_view to_string(Closure c) { return name_of(kClosureNames, c, "unknown"); }
std::string_view to_string(ResumedBy r) { return name_of(kResumedByNames, r, "no"); }

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
