// Passive-mode port ranges for FTP servers run as IUTs ({pasv_min}..{pasv_max}). A server binds
// its passive ports itself, later and repeatedly, so the harness cannot hold them open; it makes
// collisions as unlikely as it can instead:
//   - the ranges lie below the kernel's ephemeral range (net.ipv4.ip_local_port_range), so no
//     outgoing connection and no bind to port 0 (pick_free_port, the servers' control ports) is
//     ever given one of these ports;
//   - each range is leased under an exclusive flock(2) on a lock file in the temp folder, held
//     while the lease lives: concurrent units and concurrent tlsconform processes (ctest -j) never
//     get the same range;
//   - every port of a leased range was bindable on 127.0.0.1 when it was leased (a range some
//     other program uses is skipped).
// What is left is a program outside the harness binding one of these ports while the unit runs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace tlsc::harness {

class PassiveRange {
 public:
  static constexpr uint16_t kSize = 16;
  ~PassiveRange();
  PassiveRange(const PassiveRange&) = delete;
  PassiveRange& operator=(const PassiveRange&) = delete;
  uint16_t min() const { return min_; }
  uint16_t max() const { return static_cast<uint16_t>(min_ + kSize - 1); }

  // A free range, leased until the returned object is destroyed; nullptr and `error` set if none.
  static std::shared_ptr<PassiveRange> lease(std::string* error);

 private:
  PassiveRange(uint16_t min, int lock_fd) : min_(min), lock_fd_(lock_fd) {}
  uint16_t min_;
  int lock_fd_;
};

}  // namespace tlsc::harness
