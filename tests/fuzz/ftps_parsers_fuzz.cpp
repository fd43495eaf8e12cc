// Fuzzes every parser the FTPS client and server apply to a peer's bytes (peers/ftps).
//
// Input: a mode byte, a config byte, then the peer's bytes.
//   mode 0 (client): LineReader fed in chunks -> ReplyParser (RFC 959 4.2, multi-line) -> each
//          reply checked, re-formatted and re-parsed, and its text run through the PASV (227) and
//          EPSV (229) parsers.
//   mode 1 (server): LineReader fed in chunks -> parse_command, formatted and re-parsed.
//   mode 2 (control connection): the bytes arrive on a MemoryPipe read by PlainControl::read_reply
//          until it fails; after the first reply the AUTH hand-over (take_buffered +
//          PrefixedStream, RFC 4217 4) must give back exactly the bytes after that reply.
//   mode 3 (raw): plaintext_after_records on the bytes; the bytes as one 227 / 229 line.
//   mode 4 / 5 (after AUTH): the bytes arrive as TLS application data records of `chunk` bytes
//          on a TlsControl: replies read with read_reply (client, 4) or lines with read_line and
//          parsed as commands (server, 5), until close_notify.
// Config byte: bits 0-4 chunk size - 1, bit 5 one single feed, bit 6 small limits (32-byte
// lines, 4-line replies), bit 7 a 1-byte read buffer for the hand-over.
// Invariants: parsed codes are 100..599 and match the first line; lines respect the limits and
// hold no CR, LF or NUL; held memory stays within one line plus one feed; PASV hosts are dotted
// quads whose connect target is loopback or refused; ports are 1..65535; re-rendering a parsed
// reply, command or passive address parses back to the same thing; every failure says why.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "peers/engine/app_channel.h"
#include "peers/ftps/command.h"
#include "peers/ftps/control.h"
#include "peers/ftps/line_reader.h"
#include "peers/ftps/passive.h"
#include "peers/ftps/prefixed_stream.h"
#include "peers/ftps/reply.h"
#include "peers/transport/loopback_address.h"
#include "peers/transport/memory_pipe.h"
#include "peers/wire/reader.h"

using namespace tlsc;
using namespace tlsc::ftps;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

struct Limits {
  size_t max_line = kMaxLineLength;
  size_t max_lines = kMaxReplyLines;
};

bool clean_line(const std::string& l, const Limits& lim) {
  return l.size() <= lim.max_line && l.find_first_of(std::string("\r\n\0", 3)) == std::string::npos;
}

std::string text_after_code(const std::string& l) { return l.size() > 4 ? l.substr(4) : std::string(); }

bool is_last_line(const std::string& l, int code) {
  auto c = reply_code(l);
  return c && *c == code && (l.size() == 3 || l[3] == ' ');
}

// A dotted quad of four numbers 0..255 without leading zeros (as parse_pasv_reply renders them).
bool dotted_quad(const std::string& host) {
  size_t parts = 0, i = 0;
  while (i <= host.size()) {
    size_t j = host.find('.', i);
    if (j == std::string::npos) j = host.size();
    const std::string p = host.substr(i, j - i);
    if (p.empty() || p.size() > 3 || (p.size() > 1 && p[0] == '0')) return false;
    for (char c : p)
      if (c < '0' || c > '9') return false;
    if (std::stoi(p) > 255) return false;
    ++parts;
    i = j + 1;
  }
  return parts == 4;
}

void check_passive(const Reply& r) {
  std::string why;
  if (auto a = parse_pasv_reply(r, &why)) {
    require(r.code == 227 && dotted_quad(a->host) && a->port != 0);
    // The data connection goes to a loopback address or is refused before any socket exists.
    std::string err;
    if (transport::loopback_address(a->host, a->port, err)) require(a->host.rfind("127.", 0) == 0);
    else require(!err.empty());
    auto again = parse_pasv_reply(Reply{227, {"227 " + pasv_text(a->host, a->port)}});
    require(again && again->host == a->host && again->port == a->port);
  } else {
    require(!why.empty());
  }
  why.clear();
  if (auto a = parse_epsv_reply(r, &why)) {
    require(r.code == 229 && a->host.empty() && a->port != 0);
    auto again = parse_epsv_reply(Reply{229, {"229 " + epsv_text(a->port)}});
    require(again && again->host.empty() && again->port == a->port);
  } else {
    require(!why.empty());
  }
}

void check_reply(const Reply& r, const Limits& lim) {
  require(r.code >= 100 && r.code <= 599);
  require(!r.lines.empty() && r.lines.size() <= lim.max_lines);
  require(reply_code(r.lines.front()) == r.code);
  for (const auto& l : r.lines) require(clean_line(l, lim));
  const int kinds = r.preliminary() + r.completion() + r.intermediate() + r.failure();
  require(kinds == 1);
  require(r.text() == text_after_code(r.lines.front()));
  (void)r.joined();
  if (r.lines.size() == 1) {
    require(r.lines[0].size() == 3 || r.lines[0][3] == ' ');
  } else {
    // RFC 959 4.2: "ddd-" first, "ddd " last, no middle line ends the reply.
    require(r.lines.front()[3] == '-' && is_last_line(r.lines.back(), r.code));
    for (size_t i = 1; i + 1 < r.lines.size(); ++i) require(!is_last_line(r.lines[i], r.code));
  }

  // Re-render (format_reply) and re-parse: same code, same lines (middle lines that start with a
  // code come back indented by one space).
  std::vector<std::string> texts;
  for (size_t i = 0; i < r.lines.size(); ++i)
    texts.push_back(i == 0 || i + 1 == r.lines.size() ? text_after_code(r.lines[i]) : r.lines[i]);
  auto wire = format_reply(r.code, texts);
  require(wire.has_value());
  LineReader lr(lim.max_line + 1);
  require(lr.feed(view(*wire)));
  ReplyParser p(r.lines.size());
  std::optional<Reply> back;
  while (auto l = lr.next()) {
    require(!back);
    auto st = p.add(*l);
    require(st != ReplyParser::Status::kError);
    if (st == ReplyParser::Status::kComplete) back = p.take();
  }
  require(!lr.failed() && lr.buffered() == 0 && back && back->code == r.code);
  require(back->lines.size() == r.lines.size());
  require(back->text() == r.text() && text_after_code(back->lines.back()) == text_after_code(r.lines.back()));
  for (size_t i = 1; i + 1 < r.lines.size(); ++i)
    require(back->lines[i] == (reply_code(r.lines[i]) ? " " : "") + r.lines[i]);

  check_passive(r);
  check_passive(Reply{227, r.lines});
  check_passive(Reply{229, r.lines});
}

void check_command(const std::string& line) {
  std::string why;
  auto c = parse_command(line, &why);
  if (!c) {
    require(!why.empty());
    return;
  }
  require(c->verb.size() >= 3 && c->verb.size() <= 4);
  for (char ch : c->verb) require(ch >= 'A' && ch <= 'Z');
  const size_t sp = line.find(' ');
  require(c->arg == (sp == std::string::npos ? std::string() : line.substr(sp + 1)));
  // A received line holds no CR/LF/NUL, so it always re-formats, and parses back the same.
  auto wire = format_command(c->verb, c->arg, &why);
  require(wire && wire->size() >= 2 && wire->substr(wire->size() - 2) == "\r\n");
  auto again = parse_command(wire->substr(0, wire->size() - 2));
  require(again && again->verb == c->verb && again->arg == c->arg);
  const std::string d = describe_command(c->verb, c->arg);
  if (c->verb == "PASS" && !c->arg.empty()) require(d == "PASS ****");
}

// Feeds `in` to a LineReader in chunks; each complete line goes to `on_line` (false: stop).
template <class F>
void read_lines(ByteView in, size_t chunk, const Limits& lim, F on_line) {
  LineReader r(lim.max_line);
  wire::Reader rd(in);
  while (!rd.empty()) {
    ByteView piece;
    require(rd.bytes(std::min(chunk, rd.remaining()), piece));
    if (!r.feed(piece)) {
      require(r.failed() && !r.error().empty());
      return;
    }
    while (auto l = r.next()) {
      require(clean_line(*l, lim));
      if (!on_line(*l)) return;
    }
    if (r.failed()) {
      require(!r.error().empty() && !r.next() && !r.feed(piece));
      return;
    }
    // Bounded: at most one unfinished line (its CR included) waits, plus the last feed in memory.
    require(r.buffered() <= lim.max_line + 1 && r.held() <= lim.max_line + 1 + piece.size());
  }
  const size_t left = r.buffered();
  require(r.take_buffered().size() == left && r.buffered() == 0);
}

void client_replies(ByteView in, size_t chunk, const Limits& lim) {
  ReplyParser p(lim.max_lines);
  read_lines(in, chunk, lim, [&](const std::string& l) {
    switch (p.add(l)) {
      case ReplyParser::Status::kComplete: check_reply(p.take(), lim); return true;
      case ReplyParser::Status::kMore: return true;
      case ReplyParser::Status::kError:
        require(!p.error().empty() && p.add("200 ok") == ReplyParser::Status::kError);
        return false;
    }
    return false;
  });
}

void server_commands(ByteView in, size_t chunk, const Limits& lim) {
  read_lines(in, chunk, lim, [&](const std::string& l) {
    check_command(l);
    return true;
  });
}

void control_channel(ByteView in, bool tiny_reads) {
  auto pipe = transport::make_memory_pipe();
  if (in.size() > (size_t{1} << 20)) return;  // more than the pipe holds
  require(pipe.b->write_all(in, transport::kNoDeadline).ok());
  require(pipe.b->shutdown_write().ok());
  const std::chrono::milliseconds wait(1000);
  PlainControl ctl(*pipe.a);
  const Limits lim;
  auto first = ctl.read_reply(wait);
  if (!first.reply) {
    require(!first.error.empty());
    return;
  }
  check_reply(*first.reply, lim);
  // The AUTH hand-over: what follows the reply's last CRLF, unread bytes first, then the stream.
  size_t consumed = 0;
  for (const auto& l : first.reply->lines) consumed += l.size() + 2;
  require(consumed <= in.size());
  PrefixedStream ps(*pipe.a, ctl.take_buffered());
  Bytes rest;
  std::vector<uint8_t> buf(tiny_reads ? 1 : 512);
  for (;;) {
    auto r = ps.read_some(buf, transport::deadline_after(wait));
    if (!r.ok()) {
      require(r.status == transport::IoStatus::eof);
      break;
    }
    require(r.bytes > 0 && r.bytes <= buf.size());
    rest.insert(rest.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(r.bytes));
  }
  require(rest.size() == in.size() - consumed && std::equal(rest.begin(), rest.end(), in.begin() + static_cast<std::ptrdiff_t>(consumed)));
}

// Stands in for the engine's TLS connection: hands out the bytes as records, then close_notify.
class RecordFeed final : public engine::AppChannel {
 public:
  RecordFeed(ByteView in, size_t chunk) : in_(in), chunk_(chunk) {}
  bool send(ByteView) override { return true; }
  engine::AppRead receive(std::chrono::milliseconds) override {
    engine::AppRead r;
    ByteView piece;
    if (in_.empty() || !in_.bytes(std::min(chunk_, in_.remaining()), piece)) {
      r.status = engine::AppRead::Status::kCloseNotify;
      return r;
    }
    r.status = engine::AppRead::Status::kData;
    r.data.assign(piece.begin(), piece.end());
    return r;
  }
  const engine::ConnectionReport& report() const override { return report_; }

 private:
  wire::Reader in_;
  size_t chunk_;
  engine::ConnectionReport report_;
};

void tls_control(ByteView in, size_t chunk, bool server) {
  RecordFeed feed(in, chunk);
  TlsControl ctl(feed);
  const Limits lim;
  const std::chrono::milliseconds wait(1000);
  for (size_t n = 0;; ++n) {
    require(n <= in.size());  // every turn consumes at least one line
    if (server) {
      auto l = ctl.read_line(wait);
      if (!l.line) {
        require(!l.error.empty() && !l.timeout);
        return;
      }
      require(clean_line(*l.line, lim));
      check_command(*l.line);
    } else {
      auto r = ctl.read_reply(wait);
      if (!r.reply) {
        require(!r.error.empty());
        return;
      }
      check_reply(*r.reply, lim);
    }
  }
}

void raw_bytes(ByteView in) {
  if (auto line = plaintext_after_records(in)) {
    require(line->size() >= 4 && line->size() <= 200 && line->find_first_of("\r\n") == std::string::npos);
    require(reply_code(line->substr(0, 4)).has_value());
  }
  const std::string s(in.begin(), in.end());
  check_passive(Reply{227, {"227 " + s}});
  check_passive(Reply{229, {"229 " + s}});
  check_passive(Reply{227, {s}});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wire::Reader in(ByteView(data, size));
  uint8_t mode = 0, config = 0;
  if (!in.u8(mode) || !in.u8(config)) return 0;
  const ByteView bytes = in.rest();
  const size_t chunk = (config & 0x20) ? std::max<size_t>(bytes.size(), 1) : (config & 0x1f) + 1u;
  Limits lim;
  if (config & 0x40) lim = Limits{32, 4};
  switch (mode % 6) {
    case 0: client_replies(bytes, chunk, lim); break;
    case 1: server_commands(bytes, chunk, lim); break;
    case 2: control_channel(bytes, (config & 0x80) != 0); break;
    case 3: raw_bytes(bytes); break;
    case 4: tls_control(bytes, chunk, false); break;
    default: tls_control(bytes, chunk, true); break;
  }
  return 0;
}
