// MessageSigner: the Cloud's SNS signing identity - an RSA key and a
// self-signed certificate for it - and the signatures SNS puts on every
// message it sends (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA, over
// the canonical string of notification_envelope.h).
//
// The key is generated on first use and kept in the Store (sns.meta), so a
// snapshot or an LMDB restart keeps verifying old signatures; the parsed key
// in memory is derived data, dropped by Forget() after a reset or restore.
// Thread-safety: all methods may be called concurrently.
#ifndef CLOUDEMU_SERVICES_SNS_MESSAGE_SIGNER_H_
#define CLOUDEMU_SERVICES_SNS_MESSAGE_SIGNER_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "services/sns/sns_state.h"

namespace cloudemu::services::sns {

class MessageSigner {
 public:
  MessageSigner(SnsState& state, std::string common_name);
  ~MessageSigner();

  // The base64 signature of `canonical` for `signature_version` "1" or "2".
  StatusOr<std::string> Sign(std::string_view canonical, std::string_view signature_version);
  // The PEM certificate whose public key verifies every signature.
  StatusOr<std::string> CertificatePem();
  // Drops the in-memory key; the next use reloads (or creates) it.
  void Forget();

 private:
  struct Key;
  // The loaded key, loading the stored one or creating and storing one
  // first. Signing runs outside mu_ on the shared key (OpenSSL allows
  // concurrent signing with one EVP_PKEY), so Publish calls on different
  // listener threads sign in parallel.
  StatusOr<std::shared_ptr<const Key>> CurrentKey();

  SnsState& state_;
  std::string common_name_;
  std::mutex mu_;
  std::shared_ptr<const Key> key_;
};

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_MESSAGE_SIGNER_H_
