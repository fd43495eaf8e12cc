#include "harness/client_session_file.h"


#include <fstream>
#include <iterator>
#include <system_error>

#include "harness/private_file.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::harness {
namespace {

constexpr char kMagic[8] = {'T', 'L', 'S', 'C', 'S', 'E', 'S', 'S'};

crypto::Err bad(const std::string& what) { return crypto::Err{"not a tlsconform client session file: " + what}; }

}  // namespace

Bytes encode_client_session(const session::ClientSession& s) {
  wire::Writer w;
  w.bytes(ByteView(reinterpret_cast<const uint8_t*>(kMagic), sizeof kMagic));
  w.u16(kClientSessionFileFormat);
  w.vec24(session::serialize(s.state));
  w.vec8(s.session_id);
  w.vec16(s.ticket);
  w.u32(s.ticket_lifetime_hint);
  return w.take();
}

crypto::Result<session::ClientSession> decode_client_session(ByteView data) {
  wire::Reader r(data);
  ByteView magic;
  if (!r.bytes(sizeof kMagic, magic) || !std::equal(magic.begin(), magic.end(), std::begin(kMagic),
                                                    [](uint8_t a, char b) { return a == static_cast<uint8_t>(b); }))
    return bad("wrong magic");
  uint16_t format = 0;
  if (!r.u16(format)) return bad("truncated format");
  if (format != kClientSessionFileFormat)
    return bad("format " + std::to_string(format) + " (this tlsconform reads " + std::to_string(kClientSessionFileFormat) + ")");
  session::ClientSession s;
  Bytes state;
  if (!r.vec24(state)) return bad("truncated session state");
  if (state.empty()) return bad("empty session state");
  auto parsed = session::parse_session_state(state);
  if (!parsed) return bad(parsed.error());
  s.state = std::move(*parsed);
  if (!r.vec8(s.session_id)) return bad("truncated session_id");
  if (s.session_id.size() > session::kMaxSessionIdSize)
    return bad("session_id of " + std::to_string(s.session_id.size()) + " bytes (at most 32)");
  if (!r.vec16(s.ticket)) return bad("truncated ticket");
  if (!r.u32(s.ticket_lifetime_hint)) return bad("truncated ticket_lifetime_hint");
  if (!r.done()) return bad(std::to_string(r.remaining()) + " trailing bytes");
  return s;
}

std::string save_client_session(const std::filesystem::path& file, const session::ClientSession& s) {
  Bytes data;
  try {
    data = encode_client_session(s);
  } catch (const std::exception& e) {
    return "cannot encode the session: " + std::string(e.what());
  }
  const std::filesystem::path tmp = file.string() + ".tmp";
  // A session (its master secret) is a secret: 0600 whatever the umask.
  std::string werr;
  if (!write_private_file(tmp, std::string_view(reinterpret_cast<const char*>(data.data()), data.size()), &werr))
    return werr;
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) return "cannot rename '" + tmp.string() + "' to '" + file.string() + "': " + ec.message();
  return "";
}

crypto::Result<session::ClientSession> load_client_session(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return crypto::Err{"'" + file.string() + "': cannot open"};
  Bytes data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return crypto::Err{"'" + file.string() + "': cannot read"};
  auto s = decode_client_session(data);
  if (!s) return crypto::Err{"'" + file.string() + "': " + s.error()};
  return s;
}

}  // namespace tlsc::harness
