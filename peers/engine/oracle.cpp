#include "peers/engine/oracle.h"

namespace tlsc::engine {

std::optional<OracleFinding> explain_bad_finished(const OracleInputs& in, bool ours_extended,
                                                  const record::RecordHeader& header, ByteView fragment) {
  struct Schedule {
    std::string name;
    bool extended;
    Bytes session_hash;
  };
  std::vector<Schedule> schedules = {{"extended", true, in.ms.session_hash}, {"standard", false, {}}};
  if (!in.session_hash_with_cv.empty())
    schedules.push_back({"extended-through-certificate-verify", true, in.session_hash_with_cv});
  struct Pms {
    std::string form;
    const Bytes* bytes;
  };
  std::vector<Pms> forms = {{in.premaster.form, &in.premaster.used}};
  if (!in.premaster.alternative.empty()) forms.push_back({in.premaster.alternative_form, &in.premaster.alternative});

  const char* who = in.peer_is_client ? "client" : "server";
  for (const auto& pms : forms) {
    for (const auto& s : schedules) {
      if (&pms == &forms.front() && s.extended == ours_extended && (!s.extended || s.session_hash == in.ms.session_hash))
        continue;  // the schedule we used ourselves
      if (in.stop && in.stop()) return std::nullopt;  // our caller is stopping: no time for the rest
      MasterSecretInputs msi = in.ms;
      msi.session_hash = s.session_hash;
      const Bytes master = derive_master_secret(msi, *pms.bytes, s.extended);
      auto keys = derive_record_keys(*in.suite, in.version, in.ms.prf, master, in.ms.client_random,
                                     in.ms.server_random, {});
      auto& prot = in.peer_is_client ? keys.client_write : keys.server_write;
      if (!prot) continue;
      auto opened = prot->open(header, fragment);
      if (!opened.ok()) continue;
      OracleFinding f;
      f.master_secret = s.name;
      f.premaster = pms.form;
      f.summary = std::string("the ") + who + " used the " + s.name + " master secret over the " + pms.form + " " +
                  (in.suite->key_exchange == record::KeyExchange::rsa ? "RSA" : in.premaster.group) + " premaster";
      return f;
    }
  }
  return std::nullopt;
}

}  // namespace tlsc::engine
