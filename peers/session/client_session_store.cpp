#include "peers/session/client_session_store.h"

#include <utility>

namespace tlsc::session {

void ClientSessionStore::put(std::string_view peer, ClientSession session) {
  std::lock_guard lock(mu_);
  sessions_.insert_or_assign(std::string(peer), std::move(session));
}

std::optional<ClientSession> ClientSessionStore::get(std::string_view peer) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(peer);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

bool ClientSessionStore::erase(std::string_view peer) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(peer);
  if (it == sessions_.end()) return false;
  sessions_.erase(it);
  return true;
}

size_t ClientSessionStore::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace tlsc::session
