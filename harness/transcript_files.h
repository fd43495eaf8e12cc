// The transcript files of one connection of our engine, written next to a unit's result:
//   <stem>.pcap  the connection as synthesized TCP/IPv4 packets (127.0.0.1 client, 127.0.0.2:443
//                server), records interleaved by flights (results/transcript/record_order.h)
//   <stem>.keys  the NSS key log (CLIENT_RANDOM lines) that lets Wireshark decrypt it
//   <stem>.txt   the readable trace: the engine's message list and the record sequence
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "peers/engine/report.h"

namespace tlsc::harness {

// Returns the paths written (pcap, keys, txt), in that order; on a write error returns what was
// written so far and sets `error` to one line naming the file.
std::vector<std::filesystem::path> write_transcript(const std::filesystem::path& dir, const std::string& stem,
                                                    const engine::ConnectionReport& report,
                                                    std::string* error = nullptr);

}  // namespace tlsc::harness
