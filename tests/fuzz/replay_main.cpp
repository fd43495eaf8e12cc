// Replays every file of a fuzz corpus folder through LLVMFuzzerTestOneInput, for builds without
// libFuzzer (gcc, the ASan/UBSan preset). Fails if the folder is missing or empty.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  size_t n = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1], ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    // Every prefix too: truncation is the commonest hostile input.
    for (size_t cut = 0; cut < bytes.size(); ++cut) LLVMFuzzerTestOneInput(bytes.data(), cut);
    ++n;
  }
  if (ec || n == 0) {
    std::fprintf(stderr, "%s: no corpus files in %s\n", argv[0], argv[1]);
    return 1;
  }
  std::printf("replayed %zu corpus files\n", n);
  return 0;
}
