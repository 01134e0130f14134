#include "services/sns/message_signer.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "core/encoding.h"

namespace cloudemu::services::sns {
namespace {

constexpr std::string_view kKeyName = "signing_key";
constexpr std::string_view kCertName = "signing_cert";
constexpr long kCertificateValiditySeconds = 10L * 365 * 24 * 3600;

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

// A self-signed certificate for `key`, as SNS's SigningCertURL serves one.
StatusOr<std::string> SelfSignedCertificate(EVP_PKEY* key, const std::string& common_name) {
  X509Ptr cert(X509_new());
  if (!cert) return Status::Internal("X509_new failed");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), kCertificateValiditySeconds);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key, EVP_sha256()) <= 0) return Status::Internal("signing the SNS certificate failed");
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert.get());
  return BioText(bio.get());
}

}  // namespace

struct MessageSigner::Key {
  PkeyPtr pkey;
  std::string certificate_pem;
};

MessageSigner::MessageSigner(SnsState& state, std::string common_name)
    : state_(state), common_name_(std::move(common_name)) {}

MessageSigner::~MessageSigner() = default;

StatusOr<std::shared_ptr<const MessageSigner::Key>> MessageSigner::CurrentKey() {
  std::lock_guard lock(mu_);
  if (key_) return key_;
  auto key = std::make_shared<Key>();
  std::optional<std::string> key_pem = state_.GetMeta(kKeyName);
  std::optional<std::string> cert_pem = state_.GetMeta(kCertName);
  if (key_pem && cert_pem) {
    BioPtr bio(BIO_new_mem_buf(key_pem->data(), static_cast<int>(key_pem->size())));
    key->pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    key->certificate_pem = *cert_pem;
  }
  if (!key->pkey) {
    key->pkey.reset(EVP_RSA_gen(2048));
    if (!key->pkey) return Status::Internal("generating the SNS signing key failed");
    auto cert = SelfSignedCertificate(key->pkey.get(), common_name_);
    if (!cert.ok()) return cert.status();
    key->certificate_pem = *cert;
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
    core::WriteBatch batch;
    state_.PutMeta(batch, kKeyName, BioText(bio.get()));
    state_.PutMeta(batch, kCertName, key->certificate_pem);
    if (Status stored = state_.store().Commit(std::move(batch)); !stored.ok()) return stored;
  }
  key_ = std::move(key);
  return key_;
}

StatusOr<std::string> MessageSigner::Sign(std::string_view canonical, std::string_view signature_version) {
  auto key = CurrentKey();
  if (!key.ok()) return key.status();
  const EVP_MD* digest = signature_version == "2" ? EVP_sha256() : EVP_sha1();
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  size_t length = 0;
  if (EVP_DigestSignInit(ctx.get(), nullptr, digest, nullptr, (*key)->pkey.get()) <= 0 ||
      EVP_DigestSignUpdate(ctx.get(), canonical.data(), canonical.size()) <= 0 ||
      EVP_DigestSignFinal(ctx.get(), nullptr, &length) <= 0) {
    return Status::Internal("signing an SNS message failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSignFinal(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length) <= 0) {
    return Status::Internal("signing an SNS message failed");
  }
  signature.resize(length);
  return core::Base64Encode(signature);
}

StatusOr<std::string> MessageSigner::CertificatePem() {
  auto key = CurrentKey();
  if (!key.ok()) return key.status();
  return (*key)->certificate_pem;
}

void MessageSigner::Forget() {
  std::lock_guard lock(mu_);
  key_.reset();
}

}  // namespace cloudemu::services::sns
