// SqsView: typed calls that run SQS's own operations through
// CloudState::Invoke, exactly as a request through the listener would. Peek
// reads the service directly, since SQS has no operation that looks at a
// message without receiving it.
#include "cloudemu/sqs.h"

#include "cloud/cloud_state.h"
#include "core/document.h"
#include "services/sqs/sqs_service.h"

namespace cloudemu {
namespace {

using core::Document;

Document StringMap(const std::map<std::string, std::string>& values) {
  Document doc = Document::Map();
  for (const auto& [name, value] : values) doc.Set(name, value);
  return doc;
}

std::map<std::string, std::string> ReadStrings(const Document& doc, std::string_view member = "") {
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : doc.AsMap()) {
    values[name] = member.empty() ? value.AsString() : value[member].AsString();
  }
  return values;
}

Status StatusOf(const StatusOr<Document>& output) { return output.ok() ? Status::Ok() : output.status(); }

// {"QueueUrl": <url of `name`>}
StatusOr<Document> QueueInput(internal::CloudState& state, std::string_view name) {
  Document input = Document::Map();
  input.Set("QueueName", name);
  auto url = state.Invoke("sqs", "GetQueueUrl", input);
  if (!url.ok()) return url.status();
  Document queue = Document::Map();
  queue.Set("QueueUrl", (*url)["QueueUrl"]);
  return queue;
}

}  // namespace

StatusOr<std::string> SqsView::CreateQueue(std::string_view name,
                                           const std::map<std::string, std::string>& attributes) {
  Document input = Document::Map();
  input.Set("QueueName", name);
  if (!attributes.empty()) input.Set("Attributes", StringMap(attributes));
  auto output = state_->Invoke("sqs", "CreateQueue", input);
  if (!output.ok()) return output.status();
  return (*output)["QueueUrl"].AsString();
}

StatusOr<std::string> SqsView::QueueUrl(std::string_view name) const {
  auto input = QueueInput(*state_, name);
  if (!input.ok()) return input.status();
  return (*input)["QueueUrl"].AsString();
}

Status SqsView::DeleteQueue(std::string_view name) {
  auto input = QueueInput(*state_, name);
  if (!input.ok()) return input.status();
  return StatusOf(state_->Invoke("sqs", "DeleteQueue", *input));
}

StatusOr<std::map<std::string, std::string>> SqsView::QueueAttributes(std::string_view name) const {
  auto input = QueueInput(*state_, name);
  if (!input.ok()) return input.status();
  Document all = Document::List();
  all.Append("All");
  input->Set("AttributeNames", std::move(all));
  auto output = state_->Invoke("sqs", "GetQueueAttributes", *input);
  if (!output.ok()) return output.status();
  return ReadStrings((*output)["Attributes"]);
}

Status SqsView::SetQueueAttributes(std::string_view name, const std::map<std::string, std::string>& attributes) {
  auto input = QueueInput(*state_, name);
  if (!input.ok()) return input.status();
  input->Set("Attributes", StringMap(attributes));
  return StatusOf(state_->Invoke("sqs", "SetQueueAttributes", *input));
}

StatusOr<std::string> SqsView::SendMessage(std::string_view name, std::string_view body,
                                           const SqsSendOptions& options) {
  auto input = QueueInput(*state_, name);
  if (!input.ok()) return input.status();
  input->Set("MessageBody", body);
  if (options.delay_seconds >= 0) input->Set("DelaySeconds", options.delay_seconds);
  if (!options.group_id.empty()) input->Set("MessageGroupId", options.group_id);
  if (!options.deduplication_id.empty()) input->Set("MessageDeduplicationId", options.deduplication_id);
  if (!options.attributes.empty()) {
    Document& attributes = input->Set("MessageAttributes", Document::Map());
    for (const auto& [key, value] : options.attributes) {
      Document& attribute = attributes.Set(key, Document::Map());
      attribute.Set("DataType", "String");
      attribute.Set("StringValue", value);
    }
  }
  auto output = state_->Invoke("sqs", "SendMessage", *input);
  if (!output.ok()) return output.status();
  return (*output)["MessageId"].AsString();
}

StatusOr<std::vector<SqsMessage>> SqsView::ReceiveMessages(std::string_view name, int max_messages,
                                                           int visibility_timeout, int wait_seconds) {
  auto input = QueueInput(*state_, name);
  if (!input.ok()) return input.status();
  input->Set("MaxNumberOfMessages", max_messages);
  if (visibility_timeout >= 0) input->Set("VisibilityTimeout", visibility_timeout);
  input->Set("WaitTimeSeconds", wait_seconds);
  Document all = Document::List();
  all.Append("All");
  input->Set("MessageSystemAttributeNames", all);
  input->Set("MessageAttributeNames", all);
  auto output = state_->Invoke("sqs", "ReceiveMessage", *input);
  if (!output.ok()) return output.status();
  std::vector<SqsMessage> messages;
  for (const Document& entry : (*output)["Messages"].AsList()) {
    SqsMessage message;
    message.message_id = entry["MessageId"].AsString();
    message.receipt_handle = entry["ReceiptHandle"].AsString();
    message.body = entry["Body"].AsString();
    message.md5_of_body = entry["MD5OfBody"].AsString();
    message.attributes = ReadStrings(entry["Attributes"]);
    message.message_attributes = ReadStrings(entry["MessageAttributes"], "StringValue");
    messages.push_back(std::move(message));
  }
  return messages;
}

Status SqsView::DeleteMessage(std::string_view name, std::string_view receipt_handle) {
  auto input = QueueInput(*state_, name);
  if (!input.ok()) return input.status();
  input->Set("ReceiptHandle", receipt_handle);
  return StatusOf(state_->Invoke("sqs", "DeleteMessage", *input));
}

StatusOr<std::vector<SqsPeekedMessage>> SqsView::Peek(std::string_view name) const {
  auto* service = dynamic_cast<services::sqs::SqsService*>(state_->FindService("sqs"));
  if (service == nullptr) return Status::Internal("CloudEmu was built without SQS");
  auto records = service->Peek(state_->options().account_id, name);
  if (!records.ok()) return records.status();
  int64_t now = state_->options().clock->NowMillis();
  std::vector<SqsPeekedMessage> messages;
  for (const services::sqs::MessageRecord& record : *records) {
    SqsPeekedMessage message;
    message.message_id = record.message_id;
    message.body = record.body;
    message.group_id = record.group_id;
    message.state = record.in_flight(now) ? SqsMessageState::kInFlight
                    : record.delayed(now) ? SqsMessageState::kDelayed
                                          : SqsMessageState::kVisible;
    message.receive_count = record.receive_count;
    message.sent_millis = record.sent_millis;
    message.visible_at_millis = record.visible_at_millis;
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace cloudemu
