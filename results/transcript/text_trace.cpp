#include "results/transcript/text_trace.h"

#include <fmt/format.h>

namespace tlsc::results {

std::string text_trace(const TraceInput& in) {
  const size_t c2s = in.client_to_server ? in.client_to_server->size() : 0;
  const size_t s2c = in.server_to_client ? in.server_to_client->size() : 0;
  std::string out = fmt::format("# one TLS connection; our engine was the {}\n", in.our_role);
  out += fmt::format("# {} bytes client -> server, {} bytes server -> client\n", c2s, s2c);
  out += "\n## messages as our engine logged them ('>' we sent, '<' we received)\n";
  for (const auto& m : in.messages) out += "  " + m + "\n";
  out += "\n## records in exchange order (C client, S server; offsets within each direction)\n";
  if (in.order) {
    size_t n = 0;
    for (const auto& s : *in.order)
      out += fmt::format("  {:>4}  {}  @{:<6} {}\n", ++n, s.dir == Direction::client_to_server ? "C -> S" : "S -> C",
                         s.offset, s.what);
  }
  return out;
}

}  // namespace tlsc::results
