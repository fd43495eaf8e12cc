#include "harness/client_cert_option.h"

#include <filesystem>

#include "peers/engine/config.h"

namespace tlsc::harness {

void add_client_cert_options(CLI::App& run, ClientCertOptions& o) {
  run.add_option("--client-cert", o.cert,
                 "Remote mode: the client certificate (PEM) our client presents when the server asks (default: the "
                 "run's test client certificate, issued by OUT/pki/ca.pem)");
  run.add_option("--client-key", o.key, "Remote mode: the private key (PEM) of --client-cert");
  run.add_flag("--no-client-cert", o.none,
               "Remote mode: present no client certificate unless a scenario is about presenting one");
}

std::string check_client_cert(const ClientCertOptions& o, bool remote) {
  const bool given = !o.cert.empty() || !o.key.empty();
  if ((given || o.none) && !remote) return "--client-cert/--client-key/--no-client-cert: only with --target or --listen";
  if (given && o.none) return "--no-client-cert: not with --client-cert/--client-key";
  if (!given) return "";
  if (o.cert.empty() || o.key.empty()) return o.cert.empty() ? "--client-key: needs --client-cert" : "--client-cert: needs --client-key";
  for (const auto* f : {&o.cert, &o.key})
    if (!std::filesystem::is_regular_file(*f))
      return std::string(f == &o.cert ? "--client-cert" : "--client-key") + ": no such file '" + *f + "'";
  auto loaded = engine::Credential::from_pem_files(o.cert, o.key);
  if (!loaded) return "--client-cert: " + loaded.error();
  return "";
}

void apply_client_cert(const ClientCertOptions& o, scenarios::PeerEnv& env) {
  env.answer_certificate_request = !o.none;
  if (!o.cert.empty()) env.client_cert = pki::KeyPair{o.cert, o.key, {}};
}

}  // namespace tlsc::harness
