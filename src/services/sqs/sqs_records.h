// SQS's stored records - a queue and a message - and their JSON form in the
// Store. Every SQS table holds these documents; nothing else knows their
// layout.
// Thread-safety: value types; no internal synchronisation.
#ifndef CLOUDEMU_SERVICES_SQS_SQS_RECORDS_H_
#define CLOUDEMU_SERVICES_SQS_SQS_RECORDS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace cloudemu::services::sqs {

using core::Document;

struct QueueRecord {
  std::string account;
  std::string name;
  std::string region;
  int64_t created_millis = 0;
  int64_t modified_millis = 0;
  int64_t last_purge_millis = 0;  // 0 = never purged
  // The settable attributes with their effective values (defaults filled
  // in), each as the exact string a client set, since Terraform compares
  // them character for character.
  std::map<std::string, std::string> attributes;
  std::map<std::string, std::string> tags;

  bool fifo() const;
  // An attribute as a number (0 when absent or not numeric).
  int64_t IntAttribute(std::string_view name) const;
  std::string Arn() const;
  // account \0 name: the prefix of the queue's rows in every table.
  std::string Key() const { return KeyOf(account, name); }
  static std::string KeyOf(std::string_view account, std::string_view name);
};

struct MessageRecord {
  uint64_t sequence = 0;  // the message's row and its order in its queue
  std::string message_id;
  std::string body;
  // Model-shaped maps of MessageAttributeValue / MessageSystemAttributeValue
  // (BinaryValue members are blobs).
  Document message_attributes;
  Document system_attributes;
  std::string md5_of_body;
  std::string sender_id;
  int64_t sent_millis = 0;
  // Delayed while never received and visible_at is ahead; in flight while
  // received and visible_at is ahead; visible otherwise.
  int64_t visible_at_millis = 0;
  int64_t receive_count = 0;
  int64_t first_receive_millis = 0;
  // Changes on every receive; a receipt handle names the token it was
  // issued with.
  std::string receipt_token;
  std::string group_id;
  std::string deduplication_id;
  std::string dead_letter_source_arn;  // set once redriven to a DLQ

  bool in_flight(int64_t now) const { return receive_count > 0 && visible_at_millis > now; }
  bool delayed(int64_t now) const { return receive_count == 0 && visible_at_millis > now; }
};

// A FIFO receive kept under its ReceiveRequestAttemptId until it expires:
// the messages it took, each with the receipt token and visible-at time the
// receive left it with (a later change to either ends the attempt).
struct ReceiveAttempt {
  struct Taken {
    uint64_t sequence = 0;
    std::string receipt_token;
    int64_t visible_at_millis = 0;
  };
  int64_t expires_millis = 0;
  std::vector<Taken> messages;
};

std::string EncodeQueue(const QueueRecord& queue);
std::optional<QueueRecord> DecodeQueue(std::string_view json);
std::string EncodeMessage(const MessageRecord& message);
std::optional<MessageRecord> DecodeMessage(std::string_view json);
std::string EncodeAttempt(const ReceiveAttempt& attempt);
std::optional<ReceiveAttempt> DecodeAttempt(std::string_view json);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_SQS_RECORDS_H_
