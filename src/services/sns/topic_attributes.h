// Topic attributes: which ones a client may set, how each is validated, the
// documents AWS generates (the default access policy, the effective delivery
// policy) and the full attribute map GetTopicAttributes answers with.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_SNS_TOPIC_ATTRIBUTES_H_
#define CLOUDEMU_SERVICES_SNS_TOPIC_ATTRIBUTES_H_

#include <string>
#include <string_view>
#include <vector>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/sns/sns_state.h"

namespace cloudemu::services::sns {

// The policy AWS gives a new topic: everyone in the owning account may use it.
std::string DefaultTopicPolicy(std::string_view topic_arn, std::string_view account_id);
// The topic's "EffectiveDeliveryPolicy": its DeliveryPolicy, else AWS's
// default HTTP policy.
std::string EffectiveTopicDeliveryPolicy(const TopicRecord& topic);

// Checks that `name` may be set on `topic` (at create or later, per
// `at_create`) and that `value` is valid for it. Errors are InvalidParameter
// with AWS's text.
Status ValidateTopicAttribute(const TopicRecord& topic, std::string_view name, std::string_view value, bool at_create);

// Every attribute of `topic`, set and computed, as GetTopicAttributes
// returns them.
core::Document TopicAttributeMap(const TopicRecord& topic, const std::vector<SubscriptionRecord>& subscriptions,
                                 std::string_view account_id);

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_TOPIC_ATTRIBUTES_H_
