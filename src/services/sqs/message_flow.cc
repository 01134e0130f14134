#include "services/sqs/message_flow.h"

#include <unordered_set>

#include "core/encoding.h"
#include "core/hash.h"
#include "services/sqs/message_content.h"
#include "services/sqs/queue_attributes.h"
#include "services/sqs/sqs_errors.h"

namespace cloudemu::services::sqs {
namespace {

constexpr int64_t kDedupWindowMillis = 5 * 60 * 1000;
constexpr int64_t kMaxDelaySeconds = 900;
constexpr size_t kMaxIdLength = 128;
constexpr std::string_view kNotForThisQueueType = "The request include parameter that is not valid for this queue type";

// The message's settings that depend on the queue type.
struct Placement {
  std::string group_id;
  std::string deduplication_id;
  int64_t delay_seconds = 0;
};

StatusOr<Placement> Place(const QueueRecord& queue, const Document& entry) {
  Placement placement;
  placement.group_id = entry["MessageGroupId"].AsString();
  placement.deduplication_id = entry["MessageDeduplicationId"].AsString();
  placement.delay_seconds = queue.IntAttribute("DelaySeconds");
  if (const Document* delay = entry.Find("DelaySeconds"); delay && !delay->is_null()) {
    if (queue.fifo()) return InvalidParameter("DelaySeconds", std::to_string(delay->AsInt()), kNotForThisQueueType);
    if (delay->AsInt() < 0 || delay->AsInt() > kMaxDelaySeconds) {
      return InvalidParameter("DelaySeconds", std::to_string(delay->AsInt()), "DelaySeconds must be >= 0 and <= 900");
    }
    placement.delay_seconds = delay->AsInt();
  }
  if (entry.Has("MessageGroupId")) {
    if (Status valid = CheckFifoId("MessageGroupId", placement.group_id); !valid.ok()) return valid;
  }
  if (!queue.fifo()) {
    if (entry.Has("MessageDeduplicationId")) {
      return InvalidParameter("MessageDeduplicationId", placement.deduplication_id, kNotForThisQueueType);
    }
    return placement;
  }
  if (placement.group_id.empty()) return MissingParameter("MessageGroupId");
  if (entry.Has("MessageDeduplicationId")) {
    if (Status valid = CheckFifoId("MessageDeduplicationId", placement.deduplication_id); !valid.ok()) return valid;
  } else if (queue.attributes.count("ContentBasedDeduplication") &&
             queue.attributes.at("ContentBasedDeduplication") == "true") {
    placement.deduplication_id = core::HexEncode(core::Sha256(entry["MessageBody"].AsString()));
  } else {
    return InvalidParameterValue(
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided "
        "explicitly");
  }
  return placement;
}

Document SendOutput(const MessageRecord& message, bool fifo) {
  Document output = Document::Map();
  output.Set("MD5OfMessageBody", message.md5_of_body);
  if (!message.message_attributes.empty())
    output.Set("MD5OfMessageAttributes", AttributesMd5(message.message_attributes));
  if (!message.system_attributes.empty()) {
    output.Set("MD5OfMessageSystemAttributes", AttributesMd5(message.system_attributes));
  }
  output.Set("MessageId", message.message_id);
  if (fifo) output.Set("SequenceNumber", SequenceNumberText(message.sequence));
  return output;
}

bool Expired(const QueueRecord& queue, const MessageRecord& message, int64_t now) {
  return message.sent_millis + queue.IntAttribute("MessageRetentionPeriod") * 1000 <= now;
}

// Names in a list member, or nothing when the member is absent.
std::unordered_set<std::string> NameSet(const Document& list) {
  std::unordered_set<std::string> names;
  for (const Document& name : list.AsList()) names.insert(name.AsString());
  return names;
}

bool WantsMessageAttribute(const std::unordered_set<std::string>& wanted, const std::string& name) {
  if (wanted.count("All") || wanted.count(".*") || wanted.count(name)) return true;
  for (const std::string& pattern : wanted) {
    // "prefix.*" matches "prefix.anything".
    if (pattern.size() > 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0 &&
        name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status CheckFifoId(std::string_view name, std::string_view value) {
  bool ok = !value.empty() && value.size() <= kMaxIdLength;
  for (char c : value) ok = ok && c > 0x20 && c < 0x7F;
  if (ok) return Status::Ok();
  return InvalidParameter(
      name, value, std::string(name) + " can only include alphanumeric and punctuation characters. 1 to 128 in length");
}

std::string SequenceNumberText(uint64_t sequence) {
  // Offsetting by 10^19 gives 20 digits for any time before year 2236.
  return std::to_string(sequence + 10000000000000000000ULL);
}

StatusOr<Document> SendOne(SqsState& state, const QueueRecord& queue, const Document& entry,
                           const RequestContext& context) {
  const std::string& body = entry["MessageBody"].AsString();
  if (!entry.Has("MessageBody")) return MissingParameter("MessageBody");
  if (Status valid = CheckBody(body); !valid.ok()) return valid;
  const Document& attributes = entry["MessageAttributes"];
  const Document& system_attributes = entry["MessageSystemAttributes"];
  if (Status valid = CheckAttributes(attributes, false); !valid.ok()) return valid;
  if (Status valid = CheckAttributes(system_attributes, true); !valid.ok()) return valid;
  int64_t limit = queue.IntAttribute("MaximumMessageSize");
  if (MessageSize(body, attributes) > limit) {
    return InvalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than " +
                                 std::to_string(limit) + " bytes.");
  }
  auto placement = Place(queue, entry);
  if (!placement.ok()) return placement.status();
  int64_t now = state.Now();

  std::string scoped_id;
  if (queue.fifo()) {
    bool per_group =
        queue.attributes.count("DeduplicationScope") && queue.attributes.at("DeduplicationScope") == "messageGroup";
    scoped_id = (per_group ? placement->group_id + '\0' : std::string()) + placement->deduplication_id;
    if (auto seen = state.FindDedup(queue, scoped_id, now)) {
      // A duplicate within five minutes is accepted but not enqueued again.
      MessageRecord original;
      original.message_id = seen->message_id;
      original.sequence = seen->sequence;
      original.md5_of_body = Md5Hex(body);
      original.message_attributes = attributes.is_map() ? attributes : Document::Map();
      original.system_attributes = system_attributes.is_map() ? system_attributes : Document::Map();
      return SendOutput(original, true);
    }
  }

  MessageRecord message;
  message.message_id = state.ids().Uuid();
  message.body = body;
  message.message_attributes = attributes.is_map() ? attributes : Document::Map();
  message.system_attributes = system_attributes.is_map() ? system_attributes : Document::Map();
  message.md5_of_body = Md5Hex(body);
  message.sender_id = context.account_id;
  message.sent_millis = now;
  message.visible_at_millis = now + placement->delay_seconds * 1000;
  message.group_id = placement->group_id;
  message.deduplication_id = placement->deduplication_id;
  if (Status added = state.AddMessage(queue, message, now); !added.ok()) return added;
  if (queue.fifo()) {
    Status saved =
        state.SaveDedup(queue, scoped_id, {message.message_id, message.sequence}, now + kDedupWindowMillis, now);
    if (!saved.ok()) return saved;
  }
  return SendOutput(message, queue.fifo());
}

StatusOr<std::vector<MessageRecord>> TakeMessages(SqsState& state, const QueueRecord& queue, int64_t max,
                                                  int64_t visibility_seconds, int64_t now) {
  std::vector<MessageRecord> taken;
  std::unordered_set<uint64_t> seen;
  std::optional<Redrive> redrive = RedriveOf(queue);
  std::optional<QueueRecord> dead_letter;
  if (redrive) dead_letter = state.FindQueueByArn(redrive->target_arn);
  while (static_cast<int64_t>(taken.size()) < max) {
    std::vector<uint64_t> candidates = state.Candidates(queue, now, max - taken.size(), seen);
    if (candidates.empty()) break;
    for (uint64_t sequence : candidates) {
      seen.insert(sequence);
      auto message = state.FindMessage(queue, sequence);
      if (!message) continue;
      if (Expired(queue, *message, now)) {
        if (Status removed = state.RemoveMessage(queue, sequence); !removed.ok()) return removed;
        continue;
      }
      if (dead_letter && message->receive_count >= redrive->max_receive_count) {
        message->dead_letter_source_arn = queue.Arn();
        message->receipt_token.clear();
        message->visible_at_millis = now;
        if (Status moved = state.MoveMessage(queue, *dead_letter, *message, now); !moved.ok()) return moved;
        continue;
      }
      ++message->receive_count;
      if (message->first_receive_millis == 0) message->first_receive_millis = now;
      message->receipt_token = state.ids().Alphanumeric(24);
      message->visible_at_millis = now + visibility_seconds * 1000;
      if (Status updated = state.UpdateMessage(queue, *message); !updated.ok()) return updated;
      taken.push_back(std::move(*message));
    }
  }
  return taken;
}

Document PresentMessage(const QueueRecord& queue, const MessageRecord& message, const Document& request) {
  Document out = Document::Map();
  out.Set("MessageId", message.message_id);
  out.Set("ReceiptHandle", ReceiptHandle(queue, message));
  out.Set("MD5OfBody", message.md5_of_body);
  out.Set("Body", message.body);

  std::unordered_set<std::string> system = NameSet(request["AttributeNames"]);
  for (const std::string& name : NameSet(request["MessageSystemAttributeNames"])) system.insert(name);
  bool all = system.count("All") > 0;
  Document attributes = Document::Map();
  auto add = [&](const std::string& name, const std::string& value) {
    if (all || system.count(name)) attributes.Set(name, value);
  };
  add("SenderId", message.sender_id);
  add("SentTimestamp", std::to_string(message.sent_millis));
  add("ApproximateReceiveCount", std::to_string(message.receive_count));
  add("ApproximateFirstReceiveTimestamp", std::to_string(message.first_receive_millis));
  if (queue.fifo()) add("SequenceNumber", SequenceNumberText(message.sequence));
  if (!message.deduplication_id.empty()) add("MessageDeduplicationId", message.deduplication_id);
  if (!message.group_id.empty()) add("MessageGroupId", message.group_id);
  if (const Document* trace = message.system_attributes.Find("AWSTraceHeader")) {
    add("AWSTraceHeader", (*trace)["StringValue"].AsString());
  }
  if (!message.dead_letter_source_arn.empty()) add("DeadLetterQueueSourceArn", message.dead_letter_source_arn);
  if (!attributes.empty()) out.Set("Attributes", std::move(attributes));

  std::unordered_set<std::string> wanted = NameSet(request["MessageAttributeNames"]);
  Document selected = Document::Map();
  for (const auto& [name, value] : message.message_attributes.AsMap()) {
    if (WantsMessageAttribute(wanted, name)) selected.Set(name, value);
  }
  if (!selected.empty()) {
    out.Set("MD5OfMessageAttributes", AttributesMd5(selected));
    out.Set("MessageAttributes", std::move(selected));
  }
  return out;
}

std::string ReceiptHandle(const QueueRecord& queue, const MessageRecord& message) {
  return core::Base64Encode(queue.account + "/" + queue.name + "/" + std::to_string(message.sequence) + "/" +
                            message.receipt_token);
}

std::optional<ParsedHandle> ParseReceiptHandle(std::string_view handle) {
  auto decoded = core::Base64Decode(handle);
  if (!decoded) return std::nullopt;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = decoded->find('/', start);
    parts.push_back(decoded->substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() != 4 || parts[2].empty() || parts[3].empty()) return std::nullopt;
  if (parts[2].size() > 19) return std::nullopt;
  for (char c : parts[2]) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return ParsedHandle{parts[0], parts[1], std::stoull(parts[2]), parts[3]};
}

StatusOr<HandleTarget> FindByHandle(const SqsState& state, const QueueRecord& queue, std::string_view handle) {
  auto parsed = ParseReceiptHandle(handle);
  if (!parsed || parsed->account != queue.account || parsed->name != queue.name) {
    return ReceiptHandleIsInvalid(handle);
  }
  HandleTarget target;
  target.message = state.FindMessage(queue, parsed->sequence);
  target.current = target.message && target.message->receipt_token == parsed->token;
  return target;
}

}  // namespace cloudemu::services::sqs
