#!/usr/bin/env python3
"""Instructions per S3 PutObject/GetObject (1 KiB), counted by valgrind's callgrind.

Unlike wall-clock figures, instruction counts do not change with the load on
the machine, so they show what a change to the request path gains or costs.
Measures four in-process loops of cloudemu_bench (typed API; dispatcher
without HTTP) and the whole server path of `cloudemu serve` (httplib,
listener, dispatcher, service, store), each request as wrk sends it.

  bench/count_instructions.py --cloudemu BUILD/src/cloudemu --bench BUILD/bench/cloudemu_bench [--requests 2000]
"""

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_http_bench  # noqa: E402  (prepare(): the bucket and the public-read object wrk reads)

WARMUP_REQUESTS = 200
VALGRIND = ["valgrind", "--tool=callgrind"]


def collected(output_file):
  """The event total of a callgrind output file."""
  with open(output_file) as data:
    for line in data:
      if line.startswith("totals:") or line.startswith("summary:"):
        return int(line.split()[1])
  raise RuntimeError(f"no totals in {output_file}")


def count_loop(bench, loop, requests, directory):
  output_file = os.path.join(directory, f"loop-{loop}.out")
  subprocess.run(VALGRIND + ["--toggle-collect=*MeasuredLoop*", f"--callgrind-out-file={output_file}", bench,
                             "--loop", loop, str(requests)], check=True, capture_output=True)
  return collected(output_file) / requests


class Served:
  """`cloudemu serve` under callgrind, with a keep-alive connection to it."""

  def __init__(self, cloudemu, directory):
    self.output_file = os.path.join(directory, "serve.out")
    self.process = subprocess.Popen(VALGRIND + [f"--callgrind-out-file={self.output_file}", cloudemu, "serve",
                                                "--port", "0"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    line = self.process.stdout.readline().decode()
    match = re.search(r"http://[^\s:]+:(\d+)", line)
    if not match:
      raise RuntimeError(f"no endpoint on stdout: {line!r}")
    self.server = run_http_bench.ServerProcess("cloudemu", [], port=int(match.group(1)))
    self.server.process = self.process
    run_http_bench.prepare(self.server)
    self.connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
    self.dumps = 0

  def request(self, method, path, body=None):
    headers = {"Content-Type": "application/octet-stream"} if body is not None else {}
    self.connection.request(method, path, body=body, headers=headers)
    response = self.connection.getresponse()
    response.read()
    if response.status != 200:
      raise RuntimeError(f"{method} {path}: HTTP {response.status}")

  def count(self, send, requests):
    """Instructions per request of `send(i)`, all threads of the server."""
    for i in range(WARMUP_REQUESTS):
      send(-1 - i)
    subprocess.run(["callgrind_control", "--zero", str(self.process.pid)], check=True, capture_output=True)
    for i in range(requests):
      send(i)
    subprocess.run(["callgrind_control", "--dump", str(self.process.pid)], check=True, capture_output=True)
    self.dumps += 1
    # callgrind writes the dump asynchronously, when the server next runs.
    dump = f"{self.output_file}.{self.dumps}"
    deadline = time.monotonic() + 60
    while not (os.path.exists(dump) and os.path.getsize(dump) > 0 and "totals:" in open(dump).read()):
      if time.monotonic() > deadline:
        raise RuntimeError(f"callgrind wrote no {dump}")
      time.sleep(0.2)
    return collected(dump) / requests

  def stop(self):
    self.connection.close()
    self.process.terminate()
    self.process.wait(timeout=120)


LOOPS = ("typed-put", "typed-get", "dispatch-put", "dispatch-get")


def count_all(cloudemu, bench, requests, directory, only=None, report=None):
  """Instructions per operation, by measurement name (typed-*, dispatch-*, served-*); `report(name, count)` hears
  each as it is measured."""
  counts = {}

  def add(name, count):
    counts[name] = count
    if report:
      report(name, count)

  if only in (None, "loops"):
    for loop in LOOPS:
      add(loop, count_loop(bench, loop, requests, directory))
  if only in (None, "served"):
    body = b"x" * 1024
    bucket, key = run_http_bench.BUCKET, run_http_bench.GET_KEY
    served = Served(cloudemu, directory)
    try:
      add("served-put", served.count(lambda i: served.request("PUT", f"/{bucket}/put/{i}", body), requests))
      add("served-get", served.count(lambda i: served.request("GET", f"/{bucket}/{key}"), requests))
    finally:
      served.stop()
  return counts


def measure(args, directory):
  count_all(args.cloudemu, args.bench, args.requests, directory, args.only,
            lambda name, count: print(f"{name:14} {count:10,.0f} instructions/op", flush=True))


def main():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument("--cloudemu", required=True, help="the cloudemu binary")
  parser.add_argument("--bench", required=True, help="the cloudemu_bench binary")
  parser.add_argument("--requests", type=int, default=2000, help="requests per measurement")
  parser.add_argument("--only", choices=("loops", "served"), help="measure only the in-process loops or the server")
  parser.add_argument("--keep", metavar="DIR", help="leave the callgrind files in DIR (for callgrind_annotate)")
  args = parser.parse_args()
  if args.keep:
    os.makedirs(args.keep, exist_ok=True)
    measure(args, args.keep)
  else:
    with tempfile.TemporaryDirectory(prefix="cloudemu-callgrind-") as directory:
      measure(args, directory)


if __name__ == "__main__":
  main()
