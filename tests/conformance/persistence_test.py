"""The internal endpoints (/_cloudemu/health, resources, reset, snapshot) and
LMDB persistence of `cloudemu serve --data-dir` across kill -9 and restarts."""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import conformance_support as support

MIB = 1024 * 1024


def setUpModule():
  support.require_module("boto3")


class InternalEndpointsTest(unittest.TestCase):
  @classmethod
  def setUpClass(cls):
    cls.server = support.Server().start()

  @classmethod
  def tearDownClass(cls):
    cls.server.stop()

  def setUp(self):
    self.s3 = support.boto3_client(self.server.endpoint)

  def tearDown(self):
    support.assert_healthy(self, self.server.endpoint)

  def populate(self):
    bucket = support.unique_name("state")
    self.s3.create_bucket(Bucket=bucket)
    self.s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    self.s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "env", "Value": "snap"}]})
    objects = {"dir/obj.txt": b"first object", "other key": os.urandom(3000)}
    etags = {key: self.s3.put_object(Bucket=bucket, Key=key, Body=body)["ETag"] for key, body in objects.items()}
    return bucket, objects, etags

  def assert_state(self, bucket, objects, etags):
    self.assertIn(bucket, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])
    self.assertEqual(self.s3.get_bucket_versioning(Bucket=bucket).get("Status"), "Enabled")
    self.assertEqual(self.s3.get_bucket_tagging(Bucket=bucket)["TagSet"], [{"Key": "env", "Value": "snap"}])
    for key, body in objects.items():
      got = self.s3.get_object(Bucket=bucket, Key=key)
      self.assertEqual((got["Body"].read(), got["ETag"]), (body, etags[key]), key)

  def reset(self):
    status, body = support.internal(self.server.endpoint, "POST", "reset")
    self.assertIn(status, (200, 204), f"POST /_cloudemu/reset: {status} {body[:300]!r}")

  def test_health(self):
    status, body = support.internal(self.server.endpoint, "GET", "health")
    self.assertEqual(status, 200, body)
    self.assertTrue(body.strip(), "health answers with a body")

  def test_resources_lists_buckets_and_object_keys(self):
    bucket, objects, _ = self.populate()
    listing = support.resources(self.server.endpoint)
    s3 = listing.get("services", {}).get("s3")
    self.assertIsNotNone(s3, f"no services.s3 in /_cloudemu/resources: {str(listing)[:500]}")
    strings = list(support.strings_in(s3))
    self.assertIn(bucket, strings, "the bucket is listed")
    for key in objects:
      self.assertTrue(any(key in value for value in strings), f"object key {key!r} is not in {strings[:40]}")

  def test_reset_forgets_everything(self):
    bucket, _, _ = self.populate()
    self.reset()
    self.assertEqual(self.s3.list_buckets()["Buckets"], [])
    self.assertNotIn(bucket, list(support.strings_in(support.resources(self.server.endpoint))))
    # The emulator keeps working after a reset.
    self.s3.create_bucket(Bucket=bucket)
    self.s3.put_object(Bucket=bucket, Key="after-reset", Body=b"x")
    self.assertEqual(self.s3.get_object(Bucket=bucket, Key="after-reset")["Body"].read(), b"x")

  def test_snapshot_round_trip(self):
    bucket, objects, etags = self.populate()
    status, snapshot = support.internal(self.server.endpoint, "GET", "snapshot")
    self.assertEqual(status, 200, snapshot[:300])
    document = json.loads(snapshot)
    self.assertIn("cloudemu-snapshot", list(support.strings_in(document)), "the snapshot names its format")
    self.reset()
    self.assertEqual(self.s3.list_buckets()["Buckets"], [])
    status, body = support.internal(self.server.endpoint, "POST", "snapshot", body=snapshot)
    self.assertIn(status, (200, 204), f"POST /_cloudemu/snapshot: {status} {body[:300]!r}")
    self.assert_state(bucket, objects, etags)
    # A restore replaces the state: what was created after the snapshot is gone.
    later = support.unique_name("later")
    self.s3.create_bucket(Bucket=later)
    support.internal(self.server.endpoint, "POST", "snapshot", body=snapshot)
    self.assertNotIn(later, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])

  def test_restore_refuses_garbage_and_keeps_state(self):
    bucket, objects, etags = self.populate()
    for garbage in (b"not json", b'{"format": "something-else", "version": 99}', b""):
      with self.subTest(body=garbage):
        status, body = support.internal(self.server.endpoint, "POST", "snapshot", body=garbage)
        self.assertGreaterEqual(status, 400, f"POST /_cloudemu/snapshot {garbage!r} answered {status} {body[:200]!r}")
        self.assertLess(status, 500, f"POST /_cloudemu/snapshot {garbage!r} answered {status} {body[:200]!r}")
        self.assert_state(bucket, objects, etags)


class DataDirTest(unittest.TestCase):
  def setUp(self):
    self.data_dir = tempfile.mkdtemp(prefix="cloudemu-data-")
    self.servers = []

  def tearDown(self):
    for server in self.servers:
      server.kill()
    shutil.rmtree(self.data_dir, ignore_errors=True)

  def start(self):
    server = support.Server(data_dir=self.data_dir).start()
    self.servers.append(server)
    return server, support.boto3_client(server.endpoint)

  def test_kill_9_keeps_every_acknowledged_write(self):
    server, s3 = self.start()
    bucket = support.unique_name("durable")
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    acknowledged = {}
    for index in range(40):
      key = f"objects/{index:03d}"
      body = os.urandom(index * 997)
      acknowledged[key] = (hashlib.sha256(body).hexdigest(), s3.put_object(Bucket=bucket, Key=key, Body=body)["ETag"])
    versions = [s3.put_object(Bucket=bucket, Key="versioned", Body=f"v{n}".encode())["VersionId"] for n in range(3)]
    upload = s3.create_multipart_upload(Bucket=bucket, Key="multipart")["UploadId"]
    parts = [os.urandom(5 * MIB), b"end"]
    etags = [s3.upload_part(Bucket=bucket, Key="multipart", UploadId=upload, PartNumber=n + 1, Body=p)["ETag"]
             for n, p in enumerate(parts)]
    s3.complete_multipart_upload(Bucket=bucket, Key="multipart", UploadId=upload, MultipartUpload={
        "Parts": [{"PartNumber": n + 1, "ETag": e} for n, e in enumerate(etags)]})
    pending = s3.create_multipart_upload(Bucket=bucket, Key="pending")["UploadId"]
    server.kill()

    server, s3 = self.start()
    self.assertEqual(s3.get_bucket_versioning(Bucket=bucket).get("Status"), "Enabled")
    self.assertEqual(s3.get_bucket_tagging(Bucket=bucket)["TagSet"], [{"Key": "k", "Value": "v"}])
    for key, (digest, etag) in acknowledged.items():
      got = s3.get_object(Bucket=bucket, Key=key)
      self.assertEqual((hashlib.sha256(got["Body"].read()).hexdigest(), got["ETag"]), (digest, etag), key)
    listed = s3.list_object_versions(Bucket=bucket, Prefix="versioned")["Versions"]
    self.assertEqual([v["VersionId"] for v in listed], list(reversed(versions)))
    self.assertEqual(s3.get_object(Bucket=bucket, Key="multipart")["Body"].read(), b"".join(parts))
    uploads = s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    self.assertEqual([u["UploadId"] for u in uploads], [pending])
    # boto3 still holds idle keep-alive connections here, as a user's client would.
    self.assertEqual(server.stop(), 0, "SIGTERM must stop cloudemu serve within 15 s even with idle keep-alive "
                     f"connections open (-9: it had to be killed); stderr: {server.stderr()}")

  def test_second_server_on_the_same_directory_fails_clearly(self):
    server, s3 = self.start()
    s3.create_bucket(Bucket="still-served")
    result = subprocess.run([support.cloudemu_bin(), "serve", "--port", "0", "--data-dir", self.data_dir],
                            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    self.assertNotEqual(result.returncode, 0, f"a second serve on {self.data_dir} must fail; stdout: {result.stdout}")
    self.assertIsNone(support.ENDPOINT_PATTERN.search(result.stdout), "the failed server printed an endpoint")
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    self.assertEqual(len(lines), 1, f"expected a one-line error, got: {result.stderr!r}")
    self.assertRegex(lines[0].lower(), r"lock|in use|already|another", lines[0])
    self.assertTrue(server.alive())
    self.assertEqual([b["Name"] for b in s3.list_buckets()["Buckets"]], ["still-served"])

  def test_reset_is_persistent(self):
    server, s3 = self.start()
    s3.create_bucket(Bucket="to-be-reset")
    status, _ = support.internal(server.endpoint, "POST", "reset")
    self.assertIn(status, (200, 204))
    server.stop()
    server, s3 = self.start()
    self.assertEqual(s3.list_buckets()["Buckets"], [])


if __name__ == "__main__":
  support.main()
