#include "services/sqs/sqs_records.h"

#include <cstdlib>

#include "core/encoding.h"
#include "core/json.h"

namespace cloudemu::services::sqs {
namespace {

Document StringMap(const std::map<std::string, std::string>& values) {
  Document doc = Document::Map();
  for (const auto& [name, value] : values) doc.Set(name, value);
  return doc;
}

std::map<std::string, std::string> ReadStringMap(const Document& doc) {
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : doc.AsMap()) values[name] = value.AsString();
  return values;
}

// Plain JSON flattens blobs into strings; message attribute values keep their
// binary members as base64 under the same names, restored on the way back.
Document StoredAttributes(const Document& attributes, bool to_store) {
  Document result = Document::Map();
  for (const auto& [name, value] : attributes.AsMap()) {
    Document copy = value;
    if (const Document* binary = value.Find("BinaryValue")) {
      if (to_store) {
        copy.Set("BinaryValue", core::Base64Encode(binary->AsString()));
      } else {
        copy.Set("BinaryValue", core::Blob{core::Base64Decode(binary->AsString()).value_or("")});
      }
    }
    if (const Document* list = value.Find("BinaryListValues")) {
      Document items = Document::List();
      for (const Document& item : list->AsList()) {
        if (to_store) {
          items.Append(core::Base64Encode(item.AsString()));
        } else {
          items.Append(core::Blob{core::Base64Decode(item.AsString()).value_or("")});
        }
      }
      copy.Set("BinaryListValues", std::move(items));
    }
    result.Set(name, std::move(copy));
  }
  return result;
}

}  // namespace

bool QueueRecord::fifo() const {
  auto it = attributes.find("FifoQueue");
  return it != attributes.end() && it->second == "true";
}

int64_t QueueRecord::IntAttribute(std::string_view name) const {
  auto it = attributes.find(std::string(name));
  return it == attributes.end() ? 0 : std::strtoll(it->second.c_str(), nullptr, 10);
}

std::string QueueRecord::Arn() const { return "arn:aws:sqs:" + region + ":" + account + ":" + name; }

std::string QueueRecord::KeyOf(std::string_view account, std::string_view name) {
  std::string key(account);
  key += '\0';
  key += name;
  return key;
}

std::string EncodeQueue(const QueueRecord& queue) {
  Document doc = Document::Map();
  doc.Set("account", queue.account);
  doc.Set("name", queue.name);
  doc.Set("region", queue.region);
  doc.Set("created", queue.created_millis);
  doc.Set("modified", queue.modified_millis);
  doc.Set("last_purge", queue.last_purge_millis);
  doc.Set("attributes", StringMap(queue.attributes));
  doc.Set("tags", StringMap(queue.tags));
  return core::ToJson(doc);
}

std::optional<QueueRecord> DecodeQueue(std::string_view json) {
  auto doc = core::FromJson(json);
  if (!doc.ok()) return std::nullopt;
  QueueRecord queue;
  queue.account = (*doc)["account"].AsString();
  queue.name = (*doc)["name"].AsString();
  queue.region = (*doc)["region"].AsString();
  queue.created_millis = (*doc)["created"].AsInt();
  queue.modified_millis = (*doc)["modified"].AsInt();
  queue.last_purge_millis = (*doc)["last_purge"].AsInt();
  queue.attributes = ReadStringMap((*doc)["attributes"]);
  queue.tags = ReadStringMap((*doc)["tags"]);
  return queue;
}

std::string EncodeMessage(const MessageRecord& message) {
  Document doc = Document::Map();
  doc.Set("seq", static_cast<int64_t>(message.sequence));
  doc.Set("id", message.message_id);
  doc.Set("body", message.body);
  if (!message.message_attributes.empty()) doc.Set("attrs", StoredAttributes(message.message_attributes, true));
  if (!message.system_attributes.empty()) doc.Set("sys", StoredAttributes(message.system_attributes, true));
  doc.Set("md5", message.md5_of_body);
  doc.Set("sender", message.sender_id);
  doc.Set("sent", message.sent_millis);
  doc.Set("visible_at", message.visible_at_millis);
  doc.Set("receives", message.receive_count);
  doc.Set("first_receive", message.first_receive_millis);
  doc.Set("token", message.receipt_token);
  if (!message.group_id.empty()) doc.Set("group", message.group_id);
  if (!message.deduplication_id.empty()) doc.Set("dedup", message.deduplication_id);
  if (!message.dead_letter_source_arn.empty()) doc.Set("dlq_source", message.dead_letter_source_arn);
  return core::ToJson(doc);
}

std::optional<MessageRecord> DecodeMessage(std::string_view json) {
  auto doc = core::FromJson(json);
  if (!doc.ok()) return std::nullopt;
  const Document& d = *doc;
  MessageRecord message;
  message.sequence = static_cast<uint64_t>(d["seq"].AsInt());
  message.message_id = d["id"].AsString();
  message.body = d["body"].AsString();
  message.message_attributes = StoredAttributes(d["attrs"], false);
  message.system_attributes = StoredAttributes(d["sys"], false);
  message.md5_of_body = d["md5"].AsString();
  message.sender_id = d["sender"].AsString();
  message.sent_millis = d["sent"].AsInt();
  message.visible_at_millis = d["visible_at"].AsInt();
  message.receive_count = d["receives"].AsInt();
  message.first_receive_millis = d["first_receive"].AsInt();
  message.receipt_token = d["token"].AsString();
  message.group_id = d["group"].AsString();
  message.deduplication_id = d["dedup"].AsString();
  message.dead_letter_source_arn = d["dlq_source"].AsString();
  return message;
}

std::string EncodeAttempt(const ReceiveAttempt& attempt) {
  Document doc = Document::Map();
  doc.Set("expires", attempt.expires_millis);
  Document& messages = doc.Set("messages", Document::List());
  for (const ReceiveAttempt::Taken& taken : attempt.messages) {
    Document entry = Document::Map();
    entry.Set("seq", static_cast<int64_t>(taken.sequence));
    entry.Set("token", taken.receipt_token);
    entry.Set("visible_at", taken.visible_at_millis);
    messages.Append(std::move(entry));
  }
  return core::ToJson(doc);
}

std::optional<ReceiveAttempt> DecodeAttempt(std::string_view json) {
  auto doc = core::FromJson(json);
  if (!doc.ok()) return std::nullopt;
  ReceiveAttempt attempt;
  attempt.expires_millis = (*doc)["expires"].AsInt();
  for (const Document& entry : (*doc)["messages"].AsList()) {
    attempt.messages.push_back(
        {static_cast<uint64_t>(entry["seq"].AsInt()), entry["token"].AsString(), entry["visible_at"].AsInt()});
  }
  return attempt;
}

}  // namespace cloudemu::services::sqs
