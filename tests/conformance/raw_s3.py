"""Raw S3 requests over http.client, signed with SigV4 by hand, and the two
aws-chunked body encodings (signed chunks; unsigned chunks with a trailing
checksum) - for tests that must control every byte on the wire.

Not thread-safe: one RawClient per test.
"""

import datetime
import hashlib
import hmac
import http.client
import socket
import urllib.parse

ACCESS_KEY = "test"
SECRET_KEY = "test"
REGION = "us-east-1"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"


def _uri_encode(text):
  return urllib.parse.quote(text, safe="-_.~")


def _signing_key(date):
  key = ("AWS4" + SECRET_KEY).encode()
  for part in (date, REGION, "s3", "aws4_request"):
    key = hmac.new(key, part.encode(), hashlib.sha256).digest()
  return key


class Signature:
  """What a SigV4 header signature leaves behind for chunk signing."""

  def __init__(self, amz_date, seed):
    self.amz_date = amz_date
    self.seed = seed
    self.scope = f"{amz_date[:8]}/{REGION}/s3/aws4_request"
    self.key = _signing_key(amz_date[:8])

  def chunk(self, previous, data):
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", self.amz_date, self.scope, previous, EMPTY_SHA256,
                                hashlib.sha256(data).hexdigest()])
    return hmac.new(self.key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def sign(method, host, path, query, headers, payload_hash):
  """Adds x-amz-date, x-amz-content-sha256 and Authorization to `headers`; returns a Signature.

  `path` is already percent-encoded; `query` is a list of (name, value) pairs, not encoded.
  """
  amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
  headers["x-amz-date"] = amz_date
  headers["x-amz-content-sha256"] = payload_hash
  headers["host"] = host
  canonical_headers = {k.lower(): " ".join(str(v).split()) for k, v in headers.items()}
  signed = ";".join(sorted(canonical_headers))
  canonical_query = "&".join(f"{_uri_encode(k)}={_uri_encode(v)}" for k, v in sorted(query))
  canonical = "\n".join([method, path, canonical_query,
                         "".join(f"{k}:{canonical_headers[k]}\n" for k in sorted(canonical_headers)), signed,
                         payload_hash])
  scope = f"{amz_date[:8]}/{REGION}/s3/aws4_request"
  string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
  seed = hmac.new(_signing_key(amz_date[:8]), string_to_sign.encode(), hashlib.sha256).hexdigest()
  headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{scope}, SignedHeaders={signed}, "
                              f"Signature={seed}")
  del headers["host"]
  return Signature(amz_date, seed)


def signed_chunks(signature, data, chunk_size=64 * 1024):
  """An aws-chunked body with chunk signatures (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)."""
  out = bytearray()
  previous = signature.seed
  pieces = [data[i:i + chunk_size] for i in range(0, len(data), chunk_size)] + [b""]
  for piece in pieces:
    previous = signature.chunk(previous, piece)
    out += f"{len(piece):x};chunk-signature={previous}\r\n".encode() + piece + b"\r\n"
  return bytes(out)


def trailer_chunks(data, trailer_name, trailer_value, chunk_size=64 * 1024):
  """An aws-chunked body without chunk signatures and with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER)."""
  out = bytearray()
  for i in range(0, len(data), chunk_size):
    piece = data[i:i + chunk_size]
    out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
  out += f"0\r\n{trailer_name}:{trailer_value}\r\n\r\n".encode()
  return bytes(out)


class Response:
  def __init__(self, status, headers, body):
    self.status = status
    self.headers = headers
    self.body = body

  def __repr__(self):
    return f"<{self.status} {self.body[:400]!r}>"


class RawClient:
  """Sends one request per connection, so a misbehaving request cannot poison the next."""

  def __init__(self, port, timeout=30):
    self.port = port
    self.host = f"127.0.0.1:{port}"
    self.timeout = timeout

  def request(self, method, path, query=(), body=b"", headers=None, sign_request=True,
              payload_hash=None, content_length=True, host=None):
    """`host` overrides the Host header (virtual-hosted addressing); the connection still goes to 127.0.0.1."""
    headers = dict(headers or {})
    query = list(query)
    if sign_request:
      sign(method, host or self.host, path, query, headers,
           payload_hash or hashlib.sha256(body).hexdigest())
    if host:
      headers["Host"] = host
    target = path
    if query:
      target += "?" + "&".join(f"{_uri_encode(k)}={_uri_encode(v)}" if v is not None else _uri_encode(k)
                               for k, v in query)
    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
    try:
      connection.putrequest(method, target, skip_host=bool(host), skip_accept_encoding=True)
      if content_length and not any(k.lower() == "content-length" for k in headers):
        headers["Content-Length"] = str(len(body))
      for name, value in headers.items():
        connection.putheader(name, value)
      connection.endheaders(body if body else None)
      response = connection.getresponse()
      return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
      connection.close()

  def send_bytes(self, data, read_timeout=10):
    """Writes raw bytes on a fresh connection; returns whatever comes back before close or timeout."""
    with socket.create_connection(("127.0.0.1", self.port), timeout=read_timeout) as sock:
      sock.sendall(data)
      received = bytearray()
      try:
        while True:
          block = sock.recv(65536)
          if not block:
            break
          received += block
      except (socket.timeout, ConnectionResetError):
        pass
      return bytes(received)
