#include "harness/passive_range.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

namespace tlsc::harness {
namespace {

constexpr uint16_t kLowest = 10000;

// The first port of the kernel's ephemeral range (32768 on Linux unless configured).
uint16_t ephemeral_start() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  unsigned lo = 0, hi = 0;
  if (!(in >> lo >> hi) || lo <= kLowest + PassiveRange::kSize || lo > 65535) return 32768;
  return static_cast<uint16_t>(lo);
}

bool bindable(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

PassiveRange::~PassiveRange() { ::close(lock_fd_); }  // releases the flock

std::shared_ptr<PassiveRange> PassiveRange::lease(std::string* error) {
  const uint16_t top = ephemeral_start();
  const unsigned slots = (top - kLowest) / kSize;
  const auto dir = std::filesystem::temp_directory_path() / "tlsc-passive-ports";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::filesystem::permissions(dir, std::filesystem::perms::all, ec);  // shared by every user's runs
  // Start at a slot that differs per process and per call, so concurrent runs rarely contend.
  static std::atomic<unsigned> calls{0};
  const unsigned first = (static_cast<unsigned>(::getpid()) * 7919u + calls++ * 131u) % slots;
  for (unsigned i = 0; i < slots; ++i) {
    const auto min = static_cast<uint16_t>(kLowest + ((first + i) % slots) * kSize);
    const auto lock = dir / (std::to_string(min) + ".lock");
    int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      continue;
    }
    bool free = true;
    for (uint16_t p = min; free && p < min + kSize; ++p) free = bindable(p);
    if (free) return std::shared_ptr<PassiveRange>(new PassiveRange(min, fd));
    ::close(fd);
  }
  if (error)
    *error = "no free passive port range of " + std::to_string(kSize) + " ports between " + std::to_string(kLowest) +
             " and " + std::to_string(top - 1) + " (locks in " + dir.string() + ")";
  return nullptr;
}

}  // namespace tlsc::harness
