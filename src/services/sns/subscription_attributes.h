// Subscription attributes: validation of the settable ones (filter policy,
// raw delivery, redrive and delivery policies, ...), the full map
// GetSubscriptionAttributes answers with, and the derived settings delivery
// uses.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SNS_SUBSCRIPTION_ATTRIBUTES_H_
#define CLOUDEMU_SERVICES_SNS_SUBSCRIPTION_ATTRIBUTES_H_

#include <optional>
#include <string>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/sns/filter_policy.h"
#include "services/sns/sns_state.h"

namespace cloudemu::services::sns {

// Checks that `name` may be set to `value` on `subscription` (whose other
// attributes are as already set). On failure, InvalidParameter whose message
// is the reason only, e.g. "FilterPolicy: Filter policy is too complex";
// SetSubscriptionAttributes prefixes "Invalid parameter: ", Subscribe
// "Invalid parameter: Attributes Reason: ".
Status ValidateSubscriptionAttribute(const SubscriptionRecord& subscription, std::string_view name,
                                     std::string_view value);

core::Document SubscriptionAttributeMap(const SubscriptionRecord& subscription);

bool RawMessageDelivery(const SubscriptionRecord& subscription);
// The compiled filter policy, or nullopt when the subscription has none.
std::optional<FilterPolicy> SubscriptionFilter(const SubscriptionRecord& subscription);
// The dead-letter queue ARN of the RedrivePolicy, "" when none.
std::string DeadLetterTarget(const SubscriptionRecord& subscription);
// How many immediate retries follow a failed delivery: the subscription's
// DeliveryPolicy, else the topic's, else AWS's default of 3 (at most 100).
int DeliveryRetries(const SubscriptionRecord& subscription, const TopicRecord& topic);

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_SUBSCRIPTION_ATTRIBUTES_H_
