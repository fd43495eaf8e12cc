// Remote mode's client certificate: `--client-cert FILE --client-key FILE` (PEM) is what our
// client presents when a server asks for one, in the scenarios about client authentication and,
// where a scenario does not say, whenever the server sends a CertificateRequest. Default: the
// run's own test client certificate (OUT/pki/client.pem, issued by OUT/pki/ca.pem: give the IUT
// that CA to trust). `--no-client-cert`: present none unless a scenario says so.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "scenarios/peer_setup.h"

namespace tlsc::harness {

struct ClientCertOptions {
  std::string cert, key;
  bool none = false;
};

void add_client_cert_options(CLI::App& run, ClientCertOptions& o);

// "" or one line naming the option: only in remote mode, both files or neither, loadable PEM.
std::string check_client_cert(const ClientCertOptions& o, bool remote);

// A remote unit's peer environment: which certificate, and that it answers every request.
void apply_client_cert(const ClientCertOptions& o, scenarios::PeerEnv& env);

}  // namespace tlsc::harness
