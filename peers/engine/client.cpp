// The client's handshake flow. The legal order (RFC 5246 7.3) reads top to bottom:
//
//   full:         > ClientHello  < ServerHello, Certificate, [ServerKeyExchange], [CertificateRequest],
//                 ServerHelloDone  > [Certificate], ClientKeyExchange, [CertificateVerify], CCS, Finished
//                 < [NewSessionTicket], CCS, Finished
//   abbreviated:  > ClientHello  < ServerHello, [NewSessionTicket], CCS, Finished  > CCS, Finished
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

bool contains(const std::vector<CipherSuite>& v, CipherSuite s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// The extensions whose types `order` names first, in its order; the others after, as they were.
void put_in_order(msg::Extensions& ext, const std::vector<ExtensionType>& order) {
  if (order.empty()) return;
  auto rank = [&](const msg::Extension& e) {
    return static_cast<size_t>(std::find(order.begin(), order.end(), e.type) - order.begin());
  };
  std::stable_sort(ext.begin(), ext.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

class ClientFlow : Tls12Flow<ClientConfig> {
 public:
  ClientFlow(transport::Stream& stream, const ClientConfig& cfg, ConnectionReport& rep)
      : Tls12Flow(stream, cfg, rep, "client") {}

  void run() {
    try {
      handshake();
      after_handshake();
    } catch (const EngineError& e) {
      report_failure(e, conn_, rep_);
    }
    conn_.stream().close();
  }

 private:
  // ---------------------------------------------------------------- ClientHello
  msg::ClientHello build_hello() {
    msg::ClientHello ch;
    ch.version = cfg_.max_version;
    auto random = drbg_.generate(32);
    std::copy(random.begin(), random.end(), ch.random.begin());
    ch.cipher_suites = cfg_.suites;
    ch.extensions.emplace();
    auto& ext = *ch.extensions;
    if (!cfg_.server_name.empty()) ext.push_back(msg::ServerNameList::host(cfg_.server_name).to_extension());
    if (!cfg_.groups.empty()) ext.push_back(msg::SupportedGroups{cfg_.groups}.to_extension());
    ext.push_back(msg::EcPointFormats{{ECPointFormat::kUncompressed}}.to_extension());
    // RFC 5246 7.4.1.4.1: signature_algorithms is a TLS 1.2 extension.
    if (cfg_.max_version >= ProtocolVersion::kTls12 && !cfg_.signature_schemes.empty())
      ext.push_back(msg::SignatureAlgorithms{cfg_.signature_schemes}.to_extension());
    // RFC 7627 5.1: the extension has an empty body.
    if (!q_.OmitEms)
      ext.push_back({ExtensionType::kExtendedMasterSecret, q_.SendMalformedEms ? Bytes{0} : Bytes{}});
    rep_.ems_offered = !q_.OmitEms;
    // RFC 5746 3.4 (initial) / 3.5 (renegotiation): renegotiation_info carries client_verify_data.
    if (cfg_.secure_renegotiation) ext.push_back(msg::RenegotiationInfo{client_verify_data_}.to_extension());

    // Resumption: RFC 7627 5.3, the client SHOULD NOT offer a session created without EMS.
    if (!renegotiating_ && cfg_.resume && (cfg_.resume->state.extended_master_secret || q_.OfferNonEmsSession)) {
      offered_ = cfg_.resume;
      if (cfg_.resume_by_ticket && !offered_->ticket.empty()) {
        // RFC 5077 3.4: with a ticket the client MAY send a session ID, which a server that
        // accepts the ticket echoes: that is how we recognise the resumption.
        ch.session_id = drbg_.generate(32);
        offered_by_ = ResumedBy::kTicket;
      } else if (!offered_->session_id.empty()) {
        ch.session_id = offered_->session_id;
        offered_by_ = ResumedBy::kSessionId;
      } else {
        offered_.reset();
      }
      rep_.resumption_offered = offered_.has_value();
      if (offered_) rep_.resumption_offered_by = to_string(offered_by_);
    }
    if (cfg_.offer_tickets) {
      Bytes ticket = offered_ && offered_by_ == ResumedBy::kTicket ? offered_->ticket : Bytes{};
      ext.push_back(msg::SessionTicketExt{ticket}.to_extension());
    }
    for (const auto& e : cfg_.extra_extensions) ext.push_back(e);
    put_in_order(ext, cfg_.extension_order);
    return ch;
  }

  // ---------------------------------------------------------------- ServerHello checks
  void check_server_hello() {
    // RFC 5246 7.4.1.3: server_version is the lower of the client's and the highest the server
    // supports; a version we cannot speak ends the handshake.
    if (sh_.version > cfg_.max_version || sh_.version < cfg_.min_version)
      throw EngineError(Error::kProtocolVersion, "ServerHello version " + sh_.version.name());
    // RFC 5246 7.4.1.3: cipher_suite is one the client offered.
    if (!contains(ch_.cipher_suites, sh_.cipher_suite))
      throw EngineError(Error::kIllegalParameter, "ServerHello suite " + sh_.cipher_suite.name() + " was not offered");
    suite_ = record::find_cipher_suite(sh_.cipher_suite.value);
    if (!suite_ || !suite_->allowed_in(sh_.version.value))
      throw EngineError(Error::kIllegalParameter, sh_.cipher_suite.name() + " is not allowed in " + sh_.version.name());
    if (sh_.compression_method != CompressionMethod::kNull)
      throw EngineError(Error::kIllegalParameter, "ServerHello compression " + std::to_string(sh_.compression_method.value));
    version_ = sh_.version;
    rep_.version = version_;
    rep_.suite = sh_.cipher_suite;
    prf_ = prf_for(version_, *suite_);
    conn_.set_record_version(version_);

    const msg::Extensions none;
    const msg::Extensions& ext = sh_.extensions ? *sh_.extensions : none;
    // RFC 5246 7.4.1.4: no two extensions of the same type.
    if (auto dup = msg::first_duplicate(ext)) throw EngineError(Error::kDuplicateExtension, "ServerHello repeats " + dup->name());
    // RFC 5246 7.4.1.4: a ServerHello extension the client did not offer is fatal
    // (unsupported_extension).
    for (const auto& e : ext) {
      if (q_.AcceptUnsolicitedExtensions) break;
      if (msg::find_extension(*ch_.extensions, e.type)) continue;
      // RFC 7627 5.2: a server MUST NOT include EMS when the ClientHello did not.
      const RfcRule rule = e.type == ExtensionType::kExtendedMasterSecret ? RfcRule{"7627", "5.2", "MUST NOT"} : RfcRule{};
      throw EngineError(Error::kUnsolicitedExtension, "ServerHello carries " + e.type.name() + ", which the client did not offer", rule);
    }
    rep_.ems_echoed = ems_extension(ext, "ServerHello", q_.AcceptMalformedEms) != nullptr;

    const msg::Extension* reneg = msg::find_extension(ext, ExtensionType::kRenegotiationInfo);
    if (reneg) {
      const auto ri = parse_or_throw<msg::RenegotiationInfo>(reneg->body);
      // RFC 5746 3.4 (initial: empty) and 3.5 (renegotiation: client_verify_data + server_verify_data).
      const Bytes expected = concat(client_verify_data_, server_verify_data_);
      if (ri.renegotiated_connection != expected)
        throw EngineError(Error::kRenegotiationInfoMismatch, "renegotiation_info " + to_hex(ri.renegotiated_connection));
      secure_renegotiation_ = true;
    } else if (renegotiating_ && secure_renegotiation_) {
      // RFC 5746 3.5: a server that negotiated secure renegotiation must keep using it.
      throw EngineError(Error::kRenegotiationInfoMismatch, "renegotiation ServerHello lacks renegotiation_info");
    }
    rep_.secure_renegotiation = secure_renegotiation_;
    rep_.session_id = sh_.session_id;
    tickets_agreed_ = msg::find_extension(ext, ExtensionType::kSessionTicket) != nullptr;
  }

  // Whether the ServerHello resumes what we offered, with the RFC 7627 5.3 checks.
  bool resumes() {
    if (!offered_ || sh_.session_id.empty() || sh_.session_id != ch_.session_id) return false;
    const auto& st = offered_->state;
    // RFC 5246 7.4.1.3: a resumed session keeps its version and cipher suite.
    if (sh_.version.value != st.version || sh_.cipher_suite.value != st.cipher_suite)
      throw EngineError(Error::kIllegalParameter, "resumed session with another version or suite");
    if (!q_.AcceptEmsMismatchOnResume) {
      // RFC 7627 5.3: "If the original session used the extension but the new ServerHello does
      // not contain the extension, the client MUST abort the handshake."
      if (st.extended_master_secret && !rep_.ems_echoed)
        throw EngineError(Error::kResumedWithoutEms, "the server resumed an EMS session with a ServerHello without EMS");
      // RFC 7627 5.3: "If the original session did not use the extension but the new
      // ServerHello contains the extension, the client MUST abort the handshake."
      if (!st.extended_master_secret && rep_.ems_echoed)
        throw EngineError(Error::kResumedNonEmsWithEms, "the server resumed a non-EMS session with a ServerHello carrying EMS");
    }
    return true;
  }

  // ---------------------------------------------------------------- the handshake
  void handshake() {
    ch_ = build_hello();
    conn_.transcript().clear();
    if (!renegotiating_) conn_.set_record_version(std::min(cfg_.max_version, ProtocolVersion::kTls10));
    conn_.queue(ch_);
    conn_.flush();

    // RFC 5246 6.2.1 / 7.4.1.1: in a renegotiation the server may have sent application data
    // (under the current keys) before it read our ClientHello; it is delivered, not refused.
    conn_.keep_app_data = renegotiating_;
    auto shm = conn_.expect({HT::kServerHello}, "after ClientHello");
    conn_.keep_app_data = false;
    sh_ = parse_or_throw<msg::ServerHello>(shm.message.body);
    conn_.transcript().add(shm.raw);
    check_server_hello();
    ms_in_.prf = prf_;
    ms_in_.client_random.assign(ch_.random.begin(), ch_.random.end());
    ms_in_.server_random.assign(sh_.random.begin(), sh_.random.end());

    if (resumes()) {
      abbreviated();
    } else {
      if (!rep_.ems_echoed && cfg_.require_ems)
        throw EngineError(Error::kHandshakeFailure, "the server did not negotiate the extended master secret");
      full();
    }
    rep_.handshake_complete = true;
    ++rep_.handshakes;
    if (renegotiating_) rep_.renegotiated = true;
  }

  void abbreviated() {
    if (!renegotiating_)  // the report describes the first handshake
      rep_.resumed = offered_by_;
    master_ = resumed_master_secret(offered_->state, ms_in_.client_random, rep_);
    auto keys = derive_record_keys(*suite_, version_, prf_, master_.secret, ms_in_.client_random, ms_in_.server_random,
                                   iv_source(drbg_, rep_.handshakes));
    new_ticket_.reset();
    for (;;) {
      // RFC 5246 7.3 / RFC 5077 3.1: ServerHello, [NewSessionTicket], ChangeCipherSpec, Finished.
      // Anything else — CertificateRequest in particular — is unexpected_message.
      auto in = conn_.read();
      if (in.kind == Connection::Incoming::Kind::kChangeCipherSpec) break;
      if (in.kind == Connection::Incoming::Kind::kAlert) {
        if (in.alert.level == AlertLevel::kFatal) {
          rep_.closure = Closure::kAlert;
          throw EngineError(Error::kPeerAlert, "abbreviated handshake: peer sent " + in.alert.description.name());
        }
        continue;
      }
      if (in.kind != Connection::Incoming::Kind::kHandshake)
        throw EngineError(Error::kUnexpectedMessage, "abbreviated handshake: application data before Finished");
      const auto& m = in.handshake;
      if (m.message.type == HT::kNewSessionTicket && tickets_agreed_ && !new_ticket_) {
        new_ticket_ = parse_or_throw<msg::NewSessionTicket>(m.message.body);
        conn_.transcript().add(m.raw);
        rep_.ticket_issued = true;
        continue;
      }
      if (m.message.type == HT::kCertificateRequest) rep_.certificate_requested = true;
      if (q_.AcceptCertificateRequestInResumption &&
          (m.message.type == HT::kCertificateRequest || m.message.type == HT::kCertificate ||
           m.message.type == HT::kServerHelloDone)) {
        conn_.transcript().add(m.raw);
        continue;
      }
      throw EngineError(Error::kUnexpectedMessage,
                        "abbreviated handshake: got " + m.message.type.name() + ", expected change_cipher_spec");
    }
    conn_.switch_read(std::move(keys.server_write));  // the CCS that ended the loop above
    read_finished(crypto::Sender::server);
    send_ccs_and_finished(std::move(keys.client_write));
    remember_session();
  }

  void full() {
    if (!renegotiating_) rep_.resumed = ResumedBy::kNone;  // the report describes the first handshake
    const msg::KeyExchange kx = kx_family(suite_->key_exchange);

    auto certm = conn_.expect({HT::kCertificate}, "after ServerHello");
    auto cert = parse_or_throw<msg::Certificate>(certm.message.body);
    conn_.transcript().add(certm.raw);
    if (cert.certificates.empty()) throw EngineError(Error::kBadCertificate, "the server sent an empty Certificate");
    auto server_key = crypto::PublicKey::from_der_certificate(cert.certificates.front());
    if (!server_key) throw EngineError(Error::kBadCertificate, "server certificate: " + server_key.error());
    const bool wants_ec = suite_->key_exchange == record::KeyExchange::ecdhe_ecdsa;
    if ((server_key->info().kind == crypto::KeyKind::ec) != wants_ec)
      throw EngineError(Error::kBadCertificate, "server key type does not fit " + sh_.cipher_suite.name());
    server_chain_ = cert.certificates;

    ClientKeyShare share;
    if (kx == msg::KeyExchange::kRsa) {
      share = client_rsa(*server_key, ch_.version, drbg_);
    } else {
      auto skem = conn_.expect({HT::kServerKeyExchange}, "after server Certificate");
      auto ske = parse_or_throw<msg::ServerKeyExchange>(skem.message.body, version_, kx);
      conn_.transcript().add(skem.raw);
      verify_ske(ske, *server_key);
      share = kx == msg::KeyExchange::kDhe ? client_dhe(ske, q_, drbg_, cfg_.timeouts.stop)
                                          : client_ecdhe(ske, q_, drbg_, cfg_.timeouts.stop);
    }

    auto next = conn_.expect({HT::kCertificateRequest, HT::kServerHelloDone}, "after ServerKeyExchange");
    std::optional<msg::CertificateRequest> req;
    if (next.message.type == HT::kCertificateRequest) {
      req = parse_or_throw<msg::CertificateRequest>(next.message.body, version_);
      conn_.transcript().add(next.raw);
      rep_.certificate_requested = true;
      next = conn_.expect({HT::kServerHelloDone}, "after CertificateRequest");
    }
    parse_or_throw<msg::ServerHelloDone>(next.message.body);
    conn_.transcript().add(next.raw);

    // RFC 5246 7.4.6: the client MUST send a Certificate if the server requested one, empty if
    // it has none suitable.
    const bool send_cert = req && cfg_.credential && !q_.SendEmptyCertificate;
    if (req) {
      msg::Certificate mine;
      if (send_cert) mine.certificates = cfg_.credential->chain;
      conn_.queue(mine);
      rep_.client_certificate = send_cert;
    }
    msg::ClientKeyExchange cke;
    cke.kx = kx;
    cke.exchange = share.exchange;
    conn_.queue(cke);
    record_premaster(share.premaster);
    // RFC 7627 3: session_hash covers the messages up to and including ClientKeyExchange.
    ms_in_.session_hash = conn_.transcript().hash(prf_);
    if (send_cert) send_certificate_verify(*req);

    master_ = full_master_secret(ms_in_, share.premaster.used, q_.ForceMasterSecret, rep_);
    auto keys = derive_record_keys(*suite_, version_, prf_, master_.secret, ms_in_.client_random, ms_in_.server_random,
                                   iv_source(drbg_, rep_.handshakes));
    send_ccs_and_finished(std::move(keys.client_write));

    new_ticket_.reset();
    if (tickets_agreed_) {
      // RFC 5077 3.3: a server that echoed session_ticket sends NewSessionTicket before its CCS.
      auto nst = conn_.expect_or_ccs({HT::kNewSessionTicket}, "after client Finished");
      if (nst) {
        new_ticket_ = parse_or_throw<msg::NewSessionTicket>(nst->message.body);
        conn_.transcript().add(nst->raw);
        rep_.ticket_issued = true;
        conn_.expect_ccs(std::move(keys.server_write), "after NewSessionTicket");
      } else {
        conn_.switch_read(std::move(keys.server_write));
      }
    } else {
      conn_.expect_ccs(std::move(keys.server_write), "after client Finished");
    }
    read_finished(crypto::Sender::server);
    remember_session();
  }

  void verify_ske(const msg::ServerKeyExchange& ske, const crypto::PublicKey& key) {
    // RFC 5246 7.4.3: the signature covers client_random + server_random + params.
    Bytes signed_data = concat(concat(ms_in_.client_random, ms_in_.server_random), ske.params());
    verify_peer_signature(key, version_, ske.scheme, cfg_.signature_schemes, signed_data, ske.signature,
                          "ServerKeyExchange");
  }

  void send_certificate_verify(const msg::CertificateRequest& req) {
    const crypto::PrivateKey& key = *cfg_.credential->key;
    msg::CertificateVerify cv;
    // RFC 5246 7.4.8: the signature covers all handshake messages so far.
    const Bytes& messages = conn_.transcript().raw();
    if (version_ >= ProtocolVersion::kTls12) {
      std::optional<crypto::SignatureScheme> chosen;
      for (auto s : cfg_.signature_schemes) {
        if (!req.signature_algorithms ||
            std::find(req.signature_algorithms->begin(), req.signature_algorithms->end(), s) == req.signature_algorithms->end())
          continue;
        auto scheme = crypto::scheme_from_codepoint(s.value);
        if (scheme && crypto::scheme_fits_key(*scheme, key.info())) {
          chosen = scheme;
          cv.scheme = s;
          break;
        }
      }
      if (!chosen) throw EngineError(Error::kHandshakeFailure, "no signature algorithm in CertificateRequest fits our key");
      auto sig = crypto::sign(key, *chosen, messages);
      if (!sig) throw EngineError(Error::kInternalError, "CertificateVerify: " + sig.error());
      cv.signature = std::move(*sig);
    } else {
      auto sig = crypto::sign_legacy(key, messages);
      if (!sig) throw EngineError(Error::kInternalError, "CertificateVerify: " + sig.error());
      cv.signature = std::move(*sig);
    }
    conn_.queue(cv);
  }

  void record_premaster(const Premaster& p) {
    premaster_ = p;
    rep_.group = p.group;
    rep_.premaster_form = p.form;
    rep_.premaster_leading_zeros = p.leading_zeros;
    rep_.key_search_tries = p.tries;
  }

  void send_ccs_and_finished(std::unique_ptr<record::RecordProtection> write) {
    conn_.send_ccs(std::move(write));
    msg::Finished fin;
    fin.verify_data = crypto::finished_verify_data(prf_, master_.secret, crypto::Sender::client, conn_.transcript().hash(prf_));
    client_verify_data_ = fin.verify_data;
    conn_.queue(fin);
    conn_.flush();
  }

  void read_finished(crypto::Sender sender) {
    OracleInputs oracle{suite_, version_, ms_in_, {}, premaster_, false, cfg_.timeouts.stop};
    const bool ours = master_.extended;
    conn_.on_bad_record = [this, oracle, ours](const record::RecordHeader& h, ByteView f) {
      if (rep_.resumed == ResumedBy::kNone && rep_.handshakes == 0) rep_.oracle = explain_bad_finished(oracle, ours, h, f);
    };
    auto fm = conn_.expect({HT::kFinished}, "after server ChangeCipherSpec");
    conn_.on_bad_record = nullptr;
    auto fin = parse_or_throw<msg::Finished>(fm.message.body);
    const Bytes expected = crypto::finished_verify_data(prf_, master_.secret, sender, conn_.transcript().hash(prf_));
    // RFC 5246 7.4.9: recipients MUST verify that the contents are correct.
    if (fin.verify_data != expected) throw EngineError(Error::kBadFinished, "server Finished verify_data does not match");
    conn_.transcript().add(fm.raw);
    server_verify_data_ = fin.verify_data;
  }

  void remember_session() {
    session::ClientSession s;
    if (rep_.resumed != ResumedBy::kNone) {
      s = *offered_;
    } else {
      s.state = new_session(version_, sh_.cipher_suite, master_, server_chain_, cfg_.server_name, sh_.session_id);
      s.session_id = sh_.session_id;
    }
    if (new_ticket_) {
      s.ticket = new_ticket_->ticket;
      s.ticket_lifetime_hint = new_ticket_->lifetime_hint;
    }
    rep_.session = s;
  }

  // ---------------------------------------------------------------- after the handshake
  void after_handshake() {
    if (cfg_.app_script) {
      run_app_script(conn_, rep_, cfg_.app_script, [this](const msg::ReassembledMessage& m) { on_post_handshake_message(m); });
      close();
      return;
    }
    switch (cfg_.app_mode) {
      case AppData::kNone: break;
      case AppData::kEcho:
        if (cfg_.app_data.empty()) break;
        conn_.send_app_data(cfg_.app_data);
        if (cfg_.await_reply) await_reply([this] { return rep_.app_data_received.size() >= cfg_.app_data.size(); });
        break;
      case AppData::kHttp:
        conn_.send_app_data(http_request(cfg_.server_name));
        await_reply([this] { return http_reading_done(rep_.app_data_received); });
        break;
    }
    // RFC 5246 7.2.1: whatever the answer was (or if none came), the connection ends with our
    // close_notify, so the server keeps the session resumable.
    close();
  }

  // Reads application data until `done()`, the peer closes, or the deadline. A deadline with
  // nothing received leaves the closure `timeout` (the peer hung: it neither answered nor closed)
  // and the error `timeout`, without ending the flow: close() still sends close_notify. Once some
  // answer came, a deadline only ends the reading (a shorter reply, a server that keeps the
  // connection open).
  template <class Done>
  void await_reply(Done done) {
    while (!done()) {
      Connection::Incoming in;
      try {
        in = conn_.read();
      } catch (const EngineError& e) {
        if (e.code != Error::kTimeout) throw;
        if (!rep_.app_data_received.empty()) {
          rep_.closure = Closure::kOpen;
          return;
        }
        rep_.error = e.code;
        rep_.error_detail = std::string("after the handshake: ") + e.what();
        return;
      }
      switch (in.kind) {
        case Connection::Incoming::Kind::kAppData:
          rep_.app_data_received.insert(rep_.app_data_received.end(), in.data.begin(), in.data.end());
          break;
        case Connection::Incoming::Kind::kHandshake:
          on_post_handshake_message(in.handshake);
          break;
        case Connection::Incoming::Kind::kAlert:
          if (in.alert.level == AlertLevel::kFatal || in.alert.description == AlertDescription::kCloseNotify) {
            rep_.closure = in.alert.description == AlertDescription::kCloseNotify ? Closure::kCloseNotify : Closure::kAlert;
            return;
          }
          break;
        case Connection::Incoming::Kind::kChangeCipherSpec:
          throw EngineError(Error::kUnexpectedMessage, "change_cipher_spec after the handshake");
      }
    }
  }

  void on_post_handshake_message(const msg::ReassembledMessage& m) {
    if (m.message.type != HT::kHelloRequest)
      throw EngineError(Error::kUnexpectedMessage, "got " + m.message.type.name() + " after the handshake");
    if (q_.IgnoreHelloRequest) return;
    // RFC 5246 7.4.1.1 / RFC 5746 4.2: renegotiate securely, or refuse with a no_renegotiation
    // warning (RFC 5246 7.2.2).
    if (!secure_renegotiation_ || q_.RefuseRenegotiation || !cfg_.secure_renegotiation) {
      conn_.send_alert(AlertLevel::kWarning, AlertDescription::kNoRenegotiation);
      return;
    }
    renegotiating_ = true;
    handshake();
  }

  Premaster premaster_;
  bool tickets_agreed_ = false;
  std::optional<session::ClientSession> offered_;
  ResumedBy offered_by_ = ResumedBy::kNone;  // how offered_ is offered
  std::optional<msg::NewSessionTicket> new_ticket_;
  std::vector<Bytes> server_chain_;
};

}  // namespace

ConnectionReport run_client(transport::Stream& stream, const ClientConfig& config) {
  return run_flow<ClientFlow>(stream, config, Role::kClient);
}

}  // namespace tlsc::engine
