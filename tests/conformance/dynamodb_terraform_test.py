"""Terraform with the real hashicorp/aws provider against `cloudemu serve`:
an aws_dynamodb_table with hash and range keys, a GSI, an LSI, TTL and tags.
init -> apply -> plan (no changes) -> change a tag and the GSI's projection,
apply -> plan (no changes) -> destroy, checking the table through boto3
between steps."""

import unittest
import uuid

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


class DynamoDBTerraformTest(unittest.TestCase):
  def setUp(self):
    import boto3
    self.workdir = terraform_support.TerraformWorkdir(self, terraform, mirror, "dynamodb", server.endpoint)
    self.table = f"tf-{uuid.uuid4().hex[:10]}"
    self.ddb = boto3.client("dynamodb", endpoint_url=server.endpoint, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test")

  def tearDown(self):
    self.workdir.remove()

  def terraform(self, *args, revision="v1", projection="ALL", expect=(0,)):
    variables = {"table_name": self.table, "revision": revision, "gsi_projection": projection}
    return self.workdir.run(*args, variables=variables, expect=expect)

  def describe(self):
    return self.ddb.describe_table(TableName=self.table)["Table"]

  def tags(self):
    arn = self.describe()["TableArn"]
    return {tag["Key"]: tag["Value"] for tag in self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]}

  def assert_empty_plan(self, when, **variables):
    plan = self.terraform("plan", "-detailed-exitcode", expect=(0, 2), **variables)
    self.assertEqual(plan.returncode, 0, f"the plan {when} must be empty:\n{plan.stdout[-4000:]}")

  def test_apply_plan_update_destroy(self):
    init = self.terraform("init")
    self.assertIn("Terraform has been successfully initialized", init.stdout)

    self.terraform("apply", "-auto-approve")
    table = self.describe()
    self.assertEqual(table["TableStatus"], "ACTIVE")
    self.assertEqual([k["AttributeName"] for k in table["KeySchema"]], ["customer", "order_id"])
    self.assertEqual(table["GlobalSecondaryIndexes"][0]["Projection"]["ProjectionType"], "ALL")
    self.assertEqual(table["LocalSecondaryIndexes"][0]["IndexName"], "by_placed_at")
    ttl = self.ddb.describe_time_to_live(TableName=self.table)["TimeToLiveDescription"]
    self.assertEqual(ttl, {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"})
    self.assertEqual(self.tags(), {"Project": "cloudemu-conformance", "Revision": "v1"})
    listing = support.resources(server.endpoint)
    self.assertIn(self.table, list(support.strings_in(listing.get("services", {}).get("dynamodb", []))))
    self.assert_empty_plan("after apply")

    self.terraform("apply", "-auto-approve", revision="v2", projection="KEYS_ONLY")
    self.assertEqual(self.tags(), {"Project": "cloudemu-conformance", "Revision": "v2"})
    self.assertEqual(self.describe()["GlobalSecondaryIndexes"][0]["Projection"]["ProjectionType"], "KEYS_ONLY")
    self.assert_empty_plan("after the update", revision="v2", projection="KEYS_ONLY")

    self.terraform("destroy", "-auto-approve", revision="v2", projection="KEYS_ONLY")
    self.assertNotIn(self.table, self.ddb.list_tables()["TableNames"])


if __name__ == "__main__":
  support.main()
