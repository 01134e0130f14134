#!/usr/bin/env python3
"""Side-by-side DynamoDB benchmark of `cloudemu serve`, moto and dynalite, in one run.

Starts each server in turn, creates the same table (pk S + sk N), then measures
with wrk: PutItem of a small item to fresh keys, GetItem of one item, and Query
returning one partition of 100 items; plus time to first response and idle RSS.
Runs cloudemu_bench for the in-process DynamoDB figures and writes the DynamoDB
section of docs/benchmarks.md (between its markers; the rest of the file stays).

dynalite (npm) is installed at run time into --peers-dir (default: a directory
under the system temp dir, never the repository); when npm cannot install it,
the report says so and the run goes on without it.

  bench/run_dynamodb_bench.py --cloudemu BUILD/src/cloudemu [--bench BUILD/bench/cloudemu_bench]
                              [--duration 10] [--connections 16] [--output docs/benchmarks.md]
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import run_http_bench as http_bench  # the shared server, wrk and machine helpers

TABLE = "bench-table"
QUERY_ITEMS = 100
BEGIN_MARKER = "<!-- dynamodb-bench:begin -->"
END_MARKER = "<!-- dynamodb-bench:end -->"
OPERATIONS = (("put", "PutItem", "dynamodb_put_item.lua"), ("get", "GetItem", "dynamodb_get_item.lua"),
              ("query", f"Query ({QUERY_ITEMS} items)", "dynamodb_query.lua"))
SERVERS = ("cloudemu", "moto", "dynalite")
LABELS = {"cloudemu": "CloudEmu", "moto": "moto", "dynalite": "dynalite"}


def dynamodb_client(url):
  import boto3
  from botocore.config import Config
  return boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test", config=Config(retries={"max_attempts": 2}))


def prepare(server):
  """The table, the item GetItem reads and the partition Query reads; checked before any load."""
  client = dynamodb_client(server.url)
  client.create_table(TableName=TABLE, BillingMode="PAY_PER_REQUEST",
                      AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                            {"AttributeName": "sk", "AttributeType": "N"}],
                      KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                 {"AttributeName": "sk", "KeyType": "RANGE"}])
  deadline = time.monotonic() + 60
  while client.describe_table(TableName=TABLE)["Table"]["TableStatus"] != "ACTIVE":
    if time.monotonic() > deadline:
      raise RuntimeError(f"{server.name}: table did not become ACTIVE")
    time.sleep(0.05)
  payload = {"S": "x" * 200}
  client.put_item(TableName=TABLE, Item={"pk": {"S": "get"}, "sk": {"N": "0"}, "payload": payload})
  for number in range(QUERY_ITEMS):
    client.put_item(TableName=TABLE, Item={"pk": {"S": "query"}, "sk": {"N": str(number)}, "payload": payload})
  if "Item" not in client.get_item(TableName=TABLE, Key={"pk": {"S": "get"}, "sk": {"N": "0"}}):
    raise RuntimeError(f"{server.name}: GetItem did not find the item it was given")
  count = client.query(TableName=TABLE, KeyConditionExpression="pk = :p",
                       ExpressionAttributeValues={":p": {"S": "query"}})["Count"]
  if count != QUERY_ITEMS:
    raise RuntimeError(f"{server.name}: Query returned {count} items, not {QUERY_ITEMS}")


def install_dynalite(peers_dir):
  """(path of dynalite's cli.js, version) or (None, reason it is unavailable)."""
  cli = os.path.join(peers_dir, "node_modules", "dynalite", "cli.js")
  if not os.path.exists(cli):
    if not shutil.which("npm") or not shutil.which("node"):
      return None, "node/npm are not installed"
    os.makedirs(peers_dir, exist_ok=True)
    try:
      result = subprocess.run(["npm", "install", "--prefix", peers_dir, "--no-audit", "--no-fund", "dynalite"],
                              capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
      return None, "npm install dynalite timed out"
    if result.returncode != 0 or not os.path.exists(cli):
      lines = (result.stderr or result.stdout).strip().splitlines()
      return None, "npm install dynalite failed: " + (lines[-1] if lines else f"exit {result.returncode}")
  with open(os.path.join(peers_dir, "node_modules", "dynalite", "package.json")) as package:
    version = re.search(r'"version"\s*:\s*"([^"]+)"', package.read())
  return cli, version.group(1) if version else "unknown"


def server_factories(args, dynalite_cli):
  def cloudemu():
    return http_bench.ServerProcess("cloudemu", [args.cloudemu, "serve", "--port", "0"])

  def moto():
    port = http_bench.free_port()
    return http_bench.ServerProcess("moto", [sys.executable, "-m", "moto.server", "-p", str(port)], port=port)

  def dynalite():
    port = http_bench.free_port()
    # In memory; tables are ACTIVE at once instead of after dynalite's default half second.
    return http_bench.ServerProcess("dynalite", ["node", dynalite_cli, "--port", str(port), "--createTableMs", "0",
                                                 "--deleteTableMs", "0", "--updateTableMs", "0"], port=port)

  factories = {"cloudemu": cloudemu, "moto": moto}
  if dynalite_cli:
    factories["dynalite"] = dynalite
  return factories


def measure_load(server, args):
  """One round of the three wrk runs of a freshly started server."""
  prepare(server)
  return {key: http_bench.run_wrk(server.url, script, [TABLE], args.duration, args.connections, args.threads)
          for key, _, script in OPERATIONS}


def in_process_dynamodb(bench):
  return {name: value for name, value in http_bench.in_process_metrics(bench).items()
          if name.startswith("dynamodb_")}


def section(args, results, unavailable, versions, in_process, info):
  now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
  revision = subprocess.run(["git", "-C", http_bench.ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
  if subprocess.run(["git", "-C", http_bench.ROOT, "status", "--porcelain", "--untracked-files=no"],
                    capture_output=True, text=True).stdout.strip():
    revision += " + uncommitted changes"
  peers = [name for name in SERVERS[1:] if name in results]
  lines = [
      BEGIN_MARKER,
      "## HTTP: DynamoDB over the wire",
      "",
      "Generated by `bench/run_dynamodb_bench.py` (do not edit by hand; re-run it). All servers ran in the same run",
      "on the same machine, one at a time; no timing is asserted in any test.",
      "",
      f"- Date: {now}; CloudEmu revision `{revision}` (RelWithDebInfo build)",
      f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, Linux {info['kernel']}",
      f"- Peers: {', '.join(f'{name} {versions[name]}' for name in SERVERS[1:] if name in versions)}",
      f"- Load: {args.connections} keep-alive connections, {args.threads} wrk threads, {args.duration} s per "
      "measurement; the load generator shares the CPUs with the server",
      f"- Each load figure is the median of {args.rounds} rounds, the servers taking turns (the VM's speed drifts)",
      f"- Load average when the run started: {info['load']} (other work on the machine skews all servers alike)",
      "- Requests: awsJson1_0 bodies with a well-formed, unverified SigV4 header; table `pk` (S) + `sk` (N);",
      f"  PutItem writes a ~250-byte item to a fresh key, GetItem reads one item, Query reads one partition of "
      f"{QUERY_ITEMS} items",
  ]
  for name, reason in unavailable.items():
    lines.append(f"- {name}: not measured ({reason})")
  lines += ["", "Ratios are CloudEmu / peer: above 1 is better for req/s, below 1 is better for latency, time and "
            "memory.", ""]
  header = "| measurement | " + " | ".join(LABELS[name] for name in ("cloudemu", *peers))
  header += "".join(f" | CloudEmu / {LABELS[name]}" for name in peers) + " |"
  lines += [header, "|---" * (1 + (1 + 2 * len(peers))) + "|"]

  def row(label, value_of, text_of):
    ours = value_of(results["cloudemu"])
    cells = [text_of(value_of(results[name])) for name in ("cloudemu", *peers)]
    ratios = [http_bench.ratio(ours, value_of(results[name])) for name in peers]
    lines.append(f"| {label} | " + " | ".join(cells + ratios) + " |")

  for key, label, _ in OPERATIONS:
    row(f"{label} req/s", lambda result, key=key: result[key]["rps"], lambda value: f"{value:.0f}")
  for key, label, _ in OPERATIONS:
    row(f"{label} p99 latency", lambda result, key=key: result[key]["p99_ms"], lambda value: f"{value:.2f} ms")
  row(f"time to first response (median of {http_bench.STARTUP_SAMPLES} starts)", lambda result: result["startup_ms"],
      lambda value: f"{value:.0f} ms")
  row("idle RSS after start", lambda result: result["rss_mib"], lambda value: f"{value:.1f} MiB")
  lines += ["", "Errors during the runs (non-2xx answers / socket errors):", ""]
  for name in ("cloudemu", *peers):
    for key, label, _ in OPERATIONS:
      result = results[name][key]
      lines.append(f"- {name} {label}: {result['requests']} requests, {result['non_2xx']} non-2xx, "
                   f"socket errors: {result['socket_errors']}")
  if in_process:
    lines += ["", "In process (`cloudemu_bench`, typed `DynamoDBView`, no HTTP; items as DynamoDB JSON text):", "",
              "| measurement | value |", "|---|---|"]
    for name, (value, unit) in in_process.items():
      lines.append(f"| {name} | {value:,.2f} {unit} |")
  lines += ["", "Reproduce:", "", "```console", "cmake --build build --target cloudemu_cli cloudemu_bench",
            "python3 bench/run_dynamodb_bench.py --cloudemu build/src/cloudemu --bench build/bench/cloudemu_bench",
            "```", END_MARKER]
  return "\n".join(lines)



def main():
  parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument("--cloudemu", required=True, help="the cloudemu binary")
  parser.add_argument("--bench", help="the cloudemu_bench binary (in-process figures)")
  parser.add_argument("--duration", type=int, default=10)
  parser.add_argument("--connections", type=int, default=16)
  parser.add_argument("--threads", type=int, default=2)
  http_bench.add_rounds_option(parser)
  parser.add_argument("--peers-dir", default=os.path.join(tempfile.gettempdir(), "cloudemu-bench-peers"),
                      help="where npm installs dynalite (outside the repository)")
  parser.add_argument("--output", default=os.path.join(http_bench.ROOT, "docs", "benchmarks.md"))
  args = parser.parse_args()
  if not shutil.which("wrk"):
    sys.exit("wrk is not installed (Debian package wrk)")

  info = http_bench.machine()
  versions = {"moto": http_bench.version_of([sys.executable, "-c", "import moto; print(moto.__version__)"])}
  unavailable = {}
  dynalite_cli, detail = install_dynalite(args.peers_dir)
  if dynalite_cli:
    versions["dynalite"] = f"{detail} (node {http_bench.version_of(['node', '--version'])})"
  else:
    unavailable["dynalite"] = detail
    print(f"dynalite unavailable: {detail}", flush=True)
  factories = server_factories(args, dynalite_cli)
  results = http_bench.measure_in_rounds(factories, args.rounds, lambda server: measure_load(server, args),
                                         unavailable)
  for name, result in results.items():
    result["startup_ms"] = http_bench.startup_samples(factories[name])
  in_process = in_process_dynamodb(args.bench)
  http_bench.write_marked_section(args.output, BEGIN_MARKER, END_MARKER, section(args, results, unavailable, versions, in_process, info))
  print(f"wrote the DynamoDB section of {args.output}")


if __name__ == "__main__":
  main()
