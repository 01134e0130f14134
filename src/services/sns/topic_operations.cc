// CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes and the tag
// operations.
#include <map>
#include <mutex>

#include "core/encoding.h"
#include "services/sns/sns_errors.h"
#include "services/sns/sns_operations.h"
#include "services/sns/topic_attributes.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

constexpr size_t kPageSize = 100;
constexpr size_t kMaxTags = 50;
constexpr size_t kMaxNameLength = 256;
constexpr std::string_view kFifoSuffix = ".fifo";

bool ValidTopicName(std::string_view name, bool fifo) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  std::string_view base = name;
  if (fifo) {
    if (!name.ends_with(kFifoSuffix)) return false;
    base = name.substr(0, name.size() - kFifoSuffix.size());
    if (base.empty()) return false;
  }
  for (char c : base) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Tags.member.N as {Key: Value}, checked as AWS checks them.
StatusOr<std::map<std::string, std::string>> ReadTags(const Document& tags) {
  std::map<std::string, std::string> result;
  for (const Document& tag : tags.AsList()) {
    const std::string& key = tag["Key"].AsString();
    const std::string& value = tag["Value"].AsString();
    if (key.empty() || key.size() > 128) return InvalidParameter("Invalid parameter: Tags Reason: Tag key is invalid");
    if (value.size() > 256) return InvalidParameter("Invalid parameter: Tags Reason: Tag value is invalid");
    result[key] = value;
  }
  return result;
}

Status TagLimitExceeded() {
  return Status::InvalidArgument("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
}

StatusOr<TopicRecord> RequireTaggable(const SnsState& state, const Document& input) {
  auto arn = RequiredString(input, "ResourceArn");
  if (!arn.ok()) return arn.status();
  auto topic = state.FindTopic(*arn);
  if (!topic) return ResourceNotFound("Resource does not exist");
  return *std::move(topic);
}

StatusOr<Document> CreateTopic(const SnsParts& sns, const Document& input, const RequestContext& context) {
  auto name = RequiredString(input, "Name");
  if (!name.ok()) return name.status();
  const Document& attributes = input["Attributes"];
  const bool fifo = attributes["FifoTopic"].AsString() == "true";
  if (!ValidTopicName(*name, fifo)) {
    if (fifo) {
      return InvalidParameter(
          "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and "
          "lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters "
          "long.");
    }
    return InvalidParameter("Invalid parameter: Topic Name");
  }
  auto tags = ReadTags(input["Tags"]);
  if (!tags.ok()) return tags.status();
  if (tags->size() > kMaxTags) return TagLimitExceeded();

  TopicRecord topic;
  topic.arn = TopicArn(context, *name);
  topic.name = *name;
  topic.fifo = fifo;
  for (const auto& [attribute, value] : attributes.AsMap()) {
    if (Status valid = ValidateTopicAttribute(topic, attribute, value.AsString(), true); !valid.ok()) return valid;
    if (attribute != "FifoTopic") topic.attributes[attribute] = value.AsString();
  }
  const std::string& data_protection = input["DataProtectionPolicy"].AsString();

  std::lock_guard lock(sns.state.write_mutex());
  if (auto existing = sns.state.FindTopic(topic.arn)) {
    // Creating again is a no-op, unless it asks for something different.
    for (const auto& [attribute, value] : topic.attributes) {
      auto current = existing->attributes.find(attribute);
      if (current == existing->attributes.end() || current->second != value) {
        return InvalidParameter("Invalid parameter: Attributes Reason: Topic already exists with different attributes");
      }
    }
    for (const auto& [key, value] : *tags) {
      auto current = existing->tags.find(key);
      if (current == existing->tags.end() || current->second != value) {
        return InvalidParameter("Invalid parameter: Tags Reason: Topic already exists with different tags");
      }
    }
  } else {
    topic.tags = *std::move(tags);
    topic.data_protection_policy = data_protection;
    core::WriteBatch batch;
    sns.state.PutTopic(batch, topic);
    if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  }
  Document output = Document::Map();
  output.Set("TopicArn", topic.arn);
  return output;
}

StatusOr<Document> DeleteTopic(const SnsParts& sns, const Document& input) {
  auto arn = RequiredString(input, "TopicArn");
  if (!arn.ok()) return arn.status();
  std::lock_guard lock(sns.state.write_mutex());
  // Deleting a topic that does not exist succeeds, as on AWS.
  if (sns.state.FindTopic(*arn)) {
    core::WriteBatch batch;
    sns.state.DeleteTopic(batch, *arn);
    if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  }
  return Document::Map();
}

StatusOr<Document> ListTopics(const SnsParts& sns, const Document& input) {
  std::string after;
  if (const Document* token = input.Find("NextToken")) {
    auto decoded = core::Base64Decode(token->AsString());
    if (!decoded || decoded->empty()) return InvalidParameter("Invalid parameter: NextToken");
    after = *decoded;
  }
  // One more than a page tells whether another page follows.
  std::vector<TopicRecord> topics = sns.state.ListTopicsAfter(after, kPageSize + 1);
  Document output = Document::Map();
  Document& list = output.Set("Topics", Document::List());
  for (size_t i = 0; i < topics.size() && i < kPageSize; ++i)
    list.Append(Document::Map()).Set("TopicArn", topics[i].arn);
  if (topics.size() > kPageSize) output.Set("NextToken", core::Base64Encode(topics[kPageSize - 1].arn));
  return output;
}

StatusOr<Document> GetTopicAttributes(const SnsParts& sns, const Document& input, const RequestContext& context) {
  auto arn = RequiredString(input, "TopicArn");
  if (!arn.ok()) return arn.status();
  auto topic = sns.state.RequireTopic(*arn);
  if (!topic.ok()) return topic.status();
  Document output = Document::Map();
  output.Set("Attributes", TopicAttributeMap(*topic, sns.state.ListSubscriptions(*arn), context.account_id));
  return output;
}

StatusOr<Document> SetTopicAttributes(const SnsParts& sns, const Document& input) {
  auto arn = RequiredString(input, "TopicArn");
  if (!arn.ok()) return arn.status();
  auto name = RequiredString(input, "AttributeName");
  if (!name.ok()) return name.status();
  const std::string value = input["AttributeValue"].AsString("");
  std::lock_guard lock(sns.state.write_mutex());
  auto topic = sns.state.RequireTopic(*arn);
  if (!topic.ok()) return topic.status();
  if (Status valid = ValidateTopicAttribute(*topic, *name, value, false); !valid.ok()) return valid;
  topic->attributes[*name] = value;
  core::WriteBatch batch;
  sns.state.PutTopic(batch, *topic);
  if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  return Document::Map();
}

StatusOr<Document> TagResource(const SnsParts& sns, const Document& input) {
  auto tags = ReadTags(input["Tags"]);
  if (!tags.ok()) return tags.status();
  std::lock_guard lock(sns.state.write_mutex());
  auto topic = RequireTaggable(sns.state, input);
  if (!topic.ok()) return topic.status();
  for (const auto& [key, value] : *tags) topic->tags[key] = value;
  if (topic->tags.size() > kMaxTags) return TagLimitExceeded();
  core::WriteBatch batch;
  sns.state.PutTopic(batch, *topic);
  if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  return Document::Map();
}

StatusOr<Document> UntagResource(const SnsParts& sns, const Document& input) {
  std::lock_guard lock(sns.state.write_mutex());
  auto topic = RequireTaggable(sns.state, input);
  if (!topic.ok()) return topic.status();
  for (const Document& key : input["TagKeys"].AsList()) topic->tags.erase(key.AsString());
  core::WriteBatch batch;
  sns.state.PutTopic(batch, *topic);
  if (Status stored = sns.state.store().Commit(std::move(batch)); !stored.ok()) return stored;
  return Document::Map();
}

StatusOr<Document> ListTagsForResource(const SnsParts& sns, const Document& input) {
  auto topic = RequireTaggable(sns.state, input);
  if (!topic.ok()) return topic.status();
  Document output = Document::Map();
  Document& tags = output.Set("Tags", Document::List());
  for (const auto& [key, value] : topic->tags) {
    Document& tag = tags.Append(Document::Map());
    tag.Set("Key", key);
    tag.Set("Value", value);
  }
  return output;
}

}  // namespace

void RegisterTopicOperations(const SnsParts& sns, const AddOperation& add) {
  add("CreateTopic", [sns](const Document& in, const RequestContext& ctx) { return CreateTopic(sns, in, ctx); });
  add("DeleteTopic", [sns](const Document& in, const RequestContext&) { return DeleteTopic(sns, in); });
  add("ListTopics", [sns](const Document& in, const RequestContext&) { return ListTopics(sns, in); });
  add("GetTopicAttributes",
      [sns](const Document& in, const RequestContext& ctx) { return GetTopicAttributes(sns, in, ctx); });
  add("SetTopicAttributes", [sns](const Document& in, const RequestContext&) { return SetTopicAttributes(sns, in); });
  add("TagResource", [sns](const Document& in, const RequestContext&) { return TagResource(sns, in); });
  add("UntagResource", [sns](const Document& in, const RequestContext&) { return UntagResource(sns, in); });
  add("ListTagsForResource", [sns](const Document& in, const RequestContext&) { return ListTagsForResource(sns, in); });
}

}  // namespace cloudemu::services::sns
