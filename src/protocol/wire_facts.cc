#include "protocol/wire_facts.h"

namespace cloudemu::protocol {
namespace {

// SQS's query protocol names, from the last query-protocol SQS model botocore
// shipped (botocore/data/sqs/2012-11-05/service-2.json before SQS moved to
// awsJson1_0 with awsQueryCompatible): lists and maps are flattened and named
// in the singular (Attribute.1.Name, MessageAttribute.1.Value.DataType,
// SendMessageBatchRequestEntry.1.Id, <Message>, <QueueUrl>, ...).
constexpr QueryShapeNames kSqsQueryNames[] = {
    {"AWSAccountIdList", "", "AWSAccountId", ""},
    {"ActionNameList", "", "ActionName", ""},
    {"AttributeNameList", "", "AttributeName", ""},
    {"MessageSystemAttributeList", "", "MessageSystemAttributeName", ""},
    {"MessageAttributeNameList", "", "MessageAttributeName", ""},
    {"BatchResultErrorEntryList", "", "BatchResultErrorEntry", ""},
    {"ChangeMessageVisibilityBatchRequestEntryList", "", "ChangeMessageVisibilityBatchRequestEntry", ""},
    {"ChangeMessageVisibilityBatchResultEntryList", "", "ChangeMessageVisibilityBatchResultEntry", ""},
    {"DeleteMessageBatchRequestEntryList", "", "DeleteMessageBatchRequestEntry", ""},
    {"DeleteMessageBatchResultEntryList", "", "DeleteMessageBatchResultEntry", ""},
    {"SendMessageBatchRequestEntryList", "", "SendMessageBatchRequestEntry", ""},
    {"SendMessageBatchResultEntryList", "", "SendMessageBatchResultEntry", ""},
    {"ListMessageMoveTasksResultEntryList", "", "ListMessageMoveTasksResultEntry", ""},
    {"MessageList", "", "Message", ""},
    {"QueueUrlList", "", "QueueUrl", ""},
    {"TagKeyList", "", "TagKey", ""},
    {"StringList", "", "StringListValue", ""},
    {"BinaryList", "", "BinaryListValue", ""},
    {"QueueAttributeMap", "Attribute", "Name", "Value"},
    {"MessageSystemAttributeMap", "Attribute", "Name", "Value"},
    {"MessageBodyAttributeMap", "MessageAttribute", "Name", "Value"},
    {"MessageBodySystemAttributeMap", "MessageSystemAttribute", "Name", "Value"},
    {"TagMap", "Tag", "Key", "Value"},
};

// SQS's awsQueryError traits, from the SQS Smithy model (aws/api-models-aws,
// also in the older query-protocol botocore model): the code SQS reports in
// x-amzn-query-error and in query-protocol errors, and the HTTP status.
constexpr QueryErrorFacts kSqsQueryErrors[] = {
    {"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400},
    {"QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400},
    {"QueueNameExists", "QueueAlreadyExists", 400},
    {"PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403},
    {"MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400},
    {"BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400},
    {"BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400},
    {"EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400},
    {"InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400},
    {"TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400},
    {"UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400},
    {"KmsAccessDenied", "KMS.AccessDeniedException", 400},
    {"KmsDisabled", "KMS.DisabledException", 400},
    {"KmsInvalidKeyUsage", "KMS.InvalidKeyUsageException", 400},
    {"KmsInvalidState", "KMS.InvalidStateException", 400},
    {"KmsNotFound", "KMS.NotFoundException", 400},
    {"KmsOptInRequired", "KMS.OptInRequired", 403},
    {"KmsThrottled", "KMS.ThrottlingException", 400},
    {"OverLimit", "", 403},
    {"InvalidAddress", "", 404},
    {"InvalidSecurity", "", 403},
    {"ReceiptHandleIsInvalid", "", 404},
    {"RequestThrottled", "", 403},
    {"ResourceNotFoundException", "", 404},
};

struct Entry {
  std::string_view service;
  WireFacts facts;
};

// Error namespaces: what DynamoDB and SQS put before '#' in `__type` (their
// Smithy namespaces). Other awsJson services answer with the plain code.
const Entry kEntries[] = {
    {"dynamodb", {"com.amazonaws.dynamodb.v20120810", true, "", {}, {}}},
    {"sqs",
     {"com.amazonaws.sqs", false, "http://queue.amazonaws.com/doc/2012-11-05/", kSqsQueryNames, kSqsQueryErrors}},
};

}  // namespace

const WireFacts& WireFactsFor(std::string_view service) {
  for (const Entry& entry : kEntries) {
    if (entry.service == service) return entry.facts;
  }
  static constexpr WireFacts kNone;
  return kNone;
}

}  // namespace cloudemu::protocol
