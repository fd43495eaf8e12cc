// Server-side session-ID cache (RFC 5246 7.4.1.2, F.1.4): the sessions a server can resume when a
// ClientHello offers a session_id. Bounded with least-recently-used eviction, and thread-safe so
// one cache can serve every connection of a run.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <optional>

#include "peers/crypto/drbg.h"
#include "peers/session/session_state.h"
#include "peers/wire/bytes.h"

namespace tlsc::session {

inline constexpr size_t kDefaultCacheCapacity = 1024;

class SessionCache {
 public:
  // capacity 0 disables caching: insert() stores nothing (a server that never resumes).
  explicit SessionCache(size_t capacity = kDefaultCacheCapacity, Clock clock = system_seconds);

  // 32 bytes from `drbg`: the server chooses the ID (RFC 5246 7.4.1.3 session_id), at the
  // maximum length of 7.4.1.2.
  static Bytes new_session_id(crypto::Drbg& drbg);

  // Stores `state` under `id` (replacing any entry with that id), as most recently used; the
  // stored copy's session_id is set to `id`. Evicts the least recently used entry when full.
  // Returns false, storing nothing, for an id that cannot name a session: empty (RFC 5246
  // 7.4.1.3: an empty session_id means the session will not be cached) or over 32 bytes
  // (7.4.1.2), or when capacity is 0.
  bool insert(ByteView id, SessionState state);

  // The session stored under `id`, marked most recently used; nullopt when absent or expired by
  // the injected clock (an expired entry is erased on the way: RFC 5246 F.1.4 bounds the
  // lifetime of session IDs).
  std::optional<SessionState> lookup(ByteView id);

  // Removes `id`; true if it was present. RFC 5246 7.2.2: a fatal alert invalidates the session.
  bool erase(ByteView id);

  size_t size() const;
  size_t capacity() const { return capacity_; }

 private:
  using Entry = std::pair<Bytes, SessionState>;
  using Lru = std::list<Entry>;  // front = most recently used

  const size_t capacity_;
  const Clock clock_;
  mutable std::mutex mu_;
  Lru lru_;
  std::map<Bytes, Lru::iterator, std::less<>> index_;
};

}  // namespace tlsc::session
