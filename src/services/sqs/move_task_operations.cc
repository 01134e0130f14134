// Message move tasks: StartMessageMoveTask, CancelMessageMoveTask,
// ListMessageMoveTasks. A task moves the visible messages of a dead-letter
// queue back to their source queues (or to DestinationArn) at its rate
// (MaxNumberOfMessagesPerSecond, else 500/s, SQS's ceiling). It advances
// lazily: whenever SQS looks at queues or tasks, each running task moves
// what its rate allows for the time since it started.
#include <algorithm>
#include <mutex>

#include "core/encoding.h"
#include "core/json.h"
#include "services/sqs/queue_attributes.h"
#include "services/sqs/queue_lookup.h"
#include "services/sqs/sqs_errors.h"
#include "services/sqs/sqs_operations.h"

namespace cloudemu::services::sqs {
namespace {

constexpr int64_t kDefaultRate = 500;
constexpr std::string_view kRunning = "RUNNING";

Status NotFound(std::string_view what) {
  return Status::NotFound("ResourceNotFoundException",
                          "The resource that you specified for the " + std::string(what) + " parameter doesn't exist.");
}

// Moves up to `budget` visible messages; returns how many moved, or the
// reason the task fails.
StatusOr<int64_t> MoveSome(SqsState& state, const QueueRecord& source, const Document& task, int64_t budget,
                           int64_t now) {
  int64_t moved = 0;
  std::optional<QueueRecord> fixed_destination;
  if (!task["destination"].AsString().empty()) {
    fixed_destination = state.FindQueueByArn(task["destination"].AsString());
    if (!fixed_destination) return Status::Error("FailureReason", "Destination queue does not exist.");
  }
  for (uint64_t sequence : state.Candidates(source, now, static_cast<size_t>(budget), {})) {
    auto message = state.FindMessage(source, sequence);
    if (!message) continue;
    std::optional<QueueRecord> destination = fixed_destination;
    if (!destination) destination = state.FindQueueByArn(message->dead_letter_source_arn);
    if (!destination) return Status::Error("FailureReason", "Source queue of a message does not exist.");
    message->receive_count = 0;
    message->first_receive_millis = 0;
    message->receipt_token.clear();
    message->dead_letter_source_arn.clear();
    message->visible_at_millis = now;
    if (Status done = state.MoveMessage(source, *destination, *message, now); !done.ok()) return done;
    ++moved;
  }
  return moved;
}

Status Advance(SqsState& state, const std::string& handle, Document& task, int64_t now) {
  if (task["status"].AsString() != kRunning) return Status::Ok();
  auto source = state.FindQueueByArn(task["source"].AsString());
  int64_t rate = task["rate"].AsInt(kDefaultRate);
  int64_t allowed = (now - task["started"].AsInt()) * rate / 1000 + 1;
  int64_t budget = std::min(allowed, task["to_move"].AsInt()) - task["moved"].AsInt();
  if (!source) {
    task.Set("status", "FAILED");
    task.Set("failure", "Source queue does not exist.");
  } else if (budget > 0) {
    auto moved = MoveSome(state, *source, task, budget, now);
    if (!moved.ok() && moved.status().code() != "FailureReason") return moved.status();
    if (!moved.ok()) {
      task.Set("status", "FAILED");
      task.Set("failure", moved.status().message());
    } else {
      task.Set("moved", task["moved"].AsInt() + *moved);
      if (*moved < budget) task.Set("status", "COMPLETED");  // nothing visible is left
    }
  }
  if (task["moved"].AsInt() >= task["to_move"].AsInt() && task["status"].AsString() == kRunning) {
    task.Set("status", "COMPLETED");
  }
  return state.SaveTask(handle, task);
}

bool IsDeadLetterQueue(const SqsState& state, const QueueRecord& queue) {
  for (const QueueRecord& candidate : state.Queues(queue.account)) {
    auto redrive = RedriveOf(candidate);
    if (redrive && redrive->target_arn == queue.Arn()) return true;
  }
  return false;
}

StatusOr<Document> StartMessageMoveTask(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  int64_t now = state.Now();
  if (Status advanced = AdvanceMoveTasks(state, now); !advanced.ok()) return advanced;
  const std::string& source_arn = input["SourceArn"].AsString();
  auto source = state.FindQueueByArn(source_arn);
  if (!source) return NotFound("SourceArn");
  if (!IsDeadLetterQueue(state, *source)) {
    return InvalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
  }
  const std::string& destination_arn = input["DestinationArn"].AsString();
  if (!destination_arn.empty() && !state.FindQueueByArn(destination_arn)) return NotFound("DestinationArn");
  const Document* rate = input.Find("MaxNumberOfMessagesPerSecond");
  if (rate && (rate->AsInt() < 1 || rate->AsInt() > kDefaultRate)) {
    return InvalidParameter("MaxNumberOfMessagesPerSecond", std::to_string(rate->AsInt()), "Must be between 1 and 500");
  }
  for (const auto& [handle, task] : state.Tasks()) {
    if (task["source"].AsString() == source_arn && task["status"].AsString() == kRunning) {
      return Status::InvalidArgument("UnsupportedOperation",
                                     "There is already a task running. Only one active task is allowed for a source "
                                     "queue arn at a given time.");
    }
  }
  Document identity = Document::Map();
  identity.Set("taskId", state.ids().Uuid());
  identity.Set("sourceArn", source_arn);
  std::string handle = core::Base64Encode(core::ToJson(identity));
  Document task = Document::Map();
  task.Set("source", source_arn);
  task.Set("destination", destination_arn);
  if (rate) task.Set("rate", rate->AsInt());
  task.Set("started", now);
  task.Set("moved", 0);
  MessageCounts counts = state.Count(*source, now);
  task.Set("to_move", counts.visible + counts.in_flight + counts.delayed);
  task.Set("status", kRunning);
  if (Status advanced = Advance(state, handle, task, now); !advanced.ok()) return advanced;
  Document output = Document::Map();
  output.Set("TaskHandle", handle);
  return output;
}

StatusOr<Document> CancelMessageMoveTask(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  if (Status advanced = AdvanceMoveTasks(state, state.Now()); !advanced.ok()) return advanced;
  const std::string& handle = input["TaskHandle"].AsString();
  auto task = state.FindTask(handle);
  if (!task) return NotFound("TaskHandle");
  if ((*task)["status"].AsString() != kRunning) {
    return Status::InvalidArgument("UnsupportedOperation", "Only a task in the RUNNING state can be cancelled.");
  }
  task->Set("status", "CANCELLED");
  if (Status saved = state.SaveTask(handle, *task); !saved.ok()) return saved;
  Document output = Document::Map();
  output.Set("ApproximateNumberOfMessagesMoved", (*task)["moved"].AsInt());
  return output;
}

StatusOr<Document> ListMessageMoveTasks(SqsState& state, const Document& input, const RequestContext&) {
  std::lock_guard lock(state.mutex());
  if (Status advanced = AdvanceMoveTasks(state, state.Now()); !advanced.ok()) return advanced;
  const std::string& source_arn = input["SourceArn"].AsString();
  if (!state.FindQueueByArn(source_arn)) return NotFound("SourceArn");
  int64_t max = input["MaxResults"].AsInt(1);
  if (max < 1 || max > 10) return InvalidParameter("MaxResults", std::to_string(max), "Must be between 1 and 10");
  std::vector<std::pair<std::string, Document>> tasks;
  for (auto& entry : state.Tasks()) {
    if (entry.second["source"].AsString() == source_arn) tasks.push_back(std::move(entry));
  }
  std::stable_sort(tasks.begin(), tasks.end(), [](const auto& a, const auto& b) {
    return a.second["started"].AsInt() > b.second["started"].AsInt();
  });
  Document results = Document::List();
  for (const auto& [handle, task] : tasks) {
    if (static_cast<int64_t>(results.size()) == max) break;
    Document& entry = results.Append(Document::Map());
    if (task["status"].AsString() == kRunning) entry.Set("TaskHandle", handle);
    entry.Set("Status", task["status"]);
    entry.Set("SourceArn", task["source"]);
    if (!task["destination"].AsString().empty()) entry.Set("DestinationArn", task["destination"]);
    if (task.Has("rate")) entry.Set("MaxNumberOfMessagesPerSecond", task["rate"]);
    entry.Set("ApproximateNumberOfMessagesMoved", task["moved"]);
    entry.Set("ApproximateNumberOfMessagesToMove", task["to_move"]);
    if (task.Has("failure")) entry.Set("FailureReason", task["failure"]);
    entry.Set("StartedTimestamp", task["started"]);
  }
  Document output = Document::Map();
  output.Set("Results", std::move(results));
  return output;
}

}  // namespace

Status AdvanceMoveTasks(SqsState& state, int64_t now) {
  for (auto& [handle, task] : state.Tasks()) {
    if (Status advanced = Advance(state, handle, task, now); !advanced.ok()) return advanced;
  }
  return Status::Ok();
}

void RegisterMoveTaskOperations(SqsState& state, const AddOperation& add) {
  AddAll(state, add,
         {{"StartMessageMoveTask", StartMessageMoveTask},
          {"CancelMessageMoveTask", CancelMessageMoveTask},
          {"ListMessageMoveTasks", ListMessageMoveTasks}});
}

}  // namespace cloudemu::services::sqs
