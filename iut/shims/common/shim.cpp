#include "iut/shims/common/shim.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace tlsc::shim {
namespace {

const char* const kUsage =
    "usage: %s --role server|client [flags]\n"
    "  --host 127.0.0.1 --port N           server: listen (0: any free port); client: connect\n"
    "  --cert F --key F                    server RSA credential (PEM)\n"
    "  --ecdsa-cert F --ecdsa-key F        server ECDSA credential (PEM)\n"
    "  --ca F                              trust anchor; the peer certificate is verified against it\n"
    "  --client-cert F --client-key F      client credential\n"
    "  --require-client-cert               server: request a certificate and require one\n"
    "  --min-version V --max-version V     tls1.0 | tls1.1 | tls1.2\n"
    "  --ciphers LIST                      the library's own cipher syntax\n"
    "  --suite IANA_NAME                   repeatable\n"
    "  --groups LIST                       x25519,secp256r1,secp384r1,secp521r1,ffdhe2048,ffdhe3072\n"
    "  --ems on|off --tickets on|off --session-cache on|off\n"
    "  --dhparams F                        server DHE parameters (PEM)\n"
    "  --connections N                     server: accept N connections then exit (0: until killed)\n"
    "  --session-in F --session-out F      client: resume from / save the session\n"
    "  --send TEXT                         client: send after the handshake, read the echo\n"
    "  --echo                              server: echo application data\n"
    "  --timeout-ms N                      every socket read and write (default 10000)\n"
    "  --version                           print the library and its version\n"
    "exit: 0 ok, 1 a connection failed, 2 usage, 3 setup, 89 unsupported by this library\n";

[[noreturn]] void usage_error(const std::string& program, const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", program.c_str(), what.c_str());
  std::exit(kExitUsage);
}

bool on_off(const std::string& program, const std::string& flag, const std::string& v) {
  if (v == "on") return true;
  if (v == "off") return false;
  usage_error(program, flag + ": expected on or off, got '" + v + "'");
}

int version_of(const std::string& program, const std::string& flag, const std::string& v) {
  if (v == "tls1.0") return kTls10;
  if (v == "tls1.1") return kTls11;
  if (v == "tls1.2") return kTls12;
  usage_error(program, flag + ": expected tls1.0, tls1.1 or tls1.2, got '" + v + "'");
}

long number(const std::string& program, const std::string& flag, const std::string& v, long lo, long hi) {
  char* end = nullptr;
  errno = 0;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno != 0 || n < lo || n > hi)
    usage_error(program, flag + ": expected a number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                             ", got '" + v + "'");
  return n;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == ',' || ch == ':') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(ch);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (ch < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", ch);
          out += buf;
        } else {
          out.push_back(static_cast<char>(ch));
        }
    }
  }
  return out + "\"";
}

void set_timeouts(int fd, int timeout_ms) {
  timeval tv{};
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = (timeout_ms % 1000) * 1000;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

void print_line(const std::string& line) {
  std::fputs(line.c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

// Handshake, then echo (server) or send and read the echo (client); fills the report.
ConnInfo drive(Connection& c, const Options& o) {
  ConnInfo info;
  std::string err = c.handshake();
  if (!err.empty()) {
    info = c.info();
    info.error = "handshake: " + err;
    c.close();
    return info;
  }
  info = c.info();
  if (o.role == Role::kClient && !o.session_out.empty()) {
    if (auto e = c.save_session(o.session_out); !e.empty()) info.error = "session-out: " + e;
  }
  std::vector<uint8_t> buf(16384);
  if (o.role == Role::kServer && o.echo) {
    for (;;) {
      long n = c.read(buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0) {
        info.error = "echo: read: " + c.error();
        break;
      }
      if (!c.write(buf.data(), static_cast<size_t>(n))) {
        info.error = "echo: write: " + c.error();
        break;
      }
    }
  } else if (o.role == Role::kClient && o.send) {
    const std::string& text = *o.send;
    if (!c.write(reinterpret_cast<const uint8_t*>(text.data()), text.size())) {
      info.error = "send: " + c.error();
    } else {
      std::string got;
      while (got.size() < text.size()) {
        long n = c.read(buf.data(), buf.size());
        if (n <= 0) {
          info.error = n == 0 ? "the peer closed before echoing all " + std::to_string(text.size()) + " bytes (got " +
                                    std::to_string(got.size()) + ")"
                              : "read: " + c.error();
          break;
        }
        got.append(reinterpret_cast<const char*>(buf.data()), static_cast<size_t>(n));
      }
      if (info.error.empty() && got != text) info.error = "the echo differs from what was sent";
    }
  }
  c.close();
  return info;
}

bool loopback_address(const std::string& host, in_addr* out) {
  if (::inet_pton(AF_INET, host.c_str(), out) != 1) return false;
  return (ntohl(out->s_addr) >> 24) == 127;
}

int serve(const Options& o, Library& lib, const std::string& program) {
  in_addr addr{};
  if (!loopback_address(o.host, &addr)) usage_error(program, "--host: only 127.0.0.0/8 addresses are allowed");
  int lfd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr = addr;
  sa.sin_port = htons(o.port);
  if (lfd < 0 || ::bind(lfd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || ::listen(lfd, 16) != 0) {
    std::fprintf(stderr, "%s: listen on %s:%u: %s\n", program.c_str(), o.host.c_str(), o.port, std::strerror(errno));
    return kExitSetup;
  }
  socklen_t len = sizeof sa;
  ::getsockname(lfd, reinterpret_cast<sockaddr*>(&sa), &len);
  print_line("ready " + o.host + ":" + std::to_string(ntohs(sa.sin_port)));
  for (int served = 0; o.connections == 0 || served < o.connections; ++served) {
    int fd = ::accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "%s: accept: %s\n", program.c_str(), std::strerror(errno));
      ::close(lfd);
      return kExitSetup;
    }
    set_timeouts(fd, o.timeout_ms);
    auto c = lib.accept(fd);  // owns fd
    print_line(json_line(drive(*c, o)));
  }
  ::close(lfd);
  return kExitOk;
}

int connect_once(const Options& o, Library& lib, const std::string& program) {
  in_addr addr{};
  if (!loopback_address(o.host, &addr)) usage_error(program, "--host: only 127.0.0.0/8 addresses are allowed");
  if (o.port == 0) usage_error(program, "--port: the client needs the server's port");
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr = addr;
  sa.sin_port = htons(o.port);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    std::fprintf(stderr, "%s: connect to %s:%u: %s\n", program.c_str(), o.host.c_str(), o.port, std::strerror(errno));
    if (fd >= 0) ::close(fd);
    return kExitSetup;
  }
  set_timeouts(fd, o.timeout_ms);
  auto c = lib.connect(fd);
  ConnInfo info = drive(*c, o);
  c.reset();
  print_line(json_line(info));
  return info.error.empty() ? kExitOk : kExitFailed;
}

}  // namespace

void unsupported(const std::string& reason) {
  std::fprintf(stderr, "tlsc-shim: unsupported: %s\n", reason.c_str());
  std::fflush(stderr);
  std::exit(kExitUnsupported);
}

std::string version_name(int v) {
  switch (v) {
    case kTls10: return "TLS1.0";
    case kTls11: return "TLS1.1";
    case kTls12: return "TLS1.2";
    default: return "";
  }
}

std::optional<std::vector<uint8_t>> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool write_file(const std::string& path, const std::vector<uint8_t>& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  return static_cast<bool>(out);
}

std::string json_line(const ConnInfo& c) {
  return "{\"version\": " + json_string(c.version) + ", \"suite\": " + json_string(c.suite) +
         ", \"resumed\": " + (c.resumed ? "true" : "false") +
         ", \"ems\": " + (c.ems ? (*c.ems ? "true" : "false") : "null") +
         ", \"peer_certificate\": " + (c.peer_certificate ? "true" : "false") + ", \"error\": " + json_string(c.error) +
         "}";
}

Options parse_options(int argc, char** argv, const std::string& program) {
  Options o;
  bool role_seen = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(program, flag + ": needs a value");
      return argv[++i];
    };
    if (flag == "--help" || flag == "-h") {
      std::printf(kUsage, program.c_str());
      std::exit(kExitOk);
    } else if (flag == "--role") {
      const std::string v = value();
      if (v != "server" && v != "client") usage_error(program, "--role: expected server or client, got '" + v + "'");
      o.role = v == "server" ? Role::kServer : Role::kClient;
      role_seen = true;
    } else if (flag == "--host") {
      o.host = value();
    } else if (flag == "--port") {
      o.port = static_cast<uint16_t>(number(program, flag, value(), 0, 65535));
    } else if (flag == "--cert") {
      o.cert = value();
    } else if (flag == "--key") {
      o.key = value();
    } else if (flag == "--ecdsa-cert") {
      o.ecdsa_cert = value();
    } else if (flag == "--ecdsa-key") {
      o.ecdsa_key = value();
    } else if (flag == "--ca") {
      o.ca = value();
    } else if (flag == "--client-cert") {
      o.client_cert = value();
    } else if (flag == "--client-key") {
      o.client_key = value();
    } else if (flag == "--require-client-cert") {
      o.require_client_cert = true;
    } else if (flag == "--min-version") {
      o.min_version = version_of(program, flag, value());
    } else if (flag == "--max-version") {
      o.max_version = version_of(program, flag, value());
    } else if (flag == "--ciphers") {
      o.ciphers = value();
    } else if (flag == "--suite") {
      o.suites.push_back(value());
    } else if (flag == "--groups") {
      o.groups = split(value());
    } else if (flag == "--ems") {
      o.ems = on_off(program, flag, value());
    } else if (flag == "--tickets") {
      o.tickets = on_off(program, flag, value());
    } else if (flag == "--session-cache") {
      o.session_cache = on_off(program, flag, value());
    } else if (flag == "--dhparams") {
      o.dhparams = value();
    } else if (flag == "--connections") {
      o.connections = static_cast<int>(number(program, flag, value(), 0, 1000000));
    } else if (flag == "--session-in") {
      o.session_in = value();
    } else if (flag == "--session-out") {
      o.session_out = value();
    } else if (flag == "--send") {
      o.send = value();
    } else if (flag == "--echo") {
      o.echo = true;
    } else if (flag == "--timeout-ms") {
      o.timeout_ms = static_cast<int>(number(program, flag, value(), 1, 600000));
    } else {
      usage_error(program, "unknown flag '" + flag + "' (--help lists the flags)");
    }
  }
  if (!role_seen) usage_error(program, "--role server|client is required");
  if (o.min_version && o.max_version && o.min_version > o.max_version)
    usage_error(program, "--min-version is above --max-version");
  if (o.role == Role::kServer && (o.cert.empty() || o.key.empty()))
    usage_error(program, "the server needs --cert and --key");
  if (o.ecdsa_cert.empty() != o.ecdsa_key.empty()) usage_error(program, "--ecdsa-cert and --ecdsa-key go together");
  if (o.client_cert.empty() != o.client_key.empty()) usage_error(program, "--client-cert and --client-key go together");
  return o;
}

int run(int argc, char** argv, const std::string& program, Library& lib) {
  std::signal(SIGPIPE, SIG_IGN);
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--version") {
      print_line(lib.name());
      return kExitOk;
    }
  Options o = parse_options(argc, argv, program);
  if (auto err = lib.configure(o); !err.empty()) {
    std::fprintf(stderr, "%s: %s\n", program.c_str(), err.c_str());
    return kExitSetup;
  }
  return o.role == Role::kServer ? serve(o, lib, program) : connect_once(o, lib, program);
}

}  // namespace tlsc::shim
