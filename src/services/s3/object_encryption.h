// Server-side encryption of objects as S3 reports it: which encryption a
// write gets (SSE-C from the request, else the request's
// x-amz-server-side-encryption, else the bucket's default encryption, else
// SSE-S3 "AES256", as every bucket has had since 2023), the output members
// that echo it, and the SSE-C key a read of an SSE-C object must present.
// CloudEmu stores bytes as given; only the settings are kept.
// The stored map uses the output member names: ServerSideEncryption,
// SSEKMSKeyId, BucketKeyEnabled ("true"/"false"), SSEKMSEncryptionContext,
// SSECustomerAlgorithm, SSECustomerKeyMD5.
// Thread-safety: reads the Store only.
#ifndef CLOUDEMU_SERVICES_S3_OBJECT_ENCRYPTION_H_
#define CLOUDEMU_SERVICES_S3_OBJECT_ENCRYPTION_H_

#include <map>
#include <string>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"
#include "services/service.h"

namespace cloudemu::services::s3 {

using EncryptionSettings = std::map<std::string, std::string>;

// The encryption a write input asks for in `bucket`; InvalidArgument /
// InvalidEncryptionAlgorithmError for inconsistent or malformed settings.
StatusOr<EncryptionSettings> EncryptionForWrite(const S3State& state, const BucketRecord& bucket,
                                                const core::Document& input, const RequestContext& context);

// Sets ServerSideEncryption, SSEKMSKeyId, BucketKeyEnabled (KMS only),
// SSECustomerAlgorithm and SSECustomerKeyMD5; SSEKMSEncryptionContext only
// when `with_context` (the outputs of PutObject, CopyObject and
// CreateMultipartUpload carry it).
void AddEncryptionMembers(const EncryptionSettings& encryption, core::Document& output, bool with_context = false);

// A read (GetObject/HeadObject, or a copy source with member prefix
// "CopySource") of an SSE-C object must present its key; SSE-C parameters on
// any other object are refused.
Status CheckCustomerKeyForRead(const EncryptionSettings& encryption, const core::Document& input,
                               std::string_view member_prefix = "");

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_OBJECT_ENCRYPTION_H_
