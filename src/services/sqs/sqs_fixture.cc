// SqsService::Seed: the "sqs" section of a fixture, checked as a whole first,
// then applied through SQS's own CreateQueue and SendMessage (DESIGN rule 1).
#include <set>
#include <string>

#include "services/sqs/sqs_service.h"

namespace cloudemu::services::sqs {
namespace {

Status Invalid(const std::string& where, const std::string& problem) {
  return Status::InvalidArgument("InvalidFixture", where + ": " + problem);
}

Status CheckMembers(const Document& doc, const std::string& where, const std::set<std::string, std::less<>>& allowed) {
  if (!doc.is_map()) return Invalid(where, "must be an object");
  for (const auto& [member, value] : doc.AsMap()) {
    if (!allowed.count(member)) return Invalid(where, "unknown member \"" + member + "\"");
  }
  return Status::Ok();
}

Status CheckScalarMap(const Document& doc, const std::string& where) {
  if (doc.is_null()) return Status::Ok();
  if (!doc.is_map()) return Invalid(where, "must be an object of strings");
  for (const auto& [name, value] : doc.AsMap()) {
    if (!value.is_string() && !value.is_number() && !value.is_bool()) {
      return Invalid(where + "." + name, "must be a string or number");
    }
  }
  return Status::Ok();
}

// Fixture values are written naturally (numbers, booleans); SQS takes strings.
std::string Text(const Document& value) {
  if (value.is_string()) return value.AsString();
  if (value.is_bool()) return value.AsBool() ? "true" : "false";
  if (value.is_int()) return std::to_string(value.AsInt());
  return std::to_string(value.AsDouble());
}

Document StringMap(const Document& doc) {
  Document out = Document::Map();
  for (const auto& [name, value] : doc.AsMap()) out.Set(name, Text(value));
  return out;
}

// {"name": "text" | number} -> MessageAttributes of type String / Number.
Document MessageAttributes(const Document& doc) {
  Document out = Document::Map();
  for (const auto& [name, value] : doc.AsMap()) {
    Document& attribute = out.Set(name, Document::Map());
    attribute.Set("DataType", value.is_number() ? "Number" : "String");
    attribute.Set("StringValue", Text(value));
  }
  return out;
}

Status CheckSection(const Document& section) {
  if (Status valid = CheckMembers(section, "sqs", {"queues"}); !valid.ok()) return valid;
  const Document& queues = section["queues"];
  if (!queues.is_null() && !queues.is_list()) return Invalid("sqs.queues", "must be a list");
  for (size_t i = 0; i < queues.size(); ++i) {
    const Document& queue = queues.AsList()[i];
    std::string where = "sqs.queues[" + std::to_string(i) + "]";
    if (Status valid = CheckMembers(queue, where, {"name", "attributes", "tags", "messages"}); !valid.ok())
      return valid;
    if (!queue["name"].is_string()) return Invalid(where + ".name", "is required and must be a string");
    if (Status valid = CheckScalarMap(queue["attributes"], where + ".attributes"); !valid.ok()) return valid;
    if (Status valid = CheckScalarMap(queue["tags"], where + ".tags"); !valid.ok()) return valid;
    const Document& messages = queue["messages"];
    if (!messages.is_null() && !messages.is_list()) return Invalid(where + ".messages", "must be a list");
    for (size_t m = 0; m < messages.size(); ++m) {
      const Document& message = messages.AsList()[m];
      std::string at = where + ".messages[" + std::to_string(m) + "]";
      if (Status valid = CheckMembers(message, at, {"body", "attributes", "group_id", "deduplication_id"});
          !valid.ok()) {
        return valid;
      }
      if (!message["body"].is_string()) return Invalid(at + ".body", "is required and must be a string");
      if (Status valid = CheckScalarMap(message["attributes"], at + ".attributes"); !valid.ok()) return valid;
    }
  }
  return Status::Ok();
}

}  // namespace

Status SqsService::Seed(const Document& section, const RequestContext& context) {
  if (Status valid = CheckSection(section); !valid.ok()) return valid;
  for (const Document& queue : section["queues"].AsList()) {
    Document create = Document::Map();
    create.Set("QueueName", queue["name"]);
    if (queue.Has("attributes")) create.Set("Attributes", StringMap(queue["attributes"]));
    if (queue.Has("tags")) create.Set("tags", StringMap(queue["tags"]));
    auto created = Invoke("CreateQueue", create, context);
    if (!created.ok()) return created.status();
    for (const Document& message : queue["messages"].AsList()) {
      Document send = Document::Map();
      send.Set("QueueUrl", (*created)["QueueUrl"]);
      send.Set("MessageBody", message["body"]);
      if (message.Has("attributes")) send.Set("MessageAttributes", MessageAttributes(message["attributes"]));
      if (message.Has("group_id")) send.Set("MessageGroupId", message["group_id"]);
      if (message.Has("deduplication_id")) send.Set("MessageDeduplicationId", message["deduplication_id"]);
      auto sent = Invoke("SendMessage", send, context);
      if (!sent.ok()) return sent.status();
    }
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::sqs
