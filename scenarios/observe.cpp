#include "scenarios/observe.h"

#include "scenarios/connection_json.h"

namespace tlsc::scenarios {

Outcome classify(const engine::ConnectionReport& r) {
  using engine::Error;
  if (r.handshakes > 0) return r.resumed != engine::ResumedBy::kNone ? Outcome::kResumed : Outcome::kFull;
  if (r.peer_alert()) return Outcome::kAlert;
  switch (r.error) {
    case Error::kPeerClosed:
    case Error::kPeerReset: return Outcome::kClosed;
    case Error::kTimeout: return Outcome::kTimeout;
    case Error::kPeerAlert: return Outcome::kAlert;  // close_notify mid-handshake
    default: return Outcome::kPeerAbort;
  }
}

nlohmann::ordered_json observe(const engine::ConnectionReport& r) {
  const auto record = connection_json(r);
  nlohmann::ordered_json o;
  for (const auto& field : tls_observation_fields()) o[field] = record.at(field);
  return o;
}

bool holds(const Check& check, const nlohmann::ordered_json& obs, std::string* why) {
  auto it = obs.find(check.field);
  if (it == obs.end()) {
    if (why) *why = check.field + " was not observed";
    return false;
  }
  if (check.is) {
    auto expected = nlohmann::ordered_json::parse(*check.is);
    if (*it == expected) return true;
    if (why) *why = check.field + " is " + it->dump() + ", expected " + expected.dump();
    return false;
  }
  if (!check.in.empty()) {
    for (const auto& text : check.in)
      if (*it == nlohmann::ordered_json::parse(text)) return true;
    if (why) *why = check.field + " is " + it->dump() + ", expected one of " + [&] {
      std::string l;
      for (const auto& t : check.in) l += (l.empty() ? "" : ", ") + t;
      return l;
    }();
    return false;
  }
  if (check.at_least) {
    if (it->is_number() && it->get<long long>() >= *check.at_least) return true;
    if (why) *why = check.field + " is " + it->dump() + ", expected at least " + std::to_string(*check.at_least);
    return false;
  }
  return true;
}

}  // namespace tlsc::scenarios
