// The batch operations' common rules: the checks SQS makes on the whole
// batch before running any entry (count, distinct and well-formed ids), and
// running entries one by one into Successful / Failed lists.
// Thread-safety: pure functions (the runner calls `run` on the caller's
// thread).
#ifndef CLOUDEMU_SERVICES_SQS_BATCH_ENTRIES_H_
#define CLOUDEMU_SERVICES_SQS_BATCH_ENTRIES_H_

#include <functional>
#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"

namespace cloudemu::services::sqs {

using core::Document;

// `entry_name` is the entry shape as SQS names it in its messages
// ("SendMessageBatchRequestEntry").
Status CheckBatch(const Document& entries, std::string_view entry_name);

// Runs every entry; an entry's output gets its Id, an entry's error becomes
// a BatchResultErrorEntry.
Document RunBatch(const Document& entries, const std::function<StatusOr<Document>(const Document&)>& run);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_BATCH_ENTRIES_H_
