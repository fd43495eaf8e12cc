// The scripted server's files: an in-memory flat folder, shared between connections (and with
// the test that fills and inspects it), guarded by a mutex.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "peers/wire/bytes.h"

namespace tlsc::ftps {

class FileStore {
 public:
  void put(const std::string& name, Bytes data);
  std::optional<Bytes> get(const std::string& name) const;
  std::vector<std::pair<std::string, size_t>> list() const;  // name, size; sorted by name
  // A client path ("/a.bin", "a.bin", "./a.bin", "pub/a.bin") as the store's name (a sub-folder is
  // part of the name); "" for a path that leaves the store or has empty parts ("..", "x/../y", "x//y").
  static std::string name_of(const std::string& path);

 private:
  mutable std::mutex mu_;
  std::map<std::string, Bytes> files_;
};

}  // namespace tlsc::ftps
