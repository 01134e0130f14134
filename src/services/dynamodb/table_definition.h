// Parsing and checking the table definitions CreateTable and UpdateTable
// receive (key schemas, attribute definitions, indexes, throughput, stream
// and SSE specifications) into TableInfo, with AWS's messages.
// Thread-safety: pure functions.
#ifndef CLOUDEMU_SERVICES_DYNAMODB_TABLE_DEFINITION_H_
#define CLOUDEMU_SERVICES_DYNAMODB_TABLE_DEFINITION_H_

#include <string_view>

#include "cloudemu/status.h"
#include "core/document.h"
#include "services/dynamodb/table_info.h"
#include "services/service.h"

namespace cloudemu::services::dynamodb {

// A new table from CreateTable's input (without stream, which needs state).
StatusOr<TableInfo> TableFromCreateRequest(const core::Document& input, const RequestContext& context);

// A GlobalSecondaryIndexUpdates Create entry, for a table whose attribute
// definitions were already merged with the request's.
StatusOr<IndexInfo> GlobalIndexFromCreate(const core::Document& create, const TableInfo& table, int64_t now_millis);
// Merges AttributeDefinitions into the table's (conflicting types are errors).
Status MergeAttributeDefinitions(TableInfo& table, const core::Document& definitions);
// Drops definitions no key of the table or its indexes uses any more.
void PruneAttributeDefinitions(TableInfo& table);

// ProvisionedThroughput -> Throughput; errors when `billing_mode` forbids or needs it.
StatusOr<Throughput> ThroughputFor(const core::Document& throughput, std::string_view billing_mode,
                                   std::string_view index_name);
// SSESpecification -> the stored form (null when SSE uses the AWS owned key).
StatusOr<core::Document> SseFromSpecification(const core::Document& specification, const RequestContext& context);

}  // namespace cloudemu::services::dynamodb

#endif  // CLOUDEMU_SERVICES_DYNAMODB_TABLE_DEFINITION_H_
