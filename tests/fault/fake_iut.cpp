// A fake IUT for the harness's fault-injection tests: it misbehaves in one chosen way.
//
//   tlsc_fake_iut server MODE PORT   listens on 127.0.0.1:PORT (except no-listen and exit) and,
//                                    once ready, prints "ACCEPT"; then per connection:
//     no-listen  never binds and never prints the ready line; sleeps until killed
//     exit       exits at once with status 3
//     unsupported exits at once with status 89, the shim contract's "not supported"
//     unsupported-late  gets ready, then at its first connection closes it and 0.1 s later exits 89
//     crash      reads the ClientHello record, then dies of SIGSEGV
//     hang       reads the ClientHello record, then never answers
//     hang-spawn as hang, after forking two helpers that sleep until killed: one in the server's
//                process group, one that left it (setsid), as a daemonizing server's would
//     close      reads the ClientHello record, then closes the connection (and keeps serving)
//     garbage    reads the ClientHello record, then answers with an HTTP error text
//     alerts     reads the ClientHello record, then streams warning alerts as fast as it can
//                (until the connection fails)
//     drip       reads the ClientHello record, then sends one warning alert every 2 s (forever)
//   tlsc_fake_iut client MODE PORT
//     no-connect never connects; sleeps until killed
//     unsupported never connects; exits 89 at once
//
// Only loopback; no shell; no core files (RLIMIT_CORE 0 before the crash).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace {

[[noreturn]] void sleep_forever() {
  for (;;) ::pause();
}

bool read_exact(int fd, unsigned char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, buf + got, n - got);
    if (r <= 0) return false;
    got += static_cast<size_t>(r);
  }
  return true;
}

// Reads one TLS record (the ClientHello): the 5-byte header, then its body.
bool read_record(int fd) {
  unsigned char hdr[5];
  if (!read_exact(fd, hdr, 5)) return false;
  const size_t len = (static_cast<size_t>(hdr[3]) << 8) | hdr[4];
  std::string body(len, '\0');
  return read_exact(fd, reinterpret_cast<unsigned char*>(body.data()), len);
}

// The shim contract's "not supported" (docs/iut-adapters.md).
int unsupported() {
  fprintf(stderr, "tlsc-shim: unsupported: the fake IUT does not do this\n");
  return 89;
}

int serve(const std::string& mode, int port) {
  if (mode == "no-listen") sleep_forever();
  if (mode == "hang-spawn") {
    if (::fork() == 0) sleep_forever();
    if (::fork() == 0) {
      ::setsid();
      sleep_forever();
    }
  }
  if (mode == "exit") {
    fprintf(stderr, "fake IUT: exiting at once\n");
    return 3;
  }
  if (mode == "unsupported") return unsupported();
  int ls = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(ls, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(ls, 16) != 0) {
    perror("fake IUT: bind/listen");
    return 1;
  }
  printf("ACCEPT\n");
  fflush(stdout);
  for (;;) {
    int c = ::accept(ls, nullptr, nullptr);
    if (c < 0) continue;
    if (!read_record(c)) {
      ::close(c);
      continue;
    }
    if (mode == "unsupported-late") {
      // Closes the connection, then exits a moment later: the window in which a harness that
      // looked at once would see a live server (and stop it) is made wide on purpose.
      ::close(c);
      ::usleep(100 * 1000);
      return unsupported();
    } else if (mode == "crash") {
      rlimit none{0, 0};
      ::setrlimit(RLIMIT_CORE, &none);
      ::signal(SIGSEGV, SIG_DFL);
      ::raise(SIGSEGV);
    } else if (mode == "hang" || mode == "hang-spawn") {
      sleep_forever();
    } else if (mode == "close") {
      ::close(c);
    } else if (mode == "alerts" || mode == "drip") {
      // TLSPlaintext alert record: warning(1), user_canceled(90).
      static const unsigned char alert[] = {21, 3, 3, 0, 2, 1, 90};
      ::signal(SIGPIPE, SIG_IGN);
      while (::write(c, alert, sizeof alert) == static_cast<ssize_t>(sizeof alert))
        if (mode == "drip") ::sleep(2);
      ::close(c);
    } else if (mode == "garbage") {
      const char text[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
      (void)!::write(c, text, sizeof text - 1);
      ::usleep(200 * 1000);
      ::close(c);
    } else {
      fprintf(stderr, "fake IUT: unknown server mode '%s'\n", mode.c_str());
      return 2;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: tlsc_fake_iut server|client MODE PORT [TAG...]\n");
    return 2;
  }
  const std::string role = argv[1], mode = argv[2];
  const int port = atoi(argv[3]);
  if (role == "server") return serve(mode, port);
  if (role == "client" && mode == "no-connect") sleep_forever();
  if (role == "client" && mode == "unsupported") return unsupported();
  fprintf(stderr, "fake IUT: unknown role/mode '%s %s'\n", role.c_str(), mode.c_str());
  return 2;
}
