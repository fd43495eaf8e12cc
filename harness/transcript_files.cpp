#include "harness/transcript_files.h"

#include <fstream>

#include "harness/private_file.h"

#include "results/transcript/pcap_writer.h"
#include "results/transcript/record_order.h"
#include "results/transcript/text_trace.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

namespace {

bool write_file(const fs::path& path, const void* data, size_t size, std::string* error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out.flush()) {
    if (error) *error = "cannot write " + path.string();
    return false;
  }
  return true;
}

}  // namespace

std::vector<fs::path> write_transcript(const fs::path& dir, const std::string& stem,
                                       const engine::ConnectionReport& report, std::string* error) {
  std::vector<fs::path> written;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    if (error) *error = "cannot create " + dir.string() + ": " + ec.message();
    return written;
  }
  const bool we_are_client = report.role == engine::Role::kClient;
  const auto& c2s = we_are_client ? report.bytes_sent : report.bytes_received;
  const auto& s2c = we_are_client ? report.bytes_received : report.bytes_sent;
  const auto order = results::order_records(c2s, s2c);

  const auto pcap = results::make_pcap(c2s, s2c, order);
  const fs::path pcap_path = dir / (stem + ".pcap");
  if (!write_file(pcap_path, pcap.data(), pcap.size(), error)) return written;
  written.push_back(pcap_path);

  std::string keys;
  for (const auto& line : report.keylog) keys += line + "\n";
  const fs::path keys_path = dir / (stem + ".keys");
  // The key log decrypts the connection: 0600 whatever the umask.
  if (!write_private_file(keys_path, keys, error)) return written;
  written.push_back(keys_path);

  results::TraceInput in;
  in.our_role = we_are_client ? "client" : "server";
  in.messages = report.messages;
  in.client_to_server = &c2s;
  in.server_to_client = &s2c;
  in.order = &order;
  const std::string txt = results::text_trace(in);
  const fs::path txt_path = dir / (stem + ".txt");
  if (!write_file(txt_path, txt.data(), txt.size(), error)) return written;
  written.push_back(txt_path);
  return written;
}

}  // namespace tlsc::harness
