// The server's handshake flow. The legal order (RFC 5246 7.3) reads top to bottom:
//
//   full:         < ClientHello  > ServerHello, Certificate, [ServerKeyExchange], [CertificateRequest],
//                 ServerHelloDone  < [Certificate], ClientKeyExchange, [CertificateVerify], CCS, Finished
//                 > [NewSessionTicket], CCS, Finished
//   abbreviated:  < ClientHello  > ServerHello, [NewSessionTicket], CCS, Finished  < CCS, Finished
//
// Each quirk is consulted at the step it changes (search for `q_.`).
#include <algorithm>

#include "peers/crypto/signature.h"
#include "peers/engine/app_script.h"
#include "peers/engine/connection.h"
#include "peers/engine/flow_util.h"
#include "peers/engine/key_exchange.h"
#include "peers/engine/key_schedule.h"
#include "peers/engine/oracle.h"
#include "peers/engine/peer.h"
#include "peers/engine/tls12_state.h"
#include "peers/messages/certificate.h"
#include "peers/messages/finished.h"
#include "peers/messages/hello.h"

namespace tlsc::engine {
namespace {

using HT = HandshakeType;

template <class T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The label of a connection's DRBG stream: "server" for the first connection of a ServerState,
// "server-<n>" for the n-th after it.
std::string drbg_label(const ServerConfig& cfg) {
  const uint64_t n = cfg.state ? cfg.state->connections++ : 0;
  return n == 0 ? "server" : "server-" + std::to_string(n);
}

class ServerFlow : Tls12Flow<ServerConfig> {
 public:
  ServerFlow(transport::Stream& stream, const ServerConfig& cfg, ConnectionReport& rep)
      : Tls12Flow(stream, cfg, rep, drbg_label(cfg)),
        state_(cfg.state ? cfg.state : std::make_shared<ServerState>(cfg.seed)) {}

  void run() {
    try {
      auto first = conn_.expect({HT::kClientHello}, "start");
      handshake(first);
      after_handshake();
    } catch (const EngineError& e) {
      report_failure(e, conn_, rep_);
      // RFC 5246 7.2.2: a fatal alert invalidates the session.
      if (!rep_.session_id.empty()) state_->cache.erase(rep_.session_id);
    }
    conn_.stream().close();
  }

 private:
  // ---------------------------------------------------------------- ClientHello
  void read_client_hello(const msg::ReassembledMessage& m) {
    ch_ = parse_or_throw<msg::ClientHello>(m.message.body);
    conn_.transcript().clear();
    conn_.transcript().add(m.raw);
    const msg::Extensions none;
    const msg::Extensions& ext = ch_.extensions ? *ch_.extensions : none;
    // RFC 5246 7.4.1.4: no two extensions of the same type.
    if (auto dup = msg::first_duplicate(ext)) throw EngineError(Error::kDuplicateExtension, "ClientHello repeats " + dup->name());

    // RFC 5246 E.1: the server answers with the highest version both support.
    version_ = std::min(ch_.version, cfg_.max_version);
    if (version_ < cfg_.min_version)
      throw EngineError(Error::kProtocolVersion, "ClientHello version " + ch_.version.name());
    conn_.set_record_version(version_);
    rep_.version = version_;

    const msg::Extension* ems = ems_extension(ext, "ClientHello", q_.AcceptMalformedEms);
    rep_.ems_offered = ems != nullptr;
    // RFC 7627 5.2: a server MAY abort a handshake with a client that does not offer EMS.
    if (!ems && cfg_.require_ems) throw EngineError(Error::kHandshakeFailure, "the client did not offer EMS, which this server requires");

    // RFC 5746 3.6 (initial) / 3.7 (renegotiation).
    const msg::Extension* reneg = msg::find_extension(ext, ExtensionType::kRenegotiationInfo);
    const bool scsv = contains(ch_.cipher_suites, CipherSuite::kTLS_EMPTY_RENEGOTIATION_INFO_SCSV);
    if (!renegotiating_) {
      if (reneg) {
        if (!parse_or_throw<msg::RenegotiationInfo>(reneg->body).renegotiated_connection.empty())
          throw EngineError(Error::kRenegotiationInfoMismatch, "initial renegotiation_info is not empty");
      }
      secure_renegotiation_ = cfg_.secure_renegotiation && (reneg || scsv);
    } else if (secure_renegotiation_) {
      // RFC 5746 3.7: a renegotiation_info that is missing, does not parse or does not carry
      // client_verify_data is one failure, handshake_failure.
      msg::RenegotiationInfo ri;
      if (!reneg || !msg::parse(reneg->body, ri, nullptr) || ri.renegotiated_connection != client_verify_data_)
        throw EngineError(Error::kRenegotiationInfoMismatch, "renegotiation ClientHello without the client_verify_data");
      // RFC 5746 3.7: the SCSV MUST NOT be sent in a renegotiation ClientHello.
      if (scsv) throw EngineError(Error::kHandshakeFailure, "SCSV in a renegotiation ClientHello");
    }
    rep_.secure_renegotiation = secure_renegotiation_;

    const msg::Extension* ticket = msg::find_extension(ext, ExtensionType::kSessionTicket);
    client_tickets_ = ticket != nullptr;
    if (ticket) offered_ticket_ = ticket->body;
    if (const auto* groups = msg::find_extension(ext, ExtensionType::kSupportedGroups)) {
      client_groups_ = parse_or_throw<msg::SupportedGroups>(groups->body).groups;
    } else {
      client_groups_ = {NamedGroup::kSecp256r1};  // RFC 8422 4: no extension, any curve; pick the common one
    }
    if (const auto* sa = msg::find_extension(ext, ExtensionType::kSignatureAlgorithms)) {
      client_schemes_ = parse_or_throw<msg::SignatureAlgorithms>(sa->body).schemes;
    } else {
      // RFC 5246 7.4.1.4.1: without the extension, {sha1, rsa} / {sha1, ecdsa} are assumed.
      client_schemes_ = {SignatureScheme::kRsaPkcs1Sha1, SignatureScheme::kEcdsaSha1};
    }
  }

  void report_offer(ResumedBy by) {
    rep_.resumption_offered = true;
    rep_.resumption_offered_by = to_string(by);
  }

  // The session to resume, after the RFC 7627 5.3 rules; nullopt for a full handshake.
  std::optional<session::SessionState> find_session() {
    if (renegotiating_) return std::nullopt;
    if (q_.DeclineResumption) {
      // The deviation: the offer is seen, and reported, but not taken.
      if (!offered_ticket_.empty() || (!ch_.session_id.empty() && state_->cache.lookup(ch_.session_id)))
        report_offer(offered_ticket_.empty() ? ResumedBy::kSessionId : ResumedBy::kTicket);
      return std::nullopt;
    }
    std::optional<session::SessionState> st;
    if (!offered_ticket_.empty()) {
      auto opened = state_->tickets.open(offered_ticket_);
      if (opened) {
        st = *opened;
        resumed_by_ = ResumedBy::kTicket;
        report_offer(resumed_by_);
      }
    }
    // A session ID counts as an offer only if it names a session we issued: a TLS 1.3 client sends
    // a random "legacy_session_id" in every ClientHello (RFC 8446 D.4, middlebox compatibility).
    if (!st && !ch_.session_id.empty()) {
      st = state_->cache.lookup(ch_.session_id);
      if (st) {
        resumed_by_ = ResumedBy::kSessionId;
        report_offer(resumed_by_);
      }
    }
    if (!st) return std::nullopt;
    // RFC 5246 7.4.1.2: the resumed session's suite must be among the client's, and its version
    // the one negotiated now.
    if (st->version != version_.value || !contains(ch_.cipher_suites, CipherSuite{st->cipher_suite})) return std::nullopt;
    if (q_.ResumeRegardlessOfEms) return st;
    // RFC 7627 5.3, server side.
    if (st->extended_master_secret && !rep_.ems_offered)
      // "If the original session used the extension but the new ClientHello does not contain
      // it, the server MUST abort the abbreviated handshake."
      throw EngineError(Error::kResumedWithoutEms, "the ClientHello offers to resume an EMS session without EMS");
    if (!st->extended_master_secret && rep_.ems_offered) return std::nullopt;  // MUST NOT resume: full handshake
    if (!st->extended_master_secret && !rep_.ems_offered && !cfg_.allow_legacy_resumption)
      // "If neither the original session nor the new ClientHello uses the extension, the server
      // SHOULD abort the handshake."
      throw EngineError(Error::kLegacyResumption, "neither the session nor the ClientHello uses EMS");
    return st;
  }

  msg::Extensions server_extensions(bool resumed, bool issue_ticket) {
    msg::Extensions ext;
    if (secure_renegotiation_) ext.push_back(msg::RenegotiationInfo{concat(client_verify_data_, server_verify_data_)}.to_extension());
    // RFC 7627 5.2 / 5.3: echo the (empty) extension when the client offered it.
    const bool echo_ems = (rep_.ems_offered && !q_.OmitEms && !(resumed && q_.OmitEmsInResumption)) || q_.SendEmsUnsolicited;
    if (echo_ems) ext.push_back({ExtensionType::kExtendedMasterSecret, q_.SendMalformedEms ? Bytes{0} : Bytes{}});
    rep_.ems_echoed = echo_ems;
    // RFC 5077 3.2: an empty SessionTicket extension announces a NewSessionTicket.
    if (issue_ticket) ext.push_back(msg::SessionTicketExt{}.to_extension());
    if (!resumed && suite_ && kx_family(suite_->key_exchange) == msg::KeyExchange::kEcdhe && ch_.extensions &&
        msg::find_extension(*ch_.extensions, ExtensionType::kEcPointFormats))
      ext.push_back(msg::EcPointFormats{{ECPointFormat::kUncompressed}}.to_extension());
    for (const auto& e : cfg_.extra_extensions) ext.push_back(e);
    return ext;
  }

  void handshake(const msg::ReassembledMessage& hello) {
    read_client_hello(hello);
    sh_ = msg::ServerHello{};
    sh_.version = version_;
    auto random = drbg_.generate(32);
    std::copy(random.begin(), random.end(), sh_.random.begin());
    ms_in_.client_random.assign(ch_.random.begin(), ch_.random.end());
    ms_in_.server_random = random;

    auto session = find_session();
    if (session) {
      abbreviated(*session);
    } else {
      resumed_by_ = ResumedBy::kNone;
      full();
    }
    rep_.handshake_complete = true;
    ++rep_.handshakes;
    if (renegotiating_) rep_.renegotiated = true;
  }

  void abbreviated(const session::SessionState& st) {
    if (!renegotiating_) rep_.resumed = resumed_by_;  // the report describes the first handshake
    suite_ = record::find_cipher_suite(st.cipher_suite);
    if (!suite_) throw EngineError(Error::kInternalError, "resumed session with an unknown suite");
    prf_ = prf_for(version_, *suite_);
    ms_in_.prf = prf_;
    // RFC 5246 7.4.1.3 / RFC 5077 3.4: echo the session ID the client sent.
    sh_.session_id = ch_.session_id;
    sh_.cipher_suite = CipherSuite{st.cipher_suite};
    rep_.suite = sh_.cipher_suite;
    const bool new_ticket = client_tickets_ && cfg_.issue_tickets && resumed_by_ == ResumedBy::kTicket;
    sh_.extensions = server_extensions(true, new_ticket);
    rep_.session_id = sh_.session_id;
    conn_.queue(sh_);
    master_ = resumed_master_secret(st, ms_in_.client_random, rep_);
    session_ = st;

    if (q_.SendFullFlightInResumption) {
      // The deviation: a full handshake's flight after echoing the session ID (RFC 5246 7.3).
      conn_.queue(msg::Certificate{server_credential().chain, std::nullopt});
      conn_.queue(certificate_request());
      conn_.queue(msg::ServerHelloDone{});
      conn_.flush();
      watch_reaction();
      return;
    }
    if (new_ticket) send_new_session_ticket(st);
    if (q_.SendCertificateRequestInResumption) {
      // The deviation: CertificateRequest belongs only to a full handshake (RFC 5246 7.3, 7.4.4).
      conn_.queue(certificate_request());
      rep_.certificate_requested = true;
    }
    auto keys = derive_record_keys(*suite_, version_, prf_, master_.secret, ms_in_.client_random, ms_in_.server_random, iv_source(drbg_, rep_.handshakes));
    send_ccs_and_finished(std::move(keys.server_write));
    conn_.expect_ccs(std::move(keys.client_write), "after server Finished");
    read_client_finished({});
  }

  // After a deliberately broken flight: record how the client reacts, until it aborts or goes
  // silent. Nothing the client does here completes a handshake.
  void watch_reaction() {
    for (;;) {
      auto in = conn_.read();
      if (in.kind == Connection::Incoming::Kind::kAlert && in.alert.level == AlertLevel::kFatal) {
        rep_.closure = Closure::kAlert;
        throw EngineError(Error::kPeerAlert, "client aborted after the broken flight: " + in.alert.description.name());
      }
      if (in.kind == Connection::Incoming::Kind::kHandshake) conn_.transcript().add(in.handshake.raw);
    }
  }

  void full() {
    if (!renegotiating_) rep_.resumed = ResumedBy::kNone;  // the report describes the first handshake
    choose_suite();
    prf_ = prf_for(version_, *suite_);
    ms_in_.prf = prf_;
    const bool cache = cfg_.cache_sessions && state_->cache.capacity() > 0;
    sh_.session_id = cache ? session::SessionCache::new_session_id(drbg_) : Bytes{};
    sh_.cipher_suite = CipherSuite{suite_->code};
    rep_.suite = sh_.cipher_suite;
    const bool issue_ticket = client_tickets_ && cfg_.issue_tickets;
    sh_.extensions = server_extensions(false, issue_ticket);
    rep_.session_id = sh_.session_id;
    conn_.queue(sh_);

    const Credential& cred = server_credential();
    conn_.queue(msg::Certificate{cred.chain, std::nullopt});
    const msg::KeyExchange kx = kx_family(suite_->key_exchange);
    std::optional<ServerKeyShare> share;
    if (kx != msg::KeyExchange::kRsa) {
      share = kx == msg::KeyExchange::kDhe ? ServerKeyShare::dhe(cfg_.dh_group, q_, drbg_)
                                           : ServerKeyShare::ecdhe(group_, drbg_);
      auto ske = share->params();
      sign_ske(ske, cred);
      conn_.queue(ske);
    }
    const bool ask_cert = cfg_.request_client_cert || cfg_.require_client_cert;
    if (ask_cert) {
      conn_.queue(certificate_request());
      rep_.certificate_requested = true;
    }
    conn_.queue(msg::ServerHelloDone{});
    conn_.flush();

    std::optional<crypto::PublicKey> client_key;
    if (ask_cert) client_key = read_client_certificate();
    auto ckem = conn_.expect({HT::kClientKeyExchange}, ask_cert ? "after client Certificate" : "after ServerHelloDone");
    auto cke = parse_or_throw<msg::ClientKeyExchange>(ckem.message.body, kx);
    conn_.transcript().add(ckem.raw);
    Premaster pm;
    if (share) {
      pm = share->finish(cke, q_);
    } else {
      std::string observation;
      pm = server_rsa(cke, *cred.key, ch_.version, drbg_, &observation);
      if (!observation.empty()) rep_.error_detail = "RSA premaster: " + observation;
    }
    rep_.group = pm.group;
    rep_.premaster_form = pm.form;
    rep_.premaster_leading_zeros = pm.leading_zeros;
    // RFC 7627 3: session_hash covers the messages up to and including ClientKeyExchange.
    ms_in_.session_hash = conn_.transcript().hash(prf_);

    Bytes hash_with_cv;
    if (client_key) {
      auto cvm = conn_.expect({HT::kCertificateVerify}, "after ClientKeyExchange");
      auto cv = parse_or_throw<msg::CertificateVerify>(cvm.message.body, version_);
      verify_certificate_verify(cv, *client_key);
      conn_.transcript().add(cvm.raw);
      hash_with_cv = conn_.transcript().hash(prf_);
    }

    master_ = full_master_secret(ms_in_, pm.used, q_.ForceMasterSecret, rep_);

    auto keys = derive_record_keys(*suite_, version_, prf_, master_.secret, ms_in_.client_random, ms_in_.server_random, iv_source(drbg_, rep_.handshakes));
    conn_.expect_ccs(std::move(keys.client_write), "after ClientKeyExchange");
    OracleInputs oracle{suite_, version_, ms_in_, hash_with_cv, pm, true, cfg_.timeouts.stop};
    read_client_finished(std::optional<OracleInputs>(oracle));

    session::SessionState st = new_session(version_, sh_.cipher_suite, master_, client_chain_, client_server_name(), sh_.session_id);
    if (cache && !renegotiating_) state_->cache.insert(sh_.session_id, st);
    session_ = st;
    if (issue_ticket) send_new_session_ticket(st);
    send_ccs_and_finished(std::move(keys.server_write));
  }

  // RFC 6066 3: the host_name the ClientHello asked for; "" without one or on a malformed list.
  std::string client_server_name() const {
    const auto* sni = ch_.extensions ? msg::find_extension(*ch_.extensions, ExtensionType::kServerName) : nullptr;
    msg::ServerNameList names;
    return sni && msg::parse(sni->body, names, nullptr) ? names.host_name().value_or("") : "";
  }

  // The client's key from its Certificate; nullopt for an empty one that we accept.
  std::optional<crypto::PublicKey> read_client_certificate() {
    // RFC 5246 7.4.6: the client's first message after ServerHelloDone is its Certificate.
    auto cm = conn_.expect({HT::kCertificate}, "after ServerHelloDone");
    auto cert = parse_or_throw<msg::Certificate>(cm.message.body);
    conn_.transcript().add(cm.raw);
    if (cert.certificates.empty()) {
      // RFC 5246 7.4.6: with no client certificate the server may continue or abort with
      // handshake_failure; ours aborts when it requires one.
      if (cfg_.require_client_cert && !q_.AcceptEmptyClientCertificate)
        throw EngineError(Error::kNoClientCertificate, "the client sent an empty Certificate");
      return std::nullopt;
    }
    auto k = crypto::PublicKey::from_der_certificate(cert.certificates.front());
    if (!k) throw EngineError(Error::kBadCertificate, "client certificate: " + k.error());
    client_chain_ = cert.certificates;
    rep_.client_certificate = true;
    return std::move(*k);
  }

  void choose_suite() {
    // Our preference order, among the client's suites, that fit the version, our credentials and
    // a common group (RFC 5246 7.4.1.3; RFC 8422 5.1).
    for (const auto& cs : cfg_.suites) {
      if (!contains(ch_.cipher_suites, cs)) continue;
      const record::CipherSuite* s = record::find_cipher_suite(cs.value);
      if (!s || !s->allowed_in(version_.value)) continue;
      const bool ecdsa = s->key_exchange == record::KeyExchange::ecdhe_ecdsa;
      if (ecdsa ? !cfg_.ecdsa : !cfg_.rsa) continue;
      if (kx_family(s->key_exchange) == msg::KeyExchange::kEcdhe) {
        auto g = common_ec_group();
        if (!g) continue;
        group_ = *g;
      }
      suite_ = s;
      return;
    }
    throw EngineError(Error::kHandshakeFailure, "no cipher suite in common");
  }

  std::optional<NamedGroup> common_ec_group() const {
    for (const auto& g : cfg_.groups)
      if (crypto::ec_group_from_codepoint(g.value) && contains(client_groups_, g)) return g;
    return std::nullopt;
  }

  const Credential& server_credential() const {
    const bool ecdsa = suite_ && suite_->key_exchange == record::KeyExchange::ecdhe_ecdsa;
    const auto& c = ecdsa ? cfg_.ecdsa : cfg_.rsa;
    if (!c) throw EngineError(Error::kInternalError, "no server credential for this suite");
    return *c;
  }

  void sign_ske(msg::ServerKeyExchange& ske, const Credential& cred) {
    // RFC 5246 7.4.3: the signature covers client_random + server_random + params.
    const Bytes data = concat(concat(ms_in_.client_random, ms_in_.server_random), ske.params());
    if (version_ >= ProtocolVersion::kTls12) {
      for (const auto& s : cfg_.signature_schemes) {
        if (!contains(client_schemes_, s)) continue;
        auto scheme = crypto::scheme_from_codepoint(s.value);
        if (!scheme || !crypto::scheme_fits_key(*scheme, cred.key->info())) continue;
        auto sig = crypto::sign(*cred.key, *scheme, data);
        if (!sig) throw EngineError(Error::kInternalError, "ServerKeyExchange: " + sig.error());
        ske.scheme = s;
        ske.signature = std::move(*sig);
        return;
      }
      throw EngineError(Error::kHandshakeFailure, "no signature algorithm in common");
    }
    auto sig = crypto::sign_legacy(*cred.key, data);
    if (!sig) throw EngineError(Error::kInternalError, "ServerKeyExchange: " + sig.error());
    ske.signature = std::move(*sig);
  }

  msg::CertificateRequest certificate_request() const {
    msg::CertificateRequest req;
    req.certificate_types = {ClientCertificateType::kRsaSign, ClientCertificateType::kEcdsaSign};
    if (version_ >= ProtocolVersion::kTls12) req.signature_algorithms = cfg_.signature_schemes;
    return req;
  }

  void verify_certificate_verify(const msg::CertificateVerify& cv, const crypto::PublicKey& key) {
    // RFC 5246 7.4.8: the signature covers every handshake message before CertificateVerify.
    const Bytes& messages = conn_.transcript().raw();
    verify_peer_signature(key, version_, cv.scheme, cfg_.signature_schemes, messages, cv.signature, "CertificateVerify");
  }

  void send_new_session_ticket(const session::SessionState& st) {
    msg::NewSessionTicket nst;
    nst.lifetime_hint = kSessionLifetime;
    nst.ticket = state_->tickets.seal(st, drbg_);
    conn_.queue(nst);
    rep_.ticket_issued = true;
  }

  void send_ccs_and_finished(std::unique_ptr<record::RecordProtection> write) {
    conn_.send_ccs(std::move(write));
    msg::Finished fin;
    fin.verify_data = crypto::finished_verify_data(prf_, master_.secret, crypto::Sender::server, conn_.transcript().hash(prf_));
    conn_.transcript().add(msg::encode_handshake(fin));
    server_verify_data_ = fin.verify_data;
    conn_.queue(msg::to_handshake(fin), false);  // already in the transcript above
    conn_.flush();
  }

  void read_client_finished(std::optional<OracleInputs> oracle) {
    if (oracle) {
      const bool ours = master_.extended;
      conn_.on_bad_record = [this, in = *oracle, ours](const record::RecordHeader& h, ByteView f) {
        rep_.oracle = explain_bad_finished(in, ours, h, f);
      };
    }
    auto fm = conn_.expect({HT::kFinished}, "after client ChangeCipherSpec");
    conn_.on_bad_record = nullptr;
    auto fin = parse_or_throw<msg::Finished>(fm.message.body);
    const Bytes expected = crypto::finished_verify_data(prf_, master_.secret, crypto::Sender::client, conn_.transcript().hash(prf_));
    // RFC 5246 7.4.9: recipients MUST verify that the contents are correct.
    if (fin.verify_data != expected) throw EngineError(Error::kBadFinished, "client Finished verify_data does not match");
    conn_.transcript().add(fm.raw);
    client_verify_data_ = fin.verify_data;
  }

  // ---------------------------------------------------------------- after the handshake
  void after_handshake() {
    if (q_.SendHelloRequestAfterHandshake) {
      conn_.queue(msg::HelloRequest{});
      conn_.flush();
    }
    if (cfg_.app_script) {
      run_app_script(conn_, rep_, cfg_.app_script, [this](const msg::ReassembledMessage& m) {
        if (m.message.type != HT::kClientHello)
          throw EngineError(Error::kUnexpectedMessage, "got " + m.message.type.name() + " after the handshake");
        if (!secure_renegotiation_) {
          // RFC 5746 4.4: without secure renegotiation, refuse.
          conn_.send_alert(AlertLevel::kWarning, AlertDescription::kNoRenegotiation);
          return;
        }
        renegotiating_ = true;
        handshake(m);
      });
      close_after_script(conn_, rep_);
      return;
    }
    // With a HelloRequest out, the client's answer is the point: read until the client ends the
    // connection. Otherwise the connection ends once the mode's exchange is done.
    const bool until_client_closes = q_.SendHelloRequestAfterHandshake || cfg_.app_mode == AppData::kEcho;
    if (until_client_closes || cfg_.app_mode == AppData::kHttp) serve_app_data(until_client_closes);
    close();
  }

  // Answers application data as the mode says (an echo, one HTTP response) until the client
  // closes, the deadline passes, or (unless `until_client_closes`) the exchange is done.
  void serve_app_data(bool until_client_closes) {
    bool answered = false;
    for (;;) {
      Connection::Incoming in;
      try {
        in = conn_.read();
      } catch (const EngineError& e) {
        // EOF or silence after a completed handshake ends the connection; the closure says which.
        if (e.code == Error::kPeerClosed || e.code == Error::kTimeout || e.code == Error::kPeerReset) return;
        throw;
      }
      switch (in.kind) {
        case Connection::Incoming::Kind::kAppData:
          rep_.app_data_received.insert(rep_.app_data_received.end(), in.data.begin(), in.data.end());
          if (cfg_.app_mode == AppData::kEcho) conn_.send_app_data(in.data);
          if (cfg_.app_mode == AppData::kHttp && !answered &&
              (http_request_complete(rep_.app_data_received) || rep_.app_data_received.size() >= kHttpMaxMessage)) {
            conn_.send_app_data(http_response());
            answered = true;
            if (!until_client_closes) return;
          }
          break;
        case Connection::Incoming::Kind::kAlert:
          if (in.alert.description == AlertDescription::kCloseNotify) {
            rep_.closure = Closure::kCloseNotify;
            return;
          }
          if (in.alert.level == AlertLevel::kFatal) {
            rep_.closure = Closure::kAlert;
            return;
          }
          break;  // e.g. no_renegotiation: recorded in the report, the connection goes on
        case Connection::Incoming::Kind::kHandshake:
          if (in.handshake.message.type != HT::kClientHello)
            throw EngineError(Error::kUnexpectedMessage, "got " + in.handshake.message.type.name() + " after the handshake");
          if (!secure_renegotiation_) {
            // RFC 5746 4.4: without secure renegotiation, refuse.
            conn_.send_alert(AlertLevel::kWarning, AlertDescription::kNoRenegotiation);
            break;
          }
          renegotiating_ = true;
          handshake(in.handshake);
          break;
        case Connection::Incoming::Kind::kChangeCipherSpec:
          throw EngineError(Error::kUnexpectedMessage, "change_cipher_spec after the handshake");
      }
    }
  }

  std::shared_ptr<ServerState> state_;
  NamedGroup group_;
  bool client_tickets_ = false;
  Bytes offered_ticket_;
  std::vector<NamedGroup> client_groups_;
  std::vector<SignatureScheme> client_schemes_;
  std::vector<Bytes> client_chain_;
  ResumedBy resumed_by_ = ResumedBy::kNone;
  std::optional<session::SessionState> session_;
};

}  // namespace

ConnectionReport run_server(transport::Stream& stream, const ServerConfig& config) {
  return run_flow<ServerFlow>(stream, config, Role::kServer);
}

}  // namespace tlsc::engine
