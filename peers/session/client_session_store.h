// Client side of resumption: per peer, the latest session the client may offer again, by
// session_id (RFC 5246 7.4.1.2) and/or ticket (RFC 5077 3.2). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "peers/session/session_state.h"
#include "peers/wire/bytes.h"

namespace tlsc::session {

struct ClientSession {
  SessionState state;
  // The session_id as the server sent it in ServerHello (RFC 5246 7.4.1.3), kept verbatim even
  // if it is not a valid one, so a test can offer back exactly what it received.
  Bytes session_id;
  // The ticket from NewSessionTicket (RFC 5077 3.3), opaque to the client; empty when none.
  Bytes ticket;
  // RFC 5077 3.3 ticket_lifetime_hint, seconds; 0 means unspecified.
  uint32_t ticket_lifetime_hint = 0;

  bool operator==(const ClientSession&) const = default;
};

class ClientSessionStore {
 public:
  // Remembers `session` for `peer` (e.g. "127.0.0.1:4433" or the SNI), replacing the previous one.
  void put(std::string_view peer, ClientSession session);
  // The latest session for `peer`, if any.
  std::optional<ClientSession> get(std::string_view peer) const;
  // Forgets `peer`'s session; true if there was one. RFC 5246 7.2.2: a fatal alert invalidates
  // the session, so the client must not offer it again.
  bool erase(std::string_view peer);
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, ClientSession, std::less<>> sessions_;
};

}  // namespace tlsc::session
