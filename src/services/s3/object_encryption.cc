#include "services/s3/object_encryption.h"

#include <optional>

#include "core/encoding.h"
#include "core/hash.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr std::string_view kAes256 = "AES256";

bool IsKms(std::string_view algorithm) { return algorithm == "aws:kms" || algorithm == "aws:kms:dsse"; }

std::string Member(std::string_view prefix, std::string_view name) { return std::string(prefix) + std::string(name); }

// The base64 MD5 of a valid SSE-C key given as <prefix>SSECustomerKey, checked
// against <prefix>SSECustomerKeyMD5 when that is sent too.
StatusOr<std::string> CustomerKeyMd5(const Document& input, std::string_view prefix) {
  const std::string& algorithm = input[Member(prefix, "SSECustomerAlgorithm")].AsString();
  if (algorithm != kAes256) {
    return Status::InvalidArgument("InvalidEncryptionAlgorithmError",
                                   "The encryption request you specified is not valid. The valid value is AES256.")
        .WithDetail("ArgumentName", "x-amz-server-side-encryption-customer-algorithm")
        .WithDetail("ArgumentValue", algorithm);
  }
  const Document* key = input.Find(Member(prefix, "SSECustomerKey"));
  std::optional<std::string> raw_key = key ? core::Base64Decode(key->AsString()) : std::nullopt;
  if (!raw_key) {
    return InvalidArgument(
        "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret "
        "key.");
  }
  if (raw_key->size() != 32) {
    return InvalidArgument("The secret key was invalid for the specified algorithm.",
                           "x-amz-server-side-encryption-customer-key", "");
  }
  std::string md5 = core::Base64Encode(core::Md5(*raw_key));
  const Document* given_md5 = input.Find(Member(prefix, "SSECustomerKeyMD5"));
  if (given_md5 && given_md5->AsString() != md5) {
    return InvalidArgument("The calculated MD5 hash of the key did not match the hash that was provided.");
  }
  return md5;
}

// The bucket's default encryption rule, when it has one.
const Document* DefaultRule(const std::optional<Document>& configuration) {
  if (!configuration) return nullptr;
  const core::DocumentList& rules = (*configuration)["Rules"].AsList();
  return rules.empty() ? nullptr : &rules.front();
}

}  // namespace

StatusOr<EncryptionSettings> EncryptionForWrite(const S3State& state, const BucketRecord& bucket, const Document& input,
                                                const RequestContext& context) {
  EncryptionSettings settings;
  if (input.Has("SSECustomerAlgorithm") || input.Has("SSECustomerKey")) {
    if (input.Has("ServerSideEncryption")) {
      return InvalidArgument(
          "Server Side Encryption with Customer provided key is incompatible with the encryption method specified",
          "x-amz-server-side-encryption", input["ServerSideEncryption"].AsString());
    }
    auto md5 = CustomerKeyMd5(input, "");
    if (!md5.ok()) return md5.status();
    settings["SSECustomerAlgorithm"] = std::string(kAes256);
    settings["SSECustomerKeyMD5"] = *md5;
    return settings;
  }
  std::optional<Document> configuration = state.FindConfig(bucket.name, config_kind::kEncryption);
  const Document* rule = DefaultRule(configuration);
  std::string algorithm(kAes256);
  std::string key_id;
  bool bucket_key = false;
  if (const Document* requested = input.Find("ServerSideEncryption")) {
    algorithm = requested->AsString();
    if (algorithm != kAes256 && !IsKms(algorithm)) {
      return InvalidArgument("Server Side Encryption with " + algorithm + " is not supported",
                             "x-amz-server-side-encryption", algorithm);
    }
  } else if (rule != nullptr) {
    const Document& by_default = (*rule)["ApplyServerSideEncryptionByDefault"];
    algorithm = by_default["SSEAlgorithm"].AsString(kAes256);
    key_id = by_default["KMSMasterKeyID"].AsString();
  }
  if (rule != nullptr) bucket_key = (*rule)["BucketKeyEnabled"].AsBool();
  if (const Document* requested_key = input.Find("SSEKMSKeyId")) {
    if (!IsKms(algorithm)) {
      return InvalidArgument(
          "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : "
          "aws:kms",
          "x-amz-server-side-encryption-aws-kms-key-id", requested_key->AsString());
    }
    key_id = requested_key->AsString();
  }
  if (const Document* requested_bucket_key = input.Find("BucketKeyEnabled"))
    bucket_key = requested_bucket_key->AsBool();
  settings["ServerSideEncryption"] = algorithm;
  if (IsKms(algorithm)) {
    // Without a key, S3 uses the account's AWS managed key for S3.
    settings["SSEKMSKeyId"] =
        key_id.empty() ? "arn:aws:kms:" + context.region + ":" + context.account_id + ":alias/aws/s3" : key_id;
    settings["BucketKeyEnabled"] = bucket_key ? "true" : "false";
    if (const Document* encryption_context = input.Find("SSEKMSEncryptionContext")) {
      settings["SSEKMSEncryptionContext"] = encryption_context->AsString();
    }
  }
  return settings;
}

void AddEncryptionMembers(const EncryptionSettings& encryption, Document& output, bool with_context) {
  for (const auto& [member, value] : encryption) {
    if (member == "BucketKeyEnabled") {
      if (value == "true") output.Set(member, true);
    } else if (member != "SSEKMSEncryptionContext" || with_context) {
      output.Set(member, value);
    }
  }
}

Status CheckCustomerKeyForRead(const EncryptionSettings& encryption, const Document& input,
                               std::string_view member_prefix) {
  auto stored_md5 = encryption.find("SSECustomerKeyMD5");
  bool presented = input.Has(Member(member_prefix, "SSECustomerAlgorithm"));
  if (stored_md5 == encryption.end()) {
    if (presented) return InvalidRequest("The encryption parameters are not applicable to this object.");
    return Status::Ok();
  }
  if (!presented) {
    return InvalidRequest(
        "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to "
        "retrieve the object.");
  }
  auto md5 = CustomerKeyMd5(input, member_prefix);
  if (!md5.ok()) return md5.status();
  if (*md5 != stored_md5->second) {
    return Status::Error("AccessDenied", "The calculated MD5 hash of the key did not match the hash that was provided.",
                         403);
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::s3
