// Publish and PublishBatch: validation, FIFO sequencing and deduplication,
// then fan-out through SnsDelivery.
#include <cstdint>
#include <mutex>
#include <set>

#include "core/encoding.h"
#include "core/hash.h"
#include "core/json.h"
#include "services/sns/message_attributes.h"
#include "services/sns/sns_errors.h"
#include "services/sns/sns_operations.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;
using core::DocumentList;

constexpr size_t kMaxMessageBytes = 262144;
constexpr size_t kMaxSubjectLength = 100;
constexpr size_t kMaxBatchEntries = 10;
constexpr size_t kMaxBatchEntryIdLength = 80;
constexpr size_t kMaxGroupIdLength = 128;
constexpr int64_t kDedupWindowMillis = 5 * 60 * 1000;
// FIFO sequence numbers are 20-digit decimals, as AWS's are.
constexpr uint64_t kSequenceBase = 10000000000000000000ULL;

struct Published {
  std::string message_id;
  std::string sequence_number;
};

// Bytes counted against the size limit: the message plus every attribute's
// name, type and value.
size_t PayloadSize(const Document& entry) {
  size_t size = entry["Message"].AsString().size();
  for (const auto& [name, attribute] : entry["MessageAttributes"].AsMap()) {
    size += name.size() + attribute["DataType"].AsString().size() + attribute["StringValue"].AsString().size() +
            attribute["BinaryValue"].AsString().size();
  }
  return size;
}

bool ValidSubject(std::string_view subject) {
  if (subject.empty() || subject.size() > kMaxSubjectLength) return false;
  for (char c : subject) {
    if (c < 32 || c > 126) return false;  // printable ASCII only, no line breaks
  }
  return true;
}

// Group and deduplication ids: 1-128 characters of printable ASCII.
bool ValidFifoId(std::string_view id) {
  if (id.empty() || id.size() > kMaxGroupIdLength) return false;
  for (char c : id) {
    if (c < '!' || c > '~') return false;
  }
  return true;
}

Status CheckStructure(const Document& entry) {
  const Document* structure = entry.Find("MessageStructure");
  if (!structure) return Status::Ok();
  if (structure->AsString() != "json") return InvalidParameter("Invalid parameter: MessageStructure");
  auto parsed = core::FromJson(entry["Message"].AsString());
  if (!parsed.ok() || !parsed->is_map()) {
    return InvalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
  }
  if (!(*parsed)["default"].is_string()) {
    return InvalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body");
  }
  return Status::Ok();
}

// Everything about one message that does not depend on state.
Status CheckMessage(const TopicRecord& topic, const Document& entry) {
  const Document* message = entry.Find("Message");
  if (!message) return MissingParameter("Message");
  if (message->AsString().empty()) return InvalidParameter("Invalid parameter: Empty message");
  if (PayloadSize(entry) > kMaxMessageBytes) return InvalidParameter("Invalid parameter: Message too long");
  if (const Document* subject = entry.Find("Subject"); subject && !ValidSubject(subject->AsString())) {
    return InvalidParameter("Invalid parameter: Subject");
  }
  if (Status structure = CheckStructure(entry); !structure.ok()) return structure;
  if (Status attributes = ValidateMessageAttributes(entry["MessageAttributes"]); !attributes.ok()) return attributes;
  const Document* group = entry.Find("MessageGroupId");
  const Document* dedup = entry.Find("MessageDeduplicationId");
  if (!topic.fifo) {
    if (dedup) {
      return InvalidParameter(
          "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter "
          "that is not valid for this topic type");
    }
    if (group) {
      return InvalidParameter(
          "Invalid parameter: MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid "
          "for this topic type");
    }
    return Status::Ok();
  }
  if (!group) return InvalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
  if (!ValidFifoId(group->AsString())) return InvalidParameter("Invalid parameter: MessageGroupId");
  if (dedup && !ValidFifoId(dedup->AsString())) return InvalidParameter("Invalid parameter: MessageDeduplicationId");
  auto content_based = topic.attributes.find("ContentBasedDeduplication");
  if (!dedup && (content_based == topic.attributes.end() || content_based->second != "true")) {
    return InvalidParameter(
        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or "
        "MessageDeduplicationId provided explicitly");
  }
  return Status::Ok();
}

// Publishes one checked message to `topic`. For a FIFO topic the caller
// holds write_mutex() (see LockedTopic), so its messages are numbered and
// handed to the dispatch queue in order.
StatusOr<Published> PublishOne(const SnsParts& sns, TopicRecord& topic, const Document& entry,
                               const RequestContext& context) {
  PublishedMessage message;
  message.message = entry["Message"].AsString();
  message.structured = entry.Has("MessageStructure");
  message.subject = entry["Subject"].AsString("");
  message.attributes = entry["MessageAttributes"].is_map() ? entry["MessageAttributes"] : Document::Map();
  message.timestamp_millis = context.now_millis;
  if (topic.fifo) {
    message.group_id = entry["MessageGroupId"].AsString();
    message.dedup_id = entry.Has("MessageDeduplicationId") ? entry["MessageDeduplicationId"].AsString()
                                                           : core::HexEncode(core::Sha256(message.message));
    if (auto seen = sns.state.FindDedup(topic.arn, message.dedup_id, context.now_millis)) {
      return Published{seen->message_id, seen->sequence_number};
    }
    message.sequence_number = std::to_string(kSequenceBase + topic.next_sequence++);
  }
  message.message_id = sns.ids.Uuid();
  if (topic.fifo) {
    core::WriteBatch batch;
    sns.state.PutTopic(batch, topic);
    sns.state.PutDedup(batch, topic.arn, message.dedup_id,
                       {message.message_id, message.sequence_number, context.now_millis + kDedupWindowMillis});
    if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  }
  if (Status sent = sns.delivery.FanOut(topic, message, context); !sent.ok()) return sent;
  return Published{message.message_id, message.sequence_number};
}

// The topic to publish to. A FIFO topic is read and kept under
// write_mutex(), taken into `lock`; a standard topic changes no state when
// published to, so its publishers run in parallel (signing is the costly part).
StatusOr<TopicRecord> LockedTopic(const SnsState& state, const std::string& arn, std::unique_lock<std::mutex>& lock) {
  auto topic = state.RequireTopic(arn);
  if (!topic.ok() || !topic->fifo) return topic;
  lock.lock();
  return state.RequireTopic(arn);
}

StatusOr<std::string> TargetTopic(const Document& input) {
  const Document* topic = input.Find("TopicArn");
  const Document* target = input.Find("TargetArn");
  if (input.Has("PhoneNumber")) {
    if (topic || target) {
      return InvalidParameter(
          "Invalid parameter: TopicArn or TargetArn Reason: Only one of TopicArn, TargetArn or "
          "PhoneNumber may be specified");
    }
    return Status::NotImplemented("CloudEmu does not send SMS messages (Publish with PhoneNumber)");
  }
  if (topic && target) {
    return InvalidParameter(
        "Invalid parameter: TopicArn or TargetArn Reason: Only one of TopicArn or TargetArn may be "
        "specified");
  }
  if (!topic && !target) {
    return InvalidParameter("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
  }
  return (topic ? topic : target)->AsString();
}

Document PublishedOutput(const Published& published) {
  Document output = Document::Map();
  output.Set("MessageId", published.message_id);
  if (!published.sequence_number.empty()) output.Set("SequenceNumber", published.sequence_number);
  return output;
}

StatusOr<Document> Publish(const SnsParts& sns, const Document& input, const RequestContext& context) {
  auto arn = TargetTopic(input);
  if (!arn.ok()) return arn.status();
  std::unique_lock lock(sns.state.write_mutex(), std::defer_lock);
  auto topic = LockedTopic(sns.state, *arn, lock);
  if (!topic.ok()) return topic.status();
  if (Status valid = CheckMessage(*topic, input); !valid.ok()) return valid;
  auto published = PublishOne(sns, *topic, input, context);
  if (!published.ok()) return published.status();
  return PublishedOutput(*published);
}

bool ValidBatchEntryId(std::string_view id) {
  if (id.empty() || id.size() > kMaxBatchEntryIdLength) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status CheckBatch(const DocumentList& entries) {
  if (entries.empty()) {
    return Status::InvalidArgument("EmptyBatchRequest", "The batch request doesn't contain any entries.");
  }
  if (entries.size() > kMaxBatchEntries) {
    return Status::InvalidArgument("TooManyEntriesInBatchRequest",
                                   "The batch request contains more entries than permissible.");
  }
  std::set<std::string> ids;
  size_t total = 0;
  for (const Document& entry : entries) {
    const std::string& id = entry["Id"].AsString();
    if (!ValidBatchEntryId(id)) {
      return Status::InvalidArgument("InvalidBatchEntryId",
                                     "A batch entry id can only contain alphanumeric characters, hyphens and "
                                     "underscores. It can be at most 80 letters long.");
    }
    if (!ids.insert(id).second) {
      return Status::InvalidArgument("BatchEntryIdsNotDistinct",
                                     "Two or more batch entries in the request have the same Id.");
    }
    total += PayloadSize(entry);
  }
  if (total > kMaxMessageBytes) {
    return Status::InvalidArgument("BatchRequestTooLong",
                                   "The length of all the messages put together is more than the limit.");
  }
  return Status::Ok();
}

StatusOr<Document> PublishBatch(const SnsParts& sns, const Document& input, const RequestContext& context) {
  auto arn = RequiredString(input, "TopicArn");
  if (!arn.ok()) return arn.status();
  const DocumentList& entries = input["PublishBatchRequestEntries"].AsList();
  if (Status valid = CheckBatch(entries); !valid.ok()) return valid;
  std::unique_lock lock(sns.state.write_mutex(), std::defer_lock);
  auto topic = LockedTopic(sns.state, *arn, lock);
  if (!topic.ok()) return topic.status();
  Document output = Document::Map();
  Document& successful = output.Set("Successful", Document::List());
  Document& failed = output.Set("Failed", Document::List());
  for (const Document& entry : entries) {
    Status valid = CheckMessage(*topic, entry);
    StatusOr<Published> published = valid.ok() ? PublishOne(sns, *topic, entry, context) : StatusOr<Published>(valid);
    if (published.ok()) {
      Document& result = successful.Append(PublishedOutput(*published));
      result.Set("Id", entry["Id"]);
      continue;
    }
    Document& failure = failed.Append(Document::Map());
    failure.Set("Id", entry["Id"]);
    failure.Set("Code", published.status().code());
    failure.Set("Message", published.status().message());
    failure.Set("SenderFault", published.status().http_status() < 500);
  }
  return output;
}

}  // namespace

void RegisterPublishOperations(const SnsParts& sns, const AddOperation& add) {
  add("Publish", [sns](const Document& in, const RequestContext& ctx) { return Publish(sns, in, ctx); });
  add("PublishBatch", [sns](const Document& in, const RequestContext& ctx) { return PublishBatch(sns, in, ctx); });
}

}  // namespace cloudemu::services::sns
