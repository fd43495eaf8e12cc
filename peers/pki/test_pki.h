// The run's test PKI: a CA, server certificates (RSA-2048 and ECDSA P-256) and an RSA client
// certificate, generated with the OpenSSL API at run time — no private key is ever committed.
// Written under one folder (key files mode 0600), generated once and reused while still valid.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tlsc::pki {

// Password of the PKCS#12 files (test material only).
inline constexpr const char* kPkcs12Password = "tlsconform";

struct KeyPair {
  std::filesystem::path cert;  // PEM certificate
  std::filesystem::path key;   // PEM private key (PKCS#8, unencrypted), mode 0600
  std::filesystem::path p12;   // PKCS#12 of key + certificate + CA, mode 0600
};

struct TestPki {
  std::filesystem::path dir;
  std::filesystem::path ca_cert;  // PEM, the trust anchor for every certificate below
  std::filesystem::path ca_key;
  KeyPair server_rsa;    // RSA-2048, CN=localhost, SAN DNS:localhost + IP:127.0.0.1, serverAuth
  KeyPair server_ecdsa;  // ECDSA P-256, same names, serverAuth
  KeyPair client_rsa;    // RSA-2048, CN=tlsconform client, clientAuth
};

// The file layout of a PKI in `dir` (nothing is created).
TestPki layout(const std::filesystem::path& dir);

// True when every file of `p` exists and parses and no certificate expires within a day.
bool usable(const TestPki& p);

// Returns the PKI in `dir`, generating it if any file is missing or a certificate expires within a
// day. On failure returns nullopt and sets `error` to one line naming the file or step.
std::optional<TestPki> ensure(const std::filesystem::path& dir, std::string* error);

}  // namespace tlsc::pki
