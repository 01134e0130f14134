#include "services/sns/topic_attributes.h"

#include <array>
#include <cstdlib>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/json.h"
#include "services/sns/sns_errors.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

// AWS's default delivery policy for HTTP(S) subscriptions.
constexpr std::string_view kDefaultEffectiveDeliveryPolicy =
    R"({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,)"
    R"("numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},)"
    R"("disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}})";

constexpr std::array<std::string_view, 8> kDefaultPolicyActions = {"SNS:GetTopicAttributes",
                                                                   "SNS:SetTopicAttributes",
                                                                   "SNS:AddPermission",
                                                                   "SNS:RemovePermission",
                                                                   "SNS:DeleteTopic",
                                                                   "SNS:Subscribe",
                                                                   "SNS:ListSubscriptionsByTopic",
                                                                   "SNS:Publish"};

constexpr std::array<std::string_view, 5> kFeedbackProtocols = {"HTTP", "Lambda", "SQS", "Firehose", "Application"};

bool IsFeedbackAttribute(std::string_view name) {
  for (std::string_view protocol : kFeedbackProtocols) {
    if (name.substr(0, protocol.size()) != protocol) continue;
    std::string_view rest = name.substr(protocol.size());
    if (rest == "SuccessFeedbackRoleArn" || rest == "FailureFeedbackRoleArn" || rest == "SuccessFeedbackSampleRate") {
      return true;
    }
  }
  return false;
}

bool IsJsonObject(std::string_view text) {
  auto parsed = core::FromJson(text);
  return parsed.ok() && parsed->is_map();
}

void String(rapidjson::Writer<rapidjson::StringBuffer>& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

}  // namespace

std::string DefaultTopicPolicy(std::string_view topic_arn, std::string_view account_id) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("Version");
  writer.String("2008-10-17");
  writer.Key("Id");
  writer.String("__default_policy_ID");
  writer.Key("Statement");
  writer.StartArray();
  writer.StartObject();
  writer.Key("Sid");
  writer.String("__default_statement_ID");
  writer.Key("Effect");
  writer.String("Allow");
  writer.Key("Principal");
  writer.StartObject();
  writer.Key("AWS");
  writer.String("*");
  writer.EndObject();
  writer.Key("Action");
  writer.StartArray();
  for (std::string_view action : kDefaultPolicyActions) String(writer, action);
  writer.EndArray();
  writer.Key("Resource");
  String(writer, topic_arn);
  writer.Key("Condition");
  writer.StartObject();
  writer.Key("StringEquals");
  writer.StartObject();
  writer.Key("AWS:SourceOwner");
  String(writer, account_id);
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string EffectiveTopicDeliveryPolicy(const TopicRecord& topic) {
  auto set = topic.attributes.find("DeliveryPolicy");
  if (set != topic.attributes.end() && !set->second.empty()) return set->second;
  return std::string(kDefaultEffectiveDeliveryPolicy);
}

Status ValidateTopicAttribute(const TopicRecord& topic, std::string_view name, std::string_view value, bool at_create) {
  const std::string text(value);
  if (name == "DisplayName" || name == "KmsMasterKeyId") return Status::Ok();
  if (name == "Policy") {
    if (!IsJsonObject(value)) return InvalidParameter("Invalid parameter: Policy Error: null");
    return Status::Ok();
  }
  if (name == "DeliveryPolicy") {
    if (!value.empty() && !IsJsonObject(value)) {
      return InvalidParameter("Invalid parameter: DeliveryPolicy: failed to parse JSON.");
    }
    return Status::Ok();
  }
  if (name == "SignatureVersion") {
    if (value != "1" && value != "2") return InvalidParameter("Invalid parameter: SignatureVersion");
    return Status::Ok();
  }
  if (name == "TracingConfig") {
    if (value != "PassThrough" && value != "Active") return InvalidParameter("Invalid parameter: TracingConfig");
    return Status::Ok();
  }
  if (name == "FifoTopic") {
    if (!at_create) return InvalidParameter("Invalid parameter: AttributeName");
    if (value != "true" && value != "false") return InvalidParameter("Invalid parameter: FifoTopic");
    return Status::Ok();
  }
  if (name == "ContentBasedDeduplication") {
    if (!topic.fifo) {
      return InvalidParameter(
          "Invalid parameter: ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO "
          "topics");
    }
    if (value != "true" && value != "false") return InvalidParameter("Invalid parameter: ContentBasedDeduplication");
    return Status::Ok();
  }
  if (name == "ArchivePolicy" || name == "FifoThroughputScope") {
    if (!topic.fifo) {
      return InvalidParameter("Invalid parameter: " + std::string(name) + " Reason: only available for FIFO topics");
    }
    if (name == "ArchivePolicy" && !value.empty() && !IsJsonObject(value)) {
      return InvalidParameter("Invalid parameter: ArchivePolicy: failed to parse JSON.");
    }
    if (name == "FifoThroughputScope" && value != "Topic" && value != "MessageGroup") {
      return InvalidParameter("Invalid parameter: FifoThroughputScope");
    }
    return Status::Ok();
  }
  if (IsFeedbackAttribute(name)) {
    if (name.ends_with("SampleRate")) {
      char* end = nullptr;
      long rate = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || rate < 0 || rate > 100) {
        return InvalidParameter("Invalid parameter: " + std::string(name));
      }
    }
    return Status::Ok();
  }
  return InvalidParameter("Invalid parameter: AttributeName");
}

Document TopicAttributeMap(const TopicRecord& topic, const std::vector<SubscriptionRecord>& subscriptions,
                           std::string_view account_id) {
  Document attributes = Document::Map();
  for (const auto& [name, value] : topic.attributes) attributes.Set(name, value);
  int64_t confirmed = 0, pending = 0;
  for (const SubscriptionRecord& subscription : subscriptions) ++(subscription.pending ? pending : confirmed);
  attributes.Set("TopicArn", topic.arn);
  attributes.Set("Owner", account_id);
  if (!attributes.Has("Policy")) attributes.Set("Policy", DefaultTopicPolicy(topic.arn, account_id));
  if (!attributes.Has("DisplayName")) attributes.Set("DisplayName", "");
  attributes.Set("SubscriptionsConfirmed", std::to_string(confirmed));
  attributes.Set("SubscriptionsPending", std::to_string(pending));
  attributes.Set("SubscriptionsDeleted", std::to_string(topic.subscriptions_deleted));
  attributes.Set("EffectiveDeliveryPolicy", EffectiveTopicDeliveryPolicy(topic));
  if (topic.fifo) {
    attributes.Set("FifoTopic", "true");
    if (!attributes.Has("ContentBasedDeduplication")) attributes.Set("ContentBasedDeduplication", "false");
  } else {
    attributes.Erase("FifoTopic");
  }
  return attributes;
}

}  // namespace cloudemu::services::sns
