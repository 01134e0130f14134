"""Shared helpers for the conformance suites: run `cloudemu serve`, reach its
internal endpoints, build clients, and skip cleanly when a client is absent.

The cloudemu binary comes from the CLOUDEMU_BIN environment variable (CMake
passes $<TARGET_FILE:cloudemu_cli>). Not thread-safe: one Server per test
class, driven from the test thread.
"""

import base64
import contextlib
import hashlib
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import unittest
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
import zlib

# Printed when a whole suite is skipped because a client is not installed;
# ctest's SKIP_REGULAR_EXPRESSION matches it.
SKIP_MARKER = "CONFORMANCE SUITE SKIPPED"
STARTUP_TIMEOUT_S = 20
ENDPOINT_PATTERN = re.compile(r"https?://[^\s/]+")


def cloudemu_bin():
  path = os.environ.get("CLOUDEMU_BIN", "")
  if not path or not os.access(path, os.X_OK):
    raise RuntimeError(f"CLOUDEMU_BIN must name the built cloudemu binary (got {path!r})")
  return path


def skip_suite(reason):
  """Skips every test of the calling module; call from setUpModule."""
  print(f"{SKIP_MARKER}: {reason}", flush=True)
  raise unittest.SkipTest(reason)


def require_module(name):
  try:
    return __import__(name)
  except ImportError:
    skip_suite(f"python module {name} is not installed")


def require_program(name):
  path = shutil.which(name)
  if not path:
    skip_suite(f"{name} is not installed")
  return path


def unique_name(prefix):
  """A valid, unique S3 bucket name."""
  return f"{prefix}-{uuid.uuid4().hex[:12]}"


class Server:
  """One `cloudemu serve` process on an ephemeral port."""

  def __init__(self, data_dir=None):
    self.args = [cloudemu_bin(), "serve", "--port", "0"]
    if data_dir:
      self.args += ["--data-dir", data_dir]
    self.process = None
    self.endpoint = None
    self._stderr_chunks = []
    self._threads = []

  def start(self):
    self.process = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
    lines = queue.Queue()

    def pump_stdout():
      for raw in self.process.stdout:
        lines.put(raw.decode("utf-8", "replace"))
      lines.put(None)

    def pump_stderr():
      for raw in self.process.stderr:
        self._stderr_chunks.append(raw.decode("utf-8", "replace"))

    for target in (pump_stdout, pump_stderr):
      thread = threading.Thread(target=target, daemon=True)
      thread.start()
      self._threads.append(thread)
    try:
      first = lines.get(timeout=STARTUP_TIMEOUT_S)
    except queue.Empty:
      self.kill()
      raise RuntimeError(f"{' '.join(self.args)} printed nothing within {STARTUP_TIMEOUT_S} s; "
                         f"stderr: {self.stderr()!r}")
    if first is None:
      code = self.process.wait(timeout=10)
      raise RuntimeError(f"{' '.join(self.args)} exited with {code} before printing its endpoint; "
                         f"stderr: {self.stderr()!r}")
    match = ENDPOINT_PATTERN.search(first)
    if not match:
      self.kill()
      raise RuntimeError(f"first stdout line of cloudemu serve is not an endpoint: {first.strip()!r}")
    self.endpoint = match.group(0)
    return self

  @property
  def port(self):
    return int(self.endpoint.rsplit(":", 1)[1])

  def stderr(self):
    return "".join(self._stderr_chunks)

  def alive(self):
    return self.process is not None and self.process.poll() is None

  def stop(self, timeout=15):
    """SIGTERM, then SIGKILL if it does not exit; returns the exit code."""
    if self.process is None:
      return None
    if self.process.poll() is None:
      self.process.send_signal(signal.SIGTERM)
      try:
        self.process.wait(timeout=timeout)
      except subprocess.TimeoutExpired:
        self.process.kill()
        self.process.wait()
    self._join()
    return self.process.returncode

  def kill(self):
    """SIGKILL: the crash case."""
    if self.process is not None and self.process.poll() is None:
      self.process.kill()
      self.process.wait()
    self._join()

  def _join(self):
    for thread in self._threads:
      thread.join(timeout=5)
    self._threads = []


class AttachedServer:
  """A server someone else runs (CONFORMANCE_ENDPOINT), e.g. moto, to check the suites themselves."""

  def __init__(self, endpoint):
    self.endpoint = endpoint.rstrip("/")

  @property
  def port(self):
    return int(self.endpoint.rsplit(":", 1)[1])

  def alive(self):
    return True

  def stop(self):
    return None


def shared_server():
  """The server a suite runs against: CONFORMANCE_ENDPOINT when set, else a fresh `cloudemu serve`."""
  attached = os.environ.get("CONFORMANCE_ENDPOINT")
  if attached:
    return AttachedServer(attached)
  return Server().start()


def http_request(endpoint, method, path, body=None, headers=None, timeout=30):
  """(status, headers dict with lower-cased names, body bytes) without raising on HTTP errors."""
  request = urllib.request.Request(endpoint + path, data=body, method=method, headers=headers or {})
  try:
    with urllib.request.urlopen(request, timeout=timeout) as response:
      return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
  except urllib.error.HTTPError as error:
    return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def internal(endpoint, method, name, body=None):
  """Calls /_cloudemu/<name> (bodies sent as JSON); returns (status, body bytes)."""
  headers = {"Content-Type": "application/json"} if body is not None else {}
  status, _, data = http_request(endpoint, method, "/_cloudemu/" + name, body=body, headers=headers)
  return status, data


def assert_healthy(testcase, endpoint):
  try:
    status, _ = internal(endpoint, "GET", "health")
  except OSError as error:
    testcase.fail(f"server at {endpoint} is not answering /_cloudemu/health: {error}")
  testcase.assertEqual(status, 200, "/_cloudemu/health did not answer 200")


def resources(endpoint):
  status, data = internal(endpoint, "GET", "resources")
  if status != 200:
    raise AssertionError(f"GET /_cloudemu/resources answered {status}: {data[:300]!r}")
  return json.loads(data)


def strings_in(value):
  """Every string anywhere in a parsed JSON value."""
  if isinstance(value, str):
    yield value
  elif isinstance(value, dict):
    for key, item in value.items():
      yield key
      yield from strings_in(item)
  elif isinstance(value, list):
    for item in value:
      yield from strings_in(item)


def s3_error(body):
  """(Code, Message) of an S3 XML error body; raises if the body is not one."""
  root = ET.fromstring(body)
  if root.tag != "Error":
    raise AssertionError(f"not an S3 <Error> document: {body[:300]!r}")
  return root.findtext("Code"), root.findtext("Message")


def _crc32c_table():
  table = []
  for byte in range(256):
    crc = byte
    for _ in range(8):
      crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    table.append(crc)
  return table


_CRC32C_TABLE = _crc32c_table()


def crc32c(data):
  crc = 0xFFFFFFFF
  for byte in data:
    crc = _CRC32C_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
  return crc ^ 0xFFFFFFFF


def checksum_b64(algorithm, data):
  """The value S3 puts in x-amz-checksum-<algorithm> for `data`."""
  algorithm = algorithm.upper()
  if algorithm == "CRC32":
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
  if algorithm == "CRC32C":
    return base64.b64encode(crc32c(data).to_bytes(4, "big")).decode()
  if algorithm in ("SHA1", "SHA256"):
    return base64.b64encode(hashlib.new(algorithm.lower(), data).digest()).decode()
  raise ValueError(algorithm)


def md5_hex(data):
  return hashlib.md5(data).hexdigest()


def aws_cli_environment(scratch, **extra):
  """The environment for running the aws CLI against CloudEmu: fixed test
  credentials and region, no user config or credential files (they live in
  `scratch`, which stays empty), no metadata lookups, no pager."""
  env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
  env.update({
      "AWS_ACCESS_KEY_ID": "test",
      "AWS_SECRET_ACCESS_KEY": "test",
      "AWS_DEFAULT_REGION": "us-east-1",
      "AWS_CONFIG_FILE": os.path.join(scratch, "no-config"),
      "AWS_SHARED_CREDENTIALS_FILE": os.path.join(scratch, "no-credentials"),
      "AWS_EC2_METADATA_DISABLED": "true",
      "AWS_PAGER": "",
  })
  env.update(extra)
  return env


def boto3_client(endpoint, region="us-east-1", **config):
  import boto3
  from botocore.config import Config
  s3_config = config.pop("s3", {"addressing_style": "path"})
  return boto3.client("s3", endpoint_url=endpoint, region_name=region, aws_access_key_id="test",
                      aws_secret_access_key="test",
                      config=Config(s3=s3_config, retries={"max_attempts": 1, "mode": "standard"}, **config))


@contextlib.contextmanager
def localhost_subdomains_resolve():
  """Makes *.localhost resolve to 127.0.0.1 in this process (virtual-hosted addressing)."""
  original = socket.getaddrinfo

  def resolving(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".localhost"):
      host = "127.0.0.1"
    return original(host, *args, **kwargs)

  socket.getaddrinfo = resolving
  try:
    yield
  finally:
    socket.getaddrinfo = original


def main():
  sys.stdout.reconfigure(line_buffering=True)
  unittest.main(verbosity=2)
