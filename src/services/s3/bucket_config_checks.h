// The checks each Put<configuration> operation makes on its input before the
// configuration is stored, with AWS's error codes; each returns the document
// to store under its config_kind (nullopt: remove the configuration, as an
// empty logging status or notification configuration does).
// Thread-safety: read the Store only; called under S3State::write_mutex().
#ifndef CLOUDEMU_SERVICES_S3_BUCKET_CONFIG_CHECKS_H_
#define CLOUDEMU_SERVICES_S3_BUCKET_CONFIG_CHECKS_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/s3/s3_state.h"
#include "services/service.h"

namespace cloudemu::services::s3 {

// What a check sees; it may change the bucket record (Object Lock does).
struct ConfigChange {
  const S3State& state;
  const RequestContext& context;
  BucketRecord& bucket;
  bool bucket_changed = false;
};

using ConfigCheckResult = StatusOr<std::optional<core::Document>>;
// `input` is the whole Put operation input.
using ConfigCheck = ConfigCheckResult (*)(const core::Document& input, ConfigChange& change);

// bucket_config_checks.cc
ConfigCheckResult CheckTagging(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckPolicy(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckCors(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckEncryption(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckPublicAccessBlock(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckOwnershipControls(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckAccelerate(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckRequestPayment(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckLogging(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckNotification(const core::Document& input, ConfigChange& change);

// bucket_rule_checks.cc
ConfigCheckResult CheckLifecycle(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckReplication(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckWebsite(const core::Document& input, ConfigChange& change);
ConfigCheckResult CheckObjectLock(const core::Document& input, ConfigChange& change);

// Limits and helpers the checks share.
inline constexpr size_t kMaxConfigurationIdLength = 255;
bool OneOf(std::string_view value, std::initializer_list<std::string_view> allowed);

// An id for a rule or notification configuration the caller left unnamed,
// in AWS's format (base64 of a UUID).
std::string GeneratedConfigurationId(const S3State& state);

}  // namespace cloudemu::services::s3

#endif  // CLOUDEMU_SERVICES_S3_BUCKET_CONFIG_CHECKS_H_
