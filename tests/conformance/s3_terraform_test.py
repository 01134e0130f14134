"""Terraform with the real hashicorp/aws provider against `cloudemu serve`:
init (offline, from the provider mirror) -> apply -> plan (no changes) ->
change a tag and apply -> plan (no changes) -> destroy, checking the
emulator's state through /_cloudemu/resources and raw S3 reads between steps."""

import unittest
import xml.etree.ElementTree as ET

import conformance_support as support
import raw_s3
import terraform_support

OBJECT_KEY = "site/index.html"

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


class TerraformTest(unittest.TestCase):
  def setUp(self):
    self.workdir = terraform_support.TerraformWorkdir(self, terraform, mirror, "s3", server.endpoint)
    self.bucket = support.unique_name("tf")
    self.raw = raw_s3.RawClient(server.port)

  def tearDown(self):
    self.workdir.remove()

  def terraform(self, *args, revision="v1", expect=(0,)):
    return self.workdir.run(*args, variables={"bucket_name": self.bucket, "revision": revision}, expect=expect)

  def s3_strings(self):
    listing = support.resources(server.endpoint)
    return list(support.strings_in(listing.get("services", {}).get("s3", [])))

  def bucket_tags(self):
    response = self.raw.request("GET", f"/{self.bucket}", query=[("tagging", "")])
    self.assertEqual(response.status, 200, response)
    root = ET.fromstring(response.body)
    return {tag.findtext("{*}Key"): tag.findtext("{*}Value") for tag in root.findall(".//{*}Tag")}

  def test_apply_plan_update_destroy(self):
    init = self.terraform("init")
    self.assertIn("Terraform has been successfully initialized", init.stdout)

    self.terraform("apply", "-auto-approve")
    strings = self.s3_strings()
    self.assertIn(self.bucket, strings, "the bucket is in /_cloudemu/resources after apply")
    self.assertTrue(any(OBJECT_KEY in s for s in strings), "the object is in /_cloudemu/resources after apply")
    self.assertEqual(self.bucket_tags(), {"Project": "cloudemu-conformance", "Revision": "v1"})
    page = self.raw.request("GET", f"/{self.bucket}/{OBJECT_KEY}")
    self.assertEqual((page.status, page.body), (200, b"<html><body>hello from terraform</body></html>"))
    self.assertEqual(page.headers.get("content-type"), "text/html")
    versioning = self.raw.request("GET", f"/{self.bucket}", query=[("versioning", "")])
    self.assertEqual(ET.fromstring(versioning.body).findtext("{*}Status"), "Enabled")

    plan = self.terraform("plan", "-detailed-exitcode", expect=(0, 2))
    self.assertEqual(plan.returncode, 0, f"the plan after apply must be empty:\n{plan.stdout[-4000:]}")

    self.terraform("apply", "-auto-approve", revision="v2")
    self.assertEqual(self.bucket_tags(), {"Project": "cloudemu-conformance", "Revision": "v2"})
    plan = self.terraform("plan", "-detailed-exitcode", revision="v2", expect=(0, 2))
    self.assertEqual(plan.returncode, 0, f"the plan after the tag update must be empty:\n{plan.stdout[-4000:]}")

    self.terraform("destroy", "-auto-approve", revision="v2")
    self.assertNotIn(self.bucket, self.s3_strings(), "the bucket is gone after destroy")
    self.assertEqual(self.raw.request("HEAD", f"/{self.bucket}").status, 404)


if __name__ == "__main__":
  support.main()
