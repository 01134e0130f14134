// Queue tags: TagQueue, UntagQueue, ListQueueTags.
#include <mutex>

#include "services/sqs/queue_lookup.h"
#include "services/sqs/sqs_errors.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {
namespace {

constexpr size_t kMaxTags = 50;

StatusOr<Document> TagQueue(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  const Document& tags = input["Tags"];
  if (tags.empty()) return MissingParameter("Tags");
  for (const auto& [key, value] : tags.AsMap()) queue->tags[key] = value.AsString();
  if (queue->tags.size() > kMaxTags) {
    return InvalidParameterValue("Too many tags added for queue " + queue->name + ".");
  }
  if (Status saved = state.SaveQueue(*queue); !saved.ok()) return saved;
  return Document::Map();
}

StatusOr<Document> UntagQueue(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  const Document& keys = input["TagKeys"];
  if (keys.empty()) return MissingParameter("TagKeys");
  for (const Document& key : keys.AsList()) queue->tags.erase(key.AsString());
  if (Status saved = state.SaveQueue(*queue); !saved.ok()) return saved;
  return Document::Map();
}

StatusOr<Document> ListQueueTags(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  auto queue = ResolveQueue(state, input);
  if (!queue.ok()) return queue.status();
  Document output = Document::Map();
  if (queue->tags.empty()) return output;
  Document& tags = output.Set("Tags", Document::Map());
  for (const auto& [key, value] : queue->tags) tags.Set(key, value);
  return output;
}

}  // namespace

void RegisterQueueTagOperations(SqsState& state, const AddOperation& add) {
  AddAll(state, add,
         {
             {"TagQueue", TagQueue},
             {"UntagQueue", UntagQueue},
             {"ListQueueTags", ListQueueTags},
         });
}

}  // namespace cloudemu::services::sqs
