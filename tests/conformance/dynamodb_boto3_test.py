"""CloudEmu's DynamoDB (and DynamoDB Streams) driven by boto3, unchanged, checked against
AWS's documented behaviour: tables, items, conditions, query/scan paging, indexes,
batches, transactions, streams. (TTL expiry needs a movable clock: see
tests/services/dynamodb/ttl_test.cc.)"""

import unittest
import uuid
from decimal import Decimal

import conformance_support as support

server = None


def setUpModule():
  global server
  support.require_module("boto3")
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


def client(service="dynamodb"):
  import boto3
  from botocore.config import Config
  return boto3.client(service, endpoint_url=server.endpoint, region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test", config=Config(retries={"max_attempts": 1, "mode": "standard"}))


def table_name(prefix="t"):
  return f"{prefix}-{uuid.uuid4().hex[:10]}"


class DynamoDBTestCase(unittest.TestCase):
  def setUp(self):
    self.ddb = client()

  def tearDown(self):
    self.assertTrue(server.alive(), "cloudemu serve died during the test")

  def create_table(self, range_type=None, **extra):
    name = table_name()
    definitions = [{"AttributeName": "pk", "AttributeType": "S"}]
    schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if range_type:
      definitions.append({"AttributeName": "sk", "AttributeType": range_type})
      schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
    definitions += extra.pop("ExtraDefinitions", [])
    self.ddb.create_table(TableName=name, AttributeDefinitions=definitions, KeySchema=schema,
                          BillingMode="PAY_PER_REQUEST", **extra)
    self.ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    return name

  def assert_error(self, code, call, message=None, **kwargs):
    from botocore.exceptions import ClientError
    with self.assertRaises(ClientError) as caught:
      call(**kwargs)
    error = caught.exception.response["Error"]
    self.assertEqual(error["Code"], code, caught.exception.response)
    if message is not None:
      self.assertEqual(error["Message"], message)
    return caught.exception.response


class TableTest(DynamoDBTestCase):
  def test_create_describe_list_delete(self):
    name = self.create_table("N", Tags=[{"Key": "team", "Value": "a"}])
    table = self.ddb.describe_table(TableName=name)["Table"]
    self.assertEqual(table["TableStatus"], "ACTIVE")
    self.assertEqual(table["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
    self.assertEqual([k["KeyType"] for k in table["KeySchema"]], ["HASH", "RANGE"])
    self.assertIn(name, self.ddb.list_tables()["TableNames"])
    tags = self.ddb.list_tags_of_resource(ResourceArn=table["TableArn"])["Tags"]
    self.assertEqual(tags, [{"Key": "team", "Value": "a"}])
    self.ddb.delete_table(TableName=name)
    self.ddb.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    self.assert_error("ResourceNotFoundException", self.ddb.describe_table,
                      f"Requested resource not found: Table: {name} not found", TableName=name)

  def test_existing_table_is_in_use(self):
    name = self.create_table()
    self.assert_error("ResourceInUseException", self.ddb.create_table, TableName=name, BillingMode="PAY_PER_REQUEST",
                      AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                      KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])

  def test_list_tables_paginates(self):
    names = sorted(self.create_table() for _ in range(3))
    seen = []
    for page in self.ddb.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2}):
      seen += page["TableNames"]
    for name in names:
      self.assertIn(name, seen)
    self.assertEqual(seen, sorted(seen))

  def test_ttl_and_backups_descriptions(self):
    name = self.create_table()
    self.ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    ttl = self.ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    self.assertEqual(ttl, {"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"})
    backups = self.ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    self.assertEqual(backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "DISABLED")

  def test_add_and_remove_global_index(self):
    name = self.create_table()
    self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "g": {"S": "x"}})
    self.ddb.update_table(TableName=name, AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                          GlobalSecondaryIndexUpdates=[{"Create": {
                              "IndexName": "g_index", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                              "Projection": {"ProjectionType": "ALL"}}}])
    table = self.ddb.describe_table(TableName=name)["Table"]
    self.assertEqual(table["GlobalSecondaryIndexes"][0]["IndexStatus"], "ACTIVE")
    found = self.ddb.query(TableName=name, IndexName="g_index", KeyConditionExpression="g = :g",
                           ExpressionAttributeValues={":g": {"S": "x"}})
    self.assertEqual(found["Count"], 1)
    self.ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "g_index"}}])
    self.assertNotIn("GlobalSecondaryIndexes", self.ddb.describe_table(TableName=name)["Table"])


class ItemTest(DynamoDBTestCase):
  def test_put_get_update_delete_with_resource_api(self):
    import boto3
    name = self.create_table()
    resource = boto3.resource("dynamodb", endpoint_url=server.endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
    table = resource.Table(name)
    table.put_item(Item={"pk": "u1", "age": 41, "tags": {"a", "b"}, "blob": b"\x00\x01", "nested": {"l": [1, "x"]}})
    item = table.get_item(Key={"pk": "u1"}, ConsistentRead=True)["Item"]
    self.assertEqual(item["age"], Decimal(41))
    self.assertEqual(item["tags"], {"a", "b"})
    self.assertEqual(item["blob"].value, b"\x00\x01")
    self.assertEqual(item["nested"], {"l": [Decimal(1), "x"]})
    updated = table.update_item(Key={"pk": "u1"}, UpdateExpression="SET age = age + :one REMOVE tags",
                                ExpressionAttributeValues={":one": 1}, ReturnValues="UPDATED_NEW")
    self.assertEqual(updated["Attributes"], {"age": Decimal(42)})
    old = table.delete_item(Key={"pk": "u1"}, ReturnValues="ALL_OLD")["Attributes"]
    self.assertEqual(old["age"], Decimal(42))
    self.assertNotIn("Item", table.get_item(Key={"pk": "u1"}))

  def test_conditional_failure_returns_item(self):
    name = self.create_table()
    self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
    response = self.assert_error("ConditionalCheckFailedException", self.ddb.put_item,
                                 "The conditional request failed", TableName=name, Item={"pk": {"S": "a"}},
                                 ConditionExpression="attribute_not_exists(pk)",
                                 ReturnValuesOnConditionCheckFailure="ALL_OLD")
    self.assertEqual(response["Item"], {"pk": {"S": "a"}, "v": {"N": "1"}})

  def test_validation_messages(self):
    name = self.create_table("S")
    self.assert_error("ValidationException", self.ddb.get_item, "The provided key element does not match the schema",
                      TableName=name, Key={"pk": {"S": "a"}})
    self.assert_error("ValidationException", self.ddb.put_item, "Item size has exceeded the maximum allowed size",
                      TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "b"}, "v": {"S": "x" * (400 * 1024)}})
    self.assert_error("ValidationException", self.ddb.put_item,
                      "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                      "contain an empty string value. Key: sk",
                      TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": ""}})
    self.assert_error("ResourceNotFoundException", self.ddb.get_item, "Requested resource not found",
                      TableName="missing-table", Key={"pk": {"S": "a"}})
    self.assert_error("ValidationException", self.ddb.update_item, TableName=name,
                      Key={"pk": {"S": "a"}, "sk": {"S": "b"}}, UpdateExpression="SET pk = :v",
                      ExpressionAttributeValues={":v": {"S": "x"}})

  def test_consumed_capacity(self):
    name = self.create_table()
    put = self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"S": "x" * 2500}},
                            ReturnConsumedCapacity="TOTAL")
    self.assertEqual(put["ConsumedCapacity"], {"TableName": name, "CapacityUnits": 3.0})
    get = self.ddb.get_item(TableName=name, Key={"pk": {"S": "a"}}, ConsistentRead=True,
                            ReturnConsumedCapacity="TOTAL")
    self.assertEqual(get["ConsumedCapacity"]["CapacityUnits"], 1.0)


class QueryScanTest(DynamoDBTestCase):
  def test_query_order_paging_and_filter(self):
    name = self.create_table("N")
    for n in [5, -1, 10, 2.5, 0]:
      self.ddb.put_item(TableName=name, Item={"pk": {"S": "p"}, "sk": {"N": str(n)}, "even": {"BOOL": n in (10, 0)}})
    pages = self.ddb.get_paginator("query").paginate(
        TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}},
        ScanIndexForward=False, PaginationConfig={"PageSize": 2})
    keys = [item["sk"]["N"] for page in pages for item in page["Items"]]
    self.assertEqual(keys, ["10", "5", "2.5", "0", "-1"])
    filtered = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p AND sk > :z", Limit=3,
                              FilterExpression="even = :t",
                              ExpressionAttributeValues={":p": {"S": "p"}, ":z": {"N": "-1"}, ":t": {"BOOL": True}})
    self.assertEqual((filtered["ScannedCount"], filtered["Count"]), (3, 1))
    self.assertIn("LastEvaluatedKey", filtered)
    counted = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p", Select="COUNT",
                             ExpressionAttributeValues={":p": {"S": "p"}})
    self.assertEqual(counted["Count"], 5)
    self.assertNotIn("Items", counted)

  def test_scan_pages_and_segments(self):
    name = self.create_table()
    for i in range(30):
      self.ddb.put_item(TableName=name, Item={"pk": {"S": f"k{i}"}})
    pages = list(self.ddb.get_paginator("scan").paginate(TableName=name, PaginationConfig={"PageSize": 7}))
    self.assertEqual(sum(page["Count"] for page in pages), 30)
    self.assertEqual(len(pages), 5)
    segments = [self.ddb.scan(TableName=name, Segment=s, TotalSegments=3)["Count"] for s in range(3)]
    self.assertEqual(sum(segments), 30)

  def test_index_projections(self):
    name = self.create_table(
        "S", ExtraDefinitions=[{"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "r", "AttributeType": "N"}],
        GlobalSecondaryIndexes=[{"IndexName": "by_g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}}],
        LocalSecondaryIndexes=[{"IndexName": "by_r", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                                    {"AttributeName": "r", "KeyType": "RANGE"}],
                                "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    self.ddb.put_item(TableName=name, Item={"pk": {"S": "p"}, "sk": {"S": "1"}, "g": {"S": "G"}, "r": {"N": "9"},
                                           "x": {"S": "kept"}, "y": {"S": "dropped"}})
    self.ddb.put_item(TableName=name, Item={"pk": {"S": "p"}, "sk": {"S": "2"}, "r": {"N": "1"}})
    by_g = self.ddb.query(TableName=name, IndexName="by_g", KeyConditionExpression="g = :g",
                          ExpressionAttributeValues={":g": {"S": "G"}})["Items"]
    self.assertEqual(by_g, [{"pk": {"S": "p"}, "sk": {"S": "1"}, "g": {"S": "G"}, "x": {"S": "kept"}}])
    by_r = self.ddb.query(TableName=name, IndexName="by_r", KeyConditionExpression="pk = :p",
                          ExpressionAttributeValues={":p": {"S": "p"}})["Items"]
    self.assertEqual([item["sk"]["S"] for item in by_r], ["2", "1"])
    self.assert_error("ValidationException", self.ddb.query, TableName=name, IndexName="by_g", Select="ALL_ATTRIBUTES",
                      KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "G"}})


class BatchTransactionTest(DynamoDBTestCase):
  def test_batch_write_and_get(self):
    name = self.create_table()
    written = self.ddb.batch_write_item(RequestItems={name: [
        {"PutRequest": {"Item": {"pk": {"S": f"k{i}"}}}} for i in range(25)]})
    self.assertEqual(written["UnprocessedItems"], {})
    got = self.ddb.batch_get_item(RequestItems={name: {"Keys": [{"pk": {"S": f"k{i}"}} for i in range(30)]}})
    self.assertEqual(len(got["Responses"][name]), 25)
    self.assertEqual(got["UnprocessedKeys"], {})
    self.assert_error("ValidationException", self.ddb.batch_write_item,
                      "Provided list of item keys contains duplicates",
                      RequestItems={name: [{"PutRequest": {"Item": {"pk": {"S": "d"}}}},
                                           {"DeleteRequest": {"Key": {"pk": {"S": "d"}}}}]})

  def test_transactions(self):
    name = self.create_table()
    self.ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": name, "Item": {"pk": {"S": "a"}, "n": {"N": "1"}}}},
        {"Put": {"TableName": name, "Item": {"pk": {"S": "b"}}}}], ClientRequestToken="tok-1")
    response = self.assert_error("TransactionCanceledException", self.ddb.transact_write_items, TransactItems=[
        {"Delete": {"TableName": name, "Key": {"pk": {"S": "b"}}}},
        {"ConditionCheck": {"TableName": name, "Key": {"pk": {"S": "a"}}, "ConditionExpression": "n = :two",
                            "ExpressionAttributeValues": {":two": {"N": "2"}}}}])
    reasons = [reason["Code"] for reason in response["CancellationReasons"]]
    self.assertEqual(reasons, ["None", "ConditionalCheckFailed"])
    got = self.ddb.transact_get_items(TransactItems=[{"Get": {"TableName": name, "Key": {"pk": {"S": "b"}}}},
                                                     {"Get": {"TableName": name, "Key": {"pk": {"S": "z"}}}}])
    self.assertEqual(got["Responses"][0]["Item"], {"pk": {"S": "b"}})
    self.assertEqual(got["Responses"][1], {})
    self.assert_error("ValidationException", self.ddb.transact_write_items,
                      "Transaction request cannot include multiple operations on one item", TransactItems=[
                          {"Put": {"TableName": name, "Item": {"pk": {"S": "c"}}}},
                          {"Delete": {"TableName": name, "Key": {"pk": {"S": "c"}}}}])


class StreamTest(DynamoDBTestCase):
  def test_records_through_the_streams_api(self):
    name = self.create_table(StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    arn = self.ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
    self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "2"}})
    self.ddb.delete_item(TableName=name, Key={"pk": {"S": "a"}})
    streams = client("dynamodbstreams")
    listed = streams.list_streams(TableName=name)["Streams"]
    self.assertEqual([s["StreamArn"] for s in listed], [arn])
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = streams.get_records(ShardIterator=iterator)["Records"]
    self.assertEqual([r["eventName"] for r in records], ["INSERT", "MODIFY", "REMOVE"])
    self.assertEqual(records[1]["dynamodb"]["OldImage"]["v"], {"N": "1"})
    self.assertEqual(records[1]["dynamodb"]["NewImage"]["v"], {"N": "2"})
    self.assertIn("ApproximateCreationDateTime", records[0]["dynamodb"])
    after = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AFTER_SEQUENCE_NUMBER",
                                       SequenceNumber=records[1]["dynamodb"]["SequenceNumber"])["ShardIterator"]
    self.assertEqual([r["eventName"] for r in streams.get_records(ShardIterator=after)["Records"]], ["REMOVE"])


if __name__ == "__main__":
  support.main()
