#include "services/sqs/sqs_service.h"

#include <mutex>

#include "services/sqs/queue_lookup.h"
#include "services/sqs/sqs_errors.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {

SqsService::SqsService(const ServiceEnvironment& env)
    : Service("sqs"), env_(env), state_(*env.store, *env.clock, *env.ids) {
  AddOperation add = [this](std::string operation, Handler handler) {
    Register(std::move(operation), std::move(handler));
  };
  RegisterQueueOperations(state_, add);
  RegisterQueueTagOperations(state_, add);
  RegisterPermissionOperations(state_, add);
  RegisterSendOperations(state_, add);
  RegisterReceiveOperations(state_, add);
  RegisterVisibilityOperations(state_, add);
  RegisterMoveTaskOperations(state_, add);
  if (env.dispatch != nullptr) {
    env.dispatch->RegisterReceiver("sqs", [this](const core::Delivery& delivery) { return Deliver(delivery); });
  }
}

Status SqsService::Deliver(const core::Delivery& delivery) {
  RequestContext context;
  context.account_id = env_.account_id;
  context.region = env_.region;
  context.now_millis = env_.clock->NowMillis();
  Document input = Document::Map();
  {
    std::lock_guard lock(state_.mutex());
    auto queue = ResolveQueueArn(state_, delivery.target);
    if (!queue.ok()) return queue.status();
    context.account_id = queue->account;
    context.region = queue->region;
    input.Set("QueueUrl", QueueUrl(*queue, context));
  }
  for (const char* member :
       {"MessageBody", "MessageAttributes", "MessageSystemAttributes", "MessageGroupId", "MessageDeduplicationId"}) {
    if (const Document* value = delivery.message.Find(member)) input.Set(member, *value);
  }
  auto sent = Invoke("SendMessage", input, context);
  return sent.ok() ? Status::Ok() : sent.status();
}

Document SqsService::ListResources() const {
  std::lock_guard lock(state_.mutex());
  RequestContext context;
  context.region = env_.region;
  int64_t now = state_.Now();
  Document resources = Document::List();
  for (const QueueRecord& queue : state_.Queues("")) {
    Document& entry = resources.Append(Document::Map());
    entry.Set("type", "sqs:queue");
    entry.Set("id", queue.name);
    entry.Set("arn", queue.Arn());
    Document& attributes = entry.Set("attributes", Document::Map());
    attributes.Set("url", QueueUrl(queue, context));
    attributes.Set("fifo", queue.fifo());
    MessageCounts counts = state_.Count(queue, now);
    attributes.Set("messages_visible", counts.visible);
    attributes.Set("messages_in_flight", counts.in_flight);
    attributes.Set("messages_delayed", counts.delayed);
  }
  return resources;
}

StatusOr<std::vector<MessageRecord>> SqsService::Peek(std::string_view account, std::string_view name) const {
  std::lock_guard lock(state_.mutex());
  auto queue = state_.FindQueue(account, name);
  if (!queue) return QueueDoesNotExist();
  int64_t now = state_.Now();
  int64_t retention = queue->IntAttribute("MessageRetentionPeriod") * 1000;
  std::vector<MessageRecord> messages;
  for (uint64_t sequence : state_.Sequences(*queue)) {
    auto message = state_.FindMessage(*queue, sequence);
    if (message && message->sent_millis + retention > now) messages.push_back(std::move(*message));
  }
  return messages;
}

void SqsService::OnStateReplaced() {
  std::lock_guard lock(state_.mutex());
  state_.Rebuild();
}

}  // namespace cloudemu::services::sqs
