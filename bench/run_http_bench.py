#!/usr/bin/env python3
"""Side-by-side HTTP benchmark of `cloudemu serve` and moto's server, in one run.

Starts both, measures each with wrk (S3 PutObject of 1 KiB to fresh keys, and
GetObject of one 1 KiB object; unsigned, path-style), plus time to first
response and idle RSS of each server, runs cloudemu_bench for the in-process
figures, and writes docs/benchmarks.md.

  bench/run_http_bench.py --cloudemu BUILD/src/cloudemu [--bench BUILD/bench/cloudemu_bench]
                          [--duration 10] [--connections 16] [--output docs/benchmarks.md] [--instructions]

--instructions adds callgrind's instruction counts per request (bench/count_instructions.py), which, unlike
the timings, do not depend on the load on the machine.
"""

import argparse
import base64
import datetime
import hashlib
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUCKET = "bench-bucket"
GET_KEY = "get-object"
STARTUP_TIMEOUT_S = 60
STARTUP_SAMPLES = 5


def free_port():
  with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    return sock.getsockname()[1]


def answers(port):
  """True once something answers HTTP on the port."""
  try:
    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
      sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
      return sock.recv(12).startswith(b"HTTP/1.")
  except OSError:
    return False


class ServerProcess:
  """A server under test: how to start it and where it listens."""

  def __init__(self, name, command, port=None):
    self.name = name
    self.command = command
    self.port = port
    self.process = None
    self.startup_ms = None

  def start(self):
    started = time.monotonic()
    self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    stdin=subprocess.DEVNULL)
    if self.port is None:  # cloudemu serve --port 0 prints its endpoint first
      line = self.process.stdout.readline().decode()
      match = re.search(r"http://[^\s:]+:(\d+)", line)
      if not match:
        raise RuntimeError(f"{self.name}: no endpoint on stdout: {line!r}")
      self.port = int(match.group(1))
    deadline = started + STARTUP_TIMEOUT_S
    while not answers(self.port):
      if time.monotonic() > deadline or self.process.poll() is not None:
        raise RuntimeError(f"{self.name} did not answer on port {self.port}")
      time.sleep(0.002)
    self.startup_ms = (time.monotonic() - started) * 1000
    # Keep draining stdout so a chatty server never blocks on a full pipe.
    subprocess.Popen(["cat"], stdin=self.process.stdout, stdout=subprocess.DEVNULL)
    return self

  @property
  def url(self):
    return f"http://127.0.0.1:{self.port}"

  def rss_mib(self):
    with open(f"/proc/{self.process.pid}/status") as status:
      for line in status:
        if line.startswith("VmRSS:"):
          return int(line.split()[1]) / 1024
    return float("nan")

  def stop(self):
    if self.process and self.process.poll() is None:
      self.process.terminate()
      try:
        self.process.wait(timeout=15)
      except subprocess.TimeoutExpired:
        self.process.kill()
        self.process.wait()


def http(method, url, body=None, headers=None):
  request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
  try:
    with urllib.request.urlopen(request, timeout=30) as response:
      return response.status
  except urllib.error.HTTPError as error:
    return error.code


def prepare(server):
  """The bucket, and a public-read object so that unsigned GETs are allowed, made public the way AWS requires
  since 2023 (object-writer ownership, no public access block)."""
  status = http("PUT", f"{server.url}/{BUCKET}")
  if status != 200:
    raise RuntimeError(f"{server.name}: CreateBucket answered {status}")
  ownership = (b'<OwnershipControls xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule>'
               b'<ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>')
  md5 = base64.b64encode(hashlib.md5(ownership).digest()).decode()
  # Best effort: a peer without these settings simply allows public-read; the unsigned GET below decides.
  http("PUT", f"{server.url}/{BUCKET}?ownershipControls", body=ownership, headers={"Content-MD5": md5})
  http("DELETE", f"{server.url}/{BUCKET}?publicAccessBlock")
  status = http("PUT", f"{server.url}/{BUCKET}/{GET_KEY}", body=b"g" * 1024,
                headers={"x-amz-acl": "public-read", "Content-Type": "application/octet-stream"})
  if status != 200:
    raise RuntimeError(f"{server.name}: PutObject answered {status}")
  status = http("GET", f"{server.url}/{BUCKET}/{GET_KEY}")
  if status != 200:
    raise RuntimeError(f"{server.name}: unsigned GetObject answered {status}")


LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url, script, script_args, duration, connections, threads):
  command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s",
             os.path.join(HERE, "wrk", script), url, "--", *script_args]
  output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
  rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
  value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
  non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
  socket_errors = re.search(r"Socket errors:(.*)", output)
  return {"rps": rps, "p99_ms": float(value) * LATENCY_UNITS[unit],
          "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
          "socket_errors": socket_errors.group(1).strip() if socket_errors else "none",
          "requests": int(re.search(r"(\d+) requests in", output).group(1))}


def median_of_rounds(runs):
  """One wrk figure from the same measurement repeated in interleaved rounds: the median req/s and the median
  p99, and the requests and errors of all rounds. The machine's speed drifts over minutes (it is a VM sharing
  its host); interleaving the servers' rounds and taking medians keeps a slow minute from deciding a ratio."""
  errors = sorted({run["socket_errors"] for run in runs} - {"none"})
  return {"rps": statistics.median(run["rps"] for run in runs),
          "p99_ms": statistics.median(run["p99_ms"] for run in runs),
          "non_2xx": sum(run["non_2xx"] for run in runs),
          "socket_errors": "; ".join(errors) or "none",
          "requests": sum(run["requests"] for run in runs),
          "rounds": len(runs)}


def measure_in_rounds(factories, rounds, measure, unavailable=None):
  """Load figures of the servers of `factories` (name -> make_server) over `rounds` rounds in which the servers take
  turns, each started afresh every round (a store kept from an earlier round would make later Put rounds slower).
  measure(server) returns one round's {measurement: run_wrk result}. The answer is {name: {"rss_mib": idle RSS
  after the first start, measurement: median_of_rounds(...)}}. With `unavailable` (a dict), a peer whose round
  fails is recorded there and left out; CloudEmu failing always ends the run."""
  runs = {}
  rss = {}
  for _ in range(rounds):
    for name, make_server in factories.items():
      if unavailable is not None and name in unavailable:
        continue
      try:
        server = make_server().start()
        try:
          if name not in rss:
            time.sleep(1)
            rss[name] = server.rss_mib()
          result = measure(server)
        finally:
          server.stop()
      except Exception as error:
        if unavailable is None or name == "cloudemu":
          raise
        unavailable[name] = f"failed: {error}"
        runs.pop(name, None)
        print(f"{name} failed: {error}", flush=True)
        continue
      print(f"{name}: {result}", flush=True)
      runs.setdefault(name, []).append(result)
  return {name: {"rss_mib": rss[name], **{key: median_of_rounds([run[key] for run in measured])
                                           for key in measured[0]}}
          for name, measured in runs.items()}


def add_rounds_option(parser):
  parser.add_argument("--rounds", type=int, default=3,
                      help="interleaved rounds of every load measurement; medians are reported")


def compare_with_moto(description, measure, section, begin, end, label):
  """The main of a benchmark that runs `cloudemu serve` and moto's server one after the other in one run:
  parses the options they share, measures each started server with measure(server, args), and writes
  section(args, results, machine) between the begin/end markers of docs/benchmarks.md."""
  parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument("--cloudemu", required=True, help="the cloudemu binary")
  parser.add_argument("--duration", type=int, default=10)
  parser.add_argument("--connections", type=int, default=16)
  parser.add_argument("--threads", type=int, default=2)
  parser.add_argument("--output", default=os.path.join(ROOT, "docs", "benchmarks.md"))
  args = parser.parse_args()
  if not shutil.which("wrk"):
    sys.exit("wrk is not installed (Debian package wrk)")
  port = free_port()
  servers = {
      "cloudemu": ServerProcess("cloudemu", [args.cloudemu, "serve", "--port", "0"]),
      "moto": ServerProcess("moto", [sys.executable, "-m", "moto.server", "-p", str(port)], port=port),
  }
  info = machine()
  results = {}
  try:
    for name, server in servers.items():
      server.start()
      time.sleep(1)
      results[name] = measure(server, args)
      server.stop()
      print(f"{name}: {results[name]}", flush=True)
  finally:
    for server in servers.values():
      server.stop()
  write_marked_section(args.output, begin, end, section(args, results, info))
  print(f"wrote the {label} section of {args.output}")


def startup_samples(make_server):
  samples = []
  for _ in range(STARTUP_SAMPLES):
    server = make_server().start()
    samples.append(server.startup_ms)
    server.stop()
  return statistics.median(samples)


def in_process_metrics(bench):
  if not bench:
    return {}
  output = subprocess.run([bench], capture_output=True, text=True, check=True).stdout
  return {name: (float(value), unit) for name, value, unit in re.findall(r"^metric (\S+) (\S+) (\S+)$", output, re.M)}


def machine():
  model = "unknown"
  with open("/proc/cpuinfo") as cpuinfo:
    for line in cpuinfo:
      if line.startswith("model name"):
        model = line.split(":", 1)[1].strip()
        break
  with open("/proc/meminfo") as meminfo:
    memory_gib = int(meminfo.readline().split()[1]) / 1024 / 1024
  load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
  return {"nproc": os.cpu_count(), "cpu": model, "memory": f"{memory_gib:.1f} GiB", "load": load,
          "kernel": platform.release(), "python": platform.python_version()}


def version_of(command):
  try:
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    return (result.stdout or result.stderr).strip().splitlines()[0]
  except (OSError, IndexError, subprocess.TimeoutExpired):
    return "unknown"


def ratio(a, b):
  return f"{a / b:.2f}x" if b else "n/a"


INSTRUCTION_LABELS = {
    "served-put": "PutObject through `cloudemu serve` (HTTP, one keep-alive connection)",
    "served-get": "GetObject through `cloudemu serve` (HTTP, one keep-alive connection)",
    "dispatch-put": "PutObject through the dispatcher, no HTTP",
    "dispatch-get": "GetObject through the dispatcher, no HTTP",
    "typed-put": "PutObject through the typed API (`cloud.S3()`)",
    "typed-get": "GetObject through the typed API (`cloud.S3()`)",
}


def instruction_counts(args):
  if not args.instructions:
    return {}
  import count_instructions  # imports this module: only when asked for
  with tempfile.TemporaryDirectory(prefix="cloudemu-callgrind-") as directory:
    return count_instructions.count_all(args.cloudemu, args.bench, 2000, directory)


# Other services' benchmark scripts own sections of the same report, fenced by
# "<!-- NAME-bench:begin ... -->" and "<!-- NAME-bench:end -->".
MARKED_SECTION = re.compile(r"<!-- ([\w-]+)-bench:begin.*?<!-- \1-bench:end -->", re.S)


def write_marked_section(path, begin, end, text):
  """Replaces the section of `path` between `begin` and `end` with `text`
  (which includes both markers), or adds it at the end; the rest stays."""
  existing = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
  start, stop = existing.find(begin), existing.find(end)
  if start != -1 and stop != -1:
    updated = existing[:start] + text + existing[stop + len(end):]
  else:
    updated = existing.rstrip("\n") + "\n\n" + text + "\n"
  os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
  with open(path, "w") as report:
    report.write(updated)


def write_report(path, args, results, startup, rss, in_process, info, instructions):
  now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
  revision = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
  if subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                    text=True).stdout.strip():
    revision += " + uncommitted changes"
  wrk_version = re.sub(r"\s*\[.*", "", version_of(["wrk", "--version"]))
  moto_version = version_of([sys.executable, "-c", "import moto; print(moto.__version__)"])
  lines = [
      "# Benchmarks",
      "",
      "Generated by `bench/run_http_bench.py` (do not edit by hand; re-run it). CloudEmu and moto ran side by side",
      "in the same run on the same machine, one at a time under load. No timing is asserted in any test.",
      "",
      f"- Date: {now}; CloudEmu revision `{revision}` (RelWithDebInfo build)",
      f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, Linux {info['kernel']}",
      f"- Peer: moto {moto_version} (`python3 -m moto.server`, Python {info['python']})",
      f"- Load: {wrk_version}; {args.connections} connections, {args.threads} threads, "
      f"{args.duration} s per measurement; the load generator shares the CPUs with the server",
      f"- Each load figure is the median of {args.rounds} rounds, the servers taking turns (the VM's speed drifts)",
      f"- Load average when the run started: {info['load']} (other work on the machine skews both servers alike)",
      "",
      "## HTTP: S3 over the wire (unsigned, path-style, 1 KiB bodies)",
      "",
      "Ratios are CloudEmu / moto: above 1 is better for req/s, below 1 is better for latency, time and memory.",
      "",
      "| measurement | CloudEmu | moto | CloudEmu / moto |",
      "|---|---|---|---|",
  ]
  for operation, label in (("put", "PutObject req/s"), ("get", "GetObject req/s")):
    ours, theirs = results["cloudemu"][operation], results["moto"][operation]
    lines.append(f"| {label} | {ours['rps']:.0f} | {theirs['rps']:.0f} | {ratio(ours['rps'], theirs['rps'])} |")
  for operation, label in (("put", "PutObject p99 latency"), ("get", "GetObject p99 latency")):
    ours, theirs = results["cloudemu"][operation], results["moto"][operation]
    lines.append(f"| {label} | {ours['p99_ms']:.2f} ms | {theirs['p99_ms']:.2f} ms | "
                 f"{ratio(ours['p99_ms'], theirs['p99_ms'])} |")
  lines.append(f"| time to first response (median of {STARTUP_SAMPLES} starts) | {startup['cloudemu']:.0f} ms | "
               f"{startup['moto']:.0f} ms | {ratio(startup['cloudemu'], startup['moto'])} |")
  lines.append(f"| idle RSS after start | {rss['cloudemu']:.1f} MiB | {rss['moto']:.1f} MiB | "
               f"{ratio(rss['cloudemu'], rss['moto'])} |")
  lines += ["", "Errors during the runs (non-2xx answers / socket errors):", ""]
  for name in ("cloudemu", "moto"):
    for operation in ("put", "get"):
      result = results[name][operation]
      lines.append(f"- {name} {operation}: {result['requests']} requests, {result['non_2xx']} non-2xx, "
                   f"socket errors: {result['socket_errors']}")
  lines += ["", "Time to first response: from spawning the process until the first HTTP answer on its port",
            "(for `cloudemu serve --port 0`, including reading the endpoint it prints). Idle RSS: VmRSS of the",
            "server process after startup, before any load.", ""]
  if instructions:
    lines += ["## Instructions per request (callgrind, 1 KiB bodies)", "",
              "Counted by `bench/count_instructions.py` over 2000 requests each (all threads); independent of the load",
              "on the machine, so this is the figure to compare between revisions.", "",
              "| path | instructions per request |", "|---|---|"]
    for name, label in INSTRUCTION_LABELS.items():
      if name in instructions:
        lines.append(f"| {label} | {instructions[name]:,.0f} |")
    lines.append("")
  if in_process:
    lines += ["## In process (`cloudemu_bench`: typed API; dispatch_* through the dispatcher without HTTP)", "", "| measurement | value |", "|---|---|"]
    for name, (value, unit) in in_process.items():
      lines.append(f"| {name} | {value:,.1f} {unit} |")
    lines.append("")
  lines += ["## Reproduce", "", "```console",
            "cmake --build build --target cloudemu_cli cloudemu_bench",
            "python3 bench/run_http_bench.py --cloudemu build/src/cloudemu --bench build/bench/cloudemu_bench "
            "--instructions",
            "```", ""]
  # Keep the sections the other services' scripts wrote.
  existing = open(path).read() if os.path.exists(path) else ""
  for kept in MARKED_SECTION.finditer(existing):
    lines += [kept.group(0), ""]
  os.makedirs(os.path.dirname(path), exist_ok=True)
  with open(path, "w") as report:
    report.write("\n".join(lines))


def main():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument("--cloudemu", required=True, help="the cloudemu binary")
  parser.add_argument("--bench", help="the cloudemu_bench binary (in-process figures)")
  parser.add_argument("--duration", type=int, default=10)
  parser.add_argument("--connections", type=int, default=16)
  parser.add_argument("--threads", type=int, default=2)
  parser.add_argument("--output", default=os.path.join(ROOT, "docs", "benchmarks.md"))
  add_rounds_option(parser)
  parser.add_argument("--instructions", action="store_true",
                      help="also count instructions per request with valgrind (needs --bench; about two minutes)")
  args = parser.parse_args()
  if not shutil.which("wrk"):
    sys.exit("wrk is not installed (Debian package wrk)")
  if args.instructions and not (args.bench and shutil.which("valgrind")):
    sys.exit("--instructions needs --bench and valgrind")

  def cloudemu():
    return ServerProcess("cloudemu", [args.cloudemu, "serve", "--port", "0"])

  def moto():
    port = free_port()
    return ServerProcess("moto", [sys.executable, "-m", "moto.server", "-p", str(port)], port=port)

  info = machine()
  startup = {"cloudemu": startup_samples(cloudemu), "moto": startup_samples(moto)}

  def measure(server):
    prepare(server)
    return {"put": run_wrk(server.url, "put_object.lua", [BUCKET], args.duration, args.connections, args.threads),
            "get": run_wrk(server.url, "get_object.lua", [BUCKET, GET_KEY], args.duration, args.connections,
                           args.threads)}

  results = measure_in_rounds({"cloudemu": cloudemu, "moto": moto}, args.rounds, measure)
  rss = {name: result["rss_mib"] for name, result in results.items()}
  # The DynamoDB figures belong to bench/run_dynamodb_bench.py's section.
  in_process = {name: value for name, value in in_process_metrics(args.bench).items()
                if not name.startswith("dynamodb_")}
  instructions = instruction_counts(args)
  write_report(args.output, args, results, startup, rss, in_process, info, instructions)
  print(f"wrote {args.output}")


if __name__ == "__main__":
  main()
