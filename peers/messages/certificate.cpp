#include "peers/messages/certificate.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using namespace detail;  // the helpers of common.h, Reader, Writer and K

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

bool parse(ByteView body, Certificate& out, ParseError* err) {
  Reader r(body), list;
  // RFC 5246, 7.4.2: ASN.1Cert certificate_list<0..2^24-1>
  if (!r.prefixed24(list)) return fail(err, K::kTruncated, "Certificate.certificate_list: length overruns body");
  if (!finish(r, err, "Certificate")) return false;
  Certificate m;
  while (!list.empty()) {
    const std::string field = "Certificate.certificate_list[" + std::to_string(m.certificates.size()) + "]";
    Bytes cert;
    if (!list.vec24(cert)) return fail(err, K::kTruncated, field + ": length overruns list");
    // RFC 5246, 7.4.2: opaque ASN.1Cert<1..2^24-1>
    if (cert.empty())
      return fail(err, K::kOutOfRange, field + ": empty certificate (RFC 5246, 7.4.2: ASN.1Cert<1..2^24-1>)");
    m.certificates.push_back(std::move(cert));
  }
  out = std::move(m);
  return true;
}

// ---- CertificateRequest

Bytes CertificateRequest::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  write_code_points(w, certificate_types);
  if (signature_algorithms) write_code_points(w, *signature_algorithms);
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

bool parse(ByteView body, ProtocolVersion version, CertificateRequest& out, ParseError* err) {
  Reader r(body);
  CertificateRequest m;
  Reader types;
  if (!r.prefixed8(types)) return fail(err, K::kTruncated, "CertificateRequest.certificate_types: length overruns body");
  // RFC 5246, 7.4.4: ClientCertificateType certificate_types<1..2^8-1>
  if (!parse_code_points(types, m.certificate_types, err, "CertificateRequest.certificate_types",
                         "RFC 5246, 7.4.4: <1..2^8-1>"))
    return false;

  if (has_signature_algorithms(version)) {
    Reader algs;
    if (!r.prefixed16(algs))
      return fail(err, K::kTruncated, "CertificateRequest.supported_signature_algorithms: length overruns body");
    // RFC 5246, 7.4.4: SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>
    if (!parse_code_points(algs, m.signature_algorithms.emplace(), err,
                           "CertificateRequest.supported_signature_algorithms", "RFC 5246, 7.4.4: <2..2^16-2>"))
      return false;
  }

  Reader cas;
  // RFC 5246, 7.4.4: DistinguishedName certificate_authorities<0..2^16-1>
  if (!r.prefixed16(cas))
    return fail(err, K::kTruncated, "CertificateRequest.certificate_authorities: length overruns body");
  while (!cas.empty()) {
    Bytes dn;
    if (!cas.vec16(dn))
      return fail(err, K::kTruncated, "CertificateRequest.certificate_authorities: entry overruns list");
    // RFC 5246, 7.4.4: opaque DistinguishedName<1..2^16-1>
    if (dn.empty())
      return fail(err, K::kOutOfRange,
                  "CertificateRequest.certificate_authorities: empty DistinguishedName (RFC 5246, 7.4.4)");
    m.certificate_authorities.push_back(std::move(dn));
  }
  return finish_into(r, m, out, err, "CertificateRequest");
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

bool parse(ByteView body, ProtocolVersion version, CertificateVerify& out, ParseError* err) {
  Reader r(body);
  CertificateVerify m;
  if (!parse_digitally_signed(r, version, m.scheme, m.signature, err, "CertificateVerify")) return false;
  return finish_into(r, m, out, err, "CertificateVerify");
}

}  // namespace tlsc::msg
