"""Bad and unusual input on the wire: every answer must be AWS's S3 XML error
(exact code and status where AWS documents one) and the server must stay up.
Also the aws-chunked encodings other SDKs send, complete and truncated."""

import base64
import hashlib
import os
import unittest
import xml.etree.ElementTree as ET

import conformance_support as support
import raw_s3

server = None


def setUpModule():
  global server
  server = support.shared_server()


def tearDownModule():
  if server:
    server.stop()


def content_md5(body):
  return base64.b64encode(hashlib.md5(body).digest()).decode()


class RawTestCase(unittest.TestCase):
  @classmethod
  def setUpClass(cls):
    cls.raw = raw_s3.RawClient(server.port)
    cls.bucket = support.unique_name("raw")
    created = cls.raw.request("PUT", "/" + cls.bucket)
    if created.status != 200:
      raise AssertionError(f"PUT /{cls.bucket} answered {created}")

  def tearDown(self):
    support.assert_healthy(self, server.endpoint)

  def assert_s3_error(self, response, status, codes, what):
    if isinstance(codes, str):
      codes = (codes,)
    self.assertEqual(response.status, status, f"{what}: {response}")
    try:
      code, message = support.s3_error(response.body)
    except Exception as error:  # noqa: BLE001 - any parse failure is the finding
      self.fail(f"{what}: answer is not an S3 XML error ({error}): {response}")
    self.assertIn(code, codes, f"{what}: {response}")
    self.assertTrue(message, f"{what}: <Message> is empty: {response}")
    self.assertIn("application/xml", response.headers.get("content-type", ""), f"{what}: {response.headers}")
    return code

  def assert_absent(self, key):
    head = self.raw.request("HEAD", f"/{self.bucket}/{key}")
    self.assertEqual(head.status, 404, f"{key} must not exist after a refused upload: {head}")


class MalformedXmlTest(RawTestCase):
  def put_xml(self, query, body, path=None):
    return self.raw.request("PUT", path or "/" + self.bucket, query=[(query, "")], body=body,
                            headers={"Content-MD5": content_md5(body), "Content-Type": "application/xml"})

  def test_truncated_tagging(self):
    response = self.put_xml("tagging", b"<Tagging><TagSet><Tag><Key>k</Key>")
    self.assert_s3_error(response, 400, "MalformedXML", "PutBucketTagging with truncated XML")
    self.assert_s3_error(self.raw.request("GET", "/" + self.bucket, query=[("tagging", "")]), 404, "NoSuchTagSet",
                         "GetBucketTagging after a refused put")

  def test_not_xml_versioning(self):
    response = self.put_xml("versioning", b"this is not xml at all")
    self.assert_s3_error(response, 400, "MalformedXML", "PutBucketVersioning with a text body")

  def test_wrong_root_element(self):
    response = self.put_xml("cors", b"<Foo><Bar/></Foo>")
    self.assert_s3_error(response, 400, "MalformedXML", "PutBucketCors with another document")

  def test_invalid_versioning_status(self):
    body = b"<VersioningConfiguration><Status>Sometimes</Status></VersioningConfiguration>"
    self.assert_s3_error(self.put_xml("versioning", body), 400,
                         ("MalformedXML", "IllegalVersioningConfigurationException"), "Status=Sometimes")

  def test_delete_objects_malformed_and_too_many(self):
    body = b"<Delete><Object><Key>k</Key></Object>"
    response = self.raw.request("POST", "/" + self.bucket, query=[("delete", "")], body=body,
                                headers={"Content-MD5": content_md5(body)})
    self.assert_s3_error(response, 400, "MalformedXML", "DeleteObjects with unclosed XML")
    many = ("<Delete>" + "".join(f"<Object><Key>k{i}</Key></Object>" for i in range(1001)) + "</Delete>").encode()
    response = self.raw.request("POST", "/" + self.bucket, query=[("delete", "")], body=many,
                                headers={"Content-MD5": content_md5(many)})
    self.assert_s3_error(response, 400, "MalformedXML", "DeleteObjects with 1001 keys")

  def test_create_bucket_configuration_malformed(self):
    name = support.unique_name("badcfg")
    response = self.raw.request("PUT", "/" + name, body=b"<CreateBucketConfiguration><LocationConstraint>")
    self.assert_s3_error(response, 400, "MalformedXML", "CreateBucket with truncated configuration")
    self.assertEqual(self.raw.request("HEAD", "/" + name).status, 404)

  def test_complete_multipart_malformed_and_empty(self):
    created = self.raw.request("POST", f"/{self.bucket}/mpu", query=[("uploads", "")])
    self.assertEqual(created.status, 200, created)
    upload_id = ET.fromstring(created.body).findtext("{*}UploadId")
    for body, what in ((b"<CompleteMultipartUpload><Part>", "truncated"),
                       (b"<CompleteMultipartUpload></CompleteMultipartUpload>", "no parts")):
      response = self.raw.request("POST", f"/{self.bucket}/mpu", query=[("uploadId", upload_id)], body=body)
      self.assert_s3_error(response, 400, "MalformedXML", f"CompleteMultipartUpload, {what}")
    self.assert_absent("mpu")

  def test_empty_body_where_xml_is_required(self):
    response = self.put_xml("tagging", b"")
    self.assert_s3_error(response, 400, ("MissingRequestBodyError", "MalformedXML"), "PutBucketTagging, empty body")


class InvalidBucketNameTest(RawTestCase):
  def test_invalid_names(self):
    for name in ("ab", "UPPERCASE", "under_score", "-dash", "dash-", "a..b", "10.0.0.1", "x" * 64,
                 "sthree-name", "name--ol-s3"):
      with self.subTest(name=name):
        response = self.raw.request("PUT", "/" + name)
        self.assert_s3_error(response, 400, "InvalidBucketName", f"CreateBucket {name}")
        self.assertEqual(ET.fromstring(response.body).findtext("BucketName"), name)


class MissingAndInvalidParametersTest(RawTestCase):
  def test_put_object_without_content_length(self):
    response = self.raw.request("PUT", f"/{self.bucket}/no-length", content_length=False)
    self.assert_s3_error(response, 411, "MissingContentLength", "PutObject without Content-Length")
    self.assert_absent("no-length")

  def test_delete_objects_without_content_md5(self):
    body = b"<Delete><Object><Key>k</Key></Object></Delete>"
    response = self.raw.request("POST", "/" + self.bucket, query=[("delete", "")], body=body)
    self.assert_s3_error(response, 400, "InvalidRequest", "DeleteObjects without Content-MD5 or checksum")

  def test_copy_source_without_key(self):
    response = self.raw.request("PUT", f"/{self.bucket}/copy", headers={"x-amz-copy-source": self.bucket})
    self.assert_s3_error(response, 400, "InvalidArgument", "CopyObject with x-amz-copy-source naming no key")

  def test_bad_max_keys(self):
    for value in ("abc", "-1"):
      with self.subTest(max_keys=value):
        response = self.raw.request("GET", "/" + self.bucket, query=[("max-keys", value)])
        self.assert_s3_error(response, 400, "InvalidArgument", f"ListObjects max-keys={value}")

  def test_bad_continuation_token(self):
    response = self.raw.request("GET", "/" + self.bucket, query=[("list-type", "2"),
                                                               ("continuation-token", "!!not-a-token!!")])
    self.assert_s3_error(response, 400, "InvalidArgument", "ListObjectsV2 with a forged continuation token")

  def test_bad_version_id(self):
    self.raw.request("PUT", f"/{self.bucket}/versioned", body=b"x")
    response = self.raw.request("GET", f"/{self.bucket}/versioned", query=[("versionId", "garbage")])
    self.assert_s3_error(response, 400, "InvalidArgument", "GetObject versionId=garbage")

  def test_bad_part_number(self):
    created = self.raw.request("POST", f"/{self.bucket}/parts", query=[("uploads", "")])
    upload_id = ET.fromstring(created.body).findtext("{*}UploadId")
    for number in ("0", "10001", "x"):
      with self.subTest(part=number):
        response = self.raw.request("PUT", f"/{self.bucket}/parts", query=[("partNumber", number),
                                                                         ("uploadId", upload_id)], body=b"p")
        self.assert_s3_error(response, 400, "InvalidArgument", f"UploadPart partNumber={number}")

  def test_bad_storage_class_and_acl(self):
    response = self.raw.request("PUT", f"/{self.bucket}/sc", body=b"x", headers={"x-amz-storage-class": "BOGUS"})
    self.assert_s3_error(response, 400, "InvalidStorageClass", "PutObject x-amz-storage-class: BOGUS")
    response = self.raw.request("PUT", f"/{self.bucket}/acl", body=b"x", headers={"x-amz-acl": "everyone-rw"})
    self.assert_s3_error(response, 400, "InvalidArgument", "PutObject x-amz-acl: everyone-rw")
    self.assert_absent("sc")
    self.assert_absent("acl")

  def test_unparseable_range_is_ignored(self):
    self.raw.request("PUT", f"/{self.bucket}/ranged", body=b"0123456789")
    response = self.raw.request("GET", f"/{self.bucket}/ranged", headers={"Range": "bytes=abc"})
    self.assertEqual((response.status, response.body), (200, b"0123456789"), "AWS ignores an unparseable Range")

  def test_invalid_uri_encoding(self):
    response = self.raw.request("GET", f"/{self.bucket}/bad%zzkey")
    self.assert_s3_error(response, 400, "InvalidURI", "GET with an invalid percent-escape")


class UnknownOperationTest(RawTestCase):
  def test_unsupported_methods(self):
    for path in ("/" + self.bucket, f"/{self.bucket}/key"):
      with self.subTest(path=path):
        response = self.raw.request("PATCH", path, body=b"x")
        self.assert_s3_error(response, 405, "MethodNotAllowed", f"PATCH {path}")

  def test_sub_resources_answer_or_say_not_implemented(self):
    expected_codes = {405: ("MethodNotAllowed",), 501: ("NotImplemented",)}
    for sub in ("analytics", "metrics", "inventory", "intelligent-tiering", "notification", "requestPayment",
                "logging", "accelerate", "replication", "object-lock", "ownershipControls", "policyStatus"):
      with self.subTest(sub_resource=sub):
        response = self.raw.request("GET", "/" + self.bucket, query=[(sub, "")])
        self.assertIn(response.status, (200, 404, 405, 501), f"GET ?{sub}: {response}")
        if response.status == 200:
          self.assertNotIn("ListBucketResult", ET.fromstring(response.body).tag,
                           f"GET ?{sub} was answered as ListObjects")
        else:
          codes = expected_codes.get(response.status) or (support.s3_error(response.body)[0],)
          self.assert_s3_error(response, response.status, codes, f"GET ?{sub}")


class OversizedTest(RawTestCase):
  def test_body_larger_than_5_gib_is_refused_up_front(self):
    try:
      response = self.raw.request("PUT", f"/{self.bucket}/huge", body=b"",
                                  headers={"Content-Length": str(5 * 1024 ** 3 + 1)}, payload_hash="UNSIGNED-PAYLOAD")
    except TimeoutError:
      self.fail("PutObject declaring 5 GiB + 1 byte: no answer within 30 s; the server waits for the body "
                "instead of refusing it from the Content-Length header (AWS: 400 EntityTooLarge)")
    self.assert_s3_error(response, 400, "EntityTooLarge", "PutObject declaring 5 GiB + 1 byte")
    self.assert_absent("huge")

  def test_metadata_too_large(self):
    headers = {f"x-amz-meta-m{i}": "v" * 200 for i in range(12)}
    response = self.raw.request("PUT", f"/{self.bucket}/meta", body=b"x", headers=headers)
    self.assert_s3_error(response, 400, "MetadataTooLarge", "PutObject with 2.4 KB of user metadata")
    self.assert_absent("meta")

  def test_key_too_long(self):
    key = "k" * 1025
    response = self.raw.request("PUT", f"/{self.bucket}/{key}", body=b"x")
    self.assert_s3_error(response, 400, "KeyTooLongError", "PutObject with a 1025-byte key")


class GarbageTest(RawTestCase):
  def test_unsigned_requests_work_in_default_mode(self):
    put = self.raw.request("PUT", f"/{self.bucket}/unsigned", body=b"no signature", sign_request=False)
    self.assertEqual(put.status, 200, put)
    got = self.raw.request("GET", f"/{self.bucket}/unsigned", sign_request=False)
    self.assertEqual((got.status, got.body), (200, b"no signature"))

  def test_malformed_authorization(self):
    cases = (("AWS4-HMAC-SHA256 nonsense", "AuthorizationHeaderMalformed"), ("Bearer abc", "InvalidArgument"))
    for header, code in cases:
      with self.subTest(authorization=header):
        response = self.raw.request("GET", "/" + self.bucket, sign_request=False, headers={"Authorization": header})
        self.assert_s3_error(response, 400, code, f"Authorization: {header}")

  def test_non_http_bytes(self):
    for junk in (b"\x00\x01\x02garbage\r\n\r\n", b"GET\r\n\r\n", b"NOTAMETHOD / HTTP/1.1\r\nHost: x\r\n\r\n",
                 os.urandom(4096)):
      with self.subTest(junk=junk[:20]):
        answer = self.raw.send_bytes(junk, read_timeout=6)
        if answer:
          self.assertRegex(answer[:12], rb"^HTTP/1\.[01] [45]\d\d", "junk must get a 4xx/5xx or a closed connection")
        support.assert_healthy(self, server.endpoint)

  def test_client_disconnects_mid_body(self):
    head = (f"PUT /{self.bucket}/partial HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n").encode()
    self.raw.send_bytes(head + b"only a little", read_timeout=2)
    self.assert_absent("partial")

  def test_huge_headers(self):
    # AWS: "the PUT request header is limited to 8 KB in size" (user metadata counts separately, 2 KB).
    cases = {"one 64 KiB header": {"X-Junk": "j" * 65536},
             "600 headers, 54 KB": {f"X-Junk-{i}": "v" * 80 for i in range(600)}}
    for what, headers in cases.items():
      with self.subTest(case=what):
        key = "huge-" + what.split(",")[0].replace(" ", "-")
        try:
          response = self.raw.request("PUT", f"/{self.bucket}/{key}", body=b"x", headers=headers, sign_request=False)
        except (ConnectionError, OSError) as error:
          self.fail(f"PUT with {what}: connection dropped without an answer ({error!r})")
        self.assertEqual(response.status, 400, f"PUT with {what}: {response}")
        self.assertTrue(support.s3_error(response.body)[0], f"{what}: no error code in {response}")
        self.assert_absent(key)
        support.assert_healthy(self, server.endpoint)


class AwsChunkedTest(RawTestCase):
  """The two aws-chunked flavours: signed chunks (Go/Java SDKs over HTTP) and unsigned chunks + trailer."""

  def streaming_put(self, key, body, payload_hash, decoded_length, extra_headers=None):
    headers = {"Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": str(decoded_length)}
    headers.update(extra_headers or {})
    signature = raw_s3.sign("PUT", self.raw.host, f"/{self.bucket}/{key}", [], headers, payload_hash)
    wire = body(signature) if callable(body) else body
    return self.raw.request("PUT", f"/{self.bucket}/{key}", body=wire, headers=headers, sign_request=False)

  def trailer_headers(self, algorithm="crc32c"):
    return {"x-amz-trailer": f"x-amz-checksum-{algorithm}", "x-amz-sdk-checksum-algorithm": algorithm.upper()}

  def get(self, key):
    return self.raw.request("GET", f"/{self.bucket}/{key}", headers={"x-amz-checksum-mode": "ENABLED"})

  def test_signed_chunks(self):
    data = os.urandom(200 * 1024 + 17)
    response = self.streaming_put("signed", lambda sig: raw_s3.signed_chunks(sig, data), raw_s3.STREAMING_SIGNED,
                                  len(data))
    self.assertEqual(response.status, 200, response)
    self.assertEqual(response.headers.get("etag"), f'"{support.md5_hex(data)}"')
    got = self.get("signed")
    self.assertEqual((got.status, got.body), (200, data))
    self.assertEqual(got.headers.get("content-length"), str(len(data)))

  def test_unsigned_chunks_with_crc32c_trailer(self):
    data = os.urandom(100 * 1024 + 3)
    value = support.checksum_b64("CRC32C", data)
    body = raw_s3.trailer_chunks(data, "x-amz-checksum-crc32c", value)
    response = self.streaming_put("trailer", body, raw_s3.STREAMING_UNSIGNED_TRAILER, len(data),
                                  self.trailer_headers())
    self.assertEqual(response.status, 200, response)
    self.assertEqual(response.headers.get("x-amz-checksum-crc32c"), value)
    got = self.get("trailer")
    self.assertEqual((got.status, got.body), (200, data))
    self.assertEqual(got.headers.get("x-amz-checksum-crc32c"), value)

  def test_wrong_trailer_checksum(self):
    data = b"trailer mismatch" * 100
    body = raw_s3.trailer_chunks(data, "x-amz-checksum-crc32c", support.checksum_b64("CRC32C", b"other"))
    response = self.streaming_put("badsum", body, raw_s3.STREAMING_UNSIGNED_TRAILER, len(data), self.trailer_headers())
    self.assert_s3_error(response, 400, "BadDigest", "aws-chunked upload whose trailing CRC32C is wrong")
    self.assert_absent("badsum")

  def test_truncated_bodies(self):
    data = os.urandom(100000)
    value = support.checksum_b64("CRC32C", data)
    complete = raw_s3.trailer_chunks(data, "x-amz-checksum-crc32c", value, chunk_size=65536)
    cut_in_data = complete[:30000]
    no_final_chunk = complete[:complete.index(b"\r\n0\r\n") + 2]
    bad_size = b"zz\r\n" + data[:10] + b"\r\n0\r\n\r\n"
    cases = {
        "cut inside chunk data": (cut_in_data, len(data)),
        "no final zero chunk": (no_final_chunk, len(data)),
        "non-hex chunk size": (bad_size, 10),
        "decoded length larger than the chunks": (complete, len(data) + 500),
    }
    for what, (body, decoded) in cases.items():
      with self.subTest(case=what):
        key = "trunc-" + what.replace(" ", "-")
        response = self.streaming_put(key, body, raw_s3.STREAMING_UNSIGNED_TRAILER, decoded, self.trailer_headers())
        self.assert_s3_error(response, 400, ("IncompleteBody", "InvalidRequest", "InvalidArgument",
                                             "InvalidChunkSizeError", "MalformedTrailerError"), what)
        self.assert_absent(key)
        support.assert_healthy(self, server.endpoint)

  def test_truncated_signed_chunks(self):
    data = os.urandom(150000)
    response = self.streaming_put("trunc-signed", lambda sig: raw_s3.signed_chunks(sig, data)[:90000],
                                  raw_s3.STREAMING_SIGNED, len(data))
    self.assert_s3_error(response, 400, ("IncompleteBody", "InvalidRequest", "InvalidArgument",
                                         "InvalidChunkSizeError"), "signed aws-chunked body cut after 90000 bytes")
    self.assert_absent("trunc-signed")


if __name__ == "__main__":
  support.main()
