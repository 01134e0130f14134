// S3 access control lists: the owner of an account's resources, canned ACLs
// and x-amz-grant-* headers turned into grants, AccessControlPolicy bodies
// validated, and the checks Object Ownership and Block Public Access impose.
//
// An ACL is a Document shaped like the model's AccessControlPolicy /
// GetBucketAclOutput: {"Owner": {"ID", "DisplayName"}, "Grants": [{"Grantee":
// {"Type", "ID"?, "DisplayName"?, "URI"?}, "Permission"}]}.
// Thread-safety: pure functions, except that the checks read the Store.
#ifndef CLOUDEMU_SERVICES_S3_S3_ACL_H_
#define CLOUDEMU_SERVICES_S3_S3_ACL_H_

#include <optional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"

namespace cloudemu::services::s3 {

// The canonical user of an account: {"ID": 64 hex digits, "DisplayName"}.
core::Document AclOwner(std::string_view account_id);

// The ACL a canned ACL name (x-amz-acl) stands for; InvalidArgument for an
// unknown name. Object-only names (bucket-owner-read, ...) are accepted.
StatusOr<core::Document> CannedAcl(std::string_view canned, const core::Document& owner);

// The ACL an operation input asks for through its ACL (x-amz-acl) or
// Grant* (x-amz-grant-*) members; nullopt when it has neither. Both at once
// is InvalidRequest, as on AWS.
StatusOr<std::optional<core::Document>> AclFromHeaders(const core::Document& input, const core::Document& owner);

// Validates an AccessControlPolicy body and returns it as stored (owner
// taken from `owner`, display names filled in for the owner's grants).
StatusOr<core::Document> AclFromPolicy(const core::Document& policy, const core::Document& owner);

// Whether any grant goes to AllUsers or AuthenticatedUsers.
bool AclGrantsPublicAccess(const core::Document& acl);
// Whether the ACL grants nothing but FULL_CONTROL to the owner (the only ACL
// a bucket with Object Ownership "BucketOwnerEnforced" accepts).
bool AclIsOwnerFullControlOnly(const core::Document& acl, const core::Document& owner);

// A bucket's effective Object Ownership: its ownership controls rule, or
// "ObjectWriter" when it has none (as on AWS after DeleteBucketOwnershipControls).
std::string BucketObjectOwnership(const S3State& state, std::string_view bucket);
// A bucket's Block Public Access setting `name` ("BlockPublicAcls", ...).
bool BucketBlocksPublic(const S3State& state, std::string_view bucket, std::string_view name);

// May `acl` be put on `bucket` or one of its objects? AccessControlListNotSupported
// when ACLs are disabled by BucketOwnerEnforced, AccessDenied when Block
// Public Access refuses a public ACL.
Status CheckAclAllowed(const S3State& state, std::string_view bucket, const core::Document& acl,
                       const core::Document& owner);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_S3_ACL_H_
