#include "peers/messages/certificate.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using detail::fail;
using detail::finish;
using wire::Reader;
using wire::Writer;

namespace {
std::string raw_description(const char* name, const Bytes& raw) { return std::string(name) + " raw_body" + brief_hex(raw, 32); }
}  // namespace

// ---- Certificate

Bytes Certificate::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  w.prefixed24([&](Writer& l) {
    for (const Bytes& c : certificates) l.vec24(c);
  });
  return w.take();
}

std::string Certificate::describe() const {
  if (raw_body) return raw_description("Certificate", *raw_body);
  std::string out = "Certificate certificates[" + std::to_string(certificates.size()) + "]{";
  for (size_t i = 0; i < certificates.size(); ++i) out += (i ? ", " : "") + std::to_string(certificates[i].size()) + " bytes";
  return out + "}";
}

bool parse(ByteView body, Certificate& out, std::string* why) {
  Reader r(body), list;
  // RFC 5246, 7.4.2: ASN.1Cert certificate_list<0..2^24-1>
  if (!r.prefixed24(list)) return fail(why, "Certificate.certificate_list: length overruns body");
  if (!finish(r, why, "Certificate")) return false;
  Certificate m;
  while (!list.empty()) {
    Bytes cert;
    if (!list.vec24(cert))
      return fail(why, "Certificate.certificate_list[" + std::to_string(m.certificates.size()) +
                           "]: length overruns list");
    // RFC 5246, 7.4.2: opaque ASN.1Cert<1..2^24-1>
    if (cert.empty())
      return fail(why, "Certificate.certificate_list[" + std::to_string(m.certificates.size()) +
                           "]: empty certificate (RFC 5246, 7.4.2: ASN.1Cert<1..2^24-1>)");
    m.certificates.push_back(std::move(cert));
  }
  out = std::move(m);
  return true;
}

// ---- CertificateRequest

Bytes CertificateRequest::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  w.prefixed8([&](Writer& l) {
    for (ClientCertificateType t : certificate_types) l.u8(t.value);
  });
  if (signature_algorithms)
    w.prefixed16([&](Writer& l) {
      for (SignatureScheme s : *signature_algorithms) l.u16(s.value);
    });
  w.prefixed16([&](Writer& l) {
    for (const Bytes& dn : certificate_authorities) l.vec16(dn);
  });
  return w.take();
}

std::string CertificateRequest::describe() const {
  if (raw_body) return raw_description("CertificateRequest", *raw_body);
  std::string out = "CertificateRequest certificate_types{";
  for (size_t i = 0; i < certificate_types.size(); ++i) out += (i ? ", " : "") + certificate_types[i].name();
  out += "}";
  if (signature_algorithms) {
    out += " signature_algorithms{";
    for (size_t i = 0; i < signature_algorithms->size(); ++i)
      out += (i ? ", " : "") + (*signature_algorithms)[i].name();
    out += "}";
  }
  return out + " certificate_authorities[" + std::to_string(certificate_authorities.size()) + "]";
}

bool parse(ByteView body, ProtocolVersion version, CertificateRequest& out, std::string* why) {
  Reader r(body);
  CertificateRequest m;
  Reader types;
  if (!r.prefixed8(types)) return fail(why, "CertificateRequest.certificate_types: length overruns body");
  // RFC 5246, 7.4.4: ClientCertificateType certificate_types<1..2^8-1>
  if (types.empty())
    return fail(why, "CertificateRequest.certificate_types: empty (RFC 5246, 7.4.4: <1..2^8-1>)");
  ClientCertificateType t;
  while (types.u8(t.value)) m.certificate_types.push_back(t);

  if (has_signature_algorithms(version)) {
    Reader algs;
    if (!r.prefixed16(algs))
      return fail(why, "CertificateRequest.supported_signature_algorithms: length overruns body");
    // RFC 5246, 7.4.4: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>
    if (algs.remaining() % 2 != 0)
      return fail(why, "CertificateRequest.supported_signature_algorithms: odd length " +
                           std::to_string(algs.remaining()));
    if (algs.empty())
      return fail(why, "CertificateRequest.supported_signature_algorithms: empty (RFC 5246, 7.4.4: <2..2^16-2>)");
    m.signature_algorithms.emplace();
    SignatureScheme s;
    while (algs.u16(s.value)) m.signature_algorithms->push_back(s);
  }

  Reader cas;
  // RFC 5246, 7.4.4: DistinguishedName certificate_authorities<0..2^16-1>
  if (!r.prefixed16(cas)) return fail(why, "CertificateRequest.certificate_authorities: length overruns body");
  while (!cas.empty()) {
    Bytes dn;
    if (!cas.vec16(dn)) return fail(why, "CertificateRequest.certificate_authorities: entry overruns list");
    // RFC 5246, 7.4.4: opaque DistinguishedName<1..2^16-1>
    if (dn.empty())
      return fail(why, "CertificateRequest.certificate_authorities: empty DistinguishedName (RFC 5246, 7.4.4)");
    m.certificate_authorities.push_back(std::move(dn));
  }
  if (!finish(r, why, "CertificateRequest")) return false;
  out = std::move(m);
  return true;
}

// ---- CertificateVerify

Bytes CertificateVerify::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  if (scheme) w.u16(scheme->value);
  w.vec16(signature);
  return w.take();
}

std::string CertificateVerify::describe() const {
  if (raw_body) return raw_description("CertificateVerify", *raw_body);
  std::string out = "CertificateVerify";
  if (scheme) out += " scheme=" + scheme->name();
  return out + " signature" + brief_hex(signature, 8);
}

bool parse(ByteView body, ProtocolVersion version, CertificateVerify& out, std::string* why) {
  Reader r(body);
  CertificateVerify m;
  // RFC 5246, 4.7: a digitally-signed element in TLS 1.2 starts with SignatureAndHashAlgorithm.
  if (has_signature_algorithms(version)) {
    SignatureScheme s;
    if (!r.u16(s.value)) return fail(why, "CertificateVerify.algorithm: truncated");
    m.scheme = s;
  }
  // RFC 5246, 4.7: opaque signature<0..2^16-1>
  if (!r.vec16(m.signature)) return fail(why, "CertificateVerify.signature: length overruns body");
  if (!finish(r, why, "CertificateVerify")) return false;
  out = std::move(m);
  return true;
}

}  // namespace tlsc::msg
