// The files every FTPS scenario transfers, the same for the harness (which puts them where an
// IUT server serves them, or where an IUT client uploads from) and the interpreter (which checks
// each transfer end to end against their SHA-256, RFC 4217 has no integrity of its own beyond TLS).
//
//   IUT server: the harness writes kDownloadName (download()) into {ftproot}, and the upload folder
//     {ftproot}/<ftp.upload_dir> (writable); our client LISTs, RETRs kDownloadName, STORs upload()
//     as <upload_dir>/kUploadName and RETRs it back.
//   IUT client: our server offers kDownloadName (download()); the IUT client LISTs, RETRs it into
//     {workdir}/kDownloadedName, and STORs {upload_file} (= {workdir}/kUploadName, upload()) as
//     kUploadName.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace tlsc::scenarios::ftps_payload {

inline constexpr std::string_view kDownloadName = "tlsc-download.bin";
inline constexpr std::string_view kUploadName = "tlsc-upload.bin";
inline constexpr std::string_view kDownloadedName = "tlsc-downloaded.bin";  // where an IUT client saves it

// Deterministic, incompressible-looking bytes (xorshift32), distinct for the two files; sizes
// span several TLS records and are not multiples of a record or a block.
inline std::vector<uint8_t> pattern(size_t n, uint32_t seed) {
  std::vector<uint8_t> b(n);
  uint32_t x = 2463534242u ^ seed;
  for (auto& v : b) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    v = static_cast<uint8_t>(x);
  }
  return b;
}
inline std::vector<uint8_t> download() { return pattern(150001, 0x444c); }
inline std::vector<uint8_t> upload() { return pattern(90007, 0x554c); }

}  // namespace tlsc::scenarios::ftps_payload
