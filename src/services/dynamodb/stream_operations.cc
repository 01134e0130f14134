// DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and
// GetRecords over the records item writes put in the same batch. Each
// stream has one shard. Shard iterators are opaque tokens naming the stream,
// shard and next sequence number; they expire after 15 minutes as AWS's do.
// Records are kept 24 hours.
#include <algorithm>

#include "core/encoding.h"
#include "services/dynamodb/dynamodb_errors.h"
#include "services/dynamodb/dynamodb_operations.h"

namespace cloudemu::services::dynamodb {
namespace {

using core::Document;

constexpr int64_t kIteratorLifetimeMillis = 15 * 60 * 1000;
constexpr int64_t kRetentionMillis = 24 * 3600 * 1000;
constexpr int64_t kMaxRecords = 1000;
constexpr int64_t kMaxStreams = 100;

Status StreamNotFound(std::string_view arn) {
  return ResourceNotFoundMessage("Requested resource not found: Stream: " + std::string(arn) + " not found");
}

struct ShardIterator {
  std::string stream_arn;
  std::string shard_id;
  std::string position;  // sequence number of the next record to read
  int64_t issued_millis = 0;
};

std::string EncodeIterator(const ShardIterator& it) {
  return core::Base64Encode(it.stream_arn + '|' + it.shard_id + '|' + it.position + '|' +
                            std::to_string(it.issued_millis));
}

std::optional<ShardIterator> DecodeIterator(std::string_view text) {
  auto bytes = core::Base64Decode(text);
  if (!bytes) return std::nullopt;
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t bar; (bar = bytes->find('|', start)) != std::string::npos; start = bar + 1) {
    parts.push_back(bytes->substr(start, bar - start));
  }
  parts.push_back(bytes->substr(start));
  if (parts.size() != 4 || ParseSequenceNumber(parts[2]) == 0) return std::nullopt;
  return ShardIterator{parts[0], parts[1], parts[2], std::strtoll(parts[3].c_str(), nullptr, 10)};
}

// Expired items become REMOVE records before anyone reads the stream.
void ExpireBeforeRead(DynamoDBState& state, const StreamInfo& stream, int64_t now_millis) {
  if (!stream.enabled) return;
  std::lock_guard lock(state.write_mutex());
  if (auto table = state.FindTable(stream.table)) state.ExpireItems(*table, now_millis);
}

StatusOr<Document> ListStreams(const DynamoDBState& state, const Document& input) {
  int64_t limit = input["Limit"].AsInt(kMaxStreams);
  const std::string& table = input["TableName"].AsString();
  const std::string& start = input["ExclusiveStartStreamArn"].AsString();
  if (!table.empty() && !state.FindTable(table)) return TableNotFound(table);
  Document output = Document::Map();
  Document& streams = output.Set("Streams", Document::List());
  std::vector<StreamInfo> all = state.ListStreams();
  for (const StreamInfo& stream : all) {
    if (!table.empty() && stream.table != table) continue;
    if (!start.empty() && stream.arn <= start) continue;
    if (static_cast<int64_t>(streams.size()) == limit) {
      output.Set("LastEvaluatedStreamArn", streams.AsList().back()["StreamArn"]);
      break;
    }
    Document& entry = streams.Append(Document::Map());
    entry.Set("StreamArn", stream.arn);
    entry.Set("TableName", stream.table);
    entry.Set("StreamLabel", stream.label);
  }
  return output;
}

StatusOr<Document> DescribeStream(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const std::string& arn = input["StreamArn"].AsString();
  auto stream = state.FindStream(arn);
  if (!stream) return StreamNotFound(arn);
  ExpireBeforeRead(state, *stream, context.now_millis);
  Document output = Document::Map();
  Document& description = output.Set("StreamDescription", Document::Map());
  description.Set("StreamArn", stream->arn);
  description.Set("StreamLabel", stream->label);
  description.Set("StreamStatus", stream->enabled ? "ENABLED" : "DISABLED");
  description.Set("StreamViewType", stream->view_type);
  description.Set("CreationRequestDateTime", core::Timestamp{stream->created_millis});
  description.Set("TableName", stream->table);
  Document& key = description.Set("KeySchema", Document::List());
  Document& hash = key.Append(Document::Map());
  hash.Set("AttributeName", stream->key.partition.name);
  hash.Set("KeyType", "HASH");
  if (stream->key.sort) {
    Document& range = key.Append(Document::Map());
    range.Set("AttributeName", stream->key.sort->name);
    range.Set("KeyType", "RANGE");
  }
  Document& shards = description.Set("Shards", Document::List());
  const std::string& after = input["ExclusiveStartShardId"].AsString();
  if (after.empty() || after < stream->shard_id) {
    Document& shard = shards.Append(Document::Map());
    shard.Set("ShardId", stream->shard_id);
    Document& range = shard.Set("SequenceNumberRange", Document::Map());
    range.Set("StartingSequenceNumber", stream->starting_sequence);
    if (!stream->enabled) range.Set("EndingSequenceNumber", stream->ending_sequence);
  }
  return output;
}

StatusOr<Document> GetShardIterator(DynamoDBState& state, const Document& input, const RequestContext& context) {
  const std::string& arn = input["StreamArn"].AsString();
  auto stream = state.FindStream(arn);
  if (!stream) return StreamNotFound(arn);
  if (input["ShardId"].AsString() != stream->shard_id) {
    return ResourceNotFoundMessage("Requested resource not found: Shard does not exist");
  }
  ShardIterator it{stream->arn, stream->shard_id, "", context.now_millis};
  const std::string& type = input["ShardIteratorType"].AsString();
  const std::string& sequence = input["SequenceNumber"].AsString();
  if (type == "TRIM_HORIZON") {
    it.position = stream->starting_sequence;
  } else if (type == "LATEST") {
    std::lock_guard lock(state.write_mutex());
    it.position = state.NextSequenceNumber();
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    uint64_t n = ParseSequenceNumber(sequence);
    if (n == 0) {
      return ValidationError(sequence.empty() ? "SequenceNumber is required for " + type
                                              : "Invalid SequenceNumber: " + sequence);
    }
    it.position = FormatSequenceNumber(type == "AFTER_SEQUENCE_NUMBER" ? n + 1 : n);
  } else {
    return ValidationError("Invalid ShardIteratorType: " + type);
  }
  Document output = Document::Map();
  output.Set("ShardIterator", EncodeIterator(it));
  return output;
}

StatusOr<Document> GetRecords(DynamoDBState& state, const Document& input, const RequestContext& context) {
  auto it = DecodeIterator(input["ShardIterator"].AsString());
  if (!it) return ValidationError("Invalid ShardIterator");
  if (context.now_millis - it->issued_millis > kIteratorLifetimeMillis) {
    return Status::InvalidArgument("ExpiredIteratorException", "Iterator expired. The iterator was created at time " +
                                                                   std::to_string(it->issued_millis / 1000) +
                                                                   " while right now it is " +
                                                                   std::to_string(context.now_millis / 1000) + ".");
  }
  int64_t limit = input["Limit"].AsInt(kMaxRecords);
  if (limit < 1 || limit > kMaxRecords) {
    return ValidationError("1 validation error detected: Value '" + std::to_string(limit) +
                           "' at 'limit' failed to satisfy constraint: Member must have value less than or equal "
                           "to 1000");
  }
  auto stream = state.FindStream(it->stream_arn);
  if (!stream || stream->shard_id != it->shard_id) return StreamNotFound(it->stream_arn);
  ExpireBeforeRead(state, *stream, context.now_millis);

  Document output = Document::Map();
  Document& records = output.Set("Records", Document::List());
  std::string next = it->position;
  state.ScanRecords(stream->arn, it->position, [&](const Document& record) {
    const Document& change = record["dynamodb"];
    next = FormatSequenceNumber(ParseSequenceNumber(change["SequenceNumber"].AsString()) + 1);
    if (change["ApproximateCreationDateTime"].AsTimestampMillis() < context.now_millis - kRetentionMillis) return true;
    records.Append(record);
    return static_cast<int64_t>(records.size()) < limit;
  });
  // A disabled stream's shard is closed once read to its end.
  bool closed = !stream->enabled && ParseSequenceNumber(next) > ParseSequenceNumber(stream->ending_sequence);
  if (!closed) {
    ShardIterator following{it->stream_arn, it->shard_id, next, context.now_millis};
    output.Set("NextShardIterator", EncodeIterator(following));
  }
  return output;
}

}  // namespace

void RegisterStreamOperations(DynamoDBState& state, const AddOperation& add) {
  add("ListStreams", [&state](const Document& input, const RequestContext&) { return ListStreams(state, input); });
  add("DescribeStream", [&state](const Document& input, const RequestContext& context) {
    return DescribeStream(state, input, context);
  });
  add("GetShardIterator", [&state](const Document& input, const RequestContext& context) {
    return GetShardIterator(state, input, context);
  });
  add("GetRecords", [&state](const Document& input, const RequestContext& context) {
    return GetRecords(state, input, context);
  });
}

}  // namespace cloudemu::services::dynamodb
