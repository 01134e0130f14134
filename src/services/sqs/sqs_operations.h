// The groups of SQS operations; each group lives in its own file and adds its
// handlers through `add`. SqsService calls every Register* once.
#ifndef CLOUDEMU_SERVICES_SQS_SQS_OPERATIONS_H_
#define CLOUDEMU_SERVICES_SQS_SQS_OPERATIONS_H_

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>

#include "services/service.h"
#include "services/sqs/sqs_state.h"

namespace cloudemu::services::sqs {

using AddOperation = std::function<void(std::string operation, Service::Handler handler)>;
using Operation = StatusOr<Document> (*)(SqsState& state, const Document& input, const RequestContext& context);

// Registers each named operation as a handler bound to `state`.
inline void AddAll(SqsState& state, const AddOperation& add,
                   std::initializer_list<std::pair<const char*, Operation>> operations) {
  for (const auto& [name, op] : operations) {
    add(name, [&state, op](const Document& input, const RequestContext& context) { return op(state, input, context); });
  }
}

void RegisterQueueOperations(SqsState& state, const AddOperation& add);       // queue_operations.cc
void RegisterQueueTagOperations(SqsState& state, const AddOperation& add);    // queue_tag_operations.cc
void RegisterPermissionOperations(SqsState& state, const AddOperation& add);  // permission_operations.cc
void RegisterSendOperations(SqsState& state, const AddOperation& add);        // send_operations.cc
void RegisterReceiveOperations(SqsState& state, const AddOperation& add);     // receive_operations.cc
void RegisterVisibilityOperations(SqsState& state, const AddOperation& add);  // visibility_operations.cc
void RegisterMoveTaskOperations(SqsState& state, const AddOperation& add);    // move_task_operations.cc

// Moves what running message move tasks may have moved by `now` (they
// progress at their rate as time passes; see move_task_operations.cc).
// Requires the state's mutex.
Status AdvanceMoveTasks(SqsState& state, int64_t now);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_SQS_OPERATIONS_H_
