"""CloudEmu's SQS driven by the aws CLI (`aws sqs ...`) as a user would run it."""

import json
import shutil
import subprocess
import tempfile
import unittest
import uuid

import conformance_support as support

server = None
aws = None
scratch = None


def setUpModule():
  global server, aws, scratch
  aws = support.require_program("aws")
  server = support.shared_server()
  scratch = tempfile.mkdtemp(prefix="cloudemu-sqs-awscli-")


def tearDownModule():
  if server:
    server.stop()
  if scratch:
    shutil.rmtree(scratch, ignore_errors=True)


class SqsAwsCliTest(unittest.TestCase):
  def tearDown(self):
    self.assertTrue(server.alive(), "cloudemu serve died during the test")

  def run_sqs(self, *args, check=True):
    completed = subprocess.run([aws, "--endpoint-url", server.endpoint, "--output", "json", "sqs", *args],
                               env=support.aws_cli_environment(scratch), capture_output=True, text=True, timeout=60)
    if check:
      self.assertEqual(completed.returncode, 0, completed.stderr)
      return json.loads(completed.stdout) if completed.stdout.strip() else {}
    return completed

  def test_queue_and_message_round_trip(self):
    name = f"cli-{uuid.uuid4().hex[:10]}"
    url = self.run_sqs("create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=20")["QueueUrl"]
    self.assertEqual(self.run_sqs("get-queue-url", "--queue-name", name)["QueueUrl"], url)
    attributes = self.run_sqs("get-queue-attributes", "--queue-url", url, "--attribute-names", "All")["Attributes"]
    self.assertEqual(attributes["VisibilityTimeout"], "20")
    sent = self.run_sqs("send-message", "--queue-url", url, "--message-body", "from the cli",
                        "--message-attributes", '{"k":{"DataType":"String","StringValue":"v"}}')
    self.assertIn("MessageId", sent)
    received = self.run_sqs("receive-message", "--queue-url", url, "--message-attribute-names", "All",
                            "--attribute-names", "All")["Messages"]
    self.assertEqual(received[0]["Body"], "from the cli")
    self.assertEqual(received[0]["MessageAttributes"]["k"]["StringValue"], "v")
    self.run_sqs("delete-message", "--queue-url", url, "--receipt-handle", received[0]["ReceiptHandle"])
    self.assertIn(url, self.run_sqs("list-queues", "--queue-name-prefix", name)["QueueUrls"])
    self.run_sqs("delete-queue", "--queue-url", url)
    missing = self.run_sqs("get-queue-url", "--queue-name", name, check=False)
    self.assertNotEqual(missing.returncode, 0)
    self.assertIn("AWS.SimpleQueueService.NonExistentQueue", missing.stderr)

  def test_batch_send(self):
    name = f"cli-batch-{uuid.uuid4().hex[:8]}"
    url = self.run_sqs("create-queue", "--queue-name", name)["QueueUrl"]
    entries = json.dumps([{"Id": "a", "MessageBody": "1"}, {"Id": "b", "MessageBody": "2"}])
    result = self.run_sqs("send-message-batch", "--queue-url", url, "--entries", entries)
    self.assertEqual(sorted(e["Id"] for e in result["Successful"]), ["a", "b"])
    counts = self.run_sqs("get-queue-attributes", "--queue-url", url, "--attribute-names",
                          "ApproximateNumberOfMessages")["Attributes"]
    self.assertEqual(counts["ApproximateNumberOfMessages"], "2")


if __name__ == "__main__":
  support.main()
