// Fuzzes the extension list parser and every typed extension body parser.
//
// The input is the contents of an extensions block (what follows the u16 block length). When it
// parses, writing the list back must reproduce the block exactly. Every typed parser runs on each
// extension body and on the whole input; whenever one succeeds, its encode() must give back the
// body byte for byte, and a failure must say why.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "peers/messages/extensions.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

using namespace tlsc;
using namespace tlsc::msg;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

template <class T>
void check_typed(ByteView body) {
  T t;
  ParseError why;
  if (parse(body, t, &why)) {
    require(t.encode() == Bytes(body.begin(), body.end()));
    const Extension e = t.to_extension();
    require(e.type == T::kType && e.body == t.encode());
    (void)t.describe();
  } else {
    require(!why.detail.empty());
  }
}

void check_all_typed(ByteView body) {
  check_typed<ServerNameList>(body);
  check_typed<SupportedGroups>(body);
  check_typed<EcPointFormats>(body);
  check_typed<SignatureAlgorithms>(body);
  check_typed<ExtendedMasterSecret>(body);
  check_typed<SessionTicketExt>(body);
  check_typed<RenegotiationInfo>(body);
  check_typed<Alpn>(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 0xffff) return 0;  // the block carries a u16 length
  const ByteView input(data, size);
  check_all_typed(input);

  Extensions exts;
  ParseError why;
  if (!parse_extensions(wire::Reader(input), exts, &why, "fuzz")) {
    require(!why.detail.empty());
    return 0;
  }
  wire::Writer w;
  write_extensions(w, exts);
  wire::Reader back(w.data()), block;
  require(back.prefixed16(block) && back.done());
  require(block.rest().size() == size && Bytes(block.rest().begin(), block.rest().end()) == Bytes(input.begin(), input.end()));
  Extensions again;
  require(parse_extension_block(w.data(), again, nullptr) && again == exts);

  size_t total = 0;
  for (const Extension& e : exts) {
    total += count_extensions(exts, e.type);
    require(find_extension(exts, e.type) != nullptr);
    check_all_typed(e.body);
  }
  require((first_duplicate(exts).has_value()) == (total != exts.size()));
  (void)describe_extensions(exts);
  return 0;
}
