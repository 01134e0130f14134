"""Terraform with the real hashicorp/aws provider against `cloudemu serve`: init (offline, from the provider mirror)
-> apply (standard and FIFO topics, a queue with its policy, a raw-delivery subscription with a filter policy)
-> plan (no changes) -> change a tag and apply -> plan (no changes) -> destroy, checking with boto3 between steps
that the subscription delivers and filters."""

import json
import unittest

import conformance_support as support
import terraform_support

server = None
terraform = None
mirror = None


def setUpModule():
  global server, terraform, mirror
  support.require_module("boto3")
  terraform, mirror = terraform_support.require_terraform()
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


def client(name):
  import boto3
  return boto3.client(name, endpoint_url=server.endpoint, region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test")


class SnsTerraformTest(unittest.TestCase):
  def setUp(self):
    self.workdir = terraform_support.TerraformWorkdir(self, terraform, mirror, "sns", server.endpoint)
    self.prefix = support.unique_name("tf")

  def tearDown(self):
    self.workdir.remove()

  def variables(self, revision):
    return {"prefix": self.prefix, "revision": revision}

  def sns_resources(self):
    return support.resources(server.endpoint).get("services", {}).get("sns", [])

  def test_apply_plan_update_destroy(self):
    self.workdir.init()
    self.workdir.apply(self.variables("v1"))

    sns, sqs = client("sns"), client("sqs")
    topic = next(t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith(self.prefix + "-events"))
    inbox_url = sqs.get_queue_url(QueueName=self.prefix + "-inbox")["QueueUrl"]
    self.assertEqual(sns.list_tags_for_resource(ResourceArn=topic)["Tags"],
                     [{"Key": "Project", "Value": "cloudemu-conformance"}, {"Key": "Revision", "Value": "v1"}])
    subscription = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"][0]["SubscriptionArn"]
    attributes = sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
    self.assertEqual(attributes["RawMessageDelivery"], "true")
    self.assertEqual(json.loads(attributes["FilterPolicy"]), {"kind": ["order", "refund"]})
    ledger = [r for r in self.sns_resources() if r["type"] == "sns:topic" and r["id"].endswith("-ledger.fifo")]
    self.assertEqual(len(ledger), 1)
    self.assertTrue(ledger[0]["attributes"]["fifo"])

    # The subscription Terraform made delivers, filtered.
    for kind in ("audit", "order"):
      sns.publish(TopicArn=topic, Message=f"a {kind}",
                  MessageAttributes={"kind": {"DataType": "String", "StringValue": kind}})
    received = sqs.receive_message(QueueUrl=inbox_url, MaxNumberOfMessages=10, WaitTimeSeconds=2)
    self.assertEqual([m["Body"] for m in received.get("Messages", [])], ["a order"])

    self.workdir.assert_no_changes(self.variables("v1"))
    self.workdir.apply(self.variables("v2"))
    self.assertIn({"Key": "Revision", "Value": "v2"}, sns.list_tags_for_resource(ResourceArn=topic)["Tags"])
    self.workdir.assert_no_changes(self.variables("v2"), when="after the tag update")

    self.workdir.destroy(self.variables("v2"))
    self.assertFalse([r for r in self.sns_resources() if self.prefix in r["id"]], "SNS resources left after destroy")


if __name__ == "__main__":
  support.main()
