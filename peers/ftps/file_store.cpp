#include "peers/ftps/file_store.h"

namespace tlsc::ftps {

void FileStore::put(const std::string& name, Bytes data) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[name] = std::move(data);
}

std::optional<Bytes> FileStore::get(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(name);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<std::string, size_t>> FileStore::list() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<std::string, size_t>> out;
  for (const auto& [n, d] : files_) out.emplace_back(n, d.size());
  return out;
}

std::string FileStore::name_of(const std::string& path) {
  std::string p = path;
  while (p.rfind("./", 0) == 0) p = p.substr(2);
  while (!p.empty() && p.front() == '/') p.erase(p.begin());
  // Sub-folders are part of the name ("pub/up.bin"); "." and ".." parts and empty ones leave the store.
  if (p.empty() || p.size() > 1024) return {};
  size_t start = 0;
  for (;;) {
    const size_t slash = p.find('/', start);
    const std::string part = p.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return {};
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return p;
}

}  // namespace tlsc::ftps
