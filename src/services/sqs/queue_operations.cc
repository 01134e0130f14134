// Queue lifecycle and settings: CreateQueue, GetQueueUrl, Get/SetQueueAttributes,
// ListQueues, DeleteQueue, PurgeQueue, ListDeadLetterSourceQueues.
#include <mutex>

#include "core/encoding.h"
#include "services/sqs/queue_attributes.h"
#include "services/sqs/queue_lookup.h"
#include "services/sqs/sqs_errors.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {
namespace {

constexpr size_t kMaxQueueName = 80;
constexpr int64_t kRecreateWaitMillis = 60 * 1000;
constexpr int64_t kPurgeIntervalMillis = 60 * 1000;
constexpr std::string_view kFifoSuffix = ".fifo";

Status CheckQueueName(std::string_view name, bool fifo) {
  std::string_view base = name;
  bool has_suffix = name.size() >= kFifoSuffix.size() && name.substr(name.size() - kFifoSuffix.size()) == kFifoSuffix;
  if (fifo && has_suffix) base = name.substr(0, name.size() - kFifoSuffix.size());
  bool ok = !base.empty() && name.size() <= kMaxQueueName && (fifo == has_suffix);
  for (char c : base) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
  }
  if (ok) return Status::Ok();
  if (fifo) {
    return InvalidParameterValue(
        "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with "
        ".fifo suffix and be 1 to 80 in length.");
  }
  return InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
}

QueueByArn FinderOf(const SqsState& state) {
  return [&state](std::string_view arn) { return state.FindQueueByArn(arn); };
}

StatusOr<Document> CreateQueue(SqsState& state, const Document& input, const RequestContext& context) {
  const std::string& name = input["QueueName"].AsString();
  if (name.empty()) return MissingParameter("QueueName");
  std::lock_guard lock(state.mutex());
  const Document& requested = input["Attributes"];
  std::string fifo_value = requested["FifoQueue"].AsString("");
  if (!fifo_value.empty() && fifo_value != "true" && fifo_value != "false") return InvalidAttributeValue("FifoQueue");
  bool fifo = fifo_value == "true";
  if (Status valid = CheckQueueName(name, fifo); !valid.ok()) return valid;
  auto checked = CheckAttributes(requested, fifo, true, FinderOf(state));
  if (!checked.ok()) return checked.status();
  if (!fifo) checked->erase("FifoQueue");  // "false" is what a standard queue is anyway

  int64_t now = state.Now();
  if (auto existing = state.FindQueue(context.account_id, name)) {
    if (auto differing = DifferingAttribute(*checked, existing->attributes)) {
      return Status::InvalidArgument(
          "QueueNameExists",
          "A queue already exists with the same name and a different value for attribute " + *differing);
    }
    Document output = Document::Map();
    output.Set("QueueUrl", QueueUrl(*existing, context));
    return output;
  }
  if (auto deleted = state.DeletedAt(context.account_id, name); deleted && now - *deleted < kRecreateWaitMillis) {
    return Status::InvalidArgument("QueueDeletedRecently",
                                   "You must wait 60 seconds after deleting a queue before you can create another "
                                   "with the same name.");
  }
  QueueRecord queue;
  queue.account = context.account_id;
  queue.name = name;
  queue.region = context.region;
  queue.created_millis = now;
  queue.modified_millis = now;
  queue.attributes = DefaultAttributes(fifo);
  ApplyAttributes(*checked, queue.attributes);
  for (const auto& [key, value] : input["tags"].AsMap()) queue.tags[key] = value.AsString();
  if (Status saved = state.SaveQueue(queue); !saved.ok()) return saved;
  Document output = Document::Map();
  output.Set("QueueUrl", QueueUrl(queue, context));
  return output;
}

StatusOr<Document> GetQueueUrl(SqsState& state, const Document& input, const RequestContext& context) {
  std::string account = input["QueueOwnerAWSAccountId"].AsString(context.account_id);
  std::lock_guard lock(state.mutex());
  auto queue = state.FindQueue(account, input["QueueName"].AsString());
  if (!queue) return QueueDoesNotExist();
  Document output = Document::Map();
  output.Set("QueueUrl", QueueUrl(*queue, context));
  return output;
}

StatusOr<Document> GetQueueAttributes(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  int64_t now = state.Now();
  if (Status advanced = AdvanceMoveTasks(state, now); !advanced.ok()) return advanced;
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  auto attributes = QueueAttributesOutput(*queue, state.Count(*queue, now), input["AttributeNames"]);
  if (!attributes.ok()) return attributes.status();
  Document output = Document::Map();
  if (!attributes->empty()) output.Set("Attributes", std::move(attributes).value());
  return output;
}

StatusOr<Document> SetQueueAttributes(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  auto checked = CheckAttributes(input["Attributes"], queue->fifo(), false, FinderOf(state));
  if (!checked.ok()) return checked.status();
  ApplyAttributes(*checked, queue->attributes);
  queue->modified_millis = state.Now();
  if (Status saved = state.SaveQueue(*queue); !saved.ok()) return saved;
  state.changed().notify_all();
  return Document::Map();
}

// A page of queue URLs: MaxResults (1-1000) and a NextToken naming the last
// queue of the previous page.
StatusOr<Document> UrlPage(const std::vector<QueueRecord>& queues, const Document& input, const RequestContext& context,
                           std::string_view list_member) {
  const Document* max_member = input.Find("MaxResults");
  int64_t max = max_member ? max_member->AsInt() : 1000;
  if (max < 1 || max > 1000) {
    return InvalidParameter("MaxResults", std::to_string(max), "MaxResults must be an integer between 1 and 1000");
  }
  std::string after;
  if (const Document* token = input.Find("NextToken"); token && !token->AsString().empty()) {
    auto decoded = core::Base64Decode(token->AsString());
    if (!decoded) return InvalidParameter("NextToken", token->AsString(), "Invalid NextToken value");
    after = *decoded;
  }
  Document urls = Document::List();
  std::string last;
  bool more = false;
  for (const QueueRecord& queue : queues) {
    if (!after.empty() && queue.name <= after) continue;
    if (static_cast<int64_t>(urls.size()) == max) {
      more = true;
      break;
    }
    urls.Append(QueueUrl(queue, context));
    last = queue.name;
  }
  Document output = Document::Map();
  if (!urls.empty()) output.Set(list_member, std::move(urls));
  if (more && max_member) output.Set("NextToken", core::Base64Encode(last));
  return output;
}

StatusOr<Document> ListQueues(SqsState& state, const Document& input, const RequestContext& context) {
  const std::string& prefix = input["QueueNamePrefix"].AsString();
  std::vector<QueueRecord> matching;
  std::lock_guard lock(state.mutex());
  for (QueueRecord& queue : state.Queues(context.account_id)) {
    if (queue.name.compare(0, prefix.size(), prefix) == 0) matching.push_back(std::move(queue));
  }
  return UrlPage(matching, input, context, "QueueUrls");
}

StatusOr<Document> ListDeadLetterSourceQueues(SqsState& state, const Document& input, const RequestContext& context) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  std::vector<QueueRecord> sources;
  for (QueueRecord& candidate : state.Queues(queue->account)) {
    auto redrive = RedriveOf(candidate);
    if (redrive && redrive->target_arn == queue->Arn()) sources.push_back(std::move(candidate));
  }
  auto page = UrlPage(sources, input, context, "queueUrls");
  if (page.ok() && !page->Has("queueUrls")) page->Set("queueUrls", Document::List());  // required member
  return page;
}

StatusOr<Document> DeleteQueue(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  if (Status deleted = state.DeleteQueue(*queue, state.Now()); !deleted.ok()) return deleted;
  return Document::Map();
}

StatusOr<Document> PurgeQueue(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  int64_t now = state.Now();
  if (queue->last_purge_millis != 0 && now - queue->last_purge_millis < kPurgeIntervalMillis) {
    return Status::Error("PurgeQueueInProgress",
                         "Only one PurgeQueue operation on " + queue->name + " is allowed every 60 seconds.", 403);
  }
  queue->last_purge_millis = now;
  if (Status purged = state.Purge(*queue); !purged.ok()) return purged;
  return Document::Map();
}

}  // namespace

void RegisterQueueOperations(SqsState& state, const AddOperation& add) {
  AddAll(state, add,
         {
             {"CreateQueue", CreateQueue},
             {"GetQueueUrl", GetQueueUrl},
             {"GetQueueAttributes", GetQueueAttributes},
             {"SetQueueAttributes", SetQueueAttributes},
             {"ListQueues", ListQueues},
             {"ListDeadLetterSourceQueues", ListDeadLetterSourceQueues},
             {"DeleteQueue", DeleteQueue},
             {"PurgeQueue", PurgeQueue},
         });
}

}  // namespace cloudemu::services::sqs
