// The FTPS layer's misbehaviour switchboards (TLS-level deviations stay in engine::ClientQuirks /
// engine::ServerQuirks, set per connection: control or data). All off by default; each is
// consulted at the step where it applies (grep the name in client.cpp / server.cpp).
#pragma once

namespace tlsc::ftps {

struct FtpsClientQuirks {
  // If set, the client sends PROT P without PBSZ 0 before it (RFC 4217 9: PBSZ must come first).
  bool SkipPbsz = false;
};

struct FtpsServerQuirks {
  // If set, the server writes its first reply after the TLS handshake in the clear on the TCP
  // stream (RFC 4217 4: after AUTH the control connection is TLS only).
  bool SendPlaintextReplyAfterAuth = false;
  // If set, the server accepts PROT without a preceding PBSZ (RFC 4217 9: reply 503).
  bool AcceptProtWithoutPbsz = false;
};

}  // namespace tlsc::ftps
