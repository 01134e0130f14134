"""CloudEmu's SQS driven by boto3 (awsJson1_0, boto3's protocol for SQS), checked against AWS's behaviour."""

import hashlib
import json
import struct
import threading
import time
import unittest
import uuid

import conformance_support as support

server = None


def setUpModule():
  global server
  support.require_module("boto3")
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


def sqs_client(endpoint):
  import boto3
  from botocore.config import Config
  return boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test", config=Config(retries={"max_attempts": 1, "mode": "standard"}))


def attributes_md5(attributes):
  """The digest of the SQS developer guide, written independently of the server's."""
  data = b""
  for name in sorted(attributes):
    value = attributes[name]
    data += struct.pack("!I", len(name.encode())) + name.encode()
    data += struct.pack("!I", len(value["DataType"])) + value["DataType"].encode()
    if "StringValue" in value:
      encoded = value["StringValue"].encode()
      data += b"\x01" + struct.pack("!I", len(encoded)) + encoded
    else:
      data += b"\x02" + struct.pack("!I", len(value["BinaryValue"])) + value["BinaryValue"]
  return hashlib.md5(data).hexdigest()


class SqsTestCase(unittest.TestCase):
  def setUp(self):
    self.sqs = sqs_client(server.endpoint)

  def tearDown(self):
    self.assertTrue(server.alive(), "cloudemu serve died during the test")

  def new_queue(self, prefix="q", fifo=False, **attributes):
    name = f"{prefix}-{uuid.uuid4().hex[:10]}" + (".fifo" if fifo else "")
    if fifo:
      attributes["FifoQueue"] = "true"
    url = self.sqs.create_queue(QueueName=name, Attributes={k: str(v) for k, v in attributes.items()})["QueueUrl"]
    return name, url

  def error_code(self, call, **kwargs):
    from botocore.exceptions import ClientError
    with self.assertRaises(ClientError) as raised:
      call(**kwargs)
    return raised.exception.response["Error"]["Code"]

  def test_queue_url_has_account_and_name_path(self):
    name, url = self.new_queue()
    self.assertTrue(url.startswith(server.endpoint + "/"), url)
    self.assertEqual(url.rsplit("/", 2)[2], name)
    self.assertEqual(self.sqs.get_queue_url(QueueName=name)["QueueUrl"], url)

  def test_attributes_echo_create_values(self):
    create = {"DelaySeconds": "0", "MaximumMessageSize": "262144", "MessageRetentionPeriod": "345600",
              "ReceiveMessageWaitTimeSeconds": "0", "VisibilityTimeout": "30"}
    name, url = self.new_queue(**create)
    attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    for key, value in create.items():
      self.assertEqual(attributes[key], value)
    self.assertEqual(attributes["QueueArn"], f"arn:aws:sqs:us-east-1:{url.split('/')[-2]}:{name}")
    self.assertEqual(attributes["SqsManagedSseEnabled"], "true")
    for key in ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp"):
      self.assertIn(key, attributes)

  def test_missing_queue_carries_the_legacy_code(self):
    _, url = self.new_queue()
    self.sqs.delete_queue(QueueUrl=url)
    self.assertEqual(self.error_code(self.sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["All"]),
                     "AWS.SimpleQueueService.NonExistentQueue")
    status, headers, body = support.http_request(
        server.endpoint, "POST", "/", body=json.dumps({"QueueUrl": url}).encode(),
        headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AmazonSQS.GetQueueAttributes"})
    self.assertEqual(status, 400)
    self.assertEqual(headers.get("x-amzn-query-error"), "AWS.SimpleQueueService.NonExistentQueue;Sender")
    self.assertEqual(json.loads(body)["__type"], "com.amazonaws.sqs#QueueDoesNotExist")

  def test_queue_name_exists_with_different_attributes(self):
    name, _ = self.new_queue(VisibilityTimeout=10)
    self.assertEqual(self.error_code(self.sqs.create_queue, QueueName=name, Attributes={"VisibilityTimeout": "11"}),
                     "QueueAlreadyExists")

  def test_send_receive_delete_with_attributes_and_digests(self):
    _, url = self.new_queue()
    attributes = {"city": {"DataType": "String", "StringValue": "Any City"},
                  "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
                  "n": {"DataType": "Number", "StringValue": "7"}}
    sent = self.sqs.send_message(QueueUrl=url, MessageBody="héllo", MessageAttributes=attributes)
    self.assertEqual(sent["MD5OfMessageBody"], hashlib.md5("héllo".encode()).hexdigest())
    self.assertEqual(sent["MD5OfMessageAttributes"], attributes_md5(attributes))
    received = self.sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"],
                                        MessageSystemAttributeNames=["All"])["Messages"]
    self.assertEqual(len(received), 1)
    message = received[0]
    self.assertEqual(message["Body"], "héllo")
    self.assertEqual(message["MessageId"], sent["MessageId"])
    self.assertEqual(message["MessageAttributes"]["blob"]["BinaryValue"], b"\x00\x01")
    self.assertEqual(message["MD5OfMessageAttributes"], attributes_md5(attributes))
    self.assertEqual(message["Attributes"]["ApproximateReceiveCount"], "1")
    self.assertIn("SentTimestamp", message["Attributes"])
    self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    count = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                                                         "ApproximateNumberOfMessagesNotVisible"])
    self.assertEqual(count["Attributes"], {"ApproximateNumberOfMessages": "0",
                                           "ApproximateNumberOfMessagesNotVisible": "0"})

  def test_visibility_timeout_returns_the_message(self):
    _, url = self.new_queue(VisibilityTimeout=1)
    self.sqs.send_message(QueueUrl=url, MessageBody="again")
    first = self.sqs.receive_message(QueueUrl=url)["Messages"][0]
    self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))
    time.sleep(1.2)
    second = self.sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    self.assertNotEqual(first["ReceiptHandle"], second["ReceiptHandle"])
    self.assertEqual(second["Attributes"]["ApproximateReceiveCount"], "2")

  def test_long_poll_returns_when_a_message_arrives(self):
    _, url = self.new_queue()
    sender = threading.Timer(0.5, lambda: sqs_client(server.endpoint).send_message(QueueUrl=url, MessageBody="x"))
    sender.start()
    started = time.monotonic()
    messages = self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", [])
    elapsed = time.monotonic() - started
    sender.join()
    self.assertEqual(len(messages), 1)
    self.assertLess(elapsed, 5)

  def test_batches_and_batch_errors(self):
    _, url = self.new_queue()
    result = self.sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "two", "DelaySeconds": 901}])
    self.assertEqual([entry["Id"] for entry in result["Successful"]], ["a"])
    self.assertEqual(result["Failed"][0]["Id"], "b")
    self.assertTrue(result["Failed"][0]["SenderFault"])
    self.assertEqual(self.error_code(self.sqs.send_message_batch, QueueUrl=url,
                                     Entries=[{"Id": "x", "MessageBody": "1"}, {"Id": "x", "MessageBody": "2"}]),
                     "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
    self.assertEqual(self.error_code(self.sqs.send_message_batch, QueueUrl=url,
                                     Entries=[{"Id": f"e{i}", "MessageBody": "1"} for i in range(11)]),
                     "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")
    messages = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    deleted = self.sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": "m", "ReceiptHandle": messages[0]["ReceiptHandle"]}])
    self.assertEqual(deleted["Successful"], [{"Id": "m"}])

  def test_fifo_order_group_blocking_and_dedup(self):
    _, url = self.new_queue("f", fifo=True, ContentBasedDeduplication="true")
    first = self.sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="a")
    duplicate = self.sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="a")
    self.assertEqual(first["MessageId"], duplicate["MessageId"])
    second = self.sqs.send_message(QueueUrl=url, MessageBody="a2", MessageGroupId="a")
    self.assertGreater(int(second["SequenceNumber"]), int(first["SequenceNumber"]))
    self.sqs.send_message(QueueUrl=url, MessageBody="b1", MessageGroupId="b")
    got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"]
    self.assertEqual(got[0]["Body"], "a1")
    rest = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    self.assertEqual([m["Body"] for m in rest], ["b1"])

  def test_fifo_receive_request_attempt_id_retries(self):
    from botocore.exceptions import ClientError
    _, url = self.new_queue("attempt", fifo=True, ContentBasedDeduplication="true")
    for body in ("a1", "a2", "b1"):
      self.sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=body[0])
    first = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-1",
                                     MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"]
    self.assertEqual([m["Body"] for m in first], ["a1", "a2"])
    retry = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-1",
                                     MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"]
    self.assertEqual([(m["MessageId"], m["ReceiptHandle"]) for m in retry],
                     [(m["MessageId"], m["ReceiptHandle"]) for m in first])
    self.assertEqual(retry[0]["Attributes"]["ApproximateReceiveCount"], "1")
    # Another id is another receive: group a is in flight.
    other = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, ReceiveRequestAttemptId="attempt-2")
    self.assertEqual([m["Body"] for m in other["Messages"]], ["b1"])

    # Once one of its messages is deleted the attempt is not retryable.
    self.sqs.delete_message(QueueUrl=url, ReceiptHandle=first[1]["ReceiptHandle"])
    with self.assertRaises(ClientError) as raised:
      self.sqs.receive_message(QueueUrl=url, ReceiveRequestAttemptId="attempt-1")
    error = raised.exception.response["Error"]
    self.assertEqual(error["Code"], "InvalidParameterValue")
    self.assertEqual(error["Message"], "Value attempt-1 for parameter ReceiveRequestAttemptId is invalid. Reason: "
                                       "The receiveRequestAttemptId is not valid anymore since the receive call is "
                                       "not retryable.")
    self.assertEqual(raised.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    for bad in ("x" * 129, "with space"):
      self.assertEqual(self.error_code(self.sqs.receive_message, QueueUrl=url, ReceiveRequestAttemptId=bad),
                       "InvalidParameterValue")
    # Standard queues ignore the id.
    _, standard = self.new_queue("attempt-standard")
    self.sqs.send_message(QueueUrl=standard, MessageBody="m")
    self.assertEqual(len(self.sqs.receive_message(QueueUrl=standard, ReceiveRequestAttemptId="s")["Messages"]), 1)
    self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=standard, ReceiveRequestAttemptId="s"))

  def test_dead_letter_redrive_and_move_task(self):
    dlq_name, dlq_url = self.new_queue("dlq")
    dlq_arn = self.sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    _, url = self.new_queue(VisibilityTimeout=0,
                            RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1}))
    self.sqs.send_message(QueueUrl=url, MessageBody="poison")
    self.assertEqual(len(self.sqs.receive_message(QueueUrl=url)["Messages"]), 1)
    self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))
    sources = self.sqs.list_dead_letter_source_queues(QueueUrl=dlq_url)["queueUrls"]
    self.assertEqual(sources, [url])
    dead = self.sqs.receive_message(QueueUrl=dlq_url, VisibilityTimeout=0)["Messages"]
    self.assertEqual(dead[0]["Body"], "poison")
    self.sqs.start_message_move_task(SourceArn=dlq_arn)
    tasks = self.sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"]
    self.assertEqual(tasks[0]["Status"], "COMPLETED")
    self.assertEqual(self.sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"], "poison")

  def test_tags_permissions_purge_and_listing(self):
    name, url = self.new_queue("tagged")
    self.sqs.tag_queue(QueueUrl=url, Tags={"team": "core", "env": "dev"})
    self.sqs.untag_queue(QueueUrl=url, TagKeys=["env"])
    self.assertEqual(self.sqs.list_queue_tags(QueueUrl=url)["Tags"], {"team": "core"})
    self.sqs.add_permission(QueueUrl=url, Label="p", AWSAccountIds=["111122223333"], Actions=["SendMessage"])
    policy = json.loads(self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])
    self.assertEqual(policy["Statement"][0]["Sid"], "p")
    self.sqs.remove_permission(QueueUrl=url, Label="p")
    self.sqs.send_message(QueueUrl=url, MessageBody="x")
    self.sqs.purge_queue(QueueUrl=url)
    self.assertEqual(self.error_code(self.sqs.purge_queue, QueueUrl=url),
                     "AWS.SimpleQueueService.PurgeQueueInProgress")
    listed = self.sqs.list_queues(QueueNamePrefix=name)["QueueUrls"]
    self.assertEqual(listed, [url])
    paged = self.sqs.list_queues(QueueNamePrefix="tagged-", MaxResults=1)
    self.assertEqual(len(paged["QueueUrls"]), 1)

  def test_resources_listing_shows_queues(self):
    name, url = self.new_queue("listed")
    self.sqs.send_message(QueueUrl=url, MessageBody="x")
    queues = support.resources(server.endpoint)["services"]["sqs"]
    entry = next(q for q in queues if q["id"] == name)
    self.assertEqual(entry["attributes"]["messages_visible"], 1)


if __name__ == "__main__":
  support.main()
