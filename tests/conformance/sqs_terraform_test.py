"""Terraform with the real hashicorp/aws provider against `cloudemu serve`: an SQS stack (a queue redriving to a
dead-letter queue, a FIFO queue, a queue policy) through init -> apply -> plan (no changes) -> destroy, checking
the emulator's state through /_cloudemu/resources between steps."""

import unittest
import uuid

import conformance_support as support
import terraform_support

server = None
terraform = None
mirror = None


def setUpModule():
  global server, terraform, mirror
  terraform, mirror = terraform_support.require_terraform()
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


class SqsTerraformTest(unittest.TestCase):
  def setUp(self):
    self.workdir = terraform_support.TerraformWorkdir(self, terraform, mirror, "sqs", server.endpoint)
    self.prefix = f"tf-{uuid.uuid4().hex[:8]}"

  def tearDown(self):
    self.workdir.remove()

  def queues(self):
    listing = support.resources(server.endpoint)
    return {q["id"]: q for q in listing.get("services", {}).get("sqs", [])}

  def test_apply_plan_destroy(self):
    variables = {"prefix": self.prefix}
    self.workdir.init()
    self.workdir.apply(variables)
    queues = self.queues()
    for suffix in ("-dlq", "-work", "-ordered.fifo"):
      self.assertIn(self.prefix + suffix, queues, f"{suffix} is in /_cloudemu/resources after apply")
    self.assertTrue(queues[self.prefix + "-ordered.fifo"]["attributes"]["fifo"])
    self.workdir.assert_no_changes(variables)
    self.workdir.destroy(variables)
    remaining = [name for name in self.queues() if name.startswith(self.prefix)]
    self.assertEqual(remaining, [], "every queue is gone after destroy")


if __name__ == "__main__":
  support.main()
