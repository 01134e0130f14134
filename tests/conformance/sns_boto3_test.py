"""CloudEmu's SNS driven by boto3, unchanged: topics, subscriptions, publishing, delivery to SQS read back with
boto3's receive_message, and an HTTP subscription to a local http.server that is confirmed and then notified."""

import http.server
import json
import queue
import shutil
import tempfile
import threading
import unittest
import urllib.request

import conformance_support as support

server = None


def setUpModule():
  global server
  support.require_module("boto3")
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


def client(name):
  import boto3
  from botocore.config import Config
  return boto3.client(name, endpoint_url=server.endpoint, region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test", config=Config(retries={"max_attempts": 1, "mode": "standard"}))


# The members AWS signs, in order, per message type (docs: "Verifying the signatures of Amazon SNS messages").
SIGNED_MEMBERS = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
}


def verify_signature(envelope):
  """Checks `envelope`'s Signature the way an SNS client library does: the certificate fetched from
  SigningCertURL, SHA1 (version 1) or SHA256 (version 2) with RSA over "Name\nvalue\n" of the signed members.
  Raises cryptography's InvalidSignature when it does not verify."""
  import base64
  from cryptography import x509
  from cryptography.hazmat.primitives import hashes
  from cryptography.hazmat.primitives.asymmetric import padding
  with urllib.request.urlopen(envelope["SigningCertURL"], timeout=10) as response:
    certificate = x509.load_pem_x509_certificate(response.read())
  canonical = "".join(f"{name}\n{envelope[name]}\n" for name in SIGNED_MEMBERS[envelope["Type"]] if name in envelope)
  digest = hashes.SHA1() if envelope["SignatureVersion"] == "1" else hashes.SHA256()
  certificate.public_key().verify(base64.b64decode(envelope["Signature"]), canonical.encode(), padding.PKCS1v15(),
                                  digest)


class Endpoint:
  """A local HTTP endpoint that answers 200 and queues every POST as (headers, parsed JSON or text)."""

  def __init__(self):
    received = self.received = queue.Queue()

    class Handler(http.server.BaseHTTPRequestHandler):
      def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        try:
          body = json.loads(body)
        except ValueError:
          pass
        received.put(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(200)
        self.end_headers()

      def log_message(self, *args):
        pass

    self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    self.url = f"http://127.0.0.1:{self.httpd.server_port}/sns-hook"
    self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
    self.thread.start()

  def next(self, timeout=10):
    return self.received.get(timeout=timeout)

  def close(self):
    self.httpd.shutdown()
    self.httpd.server_close()


class SnsTestCase(unittest.TestCase):
  def setUp(self):
    self.sns = client("sns")
    self.sqs = client("sqs")

  def tearDown(self):
    self.assertTrue(server.alive(), "cloudemu serve died during the test")

  def topic(self, prefix="conf", **kwargs):
    return self.sns.create_topic(Name=support.unique_name(prefix), **kwargs)["TopicArn"]

  def queue(self, prefix="conf", fifo=False):
    name = support.unique_name(prefix) + (".fifo" if fifo else "")
    attributes = {"FifoQueue": "true"} if fifo else {}
    url = self.sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn

  def receive(self, url, count=1):
    messages = []
    for _ in range(10):
      answer = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                        MessageAttributeNames=["All"], AttributeNames=["All"])
      messages += answer.get("Messages", [])
      if len(messages) >= count:
        break
    return messages

  def assert_error(self, call, code, status, message=None, **kwargs):
    from botocore.exceptions import ClientError
    with self.assertRaises(ClientError) as caught:
      call(**kwargs)
    error = caught.exception.response["Error"]
    self.assertEqual(error["Code"], code)
    self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], status)
    if message is not None:
      self.assertEqual(error["Message"], message)


class TopicTest(SnsTestCase):
  def test_create_get_set_delete(self):
    arn = self.topic(Attributes={"DisplayName": "Orders"}, Tags=[{"Key": "team", "Value": "shop"}])
    attributes = self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    self.assertEqual(attributes["TopicArn"], arn)
    self.assertEqual(attributes["DisplayName"], "Orders")
    self.assertEqual(attributes["SubscriptionsConfirmed"], "0")
    policy = json.loads(attributes["Policy"])
    self.assertEqual(policy["Statement"][0]["Resource"], arn)
    self.assertIn("EffectiveDeliveryPolicy", attributes)
    self.sns.set_topic_attributes(TopicArn=arn, AttributeName="SQSSuccessFeedbackSampleRate", AttributeValue="0")
    self.assertEqual(self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]["SQSSuccessFeedbackSampleRate"], "0")
    self.assertEqual(self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"], [{"Key": "team", "Value": "shop"}])
    self.assertIn(arn, [t["TopicArn"] for t in self.sns.list_topics()["Topics"]])
    self.sns.delete_topic(TopicArn=arn)
    self.sns.delete_topic(TopicArn=arn)  # idempotent
    self.assert_error(self.sns.get_topic_attributes, "NotFound", 404, "Topic does not exist", TopicArn=arn)

  def test_idempotent_create_and_conflicts(self):
    name = support.unique_name("same")
    first = self.sns.create_topic(Name=name, Attributes={"DisplayName": "A"})["TopicArn"]
    self.assertEqual(self.sns.create_topic(Name=name, Attributes={"DisplayName": "A"})["TopicArn"], first)
    self.assert_error(self.sns.create_topic, "InvalidParameter", 400,
                      "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
                      Name=name, Attributes={"DisplayName": "B"})
    self.assert_error(self.sns.create_topic, "InvalidParameter", 400, "Invalid parameter: Topic Name",
                      Name="no spaces allowed")

  def test_fifo_topic(self):
    name = support.unique_name("fifo") + ".fifo"
    arn = self.sns.create_topic(Name=name, Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})[
        "TopicArn"]
    attributes = self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    self.assertEqual(attributes["FifoTopic"], "true")
    self.assertEqual(attributes["ContentBasedDeduplication"], "true")
    self.assert_error(self.sns.publish, "InvalidParameter", 400,
                      "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
                      TopicArn=arn, Message="m")

  def test_list_topics_pages(self):
    arns = {self.topic("page") for _ in range(3)}
    seen, token = set(), None
    while True:
      page = self.sns.list_topics(**({"NextToken": token} if token else {}))
      seen |= {t["TopicArn"] for t in page["Topics"]}
      token = page.get("NextToken")
      if not token:
        break
    self.assertTrue(arns <= seen)

  def test_tags_and_permissions(self):
    arn = self.topic(Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    self.sns.untag_resource(ResourceArn=arn, TagKeys=["b"])
    self.sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "3"}])
    self.assertEqual(self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"], [{"Key": "a", "Value": "3"}])
    self.sns.add_permission(TopicArn=arn, Label="partner", AWSAccountId=["111122223333"], ActionName=["Publish"])
    statements = json.loads(self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])["Statement"]
    self.assertEqual([s["Sid"] for s in statements], ["__default_statement_ID", "partner"])
    self.sns.remove_permission(TopicArn=arn, Label="partner")
    statements = json.loads(self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])["Statement"]
    self.assertEqual(len(statements), 1)
    policy = json.dumps({"Name": "p", "Version": "2021-06-01", "Statement": []})
    self.sns.put_data_protection_policy(ResourceArn=arn, DataProtectionPolicy=policy)
    self.assertEqual(self.sns.get_data_protection_policy(ResourceArn=arn)["DataProtectionPolicy"], policy)


class SqsDeliveryTest(SnsTestCase):
  def test_envelope_reaches_the_queue(self):
    topic = self.topic()
    url, queue_arn = self.queue()
    subscription = self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                      ReturnSubscriptionArn=True)["SubscriptionArn"]
    attributes = self.sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
    self.assertEqual(attributes["PendingConfirmation"], "false")
    self.assertEqual(attributes["RawMessageDelivery"], "false")
    published = self.sns.publish(TopicArn=topic, Message="hello queue", Subject="hi",
                                 MessageAttributes={"kind": {"DataType": "String", "StringValue": "greeting"}})
    messages = self.receive(url)
    self.assertEqual(len(messages), 1)
    envelope = json.loads(messages[0]["Body"])
    self.assertEqual(envelope["Type"], "Notification")
    self.assertEqual(envelope["MessageId"], published["MessageId"])
    self.assertEqual(envelope["TopicArn"], topic)
    self.assertEqual(envelope["Subject"], "hi")
    self.assertEqual(envelope["Message"], "hello queue")
    self.assertRegex(envelope["Timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
    self.assertEqual(envelope["SignatureVersion"], "1")
    verify_signature(envelope)
    self.assertIn("SubscriptionArn=", envelope["UnsubscribeURL"])
    self.assertEqual(envelope["MessageAttributes"], {"kind": {"Type": "String", "Value": "greeting"}})

  def test_signature_version_2_verifies_with_sha256(self):
    topic = self.topic()
    self.sns.set_topic_attributes(TopicArn=topic, AttributeName="SignatureVersion", AttributeValue="2")
    url, queue_arn = self.queue()
    self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    self.sns.publish(TopicArn=topic, Message="signed twice over")
    envelope = json.loads(self.receive(url)[0]["Body"])
    self.assertEqual(envelope["SignatureVersion"], "2")
    self.assertNotIn("Subject", envelope)
    verify_signature(envelope)

  def test_raw_delivery_with_attributes(self):
    topic = self.topic()
    url, queue_arn = self.queue()
    self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                       Attributes={"RawMessageDelivery": "true"})
    self.sns.publish(TopicArn=topic, Message="raw body",
                     MessageAttributes={"n": {"DataType": "Number", "StringValue": "42"}})
    messages = self.receive(url)
    self.assertEqual(messages[0]["Body"], "raw body")
    self.assertEqual(messages[0]["MessageAttributes"]["n"], {"DataType": "Number", "StringValue": "42"})

  def test_filter_policy(self):
    topic = self.topic()
    red_url, red_arn = self.queue("red")
    self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=red_arn,
                       Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"color": ["red"]})})
    self.sns.publish(TopicArn=topic, Message="blue one",
                     MessageAttributes={"color": {"DataType": "String", "StringValue": "blue"}})
    self.sns.publish(TopicArn=topic, Message="red one",
                     MessageAttributes={"color": {"DataType": "String", "StringValue": "red"}})
    self.assertEqual([m["Body"] for m in self.receive(red_url)], ["red one"])
    subscription = self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"][0]["SubscriptionArn"]
    self.assert_error(self.sns.set_subscription_attributes, "InvalidParameter", 400,
                      "Invalid parameter: FilterPolicy: Unrecognized match type regex",
                      SubscriptionArn=subscription, AttributeName="FilterPolicy",
                      AttributeValue=json.dumps({"color": [{"regex": ".*"}]}))

  def test_fifo_topic_to_fifo_queue_in_order(self):
    name = support.unique_name("order") + ".fifo"
    topic = self.sns.create_topic(Name=name, Attributes={"FifoTopic": "true"})["TopicArn"]
    url, queue_arn = self.queue("order", fifo=True)
    self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                       Attributes={"RawMessageDelivery": "true"})
    sequence = []
    for i in range(6):
      answer = self.sns.publish(TopicArn=topic, Message=f"m{i}", MessageGroupId="g",
                                MessageDeduplicationId=f"d{i}")
      sequence.append(int(answer["SequenceNumber"]))
    self.assertEqual(sequence, sorted(sequence))
    bodies = []
    for _ in range(10):
      for message in self.receive(url):
        bodies.append(message["Body"])
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
      if len(bodies) >= 6:
        break
    self.assertEqual(bodies, [f"m{i}" for i in range(6)])

  def test_publish_batch(self):
    topic = self.topic()
    url, queue_arn = self.queue()
    self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    answer = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
        {"Id": "a", "Message": "first"}, {"Id": "b", "Message": "second"}])
    self.assertEqual(sorted(e["Id"] for e in answer["Successful"]), ["a", "b"])
    self.assertEqual(answer.get("Failed", []), [])
    self.assertEqual(sorted(m["Body"] for m in self.receive(url, 2)), ["first", "second"])
    self.assert_error(self.sns.publish_batch, "BatchEntryIdsNotDistinct", 400, TopicArn=topic,
                      PublishBatchRequestEntries=[{"Id": "x", "Message": "1"}, {"Id": "x", "Message": "2"}])

  def test_message_structure_json(self):
    topic = self.topic()
    url, queue_arn = self.queue()
    self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    self.assert_error(self.sns.publish, "InvalidParameter", 400,
                      "Invalid parameter: Message Structure - No default entry in JSON message body",
                      TopicArn=topic, Message=json.dumps({"sqs": "x"}), MessageStructure="json")
    self.sns.publish(TopicArn=topic, Message=json.dumps({"default": "d", "sqs": "for queues"}),
                     MessageStructure="json")
    self.assertEqual([m["Body"] for m in self.receive(url)], ["for queues"])

  def test_unsubscribe(self):
    topic = self.topic()
    _, queue_arn = self.queue()
    subscription = self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                      ReturnSubscriptionArn=True)["SubscriptionArn"]
    self.sns.unsubscribe(SubscriptionArn=subscription)
    self.assert_error(self.sns.get_subscription_attributes, "NotFound", 404, SubscriptionArn=subscription)
    self.assertEqual(self.sns.get_topic_attributes(TopicArn=topic)["Attributes"]["SubscriptionsDeleted"], "1")


class HttpDeliveryTest(SnsTestCase):
  def setUp(self):
    super().setUp()
    self.endpoint = Endpoint()

  def tearDown(self):
    self.endpoint.close()
    super().tearDown()

  def subscribe_and_get_confirmation(self, topic):
    answer = self.sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=self.endpoint.url)
    self.assertEqual(answer["SubscriptionArn"], "pending confirmation")
    headers, confirmation = self.endpoint.next()
    self.assertEqual(headers["x-amz-sns-message-type"], "SubscriptionConfirmation")
    self.assertEqual(headers["x-amz-sns-topic-arn"], topic)
    for member in ("Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp",
                   "SignatureVersion", "Signature", "SigningCertURL"):
      self.assertIn(member, confirmation)
    self.assertEqual(confirmation["Type"], "SubscriptionConfirmation")
    verify_signature(confirmation)
    return confirmation

  def assert_notified(self, topic):
    self.sns.publish(TopicArn=topic, Message="to the web", Subject="web")
    headers, notification = self.endpoint.next()
    self.assertEqual(headers["x-amz-sns-message-type"], "Notification")
    self.assertEqual(notification["Type"], "Notification")
    self.assertEqual(notification["Message"], "to the web")
    self.assertEqual(notification["Subject"], "web")
    self.assertEqual(headers["x-amz-sns-message-id"], notification["MessageId"])

  def test_confirm_with_token_then_notify(self):
    topic = self.topic()
    confirmation = self.subscribe_and_get_confirmation(topic)
    listed = self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    self.assertEqual(listed[0]["SubscriptionArn"], "PendingConfirmation")
    arn = self.sns.confirm_subscription(TopicArn=topic, Token=confirmation["Token"])["SubscriptionArn"]
    self.assertEqual(self.sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]["PendingConfirmation"],
                     "false")
    self.assert_notified(topic)

  def test_confirm_by_visiting_the_subscribe_url(self):
    topic = self.topic()
    confirmation = self.subscribe_and_get_confirmation(topic)
    with urllib.request.urlopen(confirmation["SubscribeURL"], timeout=10) as response:
      self.assertEqual(response.status, 200)
      self.assertIn(b"ConfirmSubscriptionResult", response.read())
    self.assertNotEqual(self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"][0]["SubscriptionArn"],
                        "PendingConfirmation")
    self.assert_notified(topic)


class PersistenceTest(unittest.TestCase):
  """Topics, subscriptions and the signing key survive a restart of `cloudemu serve --data-dir`."""

  def setUp(self):
    self.data_dir = tempfile.mkdtemp(prefix="cloudemu-sns-data-")

  def tearDown(self):
    shutil.rmtree(self.data_dir, ignore_errors=True)

  def clients(self, endpoint):
    import boto3
    kwargs = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                  aws_secret_access_key="test")
    return boto3.client("sns", **kwargs), boto3.client("sqs", **kwargs)

  def envelope(self, sns, sqs, topic, url):
    sns.publish(TopicArn=topic, Message="persisted")
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5).get("Messages", [])
    self.assertEqual(len(messages), 1)
    return json.loads(messages[0]["Body"])

  def test_state_survives_a_restart(self):
    first = support.Server(data_dir=self.data_dir).start()
    try:
      sns, sqs = self.clients(first.endpoint)
      topic = sns.create_topic(Name="kept", Tags=[{"Key": "k", "Value": "v"}])["TopicArn"]
      url = sqs.create_queue(QueueName="kept-inbox")["QueueUrl"]
      queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
      subscription = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                                   Attributes={"FilterPolicy": json.dumps({"k": [{"exists": False}]})},
                                   ReturnSubscriptionArn=True)["SubscriptionArn"]
      before = self.envelope(sns, sqs, topic, url)
    finally:
      first.stop()
    second = support.Server(data_dir=self.data_dir).start()
    try:
      sns, sqs = self.clients(second.endpoint)
      self.assertEqual(sns.list_tags_for_resource(ResourceArn=topic)["Tags"], [{"Key": "k", "Value": "v"}])
      attributes = sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
      self.assertEqual(json.loads(attributes["FilterPolicy"]), {"k": [{"exists": False}]})
      after = self.envelope(sns, sqs, topic, url)
      self.assertEqual((after["Type"], after["Message"]), ("Notification", "persisted"))
      self.assertNotEqual(before["MessageId"], after["MessageId"])
      verify_signature(after)
      # The key survived the restart: the first server's message verifies with the second one's certificate.
      verify_signature(dict(before, SigningCertURL=after["SigningCertURL"]))
    finally:
      second.stop()


if __name__ == "__main__":
  support.main()
