"""CloudEmu's DynamoDB driven by the aws CLI as a user would run it, including the
exit codes and messages of failed calls (service errors exit 255 with CLI v1 and 254
with v2; parameter errors the CLI catches itself exit 2 / 252)."""

import json
import shutil
import subprocess
import tempfile
import unittest
import uuid

import conformance_support as support

SERVICE_ERROR = (254, 255)
USAGE_ERROR = (2, 252)

server = None
aws = None
scratch = None


def setUpModule():
  global server, aws, scratch
  aws = support.require_program("aws")
  server = support.shared_server()
  scratch = tempfile.mkdtemp(prefix="cloudemu-awscli-ddb-")


def tearDownModule():
  if server:
    server.stop()
  if scratch:
    shutil.rmtree(scratch, ignore_errors=True)


class DynamoDBCliTest(unittest.TestCase):
  def aws(self, *args, expect=(0,)):
    result = subprocess.run([aws, "--endpoint-url", server.endpoint, "--output", "json", *args],
                            env=support.aws_cli_environment(scratch, AWS_MAX_ATTEMPTS="1"), capture_output=True, text=True, timeout=120)
    self.assertIn(result.returncode, expect, f"aws {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout) if result.returncode == 0 and result.stdout.strip() else result

  def test_table_and_item_round_trip(self):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    created = self.aws("dynamodb", "create-table", "--table-name", name, "--billing-mode", "PAY_PER_REQUEST",
                       "--attribute-definitions", "AttributeName=id,AttributeType=S",
                       "--key-schema", "AttributeName=id,KeyType=HASH")
    self.assertEqual(created["TableDescription"]["TableName"], name)
    self.aws("dynamodb", "wait", "table-exists", "--table-name", name)
    self.aws("dynamodb", "put-item", "--table-name", name,
             "--item", json.dumps({"id": {"S": "1"}, "n": {"N": "10"}}))
    got = self.aws("dynamodb", "get-item", "--table-name", name, "--key", json.dumps({"id": {"S": "1"}}))
    self.assertEqual(got["Item"], {"id": {"S": "1"}, "n": {"N": "10"}})
    scanned = self.aws("dynamodb", "scan", "--table-name", name)
    self.assertEqual(scanned["Count"], 1)
    self.assertIn(name, self.aws("dynamodb", "list-tables")["TableNames"])
    self.aws("dynamodb", "delete-table", "--table-name", name)

  def test_service_errors_exit_with_the_cli_error_code(self):
    missing = self.aws("dynamodb", "describe-table", "--table-name", "no-such-table-here", expect=SERVICE_ERROR)
    self.assertIn("ResourceNotFoundException", missing.stderr)
    self.assertIn("Requested resource not found: Table: no-such-table-here not found", missing.stderr)
    name = f"cli-{uuid.uuid4().hex[:8]}"
    self.aws("dynamodb", "create-table", "--table-name", name, "--billing-mode", "PAY_PER_REQUEST",
             "--attribute-definitions", "AttributeName=id,AttributeType=S",
             "--key-schema", "AttributeName=id,KeyType=HASH")
    self.aws("dynamodb", "put-item", "--table-name", name, "--item", json.dumps({"id": {"S": "1"}}))
    failed = self.aws("dynamodb", "put-item", "--table-name", name, "--item", json.dumps({"id": {"S": "1"}}),
                      "--condition-expression", "attribute_not_exists(id)", expect=SERVICE_ERROR)
    self.assertIn("ConditionalCheckFailedException", failed.stderr)
    bad_key = self.aws("dynamodb", "get-item", "--table-name", name, "--key", json.dumps({"nope": {"S": "1"}}),
                       expect=SERVICE_ERROR)
    self.assertIn("The provided key element does not match the schema", bad_key.stderr)

  def test_missing_parameters_are_caught_by_the_cli(self):
    self.aws("dynamodb", "get-item", "--table-name", "x", expect=USAGE_ERROR)


if __name__ == "__main__":
  support.main()
