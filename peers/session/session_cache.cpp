#include "peers/session/session_cache.h"

#include <utility>

namespace tlsc::session {

SessionCache::SessionCache(size_t capacity, Clock clock)
    : capacity_(capacity), clock_(clock ? std::move(clock) : Clock(system_seconds)) {}

Bytes SessionCache::new_session_id(crypto::Drbg& drbg) { return drbg.generate(kMaxSessionIdSize); }

bool SessionCache::insert(ByteView id, SessionState state) {
  // RFC 5246 7.4.1.2: session_id<0..32>; 7.4.1.3: empty means "not cached".
  if (id.empty() || id.size() > kMaxSessionIdSize || capacity_ == 0) return false;
  Bytes key(id.begin(), id.end());
  state.session_id = key;

  std::lock_guard lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->second = std::move(state);
    lru_.splice(lru_.begin(), lru_, it->second);
    return true;
  }
  while (lru_.size() >= capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
  lru_.emplace_front(key, std::move(state));
  index_.emplace(std::move(key), lru_.begin());
  return true;
}

std::optional<SessionState> SessionCache::lookup(ByteView id) {
  if (id.empty() || id.size() > kMaxSessionIdSize) return std::nullopt;
  const Bytes key(id.begin(), id.end());
  const uint64_t now = clock_();

  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  if (it->second->second.expired_at(now)) {
    lru_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

bool SessionCache::erase(ByteView id) {
  const Bytes key(id.begin(), id.end());
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  lru_.erase(it->second);
  index_.erase(it);
  return true;
}

size_t SessionCache::size() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

}  // namespace tlsc::session
