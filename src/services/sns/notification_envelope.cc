#include "services/sns/notification_envelope.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/encoding.h"

namespace cloudemu::services::sns {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Member(Writer& writer, std::string_view name, std::string_view value) {
  writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void Line(std::string& canonical, std::string_view name, std::string_view value) {
  canonical.append(name).append("\n").append(value).append("\n");
}

bool IsConfirmation(const Envelope& envelope) { return envelope.type != "Notification"; }

}  // namespace

std::string CanonicalString(const Envelope& envelope) {
  std::string canonical;
  Line(canonical, "Message", envelope.message);
  Line(canonical, "MessageId", envelope.message_id);
  if (IsConfirmation(envelope)) {
    Line(canonical, "SubscribeURL", envelope.subscribe_url);
    Line(canonical, "Timestamp", envelope.timestamp);
    Line(canonical, "Token", envelope.token);
  } else {
    if (!envelope.subject.empty()) Line(canonical, "Subject", envelope.subject);
    Line(canonical, "Timestamp", envelope.timestamp);
  }
  Line(canonical, "TopicArn", envelope.topic_arn);
  Line(canonical, "Type", envelope.type);
  return canonical;
}

std::string EnvelopeJson(const Envelope& envelope) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Member(writer, "Type", envelope.type);
  Member(writer, "MessageId", envelope.message_id);
  if (IsConfirmation(envelope)) {
    Member(writer, "Token", envelope.token);
    Member(writer, "TopicArn", envelope.topic_arn);
    Member(writer, "Message", envelope.message);
    Member(writer, "SubscribeURL", envelope.subscribe_url);
  } else {
    if (!envelope.sequence_number.empty()) Member(writer, "SequenceNumber", envelope.sequence_number);
    Member(writer, "TopicArn", envelope.topic_arn);
    if (!envelope.subject.empty()) Member(writer, "Subject", envelope.subject);
    Member(writer, "Message", envelope.message);
  }
  Member(writer, "Timestamp", envelope.timestamp);
  Member(writer, "SignatureVersion", envelope.signature_version);
  Member(writer, "Signature", envelope.signature);
  Member(writer, "SigningCertURL", envelope.signing_cert_url);
  if (!IsConfirmation(envelope)) {
    Member(writer, "UnsubscribeURL", envelope.unsubscribe_url);
    if (!envelope.message_attributes.empty()) {
      writer.Key("MessageAttributes");
      writer.StartObject();
      for (const auto& [name, attribute] : envelope.message_attributes.AsMap()) {
        writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        writer.StartObject();
        Member(writer, "Type", attribute["DataType"].AsString());
        const core::Document& binary = attribute["BinaryValue"];
        Member(writer, "Value",
               binary.is_null() ? attribute["StringValue"].AsString() : core::Base64Encode(binary.AsString()));
        writer.EndObject();
      }
      writer.EndObject();
    }
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace cloudemu::services::sns
