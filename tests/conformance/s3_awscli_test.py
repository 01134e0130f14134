"""CloudEmu's S3 driven by the aws CLI (`aws s3` and `aws s3api`) as a user would run it."""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import conformance_support as support

MIB = 1024 * 1024
server = None
aws = None
scratch = None


def setUpModule():
  global server, aws, scratch
  aws = support.require_program("aws")
  server = support.shared_server()
  scratch = tempfile.mkdtemp(prefix="cloudemu-awscli-")


def tearDownModule():
  if server:
    server.stop()
  if scratch:
    shutil.rmtree(scratch, ignore_errors=True)


def sha256_of(path):
  with open(path, "rb") as handle:
    return hashlib.sha256(handle.read()).hexdigest()


def write(path, data):
  os.makedirs(os.path.dirname(path), exist_ok=True)
  with open(path, "wb") as handle:
    handle.write(data)


class AwsCliTest(unittest.TestCase):
  def setUp(self):
    self.workdir = tempfile.mkdtemp(dir=scratch)

  def tearDown(self):
    self.assertTrue(server.alive(), "cloudemu serve died during the test")

  def run_aws(self, *args, check=True):
    command = [aws, "--endpoint-url", server.endpoint, *args]
    result = subprocess.run(command, env=support.aws_cli_environment(scratch), capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
      self.fail(f"{' '.join(args)} exited {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
    return result

  def s3api(self, *args):
    output = self.run_aws("s3api", *args, "--output", "json").stdout
    return json.loads(output) if output.strip() else {}

  def make_bucket(self, prefix):
    name = support.unique_name(prefix)
    result = self.run_aws("s3", "mb", f"s3://{name}")
    self.assertIn(f"make_bucket: {name}", result.stdout)
    return name

  def remote_keys(self, bucket):
    listed = self.s3api("list-objects-v2", "--bucket", bucket)
    return sorted(o["Key"] for o in listed.get("Contents", []))

  def test_mb_ls_rb(self):
    bucket = self.make_bucket("cli-mb")
    self.assertIn(bucket, self.run_aws("s3", "ls").stdout.split())
    removed = self.run_aws("s3", "rb", f"s3://{bucket}")
    self.assertIn(f"remove_bucket: {bucket}", removed.stdout)
    self.assertNotIn(bucket, self.run_aws("s3", "ls").stdout.split())

  def test_cp_up_and_down(self):
    bucket = self.make_bucket("cli-cp")
    source = os.path.join(self.workdir, "hello.txt")
    write(source, b"hello from the aws cli\n")
    result = self.run_aws("s3", "cp", source, f"s3://{bucket}/docs/hello.txt", "--content-type", "text/plain",
                          "--metadata", "origin=cli")
    self.assertIn("upload: ", result.stdout)
    head = self.s3api("head-object", "--bucket", bucket, "--key", "docs/hello.txt")
    self.assertEqual((head["ContentLength"], head["ContentType"], head["Metadata"]),
                     (23, "text/plain", {"origin": "cli"}))
    self.assertEqual(head["ETag"], f'"{support.md5_hex(b"hello from the aws cli" + bytes([10]))}"')
    listing = self.run_aws("s3", "ls", f"s3://{bucket}/docs/").stdout
    self.assertRegex(listing, r"\s23 hello\.txt")
    target = os.path.join(self.workdir, "back.txt")
    self.run_aws("s3", "cp", f"s3://{bucket}/docs/hello.txt", target)
    self.assertEqual(sha256_of(target), sha256_of(source))
    top = self.run_aws("s3", "ls", f"s3://{bucket}").stdout
    self.assertIn("PRE docs/", top)

  def test_cp_20_mib_is_multipart(self):
    bucket = self.make_bucket("cli-big")
    source = os.path.join(self.workdir, "big.bin")
    write(source, os.urandom(20 * MIB))
    self.run_aws("s3", "cp", source, f"s3://{bucket}/big.bin")
    head = self.s3api("head-object", "--bucket", bucket, "--key", "big.bin")
    self.assertEqual(head["ContentLength"], 20 * MIB)
    self.assertRegex(head["ETag"], r'^"[0-9a-f]{32}-3"$', "the CLI uploads 20 MiB as three 8 MiB-chunked parts")
    self.assertEqual(self.s3api("list-multipart-uploads", "--bucket", bucket).get("Uploads", []), [])
    target = os.path.join(self.workdir, "big.copy")
    self.run_aws("s3", "cp", f"s3://{bucket}/big.bin", target)
    self.assertEqual(sha256_of(target), sha256_of(source))

  def test_sync_up_and_down(self):
    bucket = self.make_bucket("cli-sync")
    tree = os.path.join(self.workdir, "tree")
    files = {"a.txt": b"a", "sub/b.txt": b"bb", "sub/deeper/c.bin": os.urandom(1000), "space name.txt": b"s"}
    for name, data in files.items():
      write(os.path.join(tree, name), data)
    first = self.run_aws("s3", "sync", tree, f"s3://{bucket}/site/")
    self.assertEqual(first.stdout.count("upload:"), len(files))
    self.assertEqual(self.remote_keys(bucket), sorted(f"site/{name}" for name in files))
    recursive = self.run_aws("s3", "ls", f"s3://{bucket}", "--recursive").stdout
    for name in files:
      self.assertIn(f"site/{name}", recursive)

    second = self.run_aws("s3", "sync", tree, f"s3://{bucket}/site/")
    self.assertEqual(second.stdout.count("upload:"), 0, "an unchanged tree must not be uploaded again")
    write(os.path.join(tree, "a.txt"), b"changed size")
    write(os.path.join(tree, "new.txt"), b"new")
    os.remove(os.path.join(tree, "space name.txt"))
    third = self.run_aws("s3", "sync", tree, f"s3://{bucket}/site/", "--delete")
    self.assertEqual(third.stdout.count("upload:"), 2, third.stdout)
    self.assertEqual(third.stdout.count("delete:"), 1, third.stdout)

    down = os.path.join(self.workdir, "down")
    self.run_aws("s3", "sync", f"s3://{bucket}/site/", down)
    for root, _, names in os.walk(tree):
      for name in names:
        relative = os.path.relpath(os.path.join(root, name), tree)
        self.assertEqual(sha256_of(os.path.join(down, relative)), sha256_of(os.path.join(tree, relative)), relative)
    self.assertFalse(os.path.exists(os.path.join(down, "space name.txt")))

  def test_rm_recursive(self):
    bucket = self.make_bucket("cli-rm")
    for index in range(12):
      path = os.path.join(self.workdir, f"f{index}")
      write(path, str(index).encode())
      self.run_aws("s3", "cp", path, f"s3://{bucket}/{'gone' if index < 10 else 'stay'}/f{index}")
    result = self.run_aws("s3", "rm", f"s3://{bucket}/gone", "--recursive")
    self.assertEqual(result.stdout.count("delete:"), 10)
    self.assertEqual(self.remote_keys(bucket), ["stay/f10", "stay/f11"])

  def test_rb_force(self):
    bucket = self.make_bucket("cli-rbf")
    path = os.path.join(self.workdir, "x")
    write(path, b"x")
    for key in ("a", "b/c", "d/e/f"):
      self.run_aws("s3", "cp", path, f"s3://{bucket}/{key}")
    refused = self.run_aws("s3", "rb", f"s3://{bucket}", check=False)
    self.assertNotEqual(refused.returncode, 0)
    self.assertIn("BucketNotEmpty", refused.stderr)
    self.run_aws("s3", "rb", f"s3://{bucket}", "--force")
    missing = self.run_aws("s3api", "head-bucket", "--bucket", bucket, check=False)
    self.assertNotEqual(missing.returncode, 0)
    self.assertIn("404", missing.stderr)

  def test_presign(self):
    bucket = self.make_bucket("cli-presign")
    path = os.path.join(self.workdir, "p.txt")
    write(path, b"presigned by the cli")
    self.run_aws("s3", "cp", path, f"s3://{bucket}/p.txt")
    url = self.run_aws("s3", "presign", f"s3://{bucket}/p.txt", "--expires-in", "300").stdout.strip()
    self.assertTrue(url.startswith(server.endpoint), url)
    status, _, body = support.http_request(url, "GET", "")
    self.assertEqual((status, body), (200, b"presigned by the cli"))

  def test_s3api_versioning_and_head_object(self):
    bucket = self.make_bucket("cli-ver")
    self.s3api("put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled")
    self.assertEqual(self.s3api("get-bucket-versioning", "--bucket", bucket)["Status"], "Enabled")
    path = os.path.join(self.workdir, "v")
    ids = []
    for content in (b"version one", b"version two!"):
      write(path, content)
      ids.append(self.s3api("put-object", "--bucket", bucket, "--key", "v.txt", "--body", path)["VersionId"])
    self.assertNotEqual(ids[0], ids[1])
    versions = self.s3api("list-object-versions", "--bucket", bucket)["Versions"]
    self.assertEqual([(v["VersionId"], v["IsLatest"], v["Size"]) for v in versions],
                     [(ids[1], True, 12), (ids[0], False, 11)])
    old = self.s3api("head-object", "--bucket", bucket, "--key", "v.txt", "--version-id", ids[0])
    self.assertEqual((old["ContentLength"], old["VersionId"], old["ETag"]),
                     (11, ids[0], f'"{support.md5_hex(b"version one")}"'))
    self.run_aws("s3", "rm", f"s3://{bucket}/v.txt")
    listed = self.s3api("list-object-versions", "--bucket", bucket)
    self.assertEqual(len(listed["Versions"]), 2)
    self.assertEqual([m["IsLatest"] for m in listed["DeleteMarkers"]], [True])
    missing = self.run_aws("s3api", "head-object", "--bucket", bucket, "--key", "v.txt", check=False)
    self.assertNotEqual(missing.returncode, 0)
    self.assertIn("404", missing.stderr)

  def test_errors_reach_the_user(self):
    missing = support.unique_name("cli-none")
    result = self.run_aws("s3", "ls", f"s3://{missing}", check=False)
    self.assertNotEqual(result.returncode, 0)
    self.assertIn("NoSuchBucket", result.stderr)


if __name__ == "__main__":
  support.main()
