#include "services/sqs/queue_attributes.h"

#include <set>

#include "core/json.h"
#include "services/sqs/sqs_errors.h"

namespace cloudemu::services::sqs {
namespace {

struct IntRange {
  std::string_view name;
  int64_t min;
  int64_t max;
};

constexpr IntRange kIntAttributes[] = {
    {"DelaySeconds", 0, 900},
    {"MaximumMessageSize", 1024, 1048576},
    {"MessageRetentionPeriod", 60, 1209600},
    {"ReceiveMessageWaitTimeSeconds", 0, 20},
    {"VisibilityTimeout", 0, 43200},
    {"KmsDataKeyReusePeriodSeconds", 60, 86400},
};

const std::set<std::string_view> kFifoOnly = {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"};
const std::set<std::string_view> kRemovable = {"Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId"};
const std::set<std::string_view> kComputed = {"ApproximateNumberOfMessages",
                                              "ApproximateNumberOfMessagesNotVisible",
                                              "ApproximateNumberOfMessagesDelayed",
                                              "CreatedTimestamp",
                                              "LastModifiedTimestamp",
                                              "QueueArn"};

std::optional<int64_t> ParseInt(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool IsBool(std::string_view text) { return text == "true" || text == "false"; }

Status CheckRedrivePolicy(std::string_view value, bool fifo, const QueueByArn& find_queue) {
  auto policy = core::FromJson(value);
  if (!policy.ok() || !policy->is_map()) {
    return InvalidParameter("RedrivePolicy", value, "Redrive policy is not a valid JSON map");
  }
  const Document& target = (*policy)["deadLetterTargetArn"];
  const Document& count = (*policy)["maxReceiveCount"];
  if (!target.is_string()) {
    return InvalidParameter("RedrivePolicy", value,
                            "Redrive policy does not contain mandatory attribute: deadLetterTargetArn");
  }
  std::optional<int64_t> receives = count.is_int() ? std::optional<int64_t>(count.AsInt()) : ParseInt(count.AsString());
  if (!count.is_int() && !count.is_string()) {
    return InvalidParameter("RedrivePolicy", value,
                            "Redrive policy does not contain mandatory attribute: maxReceiveCount");
  }
  if (!receives || *receives < 1 || *receives > 1000) {
    return InvalidParameter("RedrivePolicy", value,
                            "Invalid value for maxReceiveCount: " + count.DebugString() +
                                ", valid values are from 1 to 1000 both inclusive");
  }
  auto dead_letter = find_queue(target.AsString());
  if (!dead_letter) return InvalidParameter("RedrivePolicy", value, "Dead letter target does not exist");
  if (dead_letter->fifo() != fifo) {
    return InvalidParameter("RedrivePolicy", value, "Dead-letter queue must be same type of queue as the source.");
  }
  return Status::Ok();
}

Status CheckRedriveAllowPolicy(std::string_view value) {
  auto policy = core::FromJson(value);
  if (!policy.ok() || !policy->is_map()) return InvalidAttributeValue("RedriveAllowPolicy");
  std::string permission = (*policy)["redrivePermission"].AsString("");
  if (permission != "allowAll" && permission != "denyAll" && permission != "byQueue") {
    return InvalidAttributeValue("RedriveAllowPolicy", "Invalid value for redrivePermission.");
  }
  const Document& sources = (*policy)["sourceQueueArns"];
  if (permission == "byQueue" && (!sources.is_list() || sources.empty() || sources.size() > 10)) {
    return InvalidAttributeValue("RedriveAllowPolicy",
                                 "sourceQueueArns must list 1 to 10 queues when redrivePermission is byQueue.");
  }
  if (permission != "byQueue" && !sources.is_null()) {
    return InvalidAttributeValue("RedriveAllowPolicy",
                                 "sourceQueueArns is only allowed when redrivePermission is byQueue.");
  }
  return Status::Ok();
}

Status CheckOne(const std::string& name, const std::string& value, bool fifo, bool creating,
                const QueueByArn& find_queue) {
  for (const IntRange& range : kIntAttributes) {
    if (range.name != name) continue;
    auto number = ParseInt(value);
    if (!number || *number < range.min || *number > range.max) return InvalidAttributeValue(name);
    return Status::Ok();
  }
  if (name == "FifoQueue") {
    if (!creating) return InvalidAttributeValue(name, "Modifying queue type is not supported.");
    return IsBool(value) ? Status::Ok() : InvalidAttributeValue(name);
  }
  if (kFifoOnly.count(name) && !fifo) return InvalidAttributeName(name);
  if (name == "ContentBasedDeduplication" || name == "SqsManagedSseEnabled") {
    return IsBool(value) ? Status::Ok() : InvalidAttributeValue(name);
  }
  if (name == "DeduplicationScope") {
    return value == "messageGroup" || value == "queue" ? Status::Ok() : InvalidAttributeValue(name);
  }
  if (name == "FifoThroughputLimit") {
    return value == "perQueue" || value == "perMessageGroupId" ? Status::Ok() : InvalidAttributeValue(name);
  }
  if (name == "KmsMasterKeyId") return Status::Ok();
  if (value.empty() && kRemovable.count(name)) return Status::Ok();
  if (name == "Policy") {
    auto policy = core::FromJson(value);
    return policy.ok() && policy->is_map() ? Status::Ok() : InvalidAttributeValue(name);
  }
  if (name == "RedrivePolicy") return CheckRedrivePolicy(value, fifo, find_queue);
  if (name == "RedriveAllowPolicy") return CheckRedriveAllowPolicy(value);
  return InvalidAttributeName(name);
}

}  // namespace

AttributeMap DefaultAttributes(bool fifo) {
  AttributeMap attributes = {
      {"DelaySeconds", "0"},
      {"MaximumMessageSize", "262144"},
      {"MessageRetentionPeriod", "345600"},
      {"ReceiveMessageWaitTimeSeconds", "0"},
      {"VisibilityTimeout", "30"},
      {"SqsManagedSseEnabled", "true"},
  };
  if (fifo) {
    attributes["FifoQueue"] = "true";
    attributes["ContentBasedDeduplication"] = "false";
    attributes["DeduplicationScope"] = "queue";
    attributes["FifoThroughputLimit"] = "perQueue";
  }
  return attributes;
}

StatusOr<AttributeMap> CheckAttributes(const Document& requested, bool fifo, bool creating,
                                       const QueueByArn& find_queue) {
  AttributeMap checked;
  for (const auto& [name, value] : requested.AsMap()) {
    if (Status valid = CheckOne(name, value.AsString(), fifo, creating, find_queue); !valid.ok()) return valid;
    checked[name] = value.AsString();
  }
  auto kms = checked.find("KmsMasterKeyId");
  auto managed = checked.find("SqsManagedSseEnabled");
  if (kms != checked.end() && !kms->second.empty() && managed != checked.end() && managed->second == "true") {
    return InvalidAttributeValue("SqsManagedSseEnabled",
                                 "You can use one type of server-side encryption (SSE) at one time. You can either "
                                 "enable KMS SSE or SQS SSE.");
  }
  return checked;
}

void ApplyAttributes(const AttributeMap& changes, AttributeMap& attributes) {
  for (const auto& [name, value] : changes) {
    if (value.empty() && kRemovable.count(name)) {
      attributes.erase(name);
      if (name == "KmsMasterKeyId") attributes.erase("KmsDataKeyReusePeriodSeconds");
      continue;
    }
    attributes[name] = value;
  }
  if (changes.count("KmsMasterKeyId") && attributes.count("KmsMasterKeyId")) {
    attributes["SqsManagedSseEnabled"] = "false";
    attributes.try_emplace("KmsDataKeyReusePeriodSeconds", "300");
  } else if (auto managed = changes.find("SqsManagedSseEnabled");
             managed != changes.end() && managed->second == "true") {
    attributes.erase("KmsMasterKeyId");
    attributes.erase("KmsDataKeyReusePeriodSeconds");
  }
}

std::optional<std::string> DifferingAttribute(const AttributeMap& requested, const AttributeMap& current) {
  for (const auto& [name, value] : requested) {
    auto it = current.find(name);
    if (it == current.end() ? !(value.empty() && kRemovable.count(name)) : it->second != value) return name;
  }
  return std::nullopt;
}

std::optional<Redrive> RedriveOf(const QueueRecord& queue) {
  auto it = queue.attributes.find("RedrivePolicy");
  if (it == queue.attributes.end()) return std::nullopt;
  auto policy = core::FromJson(it->second);
  if (!policy.ok()) return std::nullopt;
  const Document& count = (*policy)["maxReceiveCount"];
  Redrive redrive;
  redrive.target_arn = (*policy)["deadLetterTargetArn"].AsString();
  redrive.max_receive_count = count.is_int() ? count.AsInt() : ParseInt(count.AsString()).value_or(0);
  return redrive;
}

StatusOr<Document> QueueAttributesOutput(const QueueRecord& queue, const MessageCounts& counts, const Document& names) {
  AttributeMap all = queue.attributes;
  all["QueueArn"] = queue.Arn();
  all["ApproximateNumberOfMessages"] = std::to_string(counts.visible);
  all["ApproximateNumberOfMessagesNotVisible"] = std::to_string(counts.in_flight);
  all["ApproximateNumberOfMessagesDelayed"] = std::to_string(counts.delayed);
  all["CreatedTimestamp"] = std::to_string(queue.created_millis / 1000);
  all["LastModifiedTimestamp"] = std::to_string(queue.modified_millis / 1000);
  std::set<std::string> wanted;
  bool every = false;
  for (const Document& name : names.AsList()) {
    const std::string& text = name.AsString();
    if (text == "All") {
      every = true;
      continue;
    }
    bool known = kComputed.count(text) || kFifoOnly.count(text) || kRemovable.count(text) || text == "FifoQueue" ||
                 text == "SqsManagedSseEnabled" || text == "KmsDataKeyReusePeriodSeconds";
    for (const IntRange& range : kIntAttributes) known = known || range.name == text;
    if (!known) return InvalidAttributeName(text);
    wanted.insert(text);
  }
  Document output = Document::Map();
  for (const auto& [name, value] : all) {
    if (every || wanted.count(name)) output.Set(name, value);
  }
  return output;
}

}  // namespace cloudemu::services::sqs
