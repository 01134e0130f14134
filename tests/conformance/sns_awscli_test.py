"""CloudEmu's SNS driven by the aws CLI (`aws sns`, with `aws sqs` to read deliveries) as a user would run it."""

import json
import shutil
import subprocess
import tempfile
import unittest

import conformance_support as support

server = None
aws = None
scratch = None


def setUpModule():
  global server, aws, scratch
  aws = support.require_program("aws")
  server = support.shared_server()
  scratch = tempfile.mkdtemp(prefix="cloudemu-sns-awscli-")


def tearDownModule():
  if server:
    server.stop()
  if scratch:
    shutil.rmtree(scratch, ignore_errors=True)


class SnsAwsCliTest(unittest.TestCase):
  def tearDown(self):
    self.assertTrue(server.alive(), "cloudemu serve died during the test")

  def run_aws(self, *args, check=True):
    command = [aws, "--endpoint-url", server.endpoint, "--output", "json", *args]
    result = subprocess.run(command, env=support.aws_cli_environment(scratch), capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
      self.fail(f"{' '.join(args)} exited {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
    return result

  def json_of(self, *args):
    output = self.run_aws(*args).stdout
    return json.loads(output) if output.strip() else {}

  def test_topic_lifecycle(self):
    name = support.unique_name("cli-topic")
    arn = self.json_of("sns", "create-topic", "--name", name, "--attributes", "DisplayName=CLI",
                       "--tags", "Key=team,Value=cli")["TopicArn"]
    self.assertTrue(arn.endswith(":" + name))
    self.assertIn(arn, [t["TopicArn"] for t in self.json_of("sns", "list-topics")["Topics"]])
    attributes = self.json_of("sns", "get-topic-attributes", "--topic-arn", arn)["Attributes"]
    self.assertEqual(attributes["DisplayName"], "CLI")
    self.run_aws("sns", "set-topic-attributes", "--topic-arn", arn, "--attribute-name", "DisplayName",
                 "--attribute-value", "Renamed")
    attributes = self.json_of("sns", "get-topic-attributes", "--topic-arn", arn)["Attributes"]
    self.assertEqual(attributes["DisplayName"], "Renamed")
    self.assertEqual(self.json_of("sns", "list-tags-for-resource", "--resource-arn", arn)["Tags"],
                     [{"Key": "team", "Value": "cli"}])
    self.run_aws("sns", "delete-topic", "--topic-arn", arn)
    missing = self.run_aws("sns", "get-topic-attributes", "--topic-arn", arn, check=False)
    self.assertNotEqual(missing.returncode, 0)
    self.assertIn("NotFound", missing.stderr)
    self.assertIn("Topic does not exist", missing.stderr)

  def test_publish_to_a_queue(self):
    topic = self.json_of("sns", "create-topic", "--name", support.unique_name("cli-pub"))["TopicArn"]
    url = self.json_of("sqs", "create-queue", "--queue-name", support.unique_name("cli-q"))["QueueUrl"]
    queue_arn = self.json_of("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names",
                             "QueueArn")["Attributes"]["QueueArn"]
    subscription = self.json_of("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint",
                                queue_arn, "--attributes", '{"RawMessageDelivery":"true"}',
                                "--return-subscription-arn")["SubscriptionArn"]
    listed = self.json_of("sns", "list-subscriptions-by-topic", "--topic-arn", topic)["Subscriptions"]
    self.assertEqual([s["SubscriptionArn"] for s in listed], [subscription])
    published = self.json_of("sns", "publish", "--topic-arn", topic, "--message", "from the cli",
                             "--message-attributes", '{"k":{"DataType":"String","StringValue":"v"}}')
    self.assertIn("MessageId", published)
    received = self.json_of("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "5",
                            "--message-attribute-names", "All")
    self.assertEqual(received["Messages"][0]["Body"], "from the cli")
    self.assertEqual(received["Messages"][0]["MessageAttributes"]["k"]["StringValue"], "v")
    self.run_aws("sns", "unsubscribe", "--subscription-arn", subscription)
    self.assertEqual(self.json_of("sns", "list-subscriptions-by-topic", "--topic-arn", topic)["Subscriptions"], [])

  def test_bad_filter_policy_is_refused(self):
    topic = self.json_of("sns", "create-topic", "--name", support.unique_name("cli-filter"))["TopicArn"]
    result = self.run_aws("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint",
                          "arn:aws:sqs:us-east-1:000000000000:whatever", "--attributes",
                          json.dumps({"FilterPolicy": json.dumps({"a": [{"numeric": [">", "x"]}]})}), check=False)
    self.assertNotEqual(result.returncode, 0)
    self.assertIn("InvalidParameter", result.stderr)
    self.assertIn("FilterPolicy: Value of > must be numeric", result.stderr)


if __name__ == "__main__":
  support.main()
