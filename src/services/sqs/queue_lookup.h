// Queue URLs and ARNs: what SQS hands out, and finding the queue an input's
// QueueUrl (or a Delivery's ARN) names.
// Thread-safety: the Resolve* functions require the state's mutex.
#ifndef CLOUDEMU_SERVICES_SQS_QUEUE_LOOKUP_H_
#define CLOUDEMU_SERVICES_SQS_QUEUE_LOOKUP_H_

#include <string>
#include <string_view>

#include "services/service.h"
#include "services/sqs/sqs_state.h"

namespace cloudemu::services::sqs {

// http://HOST:PORT/<account>/<name> through a listener; AWS's own form
// (https://sqs.<region>.amazonaws.com/<account>/<name>) otherwise.
std::string QueueUrl(const QueueRecord& queue, const RequestContext& context);

// The queue input["QueueUrl"] names. Any host is accepted: the queue is found
// by the account and name in the URL's path.
StatusOr<QueueRecord> ResolveQueue(const SqsState& state, const Document& input);
// The queue an ARN names (QueueDoesNotExist otherwise).
StatusOr<QueueRecord> ResolveQueueArn(const SqsState& state, std::string_view arn);

}  // namespace cloudemu::services::sqs

#endif  // CLOUDEMU_SERVICES_SQS_QUEUE_LOOKUP_H_
