#include "harness/netns.h"

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace tlsc::harness {

std::string run_in_fresh_netns(const std::function<void()>& fn) {
  std::string error;
  std::thread t([&] {
    // unshare acts on the calling thread only: the rest of the process keeps its namespace.
    if (::unshare(CLONE_NEWNET) != 0) {
      error = std::string("cannot create a network namespace: unshare(CLONE_NEWNET): ") + std::strerror(errno);
      return;
    }
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      error = std::string("cannot bring lo up in the new network namespace: socket: ") + std::strerror(errno);
      return;
    }
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    bool up = ::ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
    if (up) {
      ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
      up = ::ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
    }
    if (!up) error = std::string("cannot bring lo up in the new network namespace: ") + std::strerror(errno);
    ::close(fd);
    if (up) fn();
  });
  t.join();
  return error;
}

}  // namespace tlsc::harness
