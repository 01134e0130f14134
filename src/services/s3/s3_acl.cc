#include "services/s3/s3_acl.h"

#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include "core/encoding.h"
#include "core/hash.h"
#include "services/s3/s3_errors.h"

namespace cloudemu::services::s3 {
namespace {

using core::Document;

constexpr std::string_view kAllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
constexpr std::string_view kAuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
constexpr std::string_view kLogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";
constexpr std::array<std::string_view, 5> kPermissions = {"FULL_CONTROL", "WRITE", "WRITE_ACP", "READ", "READ_ACP"};

// Input member carrying each x-amz-grant-* header, with the permission it grants.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kGrantMembers = {{
    {"GrantFullControl", "FULL_CONTROL"},
    {"GrantRead", "READ"},
    {"GrantReadACP", "READ_ACP"},
    {"GrantWrite", "WRITE"},
    {"GrantWriteACP", "WRITE_ACP"},
}};

Status MalformedAcl() {
  return Status::InvalidArgument("MalformedACLError",
                                 "The XML you provided was not well-formed or did not validate against our "
                                 "published schema");
}

Status UnresolvableEmail(std::string_view email) {
  return Status::InvalidArgument("UnresolvableGrantByEmailAddress",
                                 "The e-mail address you provided does not match any account on record.")
      .WithDetail("EmailAddressProvided", std::string(email));
}

bool IsCanonicalId(std::string_view id) {
  if (id.size() != 64) return false;
  for (char c : id) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsKnownGroup(std::string_view uri) {
  return uri == kAllUsers || uri == kAuthenticatedUsers || uri == kLogDelivery;
}

Document Grant(Document grantee, std::string_view permission) {
  Document grant = Document::Map();
  grant.Set("Grantee", std::move(grantee));
  grant.Set("Permission", permission);
  return grant;
}

Document UserGrantee(const Document& owner) {
  Document grantee = Document::Map();
  grantee.Set("Type", "CanonicalUser");
  grantee.Set("ID", owner["ID"]);
  grantee.Set("DisplayName", owner["DisplayName"]);
  return grantee;
}

Document GroupGrantee(std::string_view uri) {
  Document grantee = Document::Map();
  grantee.Set("Type", "Group");
  grantee.Set("URI", uri);
  return grantee;
}

// A canonical-user or group grantee, checked; the owner's display name is
// filled in.
StatusOr<Document> CheckGrantee(const Document& grantee, const Document& owner) {
  const std::string& type = grantee["Type"].AsString();
  if (type == "CanonicalUser") {
    const std::string& id = grantee["ID"].AsString();
    if (!IsCanonicalId(id)) return InvalidArgument("Invalid id", "CanonicalUser/ID", id);
    if (id == owner["ID"].AsString()) return UserGrantee(owner);
    Document user = Document::Map();
    user.Set("Type", "CanonicalUser");
    user.Set("ID", id);
    return user;
  }
  if (type == "Group") {
    const std::string& uri = grantee["URI"].AsString();
    if (!IsKnownGroup(uri)) return InvalidArgument("Invalid group uri", "Group/URI", uri);
    return GroupGrantee(uri);
  }
  if (type == "AmazonCustomerByEmail") return UnresolvableEmail(grantee["EmailAddress"].AsString());
  return MalformedAcl();
}

void AddGrant(Document& acl, Document grant) {
  Document& grants = acl.MutableMap()["Grants"];
  for (const Document& existing : grants.AsList()) {
    if (existing == grant) return;
  }
  grants.Append(std::move(grant));
}

Document EmptyAcl(const Document& owner) {
  Document acl = Document::Map();
  acl.Set("Owner", owner);
  acl.Set("Grants", Document::List());
  return acl;
}

// Splits `id="a", uri="b"` into (name, value) pairs; nullopt when malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseGrantHeader(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> items;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  while (true) {
    skip_space();
    size_t equals = text.find('=', i);
    if (equals == std::string_view::npos) return std::nullopt;
    std::string name(text.substr(i, equals - i));
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    i = equals + 1;
    skip_space();
    std::string value;
    if (i < text.size() && text[i] == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      value = text.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      size_t end = text.find(',', i);
      value = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
      i = end == std::string_view::npos ? text.size() : end;
    }
    if (name.empty()) return std::nullopt;
    items.emplace_back(std::move(name), std::move(value));
    skip_space();
    if (i >= text.size()) return items;
    if (text[i] != ',') return std::nullopt;
    ++i;
  }
}

}  // namespace

Document AclOwner(std::string_view account_id) {
  // A digest of the account id: worked out once per thread and account, as
  // writes ask for it on every request.
  thread_local std::string account;
  thread_local std::string canonical_id;
  if (canonical_id.empty() || account != account_id) {
    account = account_id;
    canonical_id = core::HexEncode(core::Sha256("cloudemu canonical user " + account));
  }
  Document owner = Document::Map();
  owner.Set("ID", canonical_id);
  owner.Set("DisplayName", account_id);
  return owner;
}

StatusOr<Document> CannedAcl(std::string_view canned, const Document& owner) {
  Document acl = EmptyAcl(owner);
  AddGrant(acl, Grant(UserGrantee(owner), "FULL_CONTROL"));
  if (canned == "private" || canned == "bucket-owner-full-control" || canned == "aws-exec-read") {
    // The object owner is the bucket owner in a one-account cloud, and the
    // EC2 principal aws-exec-read names lives outside it.
  } else if (canned == "public-read") {
    AddGrant(acl, Grant(GroupGrantee(kAllUsers), "READ"));
  } else if (canned == "public-read-write") {
    AddGrant(acl, Grant(GroupGrantee(kAllUsers), "READ"));
    AddGrant(acl, Grant(GroupGrantee(kAllUsers), "WRITE"));
  } else if (canned == "authenticated-read") {
    AddGrant(acl, Grant(GroupGrantee(kAuthenticatedUsers), "READ"));
  } else if (canned == "bucket-owner-read") {
    AddGrant(acl, Grant(UserGrantee(owner), "READ"));
  } else if (canned == "log-delivery-write") {
    AddGrant(acl, Grant(GroupGrantee(kLogDelivery), "WRITE"));
    AddGrant(acl, Grant(GroupGrantee(kLogDelivery), "READ_ACP"));
  } else {
    return InvalidArgument("Invalid canned ACL", "x-amz-acl", canned);
  }
  return acl;
}

StatusOr<std::optional<Document>> AclFromHeaders(const Document& input, const Document& owner) {
  bool has_grants = false;
  for (const auto& [member, permission] : kGrantMembers) has_grants = has_grants || input.Has(member);
  if (input.Has("ACL")) {
    if (has_grants) return InvalidRequest("Specifying both Canned ACLs and Header Grants is not allowed");
    auto acl = CannedAcl(input["ACL"].AsString(), owner);
    if (!acl.ok()) return acl.status();
    return std::optional<Document>(*std::move(acl));
  }
  if (!has_grants) return std::optional<Document>();
  Document acl = EmptyAcl(owner);
  for (const auto& [member, permission] : kGrantMembers) {
    const Document* header = input.Find(member);
    if (!header) continue;
    auto items = ParseGrantHeader(header->AsString());
    if (!items) return InvalidArgument("Invalid header value", member, header->AsString());
    for (const auto& [name, value] : *items) {
      Document grantee = Document::Map();
      if (name == "id") {
        grantee.Set("Type", "CanonicalUser");
        grantee.Set("ID", value);
      } else if (name == "uri") {
        grantee.Set("Type", "Group");
        grantee.Set("URI", value);
      } else if (name == "emailAddress") {
        return UnresolvableEmail(value);
      } else {
        return InvalidArgument("Invalid header value", member, header->AsString());
      }
      auto checked = CheckGrantee(grantee, owner);
      if (!checked.ok()) return checked.status();
      AddGrant(acl, Grant(*std::move(checked), permission));
    }
  }
  return std::optional<Document>(std::move(acl));
}

StatusOr<Document> AclFromPolicy(const Document& policy, const Document& owner) {
  const Document* given_owner = policy.Find("Owner");
  if (!given_owner || !given_owner->Has("ID")) return MalformedAcl();
  if ((*given_owner)["ID"].AsString() != owner["ID"].AsString()) return AccessDenied();
  Document acl = EmptyAcl(owner);
  for (const Document& grant : policy["Grants"].AsList()) {
    const std::string& permission = grant["Permission"].AsString();
    bool known = false;
    for (std::string_view p : kPermissions) known = known || p == permission;
    if (!known || !grant["Grantee"].is_map()) return MalformedAcl();
    auto grantee = CheckGrantee(grant["Grantee"], owner);
    if (!grantee.ok()) return grantee.status();
    AddGrant(acl, Grant(*std::move(grantee), permission));
  }
  return acl;
}

bool AclGrantsPublicAccess(const Document& acl) {
  for (const Document& grant : acl["Grants"].AsList()) {
    const std::string& uri = grant["Grantee"]["URI"].AsString();
    if (uri == kAllUsers || uri == kAuthenticatedUsers) return true;
  }
  return false;
}

bool AclIsOwnerFullControlOnly(const Document& acl, const Document& owner) {
  for (const Document& grant : acl["Grants"].AsList()) {
    if (grant["Grantee"]["ID"].AsString() != owner["ID"].AsString()) return false;
    if (grant["Permission"].AsString() != "FULL_CONTROL") return false;
  }
  return true;
}

std::string BucketObjectOwnership(const S3State& state, std::string_view bucket) {
  auto controls = state.FindConfig(bucket, config_kind::kOwnershipControls);
  if (!controls) return "ObjectWriter";
  const core::DocumentList& rules = (*controls)["Rules"].AsList();
  return rules.empty() ? "ObjectWriter" : rules.front()["ObjectOwnership"].AsString();
}

bool BucketBlocksPublic(const S3State& state, std::string_view bucket, std::string_view name) {
  auto block = state.FindConfig(bucket, config_kind::kPublicAccessBlock);
  return block && (*block)[name].AsBool();
}

Status CheckAclAllowed(const S3State& state, std::string_view bucket, const Document& acl, const Document& owner) {
  if (BucketObjectOwnership(state, bucket) == "BucketOwnerEnforced" && !AclIsOwnerFullControlOnly(acl, owner)) {
    return Status::InvalidArgument("AccessControlListNotSupported", "The bucket does not allow ACLs");
  }
  if (AclGrantsPublicAccess(acl) && BucketBlocksPublic(state, bucket, "BlockPublicAcls")) return AccessDenied();
  return Status::Ok();
}

}  // namespace cloudemu::services::s3
