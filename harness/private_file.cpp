#include "harness/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tlsc::harness {
namespace {

// open(2) with mode 0600, then fchmod: the umask can only clear bits, an existing file keeps its
// old mode on open, and neither may leave the file readable by others.
int open_private(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (::fchmod(fd, 0600) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

}  // namespace

bool write_private_file(const std::filesystem::path& path, std::string_view data, std::string* error) {
  const int fd = open_private(path, O_WRONLY | O_TRUNC);
  if (fd < 0) {
    if (error) *error = "cannot create " + path.string() + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (error) *error = "cannot write " + path.string() + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    if (error) *error = "cannot write " + path.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

std::FILE* open_private_append(const std::filesystem::path& path) {
  const int fd = open_private(path, O_WRONLY | O_APPEND);
  if (fd < 0) return nullptr;
  std::FILE* f = ::fdopen(fd, "a");
  if (!f) ::close(fd);
  return f;
}

void make_private(const std::filesystem::path& path) {
  const int fd = open_private(path, O_WRONLY);
  if (fd >= 0) ::close(fd);
}

}  // namespace tlsc::harness
