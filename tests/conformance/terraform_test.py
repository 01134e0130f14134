"""Terraform with the real hashicorp/aws provider against `cloudemu serve`:
init (offline, from the provider mirror) -> apply -> plan (no changes) ->
change a tag and apply -> plan (no changes) -> destroy, checking the
emulator's state through /_cloudemu/resources and raw S3 reads between steps."""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

import conformance_support as support
import raw_s3

CONFIG_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "terraform")
OBJECT_KEY = "site/index.html"
# Where machine images and users put provider mirrors; TF_PROVIDER_MIRROR wins.
MIRROR_CANDIDATES = ["/opt/tf-plugins", "~/.terraform.d/plugins", "~/.local/share/terraform/plugins",
                     "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins"]
SEARCH_ROOTS = ["/opt", "/usr/local", "/usr/share", "~"]

server = None
terraform = None
mirror = None


def is_mirror(path):
  pattern = os.path.join(path, "registry.terraform.io", "hashicorp", "aws", "*", "*", "terraform-provider-aws*")
  return bool(glob.glob(pattern))


def find_provider_mirror():
  explicit = os.environ.get("TF_PROVIDER_MIRROR")
  candidates = ([explicit] if explicit else []) + [os.path.expanduser(p) for p in MIRROR_CANDIDATES]
  for candidate in candidates:
    if is_mirror(candidate):
      return candidate
  for root in SEARCH_ROOTS:
    for directory, subdirs, files in os.walk(os.path.expanduser(root)):
      if directory.count(os.sep) > 8:
        subdirs[:] = []
        continue
      if any(name.startswith("terraform-provider-aws") for name in files):
        # <mirror>/registry.terraform.io/hashicorp/aws/<version>/<platform>/terraform-provider-aws_*
        candidate = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(directory)))))
        if is_mirror(candidate):
          return candidate
  return None


def setUpModule():
  global server, terraform, mirror
  terraform = support.require_program("terraform")
  mirror = find_provider_mirror()
  if not mirror:
    support.skip_suite("no hashicorp/aws provider mirror on this machine")
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


class TerraformTest(unittest.TestCase):
  def setUp(self):
    self.workdir = tempfile.mkdtemp(prefix="cloudemu-tf-")
    for name in ("main.tf", ".terraform.lock.hcl"):
      shutil.copy(os.path.join(CONFIG_DIR, name), self.workdir)
    rc_path = os.path.join(self.workdir, "terraformrc")
    with open(rc_path, "w") as handle:
      handle.write(f"""provider_installation {{
  filesystem_mirror {{
    path    = "{mirror}"
    include = ["hashicorp/*"]
  }}
  direct {{
    exclude = ["hashicorp/*"]
  }}
}}
disable_checkpoint = true
""")
    self.env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "AWS_"))}
    self.env.update({"TF_CLI_CONFIG_FILE": rc_path, "TF_IN_AUTOMATION": "1", "TF_INPUT": "0",
                     "CHECKPOINT_DISABLE": "1"})
    self.bucket = support.unique_name("tf")
    self.raw = raw_s3.RawClient(server.port)

  def tearDown(self):
    shutil.rmtree(self.workdir, ignore_errors=True)

  def terraform(self, *args, revision="v1", expect=(0,)):
    command = [terraform, *args, "-no-color", "-input=false"]
    if args[0] != "init":
      command += ["-var", f"endpoint={server.endpoint}", "-var", f"bucket_name={self.bucket}",
                  "-var", f"revision={revision}"]
    started = time.monotonic()
    result = subprocess.run(command, cwd=self.workdir, env=self.env, capture_output=True, text=True, timeout=600)
    print(f"terraform {args[0]} ({revision}): exit {result.returncode} in {time.monotonic() - started:.1f} s",
          file=sys.stderr, flush=True)
    if result.returncode not in expect:
      self.fail(f"terraform {' '.join(args)} exited {result.returncode} (wanted {expect})\n"
                f"--- stdout\n{result.stdout[-6000:]}\n--- stderr\n{result.stderr[-6000:]}")
    return result

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
