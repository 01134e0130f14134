"""CloudEmu's SQS over its query protocol (Action=...&Version=2012-11-05, XML answers), as older SDKs and tools
speak it: form-encoded requests through urllib, XML responses and legacy error codes checked directly."""

import hashlib
import unittest
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

import conformance_support as support

NS = {"q": "http://queue.amazonaws.com/doc/2012-11-05/"}
server = None


def setUpModule():
  global server
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


def call(action, **params):
  """(status, parsed XML root) of one query request."""
  form = {"Action": action, "Version": "2012-11-05"}
  form.update(params)
  body = urllib.parse.urlencode(form).encode()
  status, _, data = support.http_request(server.endpoint, "POST", "/", body=body,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
  return status, ET.fromstring(data)


def text(root, path):
  element = root.find(path, NS)
  return None if element is None else element.text


class SqsQueryTest(unittest.TestCase):
  def tearDown(self):
    self.assertTrue(server.alive(), "cloudemu serve died during the test")

  def create(self, **attributes):
    name = f"query-{uuid.uuid4().hex[:10]}"
    params = {"QueueName": name}
    for i, (key, value) in enumerate(attributes.items(), start=1):
      params[f"Attribute.{i}.Name"] = key
      params[f"Attribute.{i}.Value"] = value
    status, root = call("CreateQueue", **params)
    self.assertEqual(status, 200, ET.tostring(root))
    self.assertEqual(root.tag, "{%s}CreateQueueResponse" % NS["q"])
    url = text(root, "q:CreateQueueResult/q:QueueUrl")
    self.assertTrue(url.endswith("/" + name))
    self.assertIsNotNone(text(root, "q:ResponseMetadata/q:RequestId"))
    return name, url

  def test_create_get_url_and_attributes(self):
    name, url = self.create(VisibilityTimeout="12")
    status, root = call("GetQueueUrl", QueueName=name)
    self.assertEqual(status, 200)
    self.assertEqual(text(root, "q:GetQueueUrlResult/q:QueueUrl"), url)
    status, root = call("GetQueueAttributes", QueueUrl=url, **{"AttributeName.1": "All"})
    self.assertEqual(status, 200)
    attributes = {a.find("q:Name", NS).text: a.find("q:Value", NS).text
                  for a in root.findall("q:GetQueueAttributesResult/q:Attribute", NS)}
    self.assertEqual(attributes["VisibilityTimeout"], "12")
    self.assertTrue(attributes["QueueArn"].endswith(":" + name))

  def test_send_receive_delete_messages(self):
    _, url = self.create()
    status, root = call("SendMessage", QueueUrl=url, MessageBody="query body",
                        **{"MessageAttribute.1.Name": "color", "MessageAttribute.1.Value.DataType": "String",
                           "MessageAttribute.1.Value.StringValue": "blue"})
    self.assertEqual(status, 200, ET.tostring(root))
    self.assertEqual(text(root, "q:SendMessageResult/q:MD5OfMessageBody"), hashlib.md5(b"query body").hexdigest())
    self.assertIsNotNone(text(root, "q:SendMessageResult/q:MD5OfMessageAttributes"))
    status, root = call("ReceiveMessage", QueueUrl=url, **{"AttributeName.1": "All", "MessageAttributeName.1": "All"})
    self.assertEqual(status, 200)
    message = root.find("q:ReceiveMessageResult/q:Message", NS)
    self.assertEqual(text(message, "q:Body"), "query body")
    attributes = {a.find("q:Name", NS).text: a.find("q:Value", NS).text for a in message.findall("q:Attribute", NS)}
    self.assertEqual(attributes["ApproximateReceiveCount"], "1")
    user = message.find("q:MessageAttribute", NS)
    self.assertEqual(text(user, "q:Name"), "color")
    self.assertEqual(text(user, "q:Value/q:StringValue"), "blue")
    status, _ = call("DeleteMessage", QueueUrl=url, ReceiptHandle=text(message, "q:ReceiptHandle"))
    self.assertEqual(status, 200)

  def test_batch_send_answers_entries(self):
    _, url = self.create()
    status, root = call("SendMessageBatch", QueueUrl=url, **{
        "SendMessageBatchRequestEntry.1.Id": "one", "SendMessageBatchRequestEntry.1.MessageBody": "1",
        "SendMessageBatchRequestEntry.2.Id": "two", "SendMessageBatchRequestEntry.2.MessageBody": "2",
        "SendMessageBatchRequestEntry.2.DelaySeconds": "901"})
    self.assertEqual(status, 200, ET.tostring(root))
    self.assertEqual(text(root, "q:SendMessageBatchResult/q:SendMessageBatchResultEntry/q:Id"), "one")
    self.assertEqual(text(root, "q:SendMessageBatchResult/q:BatchResultErrorEntry/q:Id"), "two")
    status, root = call("SendMessageBatch", QueueUrl=url, **{
        "SendMessageBatchRequestEntry.1.Id": "x", "SendMessageBatchRequestEntry.1.MessageBody": "1",
        "SendMessageBatchRequestEntry.2.Id": "x", "SendMessageBatchRequestEntry.2.MessageBody": "2"})
    self.assertEqual(status, 400)
    self.assertEqual(text(root, "q:Error/q:Code"), "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")

  def test_legacy_error_codes(self):
    status, root = call("GetQueueUrl", QueueName="no-such-queue-" + uuid.uuid4().hex[:8])
    self.assertEqual(status, 400)
    self.assertEqual(root.tag, "{%s}ErrorResponse" % NS["q"])
    self.assertEqual(text(root, "q:Error/q:Code"), "AWS.SimpleQueueService.NonExistentQueue")
    self.assertEqual(text(root, "q:Error/q:Type"), "Sender")
    name, _ = self.create(DelaySeconds="1")
    status, root = call("CreateQueue", QueueName=name, **{"Attribute.1.Name": "DelaySeconds",
                                                          "Attribute.1.Value": "2"})
    self.assertEqual(status, 400)
    self.assertEqual(text(root, "q:Error/q:Code"), "QueueAlreadyExists")
    status, root = call("SendMessage", QueueUrl="http://x/000000000000/none")
    self.assertEqual(status, 400)
    self.assertEqual(text(root, "q:Error/q:Code"), "MissingParameter")

  def test_list_queues_and_tags(self):
    name, url = self.create()
    status, _ = call("TagQueue", QueueUrl=url, **{"Tag.1.Key": "team", "Tag.1.Value": "q"})
    self.assertEqual(status, 200)
    status, root = call("ListQueueTags", QueueUrl=url)
    tag = root.find("q:ListQueueTagsResult/q:Tag", NS)
    self.assertEqual((text(tag, "q:Key"), text(tag, "q:Value")), ("team", "q"))
    status, root = call("ListQueues", QueueNamePrefix=name)
    self.assertEqual([e.text for e in root.findall("q:ListQueuesResult/q:QueueUrl", NS)], [url])


if __name__ == "__main__":
  support.main()
